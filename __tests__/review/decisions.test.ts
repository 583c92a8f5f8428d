import { describe, expect, test } from '@jest/globals'
import {
  decideVerdict,
  describeViolations,
  isReviewDone,
  isTokenExpiring,
  judgeFreshness,
  judgePoll,
  judgeTrigger,
  nextPollDelay,
  refreshMarginMs,
  severityRank,
  violationCounts
} from '../../src/review/decisions.js'

describe('judgeTrigger: queued is not refused', () => {
  test.each([
    ['FUTURE', 'PENDING', 'queued'],
    ['THROTTLED', 'PENDING', 'queued'],
    ['THROTTLED', undefined, 'queued'],
    ['ACCEPTED', undefined, 'accepted'],
    ['ACCEPTED', 'PENDING', 'accepted'],
    ['PROCESSING', 'PENDING', 'accepted'],
    ['PROCESSED', 'SUCCESS', 'accepted'],
    // Only a refused outcome, or no task status at all, is a refusal.
    ['THROTTLED', 'CANCELLED', 'refused'],
    ['FUTURE', 'ABORTED', 'refused'],
    ['ACCEPTED', 'INTERRUPTED', 'refused'],
    ['PROCESSED', 'ERROR', 'refused'],
    [undefined, undefined, 'refused'],
    ['RUNNING', 'PENDING', 'refused']
  ])('%p, outcome %p → %p', (taskStatus, taskOutcome, judged) => {
    expect(judgeTrigger({ taskStatus, taskOutcome })).toBe(judged)
  })
})

describe('judgeFreshness: a verdict only from a report of this commit', () => {
  const HEAD = '0123456789abcdef0123456789abcdef01234567'
  test.each([
    [{ revisionSha: HEAD }, HEAD, true],
    [{ revisionSha: HEAD, obsolete: false }, HEAD, true],
    // A short sha matches the full one it starts.
    [{ revisionSha: HEAD }, '0123456', true],
    [{ revisionSha: HEAD.toUpperCase() }, HEAD, true],
    [{ revisionSha: 'ffffffffffffffffffffffffffffffffffffffff' }, HEAD, false],
    [{ revisionSha: HEAD, obsolete: true }, HEAD, false],
    // No sha in the answer, or none expected: today's rules (obsolete still counts).
    [{}, HEAD, true],
    [{ revisionSha: HEAD }, undefined, true],
    [{ obsolete: true }, undefined, false]
  ])('%p against %p → fresh %p', (state, head, fresh) => {
    expect(judgeFreshness(state, head).fresh).toBe(fresh)
  })

  test('the reason names both commits', () => {
    const judged = judgeFreshness({ revisionSha: 'fffffffffffff0' }, HEAD)
    expect(judged).toEqual({
      fresh: false,
      why: expect.stringMatching(/fffffffffff.*0123456789ab/)
    })
  })
})

describe('judgePoll', () => {
  const HEAD = 'abcdef1'
  test.each([
    [{ taskStatus: 'PROCESSING' }, { done: false }],
    [{ taskStatus: 'THROTTLED', taskOutcome: 'PENDING' }, { done: false }],
    [{ taskStatus: 'THROTTLED', taskOutcome: 'CANCELLED' }, { done: true }],
    [{ taskStatus: 'PROCESSED', revisionSha: 'abcdef1234' }, { done: true }],
    [
      { taskStatus: 'PROCESSED', revisionSha: '9999999999', obsolete: true },
      { done: false, staleWhy: expect.stringMatching(/commit 9999999999, not abcdef1/) }
    ],
    [{ taskStatus: 'PROCESSED', isProcessing: true, revisionSha: 'abcdef1' }, { done: false }]
  ])('%p → %p', (state, judged) => {
    expect(judgePoll(state, HEAD)).toEqual(judged)
  })
})

describe('isReviewDone', () => {
  test.each([
    [{ taskStatus: 'PROCESSING' }, false],
    [{ taskStatus: 'THROTTLED' }, false],
    [{ taskStatus: 'PROCESSED' }, true],
    [{ taskStatus: 'PROCESSED', isProcessing: false }, true],
    // A PullRequest still processing is not done, whatever its task says.
    [{ taskStatus: 'PROCESSED', isProcessing: true }, false],
    [{ taskStatus: undefined }, false]
  ])('%p → %p', (state, done) => {
    expect(isReviewDone(state)).toBe(done)
  })
})

describe('decideVerdict', () => {
  test.each([
    ['PASSED', 'SUCCESS', 'not_passed', true, false, 'passed'],
    ['PASSED', 'SUCCESS', 'warnings', true, false, 'passed'],
    ['PASSED', 'SUCCESS', 'never', true, false, 'passed'],
    ['PASSED_WITH_WARNINGS', 'SUCCESS', 'not_passed', true, false, 'passed'],
    ['PASSED_WITH_WARNINGS', 'SUCCESS', 'warnings', false, true, 'warnings'],
    ['PASSED_WITH_WARNINGS', 'SUCCESS', 'never', true, false, 'passed'],
    ['NOT_PASSED', 'SUCCESS', 'not_passed', false, true, 'not_passed'],
    ['NOT_PASSED', 'SUCCESS', 'warnings', false, true, 'not_passed'],
    ['NOT_PASSED', 'SUCCESS', 'never', false, false, 'not_passed'],
    // PROCESSED is not passed: the outcome must be SUCCESS.
    ['PASSED', 'ERROR', 'not_passed', false, true, 'outcome'],
    ['PASSED', 'CANCELLED', 'warnings', false, true, 'outcome'],
    ['PASSED', 'ABORTED', 'never', false, false, 'outcome'],
    [undefined, 'SUCCESS', 'not_passed', false, true, 'no_result'],
    [undefined, undefined, 'never', false, false, 'no_result'],
    ['PASSED', undefined, 'not_passed', true, false, 'passed']
  ] as const)(
    '%p, outcome %p, fail_on %p → passed %p, fails %p (%p)',
    (result, outcome, failOn, passed, fails, why) => {
      expect(decideVerdict(result, outcome, failOn)).toEqual({ passed, failsStep: fails, why })
    }
  )
})

describe('nextPollDelay', () => {
  test.each([
    [
      { intervalMs: 15_000, elapsedMs: 0, timeoutMs: 1_800_000 },
      { wait: true, delayMs: 15_000 }
    ],
    [
      { intervalMs: 15_000, retryAfterMs: 60_000, elapsedMs: 0, timeoutMs: 1_800_000 },
      { wait: true, delayMs: 60_000 }
    ],
    // Retry-After shorter than the interval does not speed polling up.
    [
      { intervalMs: 15_000, retryAfterMs: 1000, elapsedMs: 0, timeoutMs: 1_800_000 },
      { wait: true, delayMs: 15_000 }
    ],
    [{ intervalMs: 15_000, elapsedMs: 1_790_000, timeoutMs: 1_800_000 }, { wait: false }],
    [
      { intervalMs: 15_000, retryAfterMs: 120_000, elapsedMs: 1_700_000, timeoutMs: 1_800_000 },
      { wait: false }
    ],
    [
      { intervalMs: 100, elapsedMs: 0, timeoutMs: 100 },
      { wait: true, delayMs: 100 }
    ]
  ])('%p → %p', (input, expected) => {
    expect(nextPollDelay(input)).toEqual(expected)
  })
})

describe('isTokenExpiring', () => {
  const now = 1_000_000
  test.each([
    [{ expiresAtMs: now + 5399_000, lifetimeMs: 5399_000, nowMs: now }, false],
    [{ expiresAtMs: now + 61_000, lifetimeMs: 5399_000, nowMs: now }, false],
    [{ expiresAtMs: now + 60_000, lifetimeMs: 5399_000, nowMs: now }, true],
    [{ expiresAtMs: now - 1, lifetimeMs: 5399_000, nowMs: now }, true],
    // A short-lived token: a quarter of its lifetime.
    [{ expiresAtMs: now + 600, lifetimeMs: 2000, nowMs: now }, false],
    [{ expiresAtMs: now + 500, lifetimeMs: 2000, nowMs: now }, true],
    // No expiry known: only a 401 tells.
    [{ expiresAtMs: undefined, lifetimeMs: undefined, nowMs: now }, false]
  ])('%p → %p', (input, expiring) => {
    expect(isTokenExpiring(input)).toBe(expiring)
  })

  test('the margin is a minute, or a quarter of a short lifetime', () => {
    expect(refreshMarginMs(5399_000)).toBe(60_000)
    expect(refreshMarginMs(2000)).toBe(500)
  })
})

describe('severities', () => {
  test('CRITICAL, ERROR, WARNING, then the rest', () => {
    const sorted = ['INFO', 'warning', 'ERROR', 'CRITICAL', 'NOTE'].sort(
      (a, b) => severityRank(a) - severityRank(b)
    )
    expect(sorted.slice(0, 3)).toEqual(['CRITICAL', 'ERROR', 'warning'])
  })

  test('review_violations always has the three gate severities', () => {
    expect(violationCounts({ ERROR: 2, INFO: 4 })).toEqual({
      CRITICAL: 0,
      ERROR: 2,
      WARNING: 0,
      INFO: 4
    })
  })

  test.each([
    [{ CRITICAL: 1, ERROR: 2, WARNING: 5 }, '1 critical, 2 errors, 5 warnings'],
    [{ ERROR: 1, WARNING: 1 }, '1 error, 1 warning'],
    [{ CRITICAL: 0, ERROR: 0, WARNING: 0 }, ''],
    [{ INFO: 3 }, '']
  ])('%p reads %p', (counts, text) => {
    expect(describeViolations(counts)).toBe(text)
  })
})
