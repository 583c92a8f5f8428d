import { describe, expect, test } from '@jest/globals'
import {
  claimPollDelayMs,
  MAX_CLAIM_ROUNDS,
  nextAfterClaim,
  type ClaimFacts,
  type ClaimOutcome
} from '../../src/lifecycle/single-flight.js'
import type { TokenState } from '../../src/lifecycle/token-state.js'

const STATE: TokenState = { v: 1, accessToken: 'access-token-1', scope: '', savedAtMs: 1 }
const successor: ClaimOutcome = { kind: 'successor', state: STATE }
const gaveUp: ClaimOutcome = { kind: 'gave-up', waitedMs: 120_000 }

const facts = (overrides: Partial<ClaimFacts> = {}): ClaimFacts => ({
  rotatesInput: false,
  rotationSeen: false,
  successorReusable: false,
  round: 1,
  ...overrides
})

describe('what a step does after claiming a refresh', () => {
  test.each<[string, ClaimOutcome, Partial<ClaimFacts>, ReturnType<typeof nextAfterClaim>]>([
    ['won: refreshes', { kind: 'won' }, {}, 'refresh'],
    ['won, rotating: refreshes', { kind: 'won' }, { rotatesInput: true }, 'refresh'],
    [
      'no claim made: refreshes, as without one',
      { kind: 'unclaimed' },
      { rotationSeen: true },
      'refresh'
    ],
    [
      'lost, the winner saved a usable token',
      successor,
      { successorReusable: true },
      'use-successor'
    ],
    [
      'lost, the successor has no usable token: claims its refresh next',
      successor,
      {},
      'claim-again'
    ],
    [
      '... but not forever (rotation seen)',
      successor,
      { round: MAX_CLAIM_ROUNDS, rotationSeen: true },
      'fail-closed'
    ],
    ['... but not forever (no rotation known)', successor, { round: MAX_CLAIM_ROUNDS }, 'refresh'],
    ['lost, nothing in time, no rotation known: refreshes itself', gaveUp, {}, 'refresh'],
    [
      'lost, nothing in time, a rotation seen in the cache: fails closed',
      gaveUp,
      { rotationSeen: true },
      'fail-closed'
    ],
    [
      'lost, nothing in time, refresh_token_rotates: fails closed',
      gaveUp,
      { rotatesInput: true },
      'fail-closed'
    ]
  ])('%s', (_name, outcome, overrides, expected) => {
    expect(nextAfterClaim(outcome, facts(overrides))).toBe(expected)
  })
})

describe('pauses between looks for the state of the winner', () => {
  test.each([
    [0, 250],
    [1, 500],
    [2, 1000],
    [3, 2000],
    [4, 4000],
    [5, 5000],
    [30, 5000]
  ])('look %i waits %i ms', (poll, ms) => {
    expect(claimPollDelayMs(poll)).toBe(ms)
  })
})
