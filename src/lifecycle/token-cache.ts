import {
  createActionsCache,
  type ActionsCache,
  type CacheFailure,
  type Restored
} from './actions-cache.js'
import { stateKeys, type RunId } from './cache-keys.js'
import { linkTag, openState, sealState, type SealContext } from './sealing.js'
import { claimPollDelayMs, type ClaimOutcome } from './single-flight.js'
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
  /**
   * After restore, before a refresh with `token`: claims that refresh for this step among the
   * jobs of the run (single-flight.ts), or waits for the state of the job that claimed it.
   */
  claim?(token: string): Promise<ClaimOutcome>
  /** After restore: the cache showed a state that replaced its refresh token by another. */
  rotationSeen?(): boolean
}

export interface TokenCacheLog {
  info(message: string): void
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
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT; without them no refresh is claimed. */
  run?: RunId
  /** How long a step that lost a claim waits for the winner's state (timeout × max_attempts). */
  claimWaitMs?: number
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
  /** ACTIONS_CACHE_MODE forbids restoring: a waiting job could never see the winner's state. */
  let unreadable = false
  /** The entry the last restore returned: the state a refresh now would replace. */
  let restored: { key: string; state: TokenState } | undefined
  const link = (token: string) => linkTag(opts.secret, opts.context, token)

  /**
   * The newest entry by upload, then the states that replaced its refresh token, one lookup
   * each: a genuine old entry re-uploaded into a scope this run reads first (another branch's)
   * is newest by upload there, and sending its spent token would get a rotating grant revoked.
   */
  async function restore(input: string | undefined): Promise<TokenState | undefined> {
    restored = await restoreEntry(input)
    return restored?.state
  }

  async function restoreEntry(
    input: string | undefined
  ): Promise<{ key: string; state: TokenState } | undefined> {
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
    return current
  }

  function noteReplaced(found: { key: string }): void {
    if (keys.replacedIn(found.key)) spentLinks.add(keys.linkIn(found.key))
  }

  /** The newest entry under `keyPrefix`, opened. */
  async function lookup(
    keyPrefix: string,
    holdingState = false,
    withinMs?: number
  ): Promise<Lookup> {
    const found = await store.restore(keyPrefix, withinMs)
    if (found.kind === 'off' && found.mode !== undefined) unreadable = true
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

  async function claim(token: string): Promise<ClaimOutcome> {
    if (!opts.run) {
      log.debug('Token cache: no GITHUB_RUN_ID here, so this refresh is not claimed.')
      return { kind: 'unclaimed' }
    }
    if (unreadable) return { kind: 'unclaimed' }
    const replaced = restored
    const key = keys.claim(link(token), replaced?.key ?? '', opts.run)
    // Nothing secret in a claim: its key is a hash, and it holds nothing.
    const created = await store.create(key, Buffer.alloc(0))
    if (created.kind === 'created') {
      log.debug(`Token cache: claimed this refresh for this job as entry ${key}.`)
      return { kind: 'won' }
    }
    if (created.kind === 'off') return { kind: 'unclaimed' }
    if (created.kind === 'failed') {
      log.warning(
        `Token cache: could not claim this refresh for this job${inParentheses(describe(created.failure))}, so other jobs of this run starting now may refresh with the same refresh token; a provider that rotates refresh tokens then revokes the grant. Continuing with the refresh; this run will not ask the cache service again, so it saves no new state either.`
      )
      return { kind: 'unclaimed' }
    }
    const waitMs = opts.claimWaitMs ?? 0
    log.info(
      `Another job of this run is refreshing the same refresh token (it claimed entry ${key}): waiting up to ${seconds(waitMs)} s for the token state it saves, instead of sending that token too.`
    )
    return awaitSuccessor(token, replaced, waitMs)
  }

  /** Polls for a state obtained with `token` that is newer than the one it would replace. */
  async function awaitSuccessor(
    token: string,
    replaced: { key: string; state: TokenState } | undefined,
    waitMs: number
  ): Promise<ClaimOutcome> {
    const started = Date.now()
    const left = () => started + waitMs - Date.now()
    for (let poll = 0; left() > 0; poll++) {
      await new Promise(resolve => setTimeout(resolve, Math.min(claimPollDelayMs(poll), left())))
      if (left() <= 0) break
      const found = await lookup(keys.obtainedWith(link(token)), replaced !== undefined, left())
      if (found.kind === 'failed') break
      if (found.kind !== 'state' || found.key === replaced?.key) continue
      if (replaced && found.state.savedAtMs <= replaced.state.savedAtMs) continue
      noteReplaced(found)
      restored = { key: found.key, state: found.state }
      log.info(`Using the token state the job that claimed the refresh saved (entry ${found.key}).`)
      return { kind: 'successor', state: found.state }
    }
    return { kind: 'gave-up', waitedMs: Date.now() - started }
  }

  return {
    knownSpent: token => spentLinks.has(link(token)),
    restore,
    save,
    claim,
    rotationSeen: () => spentLinks.size > 0
  }
}

function describe(failure: CacheFailure): string {
  return 'timedOutAfterMs' in failure
    ? `the Actions cache service did not answer within ${seconds(failure.timedOutAfterMs)} s`
    : failure.detail
}

function inParentheses(text: string): string {
  return text ? ` (${text})` : ''
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10)
}
