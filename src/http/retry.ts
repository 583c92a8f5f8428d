/** Pure decisions about transient failures; the loop that applies them lives in http.ts. */

// Its own module: the API call and the review pace polls by it without loading the decisions.
export { parseRetryAfterMs } from './retry-after.js'

export const BACKOFF_BASE_MS = 1000
export const BACKOFF_CAP_MS = 10_000
/** A provider asking us to wait longer than this is rate-limiting us for real: give up and say so. */
export const MAX_RETRY_AFTER_MS = 60_000

/** Status codes worth another attempt: the server may answer differently in a moment. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599)
}

const TRANSIENT_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
  'HPE_INVALID_CONSTANT',
  'DEADLINE'
])

/** Network failures that a second attempt can cure. ENOTFOUND is not one of them: it is a typo. */
export function isTransientErrorCode(code: string | undefined): boolean {
  return code !== undefined && TRANSIENT_ERROR_CODES.has(code)
}

/** Whether a failed attempt may have been processed by the server (matters under rotation). */
export function mayHaveReachedServer(failure: { code?: string; status?: number }): boolean {
  if (failure.status !== undefined) return failure.status !== 429 && failure.status !== 503
  return (
    failure.code !== 'ECONNREFUSED' && failure.code !== 'EAI_AGAIN' && failure.code !== 'ENOTFOUND'
  )
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))). */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1))
  return Math.floor(random() * ceiling)
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | {
      retry: false
      reason: 'not-transient' | 'attempts-exhausted' | 'retry-after-too-long' | 'out-of-time'
    }

/**
 * One request with all its retries and the waits between them (Retry-After included) ends within
 * timeout × max_attempts: the bound the README states for a token request or one poll.
 */
export function chainLimitMs(settings: { timeoutMs: number; maxAttempts: number }): number {
  return settings.timeoutMs * settings.maxAttempts
}

/**
 * An attempt squeezed into less than this is not worth sending: half the timeout, at most 1 s.
 * A retry that would leave less than it before the chain's limit is not made.
 */
export function minAttemptMs(timeoutMs: number): number {
  return Math.min(1000, timeoutMs / 2)
}

/** The longest Retry-After that is still waited, given the time the chain has left. */
export function retryAfterLimitMs(remainingMs: number | undefined, timeoutMs: number): number {
  if (remainingMs === undefined) return MAX_RETRY_AFTER_MS
  return Math.max(0, Math.min(MAX_RETRY_AFTER_MS, remainingMs - minAttemptMs(timeoutMs)))
}

/** Decides whether attempt `attempt` (1-based) that just failed is followed by another. */
export function decideRetry(opts: {
  attempt: number
  maxAttempts: number
  transient: boolean
  retryAfterMs?: number
  random?: () => number
  /** Time left before the chain's limit (chainLimitMs); undefined: no limit. */
  remainingMs?: number
  /** The per-attempt timeout, which sets the shortest attempt worth making. */
  timeoutMs?: number
}): RetryDecision {
  if (!opts.transient) return { retry: false, reason: 'not-transient' }
  const timeoutMs = opts.timeoutMs ?? Infinity
  // Checked first: "asked to wait 120 s" is the useful message even on the last attempt.
  if (
    opts.retryAfterMs !== undefined &&
    opts.retryAfterMs > retryAfterLimitMs(opts.remainingMs, timeoutMs)
  ) {
    return { retry: false, reason: 'retry-after-too-long' }
  }
  if (opts.attempt >= opts.maxAttempts) return { retry: false, reason: 'attempts-exhausted' }
  const backoff = backoffDelayMs(opts.attempt, opts.random)
  const delayMs = Math.max(backoff, opts.retryAfterMs ?? 0)
  if (opts.remainingMs !== undefined && opts.remainingMs - delayMs < minAttemptMs(timeoutMs)) {
    return { retry: false, reason: 'out-of-time' }
  }
  return { retry: true, delayMs }
}
