// Part http: the one HTTP client of a run, its retry decisions and URL rules. Knows no OAuth and no API.
import { closeSync, fchmodSync, mkdirSync, openSync, writeSync } from 'node:fs'
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { HttpClient, type HttpClientResponse } from '@actions/http-client'
import { ActionError, ResponseTooLargeError } from '../common/errors.js'
import { formatBytes, formatSize } from '../common/text.js'
import { describeUrl } from './url.js'

import {
  chainLimitMs,
  decideRetry,
  isTransientErrorCode,
  retryAfterLimitMs,
  isTransientStatus,
  mayHaveReachedServer,
  parseRetryAfterMs
} from './retry.js'

// Re-exported: callers that send requests name the limits in the same words.
export { ResponseTooLargeError } from '../common/errors.js'
export { formatBytes, formatSize } from '../common/text.js'

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
  bodyFile?: { path: string; maxBytes: number; input: string }
}

/** Token, revocation and secret responses are small: a server sending more is broken or hostile. */
export const MAX_BODY_BYTES = 1024 * 1024

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

/** A body over its limit: not retried, since the same server will send the same again. */

export interface HttpSettings {
  timeoutMs: number
  maxAttempts: number
}

export type Logger = (message: string) => void

class DeadlineError extends Error {
  readonly code = 'DEADLINE'
}

/** The one keep-alive client of the run: token request and API calls share its connections. */
/** What the parts need of the client; main hands them one that loads on first use (on-demand.ts). */
export type HttpSender = Pick<Http, 'send'>

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
        failure = { code, description: describeNetworkError(error, request, this.settings) }
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
      const { head, bytes } = await readBody(response, request)
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

/**
 * Reads the body with memory bounded by maxBodyBytes whatever the server sends: over it, either
 * the request fails (the socket is dropped unread) or, with bodyFile, the rest only goes to disk.
 */
async function readBody(
  response: HttpClientResponse,
  request: HttpRequest
): Promise<{ head: Buffer; bytes: number }> {
  const message = response.message
  const keep = request.maxBodyBytes ?? MAX_BODY_BYTES
  const file = request.bodyFile
  // A HEAD answer declares the length of a body it does not send.
  const declared = request.method === 'HEAD' ? NaN : Number(message.headers['content-length'])
  // `length`: the size from Content-Length, before reading; else the limit was crossed mid-body.
  const tooLarge = (limit: number, what: string, length?: number) => {
    message.destroy()
    const size =
      length === undefined
        ? `over the ${formatBytes(limit)} limit ${what}; the rest was not read`
        : `${formatSize(length)} (Content-Length), over the ${formatBytes(limit)} limit ${what}; it was not read`
    return new ResponseTooLargeError(
      `${request.label} to ${describeUrl(request.url)} failed: the response body is ${size}. No token endpoint or API the action is meant for answers this much: check the URL.`
    )
  }
  if (!file && Number.isFinite(declared) && declared > keep) {
    throw tooLarge(keep, 'for this response', declared)
  }
  if (file && Number.isFinite(declared) && declared > file.maxBytes) {
    throw tooLarge(file.maxBytes, `for ${file.input}`, declared)
  }
  const chunks: Buffer[] = []
  let kept = 0
  let bytes = 0
  const fd = file ? openBodyFile(file, message) : undefined
  try {
    // Each chunk is in the file before the next is read: memory stays flat. The writes are
    // synchronous (a local file): async ones would start libuv's thread pool for them, a cost
    // measured on every run with an API call (README, Performance).
    await eachChunk(message, chunk => {
      bytes += chunk.length
      if (fd !== undefined && file) {
        if (bytes > file.maxBytes) {
          throw tooLarge(file.maxBytes, `for ${file.input}`)
        }
        writeWhole(fd, chunk, file)
      } else if (bytes > keep) {
        throw tooLarge(keep, 'for this response')
      }
      if (kept < keep) {
        const part = kept + chunk.length <= keep ? chunk : chunk.subarray(0, keep - kept)
        chunks.push(part)
        kept += part.length
      }
    })
  } catch (error) {
    if (error instanceof ActionError) {
      message.destroy()
      throw error
    }
    throw Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' })
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  // A body cut short of its Content-Length ends without an error event on some Node versions.
  if (!message.complete) {
    throw Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' })
  }
  return { head: Buffer.concat(chunks), bytes }
}

/**
 * Hands each chunk of the body to `take` as it arrives; resolves when the body ends or the
 * connection closes (the caller tells the two apart by `complete`), rejects with the error of the
 * stream or the first one `take` throws, after which no chunk is taken. Events rather than
 * `for await`: the async iterator's machinery cost about 0.5 ms of every run, for one chunk.
 */
function eachChunk(message: IncomingMessage, take: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      message.off('data', onData)
      reject(error)
    }
    const onData = (chunk: Buffer) => {
      try {
        take(chunk)
      } catch (error) {
        fail(error)
      }
    }
    message.on('data', onData)
    message.once('end', () => resolve())
    message.once('close', () => resolve())
    message.on('error', fail)
  })
}

/** Created 0600, and made so if it already existed: the body may hold what the token can read. */
function openBodyFile(
  file: NonNullable<HttpRequest['bodyFile']>,
  message: HttpClientResponse['message']
): number {
  let fd: number | undefined
  try {
    mkdirSync(dirname(file.path), { recursive: true })
    fd = openSync(file.path, 'w', 0o600)
    fchmodSync(fd, 0o600)
    return fd
  } catch (error) {
    if (fd !== undefined) closeSync(fd)
    message.destroy()
    throw fileError(file, error)
  }
}

/** writeSync may write less than it is given (a full disk, a signal): the rest goes after it. */
function writeWhole(fd: number, chunk: Buffer, file: NonNullable<HttpRequest['bodyFile']>): void {
  try {
    for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at)
  } catch (error) {
    throw fileError(file, error)
  }
}

function fileError(file: NonNullable<HttpRequest['bodyFile']>, error: unknown): ActionError {
  const code = (error as { code?: string }).code ?? String(error)
  return new ActionError(
    `Could not write the response body to ${file.path} (${code}). Check ${file.input}: its folder must be writable by the runner.`
  )
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
