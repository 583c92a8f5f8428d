// Part lifecycle: where the refresh chain lives between runs: cache, sealing, secret write-back, revocation.
import { ActionError, TokenEndpointError } from '../common/errors.js'
import type { TokenSettings } from '../settings/inputs.js'
import type { LifecycleSettings } from '../settings/lifecycle-settings.js'
import type { Mask, TokenResult } from '../token/token-client.js'
import type { TokenCache } from './token-cache.js'
import { fingerprint, isReusable, stateFromTokenResult, type TokenState } from './token-state.js'

/** What the lifecycle needs from the outside world, passed in so each path can be tested. */
export interface LifecycleDeps {
  requestToken(settings: TokenSettings): Promise<TokenResult>
  /** Present when the cache input is on. */
  cache?: TokenCache
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
 * The order the lifecycle issue lays down: a cached access token with enough life left; else a
 * refresh with the newest refresh token known (the cache's, then the input's once more if the
 * cached one is refused); then save the new state, and store a newly issued refresh token.
 */
export async function obtainToken(
  settings: TokenSettings,
  lifecycle: LifecycleSettings,
  deps: LifecycleDeps
): Promise<LifecycleResult> {
  const { grant } = settings
  let cached: TokenState | undefined
  // A code exchange never reads the cache: the person is bootstrapping on purpose.
  if (deps.cache && grant.type === 'refresh_token') {
    cached = await deps.cache.restore(grant.refreshToken)
    if (cached) {
      deps.mask(cached.accessToken ?? '')
      deps.mask(cached.refreshToken ?? '')
    }
    if (
      cached &&
      !predatesInput(cached, grant.refreshToken) &&
      isReusable(cached, deps.now(), lifecycle.cacheMinTtlMs)
    ) {
      return { token: fromCache(cached, deps.now(), deps.cache.source ?? 'cache'), savedTo: [] }
    }
  }

  const from = deps.cache?.source === 'job' ? 'an earlier step of this job' : 'the cache'
  const candidates = refreshCandidates(grant, cached, deps.log).filter(candidate => {
    const token = candidate ?? (grant.type === 'refresh_token' ? grant.refreshToken : undefined)
    return token === undefined || !deps.cache?.knownSpent?.(token)
  })
  if (candidates.length === 0) {
    throw new ActionError(
      'Token request not sent: the Actions cache shows that the refresh token this run holds was already exchanged for a newer one, and the entry holding the newer one cannot be read (run with debug logging for the entry). Sending a spent refresh token makes providers with reuse detection revoke the whole grant. Put the newest refresh token in the secret (or consent again to get one) and re-run.'
    )
  }
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
        candidate === cached?.refreshToken
          ? `The refresh token from ${from} was refused (invalid_grant); trying the refresh_token input once, in case the secret was updated.`
          : `The refresh_token input was refused (invalid_grant); trying the one from ${from} once.`
      )
    }
  }
  if (!token) throw new Error('unreachable: no token and no error')

  const savedTo: LifecycleResult['savedTo'] = []
  let secretError: ActionError | undefined
  if (deps.cache) {
    const job = deps.cache.source === 'job'
    const state = stateFromTokenResult(token, {
      nowMs: deps.now(),
      refreshTokenSent: sent,
      // A job's state is kept per refresh_token input already: it needs no fingerprint of it.
      inputRefreshToken: job
        ? undefined
        : (deps.inputRefreshToken ??
          (grant.type === 'refresh_token' ? grant.refreshToken : undefined)),
      // A token revoked at the end of this job must not be picked up by another one; the steps
      // of this job are all done by then.
      includeAccessToken: job || !lifecycle.revoke
    })
    const obtainedWith = grant.type === 'authorization_code' ? grant.code : sent
    // A state kept for this job's later steps saves nothing for the next run.
    if ((await deps.cache.save(state, obtainedWith)) && !job) savedTo.push('cache')
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

function fromCache(state: TokenState, nowMs: number, source: 'cache' | 'job'): TokenResult {
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
