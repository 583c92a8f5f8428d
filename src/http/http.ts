// Part http: the one HTTP client of a run, its retry decisions and URL rules. Knows no OAuth and no API.
import type { IncomingHttpHeaders } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { HttpClient, type HttpClientResponse } from '@actions/http-client'
import { ActionError } from '../common/errors.js'
import { describeUrl } from './url.js'
import {
  decideRetry,
  isTransientErrorCode,
  isTransientStatus,
  mayHaveReachedServer,
  parseRetryAfterMs
} from './retry.js'

export interface HttpRequest {
  method: string
  url: URL
  headers: Record<string, string>
  body?: string
  /** Names the request in messages: "Token request", "API call". */
  label: string
  /**
   * `always`: retry every transient failure (idempotent requests, and the token request, which the
   * issue asks to retry). `unsent`: only failures where the request cannot have reached the server.
   */
  retry: 'always' | 'unsent'
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  attempts: number
  /** An earlier attempt failed in a way the server may still have processed (reset, timeout, 5xx). */
  earlierAttemptMayHaveLanded: boolean
  /** Set when retries stopped because the server asked us to wait longer than we will. */
  retryAfterMs?: number
}

export interface HttpSettings {
  timeoutMs: number
  maxAttempts: number
}

export type Logger = (message: string) => void

class DeadlineError extends Error {
  readonly code = 'DEADLINE'
}

/** The one keep-alive client of the run: token request and API calls share its connections. */
export class Http {
  private readonly client: HttpClient

  constructor(
    userAgent: string,
    private readonly settings: HttpSettings,
    private readonly log: Logger = () => {},
    private readonly random: () => number = Math.random
  ) {
    this.client = new HttpClient(userAgent, [], {
      keepAlive: true,
      // Redirects would resend credentials to wherever the Location points; a token endpoint or
      // API that redirects is misconfigured, and the status says so.
      allowRedirects: false,
      allowRetries: false,
      // Our own deadline (below) covers the whole exchange; this only backs it up.
      socketTimeout: settings.timeoutMs + 1000
    })
  }

  /** Sends with retries on transient failures; returns the last response, whatever its status. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    let earlierAttemptMayHaveLanded = false
    for (let attempt = 1; ; attempt++) {
      let failure: { code?: string; status?: number; description: string }
      let retryAfterMs: number | undefined
      let response: Omit<HttpResponse, 'attempts' | 'earlierAttemptMayHaveLanded'> | undefined
      try {
        response = await this.sendOnce(request)
        if (!isTransientStatus(response.status)) {
          return { ...response, attempts: attempt, earlierAttemptMayHaveLanded }
        }
        const retryAfter = response.headers['retry-after']
        retryAfterMs = parseRetryAfterMs(
          Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          Date.now()
        )
        failure = { status: response.status, description: `HTTP ${response.status}` }
      } catch (error) {
        const code = (error as { code?: string }).code
        failure = { code, description: describeNetworkError(error, request, this.settings) }
        if (!isTransientErrorCode(code)) {
          throw new ActionError(`${request.label} failed: ${failure.description}`)
        }
      }
      // Any response proves the request was sent; `unsent` only retries failures to connect.
      const transient =
        request.retry === 'always' ||
        (failure.status === undefined && !mayHaveReachedServer({ code: failure.code }))
      const decision = decideRetry({
        attempt,
        maxAttempts: this.settings.maxAttempts,
        transient,
        retryAfterMs,
        random: this.random
      })
      if (!decision.retry) {
        if (response) {
          return {
            ...response,
            attempts: attempt,
            earlierAttemptMayHaveLanded,
            retryAfterMs: decision.reason === 'retry-after-too-long' ? retryAfterMs : undefined
          }
        }
        const why =
          decision.reason === 'attempts-exhausted'
            ? `after ${attempt} attempt${attempt === 1 ? '' : 's'}`
            : '(not retried: the request may already have been processed)'
        throw new ActionError(
          `${request.label} to ${describeUrl(request.url)} failed ${why}: ${failure.description}. Check that the service is reachable from the runner; raise max_attempts or timeout if it is slow.`
        )
      }
      if (mayHaveReachedServer(failure)) earlierAttemptMayHaveLanded = true
      this.log(
        `${request.label}: attempt ${attempt} of ${this.settings.maxAttempts} failed (${failure.description}); retrying in ${(decision.delayMs / 1000).toFixed(1)} s`
      )
      await sleep(decision.delayMs)
    }
  }

  /** One attempt under a deadline that covers connecting, sending and reading the last byte. */
  private async sendOnce(
    request: HttpRequest
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    let response: HttpClientResponse | undefined
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Tear the socket down so a hung or trickling server cannot keep the process alive.
        if (response) response.message.destroy()
        else this.client.getAgent(request.url.href).destroy()
        reject(new DeadlineError('deadline'))
      }, this.settings.timeoutMs)
    })
    const exchange = (async () => {
      response = await this.client.request(
        request.method,
        request.url.href,
        request.body ?? null,
        request.headers
      )
      const body = await readBody(response)
      return { status: response.message.statusCode ?? 0, headers: response.message.headers, body }
    })()
    exchange.catch(() => {}) // the deadline may win the race; its loser must not go unhandled
    try {
      return await Promise.race([exchange, deadline])
    } finally {
      clearTimeout(timer)
    }
  }

  /** Closes kept-alive sockets so the process can exit. */
  dispose(): void {
    this.client.dispose()
  }
}

function readBody(response: HttpClientResponse): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    response.message.on('data', (chunk: Buffer) => chunks.push(chunk))
    response.message.on('end', () => {
      // A body cut short of its Content-Length ends without an error event on some Node versions.
      if (!response.message.complete) {
        reject(Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' }))
      } else resolve(Buffer.concat(chunks))
    })
    response.message.on('error', reject)
    response.message.on('aborted', () =>
      reject(Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' }))
    )
  })
}

function describeNetworkError(
  error: unknown,
  request: HttpRequest,
  settings: HttpSettings
): string {
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  // The toolkit's proxy tunnel reports a dead proxy as a reset: name the proxy, not the host.
  if (message.startsWith('tunneling socket could not be established')) {
    const cause = message.replace(/^tunneling socket could not be established,\s*/, '')
    return `the proxy from https_proxy/http_proxy could not open a tunnel to ${request.url.host} (${cause}). Check the proxy settings, or add the host to no_proxy`
  }
  switch (code) {
    case 'DEADLINE':
      return `no complete answer within ${settings.timeoutMs / 1000} s (timeout)`
    case 'ENOTFOUND':
      return `the host name ${request.url.hostname} does not resolve (ENOTFOUND). Check base_url / token_url for a typo`
    case 'ECONNREFUSED':
      return `connection refused by ${request.url.host} (ECONNREFUSED)`
    case 'ECONNRESET':
      return `the connection was closed before the answer was complete (ECONNRESET)`
    case undefined:
      return `network error (${(error as Error).message ?? String(error)})`
    default:
      return `network error ${code}`
  }
}
