import { createHash, randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import type { ClientRequest } from 'node:http'
import { dirname, join } from 'node:path'
import { clip } from '../common/errors.js'
import { startLibraryCall, type HeldOutput } from './library-call.js'
import { createPrivateWorkspace, type PrivateWorkspace } from './private-workspace.js'
import {
  encodeSealContext,
  LINK_DIGITS,
  linkTag,
  openState,
  sealState,
  type SealContext
} from './sealing.js'
import { CACHE_PATH, readStateArchive } from './state-archive.js'
import { installSaveTools } from './save-tools.js'
import { installTarCapture, type TarCapture } from './tar-capture.js'
import { parseState, serializeState, type TokenState } from './token-state.js'

export interface TokenCache {
  /**
   * What a token reused from here is reported as: `cache` (the Actions cache, the default) or
   * `job` (an earlier step of this job left it, see job-token-store.ts).
   */
  readonly source?: 'cache' | 'job'
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

/**
 * One fixed relative path: the cache version hashes the path strings as given, so an absolute
 * path (RUNNER_TEMP differs between self-hosted runners) would make entries unfindable elsewhere.
 */
export { CACHE_PATH }
export const DEFAULT_CACHE_TIMEOUT_MS = 15_000

/**
 * Entries of one client, token endpoint and scope share this prefix. It is a hash, so the key
 * shows nothing but that the entries belong together.
 */
export function cacheKeyPrefix(ctx: SealContext): string {
  const digest = createHash('sha256').update(encodeSealContext(ctx)).digest('hex')
  return `clayton-oauth-v1-${digest.slice(0, 16)}-`
}

/**
 * Cache keys are immutable: every save gets a key of its own; restores match the prefix. After
 * the prefix come the link tag of the token the state was obtained with, `1` when the state
 * holds another refresh token (that one is spent) or `0`, then the time: the state that
 * replaced a refresh token is found by `prefix + linkTag(token) + 1`. The sealing binds the key,
 * so a genuine state's key says truly what it replaced.
 */
export function newCacheKey(
  ctx: SealContext,
  nowMs: number,
  link: string,
  replaced: boolean
): string {
  return `${cacheKeyPrefix(ctx)}${link}${replaced ? 1 : 0}${nowMs}-${randomBytes(6).toString('hex')}`
}

/** How many replaced states a restore follows before it gives up on the entry it found. */
const MAX_CHAIN_STEPS = 20

type Lookup =
  | { kind: 'state'; key: string; state: TokenState }
  | { kind: 'unreadable'; key: string }
  | { kind: 'miss' }
  | { kind: 'failed' }

// Cache calls repoint process-wide settings (environment, current directory, stdout): one at a
// time, even across TokenCache instances.
let queue: Promise<unknown> = Promise.resolve()

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work)
  queue = next.catch(() => {})
  return next
}

type Outcome<T> =
  | { kind: 'done'; value: T; held: HeldOutput }
  | { kind: 'failed'; error: unknown; held: HeldOutput }
  | { kind: 'timeout'; held: HeldOutput }

export function createTokenCache(opts: TokenCacheOptions): TokenCache {
  const budgetMs = opts.timeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS
  const prefix = cacheKeyPrefix(opts.context)
  const { log } = opts
  const platform = opts.platform ?? process.platform
  let unavailableReported = false
  let toolsExplained = false
  /** Time spent in cache calls so far: restore and save share one bound. */
  let spentMs = 0
  // A service that failed once (timeout, error, refusal) is not asked again in this run: a
  // second wait would only add to the delay, and what failed once mostly fails again.
  let failed = false
  /** Link tags of tokens some entry replaced by another token, seen while restoring. */
  const spentLinks = new Set<string>()

  async function loadCache(): Promise<typeof import('@actions/cache') | undefined> {
    if (platform === 'win32') {
      if (!unavailableReported) {
        unavailableReported = true
        log.warning(
          'Token cache: not used on Windows runners. There @actions/cache extracts restored archives with a tar of its own choosing (Git for Windows or System32), which this action cannot keep from writing files outside its folder if an entry was planted; so the token state is neither restored nor saved, and every run makes its own token request. Set cache: false to silence this.'
        )
      }
      return undefined
    }
    // Loaded here, not at the top: the bundler emits it as a chunk of its own, and a run without
    // the cache never pays for loading it.
    const cache = await import('@actions/cache')
    if (cache.isFeatureAvailable()) return cache
    if (!unavailableReported) {
      unavailableReported = true
      log.warning(
        'Token cache: the Actions cache service is not available to this job (its URL is not in the environment, as on some self-hosted or local runners), so the token state is neither restored nor saved. Set cache: false to silence this.'
      )
    }
    return undefined
  }

  function remainingMs(): number {
    return Math.max(0, budgetMs - spentMs)
  }

  /**
   * Runs one @actions/cache call in the private folder, bounded by what is left of the budget,
   * with `tools.path` as the whole PATH: the tar stand-in for a restore, the real tar and gzip for
   * a save, never zstd.
   */
  async function bounded<T>(
    place: PrivateWorkspace,
    limitMs: number,
    run: () => Promise<T>,
    tools: { path: string; env?: Record<string, string> }
  ): Promise<Outcome<T>> {
    if (!toolsExplained) {
      toolsExplained = true
      // The library's own debug lines say zstd cannot be found: say why before they do.
      log.debug(
        'Token cache: @actions/cache runs with a PATH of its own: a stand-in tar to restore, tar and gzip to save, no zstd (so it reports zstd missing and uses gzip).'
      )
    }
    const started = Date.now()
    const leave = place.enter(tools)
    let timer: NodeJS.Timeout | undefined
    try {
      const call = startLibraryCall(run)
      const settled = call.result.then(
        value => ({ kind: 'done' as const, value }),
        (error: unknown) => ({ kind: 'failed' as const, error })
      )
      const timeout = new Promise<{ kind: 'timeout' }>(resolve => {
        timer = setTimeout(() => resolve({ kind: 'timeout' }), limitMs)
      })
      const outcome = await Promise.race([settled, timeout])
      if (outcome.kind === 'timeout') {
        const held = call.output()
        call.abandon(abandonedRequestError)
        // The abandoned call may still be past its downloads. Once PATH and GITHUB_WORKSPACE are
        // restored it would find the real tar: the archive it would hand it goes first.
        await place.remove()
        return { kind: 'timeout', held }
      }
      return { ...outcome, held: call.output() }
    } finally {
      clearTimeout(timer)
      leave()
      spentMs += Date.now() - started
    }
  }

  function reportHeld(held: HeldOutput): void {
    for (const line of held.lines) log.debug(`Token cache: ${line}`)
  }

  function detail(held: HeldOutput, error?: unknown): string {
    // Some failures (a key taken by another job) are only printed as plain lines.
    const failures = held.lines.filter(line => /^Failed to (save|restore)\b/.test(line))
    const parts = [...held.problems, ...failures]
    if (error !== undefined) parts.push(error instanceof Error ? error.message : String(error))
    const text = parts.map(part => part.split('\n')[0]).join('; ')
    return text ? ` (${clip(text, 400)})` : ''
  }

  const link = (token: string) => linkTag(opts.secret, opts.context, token)
  const linkInKey = (key: string) => key.slice(prefix.length, prefix.length + LINK_DIGITS)
  const replacedInKey = (key: string) => key[prefix.length + LINK_DIGITS] === '1'
  const successors = (token: string) => `${prefix}${link(token)}1`

  /**
   * The newest entry by upload, then the states that replaced its refresh token, one lookup
   * each: a genuine old entry re-uploaded into a scope this run reads first (another branch's)
   * is newest by upload there, and sending its spent token would get a rotating grant revoked.
   */
  async function restoreOnce(input: string | undefined): Promise<TokenState | undefined> {
    if (failed) return undefined
    const cache = await loadCache()
    if (!cache) return undefined
    const mode = cacheMode()
    if (mode === 'none' || mode === 'write-only') {
      log.debug(`Token cache: ACTIONS_CACHE_MODE is ${mode}, which does not allow restoring.`)
      return undefined
    }
    const first = await lookup(cache, prefix)
    if (first.kind === 'miss') log.debug(`Token cache: no entry matches ${prefix}*.`)
    if (first.kind === 'failed' || first.kind === 'miss') return undefined
    let current = first.kind === 'state' ? first : undefined
    if (current) noteReplaced(current)
    // A state that kept the token it was obtained with was not rotated: nothing replaced it.
    // An entry that does not open may hide a newer one: look from the input's token.
    let token =
      current === undefined
        ? input
        : replacedInKey(current.key)
          ? current.state.refreshToken
          : undefined
    for (let step = 0; token !== undefined; step++) {
      if (step === MAX_CHAIN_STEPS) {
        log.debug(
          `Token cache: more than ${MAX_CHAIN_STEPS} newer states follow the newest entry; not using any.`
        )
        return undefined
      }
      const next = await lookup(cache, successors(token), current !== undefined)
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
    if (replacedInKey(found.key)) spentLinks.add(linkInKey(found.key))
  }

  /** One restoreCache by key prefix in a private folder, its archive read in memory. */
  async function lookup(
    cache: typeof import('@actions/cache'),
    keyPrefix: string,
    holdingState = false
  ): Promise<Lookup> {
    const goingOn = holdingState
      ? 'Continuing with the state restored before'
      : 'Continuing without the cached token state'
    if (failed) return { kind: 'failed' }
    const place = await createPrivateWorkspace(opts.runnerTemp)
    try {
      const capture = await installTarCapture(place.root)
      const limitMs = remainingMs()
      const release = capture.inProcess()
      const outcome = await bounded(
        place,
        limitMs,
        () =>
          cache.restoreCache([CACHE_PATH], keyPrefix, [keyPrefix], {
            // Only apply to downloads from Azure storage (GitHub's); the bound above covers the rest.
            timeoutInMs: limitMs,
            segmentTimeoutInMs: limitMs
          }),
        { path: capture.bin, env: capture.env }
      ).finally(release)
      reportHeld(outcome.held)
      if (outcome.kind === 'timeout') {
        failed = true
        log.warning(
          `Token cache: gave up restoring after ${seconds(limitMs)} s: the Actions cache service did not answer in time. ${goingOn}; this run will not save one either.`
        )
        return { kind: 'failed' }
      }
      const key = outcome.kind === 'done' ? outcome.value : undefined
      if (key) {
        const state = await readEntry(capture, key)
        return state ? { kind: 'state', key, state } : { kind: 'unreadable', key }
      }
      // @actions/cache answers a failure like a miss, after printing a warning we held back.
      if (outcome.kind === 'failed' || outcome.held.problems.length > 0) {
        failed = true
        const error = outcome.kind === 'failed' ? outcome.error : undefined
        log.warning(
          `Token cache: could not restore the token state${detail(outcome.held, error)}. ${goingOn}; this run will not ask the cache service again, so it saves no new state either.`
        )
        return { kind: 'failed' }
      }
      return { kind: 'miss' }
    } finally {
      await place.remove()
    }
  }

  async function readEntry(capture: TarCapture, key: string): Promise<TokenState | undefined> {
    const archive = capture.read()
    if (archive === undefined) {
      log.debug(`Token cache: entry ${key} holds no token state; ignoring it.`)
      return undefined
    }
    const reading = 'refused' in archive ? archive : await readStateArchive(archive.data)
    if ('refused' in reading) {
      log.debug(
        `Token cache: entry ${key} ignored: ${reading.refused}. Nothing from it was written; continuing as on a cache miss.`
      )
      return undefined
    }
    const plaintext = openState(reading.blob, opts.secret, opts.context, key)
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

  async function saveOnce(state: TokenState, obtainedWith: string | undefined): Promise<boolean> {
    if (failed) return false
    const cache = await loadCache()
    if (!cache) return false
    const mode = cacheMode()
    if (mode === 'none' || mode === 'read') {
      log.warning(
        `Token cache: this run may not write to the Actions cache (ACTIONS_CACHE_MODE is ${mode}; GitHub restricts it for untrusted triggers such as pull requests from forks), so the new token state was not saved. The token is still output.`
      )
      return false
    }
    const consequence =
      'The token is still output; other jobs and later runs cannot reuse this state and make their own token request.'
    const limitMs = remainingMs()
    // The key is chosen first: the sealing binds the state to it.
    const spent = obtainedWith ?? state.refreshToken ?? ''
    const key = newCacheKey(
      opts.context,
      Date.now(),
      link(spent),
      state.refreshToken !== undefined && state.refreshToken !== spent
    )
    const blob = sealState(serializeState(state), opts.secret, opts.context, key)
    const place = await createPrivateWorkspace(opts.runnerTemp)
    try {
      const file = join(place.workspace, CACHE_PATH)
      await mkdir(dirname(file), { recursive: true, mode: 0o700 })
      await writeFile(file, blob, { mode: 0o600 })
      const tools = await installSaveTools(place.root)
      const outcome = await bounded(place, limitMs, () => cache.saveCache([CACHE_PATH], key), {
        path: tools.bin
      })
      reportHeld(outcome.held)
      if (outcome.kind === 'timeout') {
        failed = true
        log.warning(
          `Token cache: gave up saving after ${seconds(limitMs)} s: the Actions cache service did not answer in time. ${consequence}`
        )
        return false
      }
      if (outcome.kind === 'failed' || outcome.value === -1) {
        failed = true
        const error = outcome.kind === 'failed' ? outcome.error : undefined
        log.warning(
          `Token cache: the Actions cache did not store the token state${detail(outcome.held, error)}. ${consequence}`
        )
        return false
      }
      log.debug(`Token cache: saved the token state as entry ${key}.`)
      return true
    } finally {
      await place.remove()
    }
  }

  return {
    knownSpent: token => spentLinks.has(link(token)),
    restore: input =>
      oneAtATime(async () => {
        try {
          return await restoreOnce(input)
        } catch (error) {
          failed = true
          log.warning(`Token cache: restoring failed${detail({ problems: [], lines: [] }, error)}.`)
          return undefined
        }
      }),
    save: (state, obtainedWith) =>
      oneAtATime(async () => {
        try {
          return await saveOnce(state, obtainedWith)
        } catch (error) {
          failed = true
          log.warning(`Token cache: saving failed${detail({ problems: [], lines: [] }, error)}.`)
          return false
        }
      })
  }
}

/**
 * The twirp client of @actions/cache gives up at once on ECONNRESET but retries other errors with
 * sleeps of several seconds; the Azure SDK (blob transfers) retries ECONNRESET but not an error it
 * does not recognise. Each gets the error that ends it soonest.
 */
function abandonedRequestError(request: ClientRequest): Error {
  const twirp = request.path.includes('/twirp/')
  return Object.assign(new Error('request abandoned by the token cache'), {
    code: twirp ? 'ECONNRESET' : 'ERR_TOKEN_CACHE_ABANDONED'
  })
}

/** Same reading as @actions/cache: unknown or empty means both directions are allowed. */
function cacheMode(): string {
  return (process.env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase()
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10)
}
