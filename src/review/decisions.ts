import type { ReviewFailOn } from '../settings/review-settings.js'
import type { ReviewResult, ReviewState } from './review-api.js'

/** Pure decisions of the review: accepted, done, passed, how long to wait, when to refresh. */

const ACCEPTED_OR_LATER = new Set(['ACCEPTED', 'PROCESSING', 'PROCESSED'])

/** A trigger whose task is FUTURE, THROTTLED or missing was not taken on. */
export function isTriggerAccepted(taskStatus: string | undefined): boolean {
  return taskStatus !== undefined && ACCEPTED_OR_LATER.has(taskStatus)
}

/** PROCESSED, and for a PullRequest also no longer `is_processing`. */
export function isReviewDone(state: Pick<ReviewState, 'taskStatus' | 'isProcessing'>): boolean {
  return state.taskStatus === 'PROCESSED' && state.isProcessing !== true
}

export interface Verdict {
  /** The review_passed output. */
  passed: boolean
  /** Whether the step fails on it (review_fail_on). */
  failsStep: boolean
  why: 'passed' | 'warnings' | 'not_passed' | 'outcome' | 'no_result'
}

/**
 * A finished review passes on PASSED, on PASSED_WITH_WARNINGS unless review_fail_on is warnings,
 * and never with an outcome other than SUCCESS (the plugin misses that: PROCESSED is not passed).
 * `never` reports without failing the step.
 */
export function decideVerdict(
  result: ReviewResult | undefined,
  outcome: string | undefined,
  failOn: ReviewFailOn
): Verdict {
  const gate = failOn !== 'never'
  if (outcome !== undefined && outcome !== 'SUCCESS') {
    return { passed: false, failsStep: gate, why: 'outcome' }
  }
  if (result === undefined) return { passed: false, failsStep: gate, why: 'no_result' }
  if (result === 'NOT_PASSED') return { passed: false, failsStep: gate, why: 'not_passed' }
  if (result === 'PASSED_WITH_WARNINGS' && failOn === 'warnings') {
    return { passed: false, failsStep: true, why: 'warnings' }
  }
  return { passed: true, failsStep: false, why: 'passed' }
}

export type PollDecision = { wait: true; delayMs: number } | { wait: false }

/**
 * The next poll comes after review_poll_interval, or later when the service asked (Retry-After);
 * `wait: false` when that poll would come after review_timeout.
 */
export function nextPollDelay(opts: {
  intervalMs: number
  retryAfterMs?: number
  elapsedMs: number
  timeoutMs: number
}): PollDecision {
  const delayMs = Math.max(opts.intervalMs, opts.retryAfterMs ?? 0)
  if (opts.elapsedMs + delayMs > opts.timeoutMs) return { wait: false }
  return { wait: true, delayMs }
}

/** Refresh this long before expiry: a minute, or a quarter of a short lifetime. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 4)
}

/** Whether the access token should be refreshed before the next request. */
export function isTokenExpiring(opts: {
  expiresAtMs?: number
  lifetimeMs?: number
  nowMs: number
}): boolean {
  if (opts.expiresAtMs === undefined || opts.lifetimeMs === undefined) return false
  return opts.expiresAtMs - opts.nowMs <= refreshMarginMs(opts.lifetimeMs)
}

export const SEVERITY_ORDER = ['CRITICAL', 'ERROR', 'WARNING'] as const

/** CRITICAL first, then ERROR, WARNING, then anything else (INFO, NOTE, …). */
export function severityRank(severity: string): number {
  const index = (SEVERITY_ORDER as readonly string[]).indexOf(severity.toUpperCase())
  return index < 0 ? SEVERITY_ORDER.length : index
}

/** The review_violations output: the three gate severities always present, others as sent. */
export function violationCounts(violations: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { CRITICAL: 0, ERROR: 0, WARNING: 0 }
  for (const [severity, count] of Object.entries(violations)) out[severity] = count
  return out
}

/** `1 critical, 2 errors, 5 warnings`; empty when there is nothing to count. */
export function describeViolations(violations: Record<string, number>): string {
  const v = violationCounts(violations)
  const words: Array<[string, string, string]> = [
    ['CRITICAL', 'critical', 'critical'],
    ['ERROR', 'error', 'errors'],
    ['WARNING', 'warning', 'warnings']
  ]
  return words
    .filter(([key]) => v[key] > 0)
    .map(([key, one, many]) => `${v[key]} ${v[key] === 1 ? one : many}`)
    .join(', ')
}
