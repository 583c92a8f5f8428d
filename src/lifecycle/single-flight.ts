import type { TokenState } from './token-state.js'

/**
 * One refresh per refresh token for the jobs of a run started at once. Before a refresh, a step
 * claims it in the Actions cache (token-cache.ts, keys in cache-keys.ts): the service creates an
 * entry of a key once per scope, so one job wins. The winner refreshes and saves the new state as
 * usual; the others wait for that state and use its access token, instead of sending the same
 * refresh token, which a provider that rotates them takes for a replay and answers by revoking
 * the whole grant. Here: what a claim came to, and what a step does next. Pure decisions.
 */
export type ClaimOutcome =
  /** This step claimed the refresh: it refreshes and saves. */
  | { kind: 'won' }
  /** No claim was made (no run id, the cache off, read-only or failing): today's path. */
  | { kind: 'unclaimed' }
  /** Another job claimed it, and the state it saved appeared. */
  | { kind: 'successor'; state: TokenState }
  /** Another job claimed it, and nothing appeared in time (or the cache failed while waiting). */
  | { kind: 'gave-up'; waitedMs: number }

export type NextStep = 'refresh' | 'use-successor' | 'claim-again' | 'fail-closed'

/** A chain of refreshes (no access token is shared, as with revoke) ends after this many. */
export const MAX_CLAIM_ROUNDS = 20

export interface ClaimFacts {
  /** The refresh_token_rotates input. */
  rotatesInput: boolean
  /** The cache showed a state that replaced its refresh token by another. */
  rotationSeen: boolean
  /** The successor's access token has the life cache_min_ttl asks for. */
  successorReusable: boolean
  /** 1 for the first claim of this step. */
  round: number
}

export function nextAfterClaim(outcome: ClaimOutcome, facts: ClaimFacts): NextStep {
  switch (outcome.kind) {
    case 'won':
    case 'unclaimed':
      return 'refresh'
    case 'successor':
      if (facts.successorReusable) return 'use-successor'
      // Its refresh token is the one to send now, and the other waiting jobs hold it too: the
      // next refresh is claimed like the first.
      return facts.round < MAX_CLAIM_ROUNDS ? 'claim-again' : afterNothing(facts)
    case 'gave-up':
      return afterNothing(facts)
  }
}

/**
 * Sending the token the winner may have spent is safe only where tokens do not rotate: there the
 * step refreshes itself. Where they rotate, it would look like a replay.
 */
function afterNothing(facts: ClaimFacts): NextStep {
  return facts.rotatesInput || facts.rotationSeen ? 'fail-closed' : 'refresh'
}

/**
 * Pause before each look for the winner's state: a refresh and a save take a second or two, so
 * the first looks are quick, then they double up to 5 s (a lookup is one request to the service).
 */
export function claimPollDelayMs(poll: number): number {
  return Math.min(250 * 2 ** poll, 5000)
}
