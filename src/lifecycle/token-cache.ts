import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import type { ClientRequest } from 'node:http'
import { dirname, join } from 'node:path'
import { clip } from '../common/errors.js'
import { startLibraryCall, type HeldOutput } from './library-call.js'
import { createPrivateWorkspace, type PrivateWorkspace } from './private-workspace.js'
import { encodeSealContext, openState, sealState, type SealContext } from './sealing.js'
import { parseState, serializeState, type TokenState } from './token-state.js'

export interface TokenCache {
  /** The newest state for this client, or undefined (miss, unavailable, unreadable, timed out). */
  restore(): Promise<TokenState | undefined>
  /** True when the state was stored; false after a warning. Never throws. */
  save(state: TokenState): Promise<boolean>
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
  /** Bound on each restore and save (default 15 s). */
  timeoutMs?: number
}

/**
 * One fixed relative path: the cache version hashes the path strings as given, so an absolute
 * path (RUNNER_TEMP differs between self-hosted runners) would make entries unfindable elsewhere.
 */
export const CACHE_PATH = '.clayton-oauth/state.bin'
export const DEFAULT_CACHE_TIMEOUT_MS = 15_000
/** After giving up: how long an abandoned call may take to wind down inside the private folder. */
const WIND_DOWN_MS = 1_000

/**
 * Entries of one client, token endpoint and scope share this prefix. It is a hash, so the key
 * shows nothing but that the entries belong together.
 */
export function cacheKeyPrefix(ctx: SealContext): string {
  const digest = createHash('sha256').update(encodeSealContext(ctx)).digest('hex')
  return `clayton-oauth-v1-${digest.slice(0, 16)}-`
}

/** Cache keys are immutable: every save gets a key of its own; restores match the prefix. */
export function newCacheKey(ctx: SealContext, nowMs: number): string {
  return `${cacheKeyPrefix(ctx)}${nowMs}-${randomBytes(6).toString('hex')}`
}

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
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS
  const prefix = cacheKeyPrefix(opts.context)
  const { log } = opts
  let unavailableReported = false
  // A service that let a restore time out is not asked again in this run: a second wait of the
  // same length would only double the delay.
  let unresponsive = false

  async function loadCache(): Promise<typeof import('@actions/cache') | undefined> {
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

  /** Runs one @actions/cache call in the private folder, bounded by timeoutMs. */
  async function bounded<T>(place: PrivateWorkspace, run: () => Promise<T>): Promise<Outcome<T>> {
    const leave = place.enter()
    let timer: NodeJS.Timeout | undefined
    const wait = (ms: number) =>
      new Promise<{ kind: 'timeout' }>(resolve => {
        timer = setTimeout(() => resolve({ kind: 'timeout' }), ms)
      })
    try {
      const call = startLibraryCall(run)
      const settled = call.result.then(
        value => ({ kind: 'done' as const, value }),
        (error: unknown) => ({ kind: 'failed' as const, error })
      )
      const outcome = await Promise.race([settled, wait(timeoutMs)])
      clearTimeout(timer)
      if (outcome.kind === 'timeout') {
        const held = call.output()
        call.abandon(abandonedRequestError)
        // A call that had already downloaded its archive would otherwise extract it wherever
        // GITHUB_WORKSPACE points once it is restored: give it a moment to fail or finish here.
        await Promise.race([settled, wait(WIND_DOWN_MS)])
        return { kind: 'timeout', held }
      }
      return { ...outcome, held: call.output() }
    } finally {
      clearTimeout(timer)
      leave()
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

  async function restoreOnce(): Promise<TokenState | undefined> {
    const cache = await loadCache()
    if (!cache) return undefined
    const mode = cacheMode()
    if (mode === 'none' || mode === 'write-only') {
      log.debug(`Token cache: ACTIONS_CACHE_MODE is ${mode}, which does not allow restoring.`)
      return undefined
    }
    const place = await createPrivateWorkspace(opts.runnerTemp)
    try {
      const outcome = await bounded(place, () =>
        cache.restoreCache([CACHE_PATH], prefix, [prefix], {
          // Only apply to downloads from Azure storage (GitHub's); the bound above covers the rest.
          timeoutInMs: timeoutMs,
          segmentTimeoutInMs: timeoutMs
        })
      )
      reportHeld(outcome.held)
      if (outcome.kind === 'timeout') {
        unresponsive = true
        log.warning(
          `Token cache: gave up restoring after ${seconds(timeoutMs)} s: the Actions cache service did not answer in time. Continuing without the cached token state; this run will not save one either.`
        )
        return undefined
      }
      const key = outcome.kind === 'done' ? outcome.value : undefined
      if (key) return await readEntry(place, key)
      // @actions/cache answers a failure like a miss, after printing a warning we held back.
      if (outcome.kind === 'failed' || outcome.held.problems.length > 0) {
        const error = outcome.kind === 'failed' ? outcome.error : undefined
        log.warning(
          `Token cache: could not restore the token state${detail(outcome.held, error)}. Continuing without it.`
        )
        return undefined
      }
      log.debug(`Token cache: no entry matches ${prefix}*.`)
      return undefined
    } finally {
      await place.remove()
    }
  }

  async function readEntry(place: PrivateWorkspace, key: string): Promise<TokenState | undefined> {
    let blob: Buffer
    try {
      blob = await readFile(join(place.workspace, CACHE_PATH))
    } catch {
      log.debug(`Token cache: entry ${key} holds no token state; ignoring it.`)
      return undefined
    }
    const plaintext = openState(blob, opts.secret, opts.context)
    if (!plaintext) {
      log.debug(
        `Token cache: entry ${key} does not decrypt under this client_secret, client_id, token endpoint and scope (written with other settings, or altered); ignoring it.`
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
    log.debug(`Token cache: restored the state saved at ${iso(state.savedAtMs)} (entry ${key}).`)
    return state
  }

  async function saveOnce(state: TokenState): Promise<boolean> {
    if (unresponsive) return false
    const cache = await loadCache()
    if (!cache) return false
    const mode = cacheMode()
    if (mode === 'none' || mode === 'read') {
      log.warning(
        `Token cache: this run may not write to the Actions cache (ACTIONS_CACHE_MODE is ${mode}; GitHub restricts it for untrusted triggers such as pull requests from forks), so the new token state was not saved. The token is still output.`
      )
      return false
    }
    const blob = sealState(serializeState(state), opts.secret, opts.context)
    const key = newCacheKey(opts.context, Date.now())
    const place = await createPrivateWorkspace(opts.runnerTemp)
    try {
      const file = join(place.workspace, CACHE_PATH)
      await mkdir(dirname(file), { recursive: true, mode: 0o700 })
      await writeFile(file, blob, { mode: 0o600 })
      const outcome = await bounded(place, () => cache.saveCache([CACHE_PATH], key))
      reportHeld(outcome.held)
      const consequence =
        'The token is still output; other jobs and later runs cannot reuse this state and make their own token request.'
      if (outcome.kind === 'timeout') {
        log.warning(
          `Token cache: gave up saving after ${seconds(timeoutMs)} s: the Actions cache service did not answer in time. ${consequence}`
        )
        return false
      }
      if (outcome.kind === 'failed' || outcome.value === -1) {
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
    restore: () =>
      oneAtATime(async () => {
        try {
          return await restoreOnce()
        } catch (error) {
          log.warning(`Token cache: restoring failed${detail({ problems: [], lines: [] }, error)}.`)
          return undefined
        }
      }),
    save: state =>
      oneAtATime(async () => {
        try {
          return await saveOnce(state)
        } catch (error) {
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

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
