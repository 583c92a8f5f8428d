// Part lifecycle: where the refresh chain lives between runs: cache, sealing, secret write-back, revocation.
import { ActionError, TokenEndpointError } from '../common/errors.js'
import type { TokenSettings } from '../settings/inputs.js'
import type { LifecycleSettings } from '../settings/lifecycle-settings.js'
import type { Mask, TokenResult } from '../token/token-client.js'
import type { JobTokenStore } from './job-token-store.js'
import { nextAfterClaim } from './single-flight.js'
import type { TokenCache } from './token-cache.js'
import { fingerprint, isReusable, stateFromTokenResult, type TokenState } from './token-state.js'

/** What the lifecycle needs from the outside world, passed in so each path can be tested. */
export interface LifecycleDeps {
  requestToken(settings: TokenSettings): Promise<TokenResult>
  /** Present when the cache input is on. */
  cache?: TokenCache
  /** The state earlier steps of this job left (cache on or off); absent without RUNNER_TEMP. */
  job?: JobTokenStore
  /** Present when refresh_token_secret is set; throws ActionError when the write is refused. */
  writeSecret?(value: string): Promise<void>
  mask: Mask
  now(): number
  log: { info(message: string): void; debug(message: string): void }
  /**
   * The refresh_token input, when the grant sends a newer one (a refresh mid-run after a
   * rotation): the cache must keep the input's fingerprint, not the newer token's.
   */
  inputRefreshToken?: string
}

export interface LifecycleResult {
  token: TokenResult
  /** `secret`, `cache`: where this run saved the current refresh token. */
  savedTo: Array<'secret' | 'cache'>
  /** A secret write that failed: reported after outputs are set and the cache is saved. */
  secretError?: ActionError
}

/**
 * The order the lifecycle issue lays down: a stored access token with enough life left; else a
 * refresh with the newest refresh token known (the job's or the cache's, then the input's once
 * more if that one is refused); then save the new state, and store a newly issued refresh token.
 * A refresh token either store knows was exchanged already is never sent.
 */
export async function obtainToken(
  settings: TokenSettings,
  lifecycle: LifecycleSettings,
  deps: LifecycleDeps
): Promise<LifecycleResult> {
  const { grant } = settings
  let stored: StoredState | undefined
  let candidates: Array<string | undefined> = [undefined]
  // A code exchange never reads the stores: the person is bootstrapping on purpose.
  if (grant.type === 'refresh_token') {
    for (let round = 1; ; round++) {
      const cached = deps.cache && (await deps.cache.restore(grant.refreshToken))
      // From the cache's token first: a successor this job filed for it is newer than the entry.
      const job = deps.job?.restore([cached?.refreshToken, grant.refreshToken])
      for (const state of [cached, job]) {
        deps.mask(state?.accessToken ?? '')
        deps.mask(state?.refreshToken ?? '')
      }
      stored = newestStored({ job, cached }, token => isSpent(deps, token))
      if (
        stored &&
        !predatesInput(stored.state, grant.refreshToken) &&
        isReusable(stored.state, deps.now(), lifecycle.cacheMinTtlMs)
      ) {
        return { token: fromStore(stored.state, deps.now(), stored.from), savedTo: [] }
      }
      candidates = unspentCandidates(grant, stored?.state, deps)
      if (!deps.cache?.claim) break
      // Other jobs of this run may be about to send the same refresh token: one of them does.
      const claim = await deps.cache.claim(candidates[0] ?? grant.refreshToken)
      const successor = claim.kind === 'successor' ? claim.state : undefined
      deps.mask(successor?.accessToken ?? '')
      deps.mask(successor?.refreshToken ?? '')
      const next = nextAfterClaim(claim, {
        rotatesInput: lifecycle.refreshTokenRotates,
        rotationSeen: deps.cache.rotationSeen?.() ?? false,
        successorReusable:
          successor !== undefined && isReusable(successor, deps.now(), lifecycle.cacheMinTtlMs),
        round
      })
      if (next === 'use-successor' && successor) {
        return { token: fromStore(successor, deps.now(), 'cache'), savedTo: [] }
      }
      if (next === 'fail-closed') throw claimedElsewhere(lifecycle)
      if (next === 'refresh') {
        if (claim.kind === 'gave-up') {
          deps.log.info(
            `The job that claimed the refresh saved no token state within ${Math.round(claim.waitedMs / 1000)} s; refreshing here (this provider has not been seen rotating refresh tokens, so sending the same one is safe).`
          )
        }
        break
      }
    }
  } else {
    candidates = unspentCandidates(grant, undefined, deps)
  }
  const isJob = stored?.from === 'job'

  const from = isJob ? 'an earlier step of this job' : 'the cache'
  let token: TokenResult | undefined
  let sent: string | undefined
  for (const [index, candidate] of candidates.entries()) {
    const attempt: TokenSettings = candidate
      ? { ...settings, grant: { type: 'refresh_token', refreshToken: candidate } }
      : settings
    try {
      token = await deps.requestToken(attempt)
      sent = attempt.grant.type === 'refresh_token' ? attempt.grant.refreshToken : undefined
      break
    } catch (error) {
      const last = index === candidates.length - 1
      if (last || !(error instanceof TokenEndpointError) || error.oauthError !== 'invalid_grant') {
        throw error
      }
      deps.log.info(
        candidate === stored?.state.refreshToken
          ? `The refresh token from ${from} was refused (invalid_grant); trying the refresh_token input once, in case the secret was updated.`
          : `The refresh_token input was refused (invalid_grant); trying the one from ${from} once.`
      )
    }
  }
  if (!token) throw new Error('unreachable: no token and no error')

  const savedTo: LifecycleResult['savedTo'] = []
  let secretError: ActionError | undefined
  const nowMs = deps.now()
  // First and always: later steps of this job must never send the token just spent.
  if (deps.job && sent !== undefined) {
    // The job's files are found from the token they replaced: they need no input fingerprint,
    // and keep the access token even under revoke (it is revoked after the job's last step).
    deps.job.save(
      stateFromTokenResult(token, { nowMs, refreshTokenSent: sent, includeAccessToken: true }),
      sent
    )
  }
  if (deps.cache) {
    const state = stateFromTokenResult(token, {
      nowMs,
      refreshTokenSent: sent,
      inputRefreshToken:
        deps.inputRefreshToken ?? (grant.type === 'refresh_token' ? grant.refreshToken : undefined),
      // A token revoked at the end of this job must not be picked up by another one.
      includeAccessToken: !lifecycle.revoke
    })
    const obtainedWith = grant.type === 'authorization_code' ? grant.code : sent
    if (await deps.cache.save(state, obtainedWith)) savedTo.push('cache')
  }
  const issued = token.source === 'code' || token.rotated ? token.refreshToken : undefined
  if (issued && deps.writeSecret) {
    try {
      await deps.writeSecret(issued)
      savedTo.unshift('secret')
      deps.log.info(`Stored the new refresh token in the secret ${lifecycle.refreshTokenSecret}.`)
    } catch (error) {
      if (!(error instanceof ActionError)) throw error
      secretError = error
    }
  }
  return { token, savedTo, secretError }
}

/** The candidates no store shows as spent; none is an error (sending one risks the grant). */
function unspentCandidates(
  grant: TokenSettings['grant'],
  stored: TokenState | undefined,
  deps: Pick<LifecycleDeps, 'job' | 'cache' | 'log'>
): Array<string | undefined> {
  const candidates = refreshCandidates(grant, stored, deps.log).filter(candidate => {
    const token = candidate ?? (grant.type === 'refresh_token' ? grant.refreshToken : undefined)
    return token === undefined || !isSpent(deps, token)
  })
  if (candidates.length === 0) {
    throw new ActionError(
      'Token request not sent: the Actions cache or an earlier step of this job shows that the refresh token this step holds was already exchanged for a newer one, and the state holding the newer one cannot be read (run with debug logging for details). Sending a spent refresh token makes providers with reuse detection revoke the whole grant. Put the newest refresh token in the secret (or consent again to get one) and re-run.'
    )
  }
  return candidates
}

function claimedElsewhere(lifecycle: LifecycleSettings): ActionError {
  const seconds = Math.round(lifecycle.claimWaitMs / 1000)
  const why = lifecycle.refreshTokenRotates
    ? 'refresh_token_rotates is true'
    : 'the Actions cache shows that this provider rotates refresh tokens'
  return new ActionError(
    `Token request not sent: another job of this run claimed the refresh of the same refresh token and saved no new token state within ${seconds} s (timeout × max_attempts), and ${why}. If that job spent the token, sending it again would look like a replay and the provider would revoke the whole grant. Look at that job: if it failed after its token request, the refresh token in the secret may be spent (consent again for a new one); otherwise re-run the failed jobs, or raise timeout or max_attempts if its refresh is slow.`
  )
}

/**
 * The refresh tokens to try, newest known first, and the other once if the first is refused.
 * The cache's is newer, unless the input changed since the entry was saved. Sending a spent token
 * first matters: providers with reuse detection revoke the whole grant when they see one.
 */
function refreshCandidates(
  grant: TokenSettings['grant'],
  cached: TokenState | undefined,
  log: LifecycleDeps['log']
): Array<string | undefined> {
  if (grant.type !== 'refresh_token' || !cached?.refreshToken) return [undefined]
  if (cached.refreshToken === grant.refreshToken) return [undefined]
  if (predatesInput(cached, grant.refreshToken)) {
    log.debug(
      'The refresh_token input changed since the cached state was saved: trying the input first.'
    )
    return [grant.refreshToken, cached.refreshToken]
  }
  return [cached.refreshToken, grant.refreshToken]
}

/**
 * The secret was updated after this state was saved (its run had another input, and the input is
 * not the state's own token): the input is the newer token, and the state's access token may
 * belong to a grant someone replaced since.
 */
function predatesInput(state: TokenState, input: string): boolean {
  return (
    state.inputFingerprint !== undefined &&
    state.refreshToken !== input &&
    state.inputFingerprint !== fingerprint(input)
  )
}

interface StoredState {
  state: TokenState
  from: 'job' | 'cache'
}

/**
 * Which stored state to go on from. The job's was looked up from the cache's refresh token first,
 * so when both exist it is the newer, unless the cache shows its token was exchanged since (by
 * another job): then the cache's. A state whose refresh token is known spent is never chosen
 * over one whose token is not.
 */
export function newestStored(
  found: { job?: TokenState; cached?: TokenState },
  spent: (token: string) => boolean
): StoredState | undefined {
  const { job, cached } = found
  const usable = (state: TokenState) =>
    state.refreshToken === undefined || !spent(state.refreshToken)
  if (job && cached && !usable(job) && usable(cached)) return { state: cached, from: 'cache' }
  if (job) return { state: job, from: 'job' }
  if (cached) return { state: cached, from: 'cache' }
  return undefined
}

function isSpent(deps: Pick<LifecycleDeps, 'job' | 'cache'>, token: string): boolean {
  return Boolean(deps.job?.knownSpent(token) || deps.cache?.knownSpent?.(token))
}

function fromStore(state: TokenState, nowMs: number, source: 'cache' | 'job'): TokenResult {
  return {
    accessToken: state.accessToken ?? '',
    tokenType: state.tokenType ?? 'Bearer',
    expiresIn:
      state.expiresAtMs === undefined ? undefined : Math.floor((state.expiresAtMs - nowMs) / 1000),
    scope: state.scope,
    // A run served from the cache made no token request: it has no refresh token to output.
    source,
    rotated: false
  }
}
