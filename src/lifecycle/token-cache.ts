import {
  createActionsCache,
  type ActionsCache,
  type CacheFailure,
  type Restored
} from './actions-cache.js'
import { stateKeys } from './cache-keys.js'
import { linkTag, openState, sealState, type SealContext } from './sealing.js'
import { parseState, serializeState, type TokenState } from './token-state.js'

export { CACHE_PATH, DEFAULT_CACHE_TIMEOUT_MS } from './actions-cache.js'
export { cacheKeyPrefix } from './cache-keys.js'

export interface TokenCache {
  /**
   * The newest state for this client, or undefined (miss, unavailable, unreadable, timed out).
   * `inputRefreshToken`: where to start looking when the newest entry does not open.
   */
  restore(inputRefreshToken?: string): Promise<TokenState | undefined>
  /**
   * True when the state was stored; false after a warning. Never throws. `obtainedWith`: the
   * refresh token (or code) spent to get it, so a run holding that token can find this state.
   */
  save(state: TokenState, obtainedWith?: string): Promise<boolean>
  /**
   * After restore: true when the cache shows that `token` was already exchanged for another
   * (an entry that replaced it exists). Sending it would look like reuse to the provider.
   */
  knownSpent?(token: string): boolean
}

export interface TokenCacheLog {
  debug(message: string): void
  warning(message: string): void
}

export interface TokenCacheOptions {
  /** client_secret: the key of the sealing. */
  secret: string
  context: SealContext
  /** RUNNER_TEMP: each cache call works in a private folder below it. */
  runnerTemp: string
  log: TokenCacheLog
  /** Bound on restore and save together, for the whole run (default 15 s). */
  timeoutMs?: number
  /** Default process.platform; the cache is not used on win32. */
  platform?: NodeJS.Platform
}

/** How many replaced states a restore follows before it gives up on the entry it found. */
const MAX_CHAIN_STEPS = 20

type Lookup =
  | { kind: 'state'; key: string; state: TokenState }
  | { kind: 'unreadable'; key: string }
  | { kind: 'miss' }
  | { kind: 'failed' }

/**
 * The token state in the Actions cache: which entry to restore, sealed under which key, and what
 * the entries say about spent refresh tokens. The cache itself is actions-cache.ts.
 */
export function createTokenCache(opts: TokenCacheOptions): TokenCache {
  const { log } = opts
  const keys = stateKeys(opts.context)
  const store: ActionsCache = createActionsCache(opts)
  /** Link tags of tokens some entry replaced by another token, seen while restoring. */
  const spentLinks = new Set<string>()
  const link = (token: string) => linkTag(opts.secret, opts.context, token)

  /**
   * The newest entry by upload, then the states that replaced its refresh token, one lookup
   * each: a genuine old entry re-uploaded into a scope this run reads first (another branch's)
   * is newest by upload there, and sending its spent token would get a rotating grant revoked.
   */
  async function restore(input: string | undefined): Promise<TokenState | undefined> {
    const first = await lookup(keys.prefix)
    if (first.kind === 'miss') log.debug(`Token cache: no entry matches ${keys.prefix}*.`)
    if (first.kind === 'failed' || first.kind === 'miss') return undefined
    let current = first.kind === 'state' ? first : undefined
    if (current) noteReplaced(current)
    // A state that kept the token it was obtained with was not rotated: nothing replaced it.
    // An entry that does not open may hide a newer one: look from the input's token.
    let token =
      current === undefined
        ? input
        : keys.replacedIn(current.key)
          ? current.state.refreshToken
          : undefined
    for (let step = 0; token !== undefined; step++) {
      if (step === MAX_CHAIN_STEPS) {
        log.debug(
          `Token cache: more than ${MAX_CHAIN_STEPS} newer states follow the newest entry; not using any.`
        )
        return undefined
      }
      const next = await lookup(keys.successorsOf(link(token)), current !== undefined)
      // Failed: whether it was replaced is unknown, and the newest upload is the likeliest.
      if (next.kind === 'miss' || next.kind === 'failed') break
      if (next.kind === 'unreadable') {
        // Only a run holding the secret can name the successor of a token: the name is genuine,
        // whatever was put under it.
        spentLinks.add(link(token))
        log.debug(
          `Token cache: entry ${next.key} replaced the refresh token this run would send, but does not open; not sending that token from the cache.`
        )
        return undefined
      }
      if (next.key === current?.key) break
      log.debug(
        `Token cache: entry ${next.key} replaced ${current ? `the refresh token of entry ${current.key}` : "the refresh_token input's token"}; using it.`
      )
      current = next
      noteReplaced(next)
      const advanced = next.state.refreshToken !== undefined && next.state.refreshToken !== token
      token = advanced ? next.state.refreshToken : undefined
    }
    return current?.state
  }

  function noteReplaced(found: { key: string }): void {
    if (keys.replacedIn(found.key)) spentLinks.add(keys.linkIn(found.key))
  }

  /** The newest entry under `keyPrefix`, opened. */
  async function lookup(keyPrefix: string, holdingState = false): Promise<Lookup> {
    const found = await store.restore(keyPrefix)
    if (found.kind === 'off' || found.kind === 'failed') {
      if (found.kind === 'failed') warnRestoreFailed(found.failure, holdingState)
      return { kind: 'failed' }
    }
    if (found.kind === 'miss') return found
    const state = open(found)
    return state ? { kind: 'state', key: found.key, state } : { kind: 'unreadable', key: found.key }
  }

  function warnRestoreFailed(failure: CacheFailure, holdingState: boolean): void {
    const goingOn = holdingState
      ? 'Continuing with the state restored before'
      : 'Continuing without the cached token state'
    log.warning(
      'timedOutAfterMs' in failure
        ? `Token cache: gave up restoring after ${seconds(failure.timedOutAfterMs)} s: the Actions cache service did not answer in time. ${goingOn}; this run will not save one either.`
        : `Token cache: could not restore the token state${inParentheses(failure.detail)}. ${goingOn}; this run will not ask the cache service again, so it saves no new state either.`
    )
  }

  function open(
    found: Exclude<Restored, { kind: 'miss' | 'off' | 'failed' }>
  ): TokenState | undefined {
    const { key } = found
    if (found.kind === 'unreadable') {
      log.debug(
        found.refused === undefined
          ? `Token cache: entry ${key} holds no token state; ignoring it.`
          : `Token cache: entry ${key} ignored: ${found.refused}. Nothing from it was written; continuing as on a cache miss.`
      )
      return undefined
    }
    const plaintext = openState(found.content, opts.secret, opts.context, key)
    if (!plaintext) {
      log.debug(
        `Token cache: entry ${key} does not decrypt under this client_secret, client_id, token endpoint, scope and cache key (written with other settings or by an earlier version of this action, moved to another key, or altered); ignoring it.`
      )
      return undefined
    }
    const state = parseState(plaintext)
    if (!state) {
      log.debug(
        `Token cache: entry ${key} decrypts but is not a readable token state; ignoring it.`
      )
      return undefined
    }
    // An age, not a date: formatting a Date cost a warm run about a millisecond, for a debug line.
    const age = Math.max(0, Math.round((Date.now() - state.savedAtMs) / 1000))
    log.debug(`Token cache: restored the state saved ${age} s ago (entry ${key}).`)
    return state
  }

  async function save(state: TokenState, obtainedWith: string | undefined): Promise<boolean> {
    // The key is chosen first: the sealing binds the state to it.
    const spent = obtainedWith ?? state.refreshToken ?? ''
    const replaced = state.refreshToken !== undefined && state.refreshToken !== spent
    const key = keys.next(link(spent), replaced, Date.now())
    const blob = sealState(serializeState(state), opts.secret, opts.context, key)
    const saved = await store.save(key, blob)
    if (saved.kind === 'saved') {
      log.debug(`Token cache: saved the token state as entry ${key}.`)
      return true
    }
    const consequence =
      'The token is still output; other jobs and later runs cannot reuse this state and make their own token request.'
    if (saved.kind === 'off') {
      if (saved.mode !== undefined) {
        log.warning(
          `Token cache: this run may not write to the Actions cache (ACTIONS_CACHE_MODE is ${saved.mode}; GitHub restricts it for untrusted triggers such as pull requests from forks), so the new token state was not saved. The token is still output.`
        )
      }
    } else if ('timedOutAfterMs' in saved.failure) {
      log.warning(
        `Token cache: gave up saving after ${seconds(saved.failure.timedOutAfterMs)} s: the Actions cache service did not answer in time. ${consequence}`
      )
    } else {
      log.warning(
        `Token cache: the Actions cache did not store the token state${inParentheses(saved.failure.detail)}. ${consequence}`
      )
    }
    return false
  }

  return {
    knownSpent: token => spentLinks.has(link(token)),
    restore,
    save
  }
}

function inParentheses(text: string): string {
  return text ? ` (${text})` : ''
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10)
}
