import { describe, expect, test } from '@jest/globals'
import {
  backoffDelayMs,
  chainLimitMs,
  decideRetry,
  minAttemptMs,
  retryAfterLimitMs,
  isTransientErrorCode,
  isTransientStatus,
  mayHaveReachedServer,
  parseRetryAfterMs
} from '../../src/http/retry.js'

describe('isTransientStatus', () => {
  test.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [599, true],
    [200, false],
    [301, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [600, false]
  ])('HTTP %i → %s', (status, expected) => {
    expect(isTransientStatus(status)).toBe(expected)
  })
})

describe('isTransientErrorCode', () => {
  test.each([
    ['ECONNRESET', true],
    ['ECONNREFUSED', true],
    ['ETIMEDOUT', true],
    ['EPIPE', true],
    ['EAI_AGAIN', true],
    ['EHOSTUNREACH', true],
    ['ENETUNREACH', true],
    ['DEADLINE', true],
    // A host that does not resolve is a typo, not bad luck.
    ['ENOTFOUND', false],
    ['CERT_HAS_EXPIRED', false],
    ['ERR_TLS_CERT_ALTNAME_INVALID', false],
    [undefined, false]
  ])('%s → %s', (code, expected) => {
    expect(isTransientErrorCode(code)).toBe(expected)
  })
})

describe('mayHaveReachedServer', () => {
  test.each([
    [{ status: 500 }, true],
    [{ status: 502 }, true],
    [{ status: 408 }, true],
    [{ status: 429 }, false],
    [{ status: 503 }, false],
    [{ code: 'ECONNRESET' }, true],
    [{ code: 'DEADLINE' }, true],
    [{ code: 'ECONNREFUSED' }, false],
    [{ code: 'EAI_AGAIN' }, false],
    [{ code: 'ENOTFOUND' }, false]
  ])('%j → %s', (failure, expected) => {
    expect(mayHaveReachedServer(failure)).toBe(expected)
  })
})

describe('backoffDelayMs (full jitter, base 1 s, cap 10 s)', () => {
  // The largest value Math.random can return.
  const almostOne = () => 1 - Number.EPSILON

  test.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10_000],
    [12, 10_000]
  ])('attempt %i: ceiling %i ms', (attempt, ceiling) => {
    expect(backoffDelayMs(attempt, () => 0)).toBe(0)
    expect(backoffDelayMs(attempt, () => 0.5)).toBe(ceiling / 2)
    expect(backoffDelayMs(attempt, almostOne)).toBe(ceiling - 1)
  })

  test('is a whole number of milliseconds', () => {
    expect(backoffDelayMs(1, () => 0.12345)).toBe(123)
  })

  test('uses Math.random by default and stays within [0, ceiling)', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelayMs(3)
      expect(delay).toBeGreaterThanOrEqual(0)
      expect(delay).toBeLessThan(4000)
    }
  })
})

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-28T07:00:00Z')

  test.each([
    ['seconds', '1', 1000],
    ['zero seconds', '0', 0],
    ['seconds with spaces', ' 120 ', 120_000],
    ['an HTTP date 30 s ahead', 'Sat, 28 Nov 2026 07:00:30 GMT', 30_000],
    ['an HTTP date 2 min ahead', 'Sat, 28 Nov 2026 07:02:00 GMT', 120_000],
    ['an HTTP date in the past', 'Sat, 28 Nov 2026 06:59:00 GMT', 0],
    ['absent', undefined, undefined],
    ['unreadable', 'soon', undefined],
    ['empty', '', undefined]
  ])('%s (%j) → %j', (_name, value, expected) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected)
  })
})

describe('decideRetry', () => {
  const zero = () => 0
  const half = () => 0.5

  test.each([
    [
      'a non-transient failure is final',
      { attempt: 1, maxAttempts: 4, transient: false },
      { retry: false, reason: 'not-transient' }
    ],
    [
      'the last attempt is final',
      { attempt: 4, maxAttempts: 4, transient: true },
      { retry: false, reason: 'attempts-exhausted' }
    ],
    [
      'max_attempts 1 never retries',
      { attempt: 1, maxAttempts: 1, transient: true },
      { retry: false, reason: 'attempts-exhausted' }
    ],
    [
      'Retry-After beyond 60 s ends the retries',
      { attempt: 1, maxAttempts: 4, transient: true, retryAfterMs: 60_001 },
      { retry: false, reason: 'retry-after-too-long' }
    ],
    [
      'Retry-After beyond 60 s on the last attempt still says so',
      { attempt: 1, maxAttempts: 1, transient: true, retryAfterMs: 120_000 },
      { retry: false, reason: 'retry-after-too-long' }
    ],
    [
      'Retry-After of exactly 60 s is waited',
      { attempt: 1, maxAttempts: 4, transient: true, retryAfterMs: 60_000, random: zero },
      { retry: true, delayMs: 60_000 }
    ],
    [
      'no Retry-After: the backoff',
      { attempt: 2, maxAttempts: 4, transient: true, random: half },
      { retry: true, delayMs: 1000 }
    ],
    [
      'Retry-After longer than the backoff wins',
      { attempt: 1, maxAttempts: 4, transient: true, retryAfterMs: 3000, random: half },
      { retry: true, delayMs: 3000 }
    ],
    [
      'backoff longer than Retry-After wins',
      { attempt: 4, maxAttempts: 6, transient: true, retryAfterMs: 1000, random: half },
      { retry: true, delayMs: 4000 }
    ]
  ])('%s', (_name, opts, expected) => {
    expect(decideRetry(opts)).toEqual(expected)
  })
})

describe('one bound per request chain (security issue, finding 7)', () => {
  test.each([
    [{ timeoutMs: 30_000, maxAttempts: 4 }, 120_000],
    [{ timeoutMs: 1000, maxAttempts: 1 }, 1000],
    [{ timeoutMs: 500, maxAttempts: 3 }, 1500]
  ])('chainLimitMs(%o) is timeout × max_attempts = %d', (settings, expected) => {
    expect(chainLimitMs(settings)).toBe(expected)
  })

  test.each([
    [30_000, 1000],
    [1000, 500],
    [300, 150]
  ])('minAttemptMs(%d) = %d: half the timeout, at most 1 s', (timeoutMs, expected) => {
    expect(minAttemptMs(timeoutMs)).toBe(expected)
  })

  test.each([
    ['no limit: 60 s', undefined, 30_000, 60_000],
    ['plenty left: 60 s', 110_000, 30_000, 60_000],
    ['near the limit: what is left, less one short attempt', 4000, 2000, 3000],
    ['nothing left: 0', 200, 2000, 0]
  ])('retryAfterLimitMs, %s', (_name, remainingMs, timeoutMs, expected) => {
    expect(retryAfterLimitMs(remainingMs, timeoutMs)).toBe(expected)
  })

  const half = () => 0.5
  test.each([
    [
      'a Retry-After that fits is waited',
      {
        attempt: 1,
        maxAttempts: 4,
        transient: true,
        retryAfterMs: 3000,
        remainingMs: 4000,
        timeoutMs: 1000
      },
      { retry: true, delayMs: 3000 }
    ],
    [
      'a Retry-After longer than the time left ends the chain, as too long',
      {
        attempt: 1,
        maxAttempts: 2,
        transient: true,
        retryAfterMs: 5000,
        remainingMs: 3900,
        timeoutMs: 2000
      },
      { retry: false, reason: 'retry-after-too-long' }
    ],
    [
      'a Retry-After that leaves no room for an attempt is too long',
      {
        attempt: 2,
        maxAttempts: 4,
        transient: true,
        retryAfterMs: 3000,
        remainingMs: 3200,
        timeoutMs: 1000
      },
      { retry: false, reason: 'retry-after-too-long' }
    ],
    [
      'a backoff that leaves no room for an attempt ends the chain',
      {
        attempt: 3,
        maxAttempts: 4,
        transient: true,
        random: half,
        remainingMs: 2100,
        timeoutMs: 1000
      },
      { retry: false, reason: 'out-of-time' }
    ],
    [
      'a backoff that leaves room is waited',
      {
        attempt: 3,
        maxAttempts: 4,
        transient: true,
        random: half,
        remainingMs: 3000,
        timeoutMs: 1000
      },
      { retry: true, delayMs: 2000 }
    ],
    [
      'attempts run out before time does',
      { attempt: 4, maxAttempts: 4, transient: true, remainingMs: 60_000, timeoutMs: 1000 },
      { retry: false, reason: 'attempts-exhausted' }
    ]
  ])('%s', (_name, opts, expected) => {
    expect(decideRetry(opts)).toEqual(expected)
  })
})
