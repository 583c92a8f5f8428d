// Part http: the one HTTP client of a run and its retry loop (decisions in retry.ts, the bounded body
// in body.ts, failure descriptions in network-errors.ts). Knows no OAuth and no API.
import type { IncomingHttpHeaders } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { HttpClient, type HttpClientResponse } from '@actions/http-client'
import { ActionError } from '../common/errors.js'
import { describeUrl } from '../common/url.js'
import { readBody, type BodyFile } from './body.js'
import { DeadlineError, describeNetworkError } from './network-errors.js'
import {
  chainLimitMs,
  decideRetry,
  isTransientErrorCode,
  retryAfterLimitMs,
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
  /**
   * The most of the body held in memory (default MAX_BODY_BYTES). Over it the request fails,
   * unless bodyFile is set: then the rest goes to the file only.
   */
  maxBodyBytes?: number
  /** Write the whole body to this file (mode 0600) as it arrives, up to maxBytes; `input` names it. */
  bodyFile?: BodyFile
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  /** The body, or with bodyFile its first maxBodyBytes. */
  body: Buffer
  /** The body's whole length, when it is longer than `body` (only with bodyFile). */
  bodyBytes?: number
  attempts: number
  /** An earlier attempt failed in a way the server may still have processed (reset, timeout, 5xx). */
  earlierAttemptMayHaveLanded: boolean
  /** Set when retries stopped because the server asked us to wait longer than we will. */
  retryAfterMs?: number
  /** With retryAfterMs: the longest wait this request still had room for. */
  retryAfterLimitMs?: number
}

export interface HttpSettings {
  timeoutMs: number
  maxAttempts: number
}

export type Logger = (message: string) => void

/** What the parts need of the client; main hands them one that loads on first use (on-demand.ts). */
export type HttpSender = Pick<Http, 'send'>

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
    const { timeoutMs } = this.settings
    // One bound for the request and all its retries and waits, not only for each attempt.
    const started = Date.now()
    const limitMs = chainLimitMs(this.settings)
    for (let attempt = 1; ; attempt++) {
      let failure: { code?: string; status?: number; description: string }
      let retryAfterMs: number | undefined
      let response: Omit<HttpResponse, 'attempts' | 'earlierAttemptMayHaveLanded'> | undefined
      // The last attempt gets what is left of the bound (decideRetry left room for a useful one).
      const attemptMs = Math.max(1, Math.min(timeoutMs, limitMs - (Date.now() - started)))
      try {
        response = await this.sendOnce(request, attemptMs)
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
        // Our own verdicts (a body over its limit, a file that cannot be written) are final.
        if (error instanceof ActionError) throw error
        const code = (error as { code?: string }).code
        failure = { code, description: describeNetworkError(error, request.url, timeoutMs) }
        if (!isTransientErrorCode(code)) {
          throw new ActionError(`${request.label} failed: ${failure.description}`)
        }
      }
      // Any response proves the request was sent; `unsent` only retries failures to connect.
      const transient =
        request.retry === 'always' ||
        (failure.status === undefined && !mayHaveReachedServer({ code: failure.code }))
      const remainingMs = limitMs - (Date.now() - started)
      const decision = decideRetry({
        attempt,
        maxAttempts: this.settings.maxAttempts,
        transient,
        retryAfterMs,
        random: this.random,
        remainingMs,
        timeoutMs
      })
      if (!decision.retry) {
        if (response) {
          const tooLong = decision.reason === 'retry-after-too-long'
          return {
            ...response,
            attempts: attempt,
            earlierAttemptMayHaveLanded,
            retryAfterMs: tooLong ? retryAfterMs : undefined,
            retryAfterLimitMs: tooLong ? retryAfterLimitMs(remainingMs, timeoutMs) : undefined
          }
        }
        const attempts = `${attempt} attempt${attempt === 1 ? '' : 's'}`
        const why =
          decision.reason === 'attempts-exhausted'
            ? `after ${attempts}`
            : decision.reason === 'out-of-time'
              ? `after ${attempts} in ${((Date.now() - started) / 1000).toFixed(1)} s (the limit for one request with its retries is timeout × max_attempts, ${limitMs / 1000} s)`
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
    request: HttpRequest,
    deadlineMs: number
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer; bodyBytes?: number }> {
    let response: HttpClientResponse | undefined
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Tear the socket down so a hung or trickling server cannot keep the process alive.
        if (response) response.message.destroy()
        else this.client.getAgent(request.url.href).destroy()
        reject(new DeadlineError('deadline'))
      }, deadlineMs)
    })
    const exchange = (async () => {
      response = await this.client.request(
        request.method,
        request.url.href,
        request.body ?? null,
        request.headers
      )
      const { head, bytes } = await readBody(response.message, request)
      return {
        status: response.message.statusCode ?? 0,
        headers: response.message.headers,
        body: head,
        bodyBytes: bytes > head.length ? bytes : undefined
      }
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
