import type { ReviewFailOn } from '../settings/review-settings.js'
import type { ReviewResult, ReviewState } from './review-api.js'

/** Pure decisions of the review: accepted, done, passed, how long to wait, when to refresh. */

const TASK_STATUSES = new Set(['FUTURE', 'THROTTLED', 'ACCEPTED', 'PROCESSING', 'PROCESSED'])
/** Task outcomes that mean the review will not run (or did not run to the end). */
const REFUSED_OUTCOMES = new Set(['CANCELLED', 'ABORTED', 'INTERRUPTED', 'ERROR'])
/** Undocumented statuses that, with a pending outcome, read as waiting in line. */
const QUEUED_STATUSES = new Set(['FUTURE', 'THROTTLED'])

export function isRefusedOutcome(outcome: string | undefined): boolean {
  return outcome !== undefined && REFUSED_OUTCOMES.has(outcome)
}

/**
 * What a trigger's answer means. Only a refused outcome (or no task status the plugin knows) is a
 * refusal; FUTURE and THROTTLED with a pending outcome are a review waiting in line.
 */
export function judgeTrigger(
  state: Pick<ReviewState, 'taskStatus' | 'taskOutcome'>
): 'accepted' | 'queued' | 'refused' {
  if (isRefusedOutcome(state.taskOutcome)) return 'refused'
  if (state.taskStatus === undefined || !TASK_STATUSES.has(state.taskStatus)) return 'refused'
  return QUEUED_STATUSES.has(state.taskStatus) ? 'queued' : 'accepted'
}

export function isQueued(state: Pick<ReviewState, 'taskStatus' | 'taskOutcome'>): boolean {
  return judgeTrigger(state) === 'queued'
}

/** PROCESSED, and for a PullRequest also no longer `is_processing`. */
export function isReviewDone(state: Pick<ReviewState, 'taskStatus' | 'isProcessing'>): boolean {
  return state.taskStatus === 'PROCESSED' && state.isProcessing !== true
}

export type Freshness = { fresh: true } | { fresh: false; why: string }

/**
 * Whether an answer's report is the verdict for this commit. The pull request resource is shared
 * with the provider's own webhook reviews, so right after a trigger it can still show the previous
 * commit's finished report. A report of another commit, or one marked obsolete, is not this
 * commit's; an answer that names no commit is taken as it is.
 */
export function judgeFreshness(
  state: Pick<ReviewState, 'revisionSha' | 'obsolete'>,
  headSha: string | undefined
): Freshness {
  if (headSha && state.revisionSha && !sameCommit(state.revisionSha, headSha)) {
    return {
      fresh: false,
      why: `its report is of commit ${state.revisionSha.slice(0, 12)}, not ${headSha.slice(0, 12)}`
    }
  }
  if (state.obsolete === true) return { fresh: false, why: 'its report is marked obsolete' }
  return { fresh: true }
}

/** Shas compare case-insensitively, a short sha (7+) matching the full one it starts. */
export function sameCommit(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()]
  return x.startsWith(y) || y.startsWith(x)
}

/**
 * The wait ends on a refused outcome, or on a finished review of this commit; a finished report of
 * another commit is passed over.
 */
export function judgePoll(
  state: Pick<
    ReviewState,
    'taskStatus' | 'taskOutcome' | 'isProcessing' | 'revisionSha' | 'obsolete' | 'statusCheck'
  > &
    Partial<Pick<ReviewState, 'policies'>>,
  headSha: string | undefined,
  gateOnStatusCheck = false
): { done: true } | { done: false; staleWhy?: string } {
  if (isRefusedOutcome(state.taskOutcome) && state.taskStatus !== 'PROCESSED') return { done: true }
  if (!isReviewDone(state)) return { done: false }
  const freshness = judgeFreshness(state, headSha)
  if (!freshness.fresh) return { done: false, staleWhy: freshness.why }
  // The provider publishes its status check (or approval) after the review: PENDING is waited for.
  if (gateOnStatusCheck && isCheckPending(state)) return { done: false }
  return { done: true }
}

export function isCheckPending(
  state: Pick<ReviewState, 'statusCheck'> & Partial<Pick<ReviewState, 'policies'>>
): boolean {
  return (
    state.statusCheck === 'PENDING' || (state.policies ?? []).some(p => p.statusCheck === 'PENDING')
  )
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
