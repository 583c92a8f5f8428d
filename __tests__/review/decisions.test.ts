import { describe, expect, test } from '@jest/globals'
import {
  decideVerdict,
  describeViolations,
  isReviewDone,
  isTokenExpiring,
  isTriggerAccepted,
  nextPollDelay,
  refreshMarginMs,
  severityRank,
  violationCounts
} from '../../src/review/decisions.js'

describe('isTriggerAccepted', () => {
  test.each([
    ['FUTURE', false],
    ['THROTTLED', false],
    [undefined, false],
    ['ACCEPTED', true],
    ['PROCESSING', true],
    ['PROCESSED', true]
  ])('%p → %p', (status, accepted) => {
    expect(isTriggerAccepted(status)).toBe(accepted)
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
