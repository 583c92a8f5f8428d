import { mkdir, writeFile } from 'node:fs/promises'
import type { ClientRequest } from 'node:http'
import { dirname, join } from 'node:path'
import { clip } from '../common/errors.js'
import { startLibraryCall, type HeldOutput } from './library-call.js'
import { createPrivateWorkspace, type PrivateWorkspace } from './private-workspace.js'
import { installSaveTools } from './save-tools.js'
import { CACHE_PATH, readStateArchive } from './state-archive.js'
import { installTarCapture, type TarCapture } from './tar-capture.js'

/**
 * The adapter of @actions/cache: the one module that knows how the library behaves. To the rest
 * of the action the cache is a store of small byte strings under immutable keys, looked up by
 * prefix. What the library needs and does is kept here: the fixed relative path and the gzip
 * archive (both part of the cache version), a private folder as the workspace, a PATH of its own
 * (a tar stand-in to restore, tar and gzip to save), failures it prints instead of throwing, one
 * bound on the time all calls of a run may take, and not asking again after a failure.
 *
 * Helpers it alone uses: library-call.ts (holding the library's output, abandoning its requests),
 * private-workspace.ts, tar-capture.ts, save-tools.ts and state-archive.ts (reading an archive).
 */
export interface ActionsCache {
  /**
   * The newest entry whose key starts with `keyPrefix`, with the bytes it holds. With `withinMs`
   * the call is bounded by that instead of what is left of the run's bound, and not charged to
   * it: a wait polls on a bound of its own.
   */
  restore(keyPrefix: string, withinMs?: number): Promise<Restored>
  /** Stores `content` under `key`, a key no entry has yet. */
  save(key: string, content: Buffer): Promise<Saved>
  /**
   * Stores `content` under `key` unless an entry of that key exists or is being stored in this
   * run's cache scope. The service creates a key (with its version, in its scope) once and answers
   * a second create 409, so this is a test-and-set shared by every job of the run: `exists` only
   * for that answer, never for a refusal of another kind (read-only cache, a failing service).
   */
  create(key: string, content: Buffer): Promise<Created>
}

export type Restored =
  | { kind: 'hit'; key: string; content: Buffer }
  /** An entry matched, but its archive is not one of ours; `refused` says why, if it had any. */
  | { kind: 'unreadable'; key: string; refused?: string }
  | { kind: 'miss' }
  | CacheOff
  | { kind: 'failed'; failure: CacheFailure }

export type Saved = { kind: 'saved' } | CacheOff | { kind: 'failed'; failure: CacheFailure }

export type Created =
  { kind: 'created' } | { kind: 'exists' } | CacheOff | { kind: 'failed'; failure: CacheFailure }

/**
 * Nothing was asked: no cache on this runner (warned once), ACTIONS_CACHE_MODE forbids it (`mode`,
 * for the caller to explain), or the service failed earlier in this run (warned then).
 */
export type CacheOff = { kind: 'off'; mode?: string }

/** Why a call failed: it took what was left of the bound, or the service or library failed. */
export type CacheFailure = { timedOutAfterMs: number } | { detail: string }

export interface ActionsCacheLog {
  debug(message: string): void
  warning(message: string): void
}

export interface ActionsCacheOptions {
  /** RUNNER_TEMP: each call works in a private folder below it. */
  runnerTemp: string
  log: ActionsCacheLog
  /** Bound on all calls together, for the whole run (default 15 s). */
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

type Outcome<T> = (
  { kind: 'done'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'timeout' }
) & { held: HeldOutput; responses: Array<{ path: string; status: number }> }

/** The service's method that reserves a key: it answers 409 when the key exists in the scope. */
const CREATE_ENTRY = /\.CacheService\/CreateCacheEntry$/

type Library = typeof import('@actions/cache')

// Cache calls repoint process-wide settings (environment, current directory, stdout): one at a
// time, even across adapters.
let queue: Promise<unknown> = Promise.resolve()

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work)
  queue = next.catch(() => {})
  return next
}

export function createActionsCache(opts: ActionsCacheOptions): ActionsCache {
  const budgetMs = opts.timeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS
  const { log } = opts
  const platform = opts.platform ?? process.platform
  let unavailableReported = false
  let toolsExplained = false
  /** Time spent in cache calls so far: every call of the run shares one bound. */
  let spentMs = 0
  // A service that failed once (timeout, error, refusal) is not asked again in this run: a
  // second wait would only add to the delay, and what failed once mostly fails again.
  let failed = false

  async function loadCache(): Promise<Library | undefined> {
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
    tools: { path: string; env?: Record<string, string> },
    charged = true
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
        const responses = call.responses()
        call.abandon(abandonedRequestError)
        // The abandoned call may still be past its downloads. Once PATH and GITHUB_WORKSPACE are
        // restored it would find the real tar: the archive it would hand it goes first.
        await place.remove()
        return { kind: 'timeout', held, responses }
      }
      return { ...outcome, held: call.output(), responses: call.responses() }
    } finally {
      clearTimeout(timer)
      leave()
      if (charged) spentMs += Date.now() - started
    }
  }

  function reportHeld(held: HeldOutput): void {
    for (const line of held.lines) log.debug(`Token cache: ${line}`)
  }

  /** Runs `work` alone; a throw anywhere in it is a failure of the cache, never of the step. */
  function guarded<T extends { kind: string }>(
    work: () => Promise<T | { kind: 'failed'; failure: CacheFailure }>
  ): Promise<T | { kind: 'failed'; failure: CacheFailure }> {
    return oneAtATime(async () => {
      try {
        return await work()
      } catch (error) {
        failed = true
        return { kind: 'failed' as const, failure: { detail: detail(NOTHING_HELD, error) } }
      }
    })
  }

  /** One restoreCache by key prefix in a private folder, its archive read in memory. */
  async function restoreOnce(keyPrefix: string, withinMs?: number): Promise<Restored> {
    if (failed) return { kind: 'off' }
    const cache = await loadCache()
    if (!cache) return { kind: 'off' }
    const mode = cacheMode()
    if (mode === 'none' || mode === 'write-only') {
      log.debug(`Token cache: ACTIONS_CACHE_MODE is ${mode}, which does not allow restoring.`)
      return { kind: 'off', mode }
    }
    const place = await createPrivateWorkspace(opts.runnerTemp)
    try {
      const capture = await installTarCapture(place.root)
      const limitMs = withinMs ?? remainingMs()
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
        { path: capture.bin, env: capture.env },
        withinMs === undefined
      ).finally(release)
      reportHeld(outcome.held)
      if (outcome.kind === 'timeout') {
        failed = true
        return { kind: 'failed', failure: { timedOutAfterMs: limitMs } }
      }
      const key = outcome.kind === 'done' ? outcome.value : undefined
      if (key) return await readEntry(capture, key)
      // @actions/cache answers a failure like a miss, after printing a warning we held back.
      if (outcome.kind === 'failed' || outcome.held.problems.length > 0) {
        failed = true
        const error = outcome.kind === 'failed' ? outcome.error : undefined
        return { kind: 'failed', failure: { detail: detail(outcome.held, error) } }
      }
      return { kind: 'miss' }
    } finally {
      await place.remove()
    }
  }

  async function readEntry(capture: TarCapture, key: string): Promise<Restored> {
    const archive = capture.read()
    if (archive === undefined) return { kind: 'unreadable', key }
    const reading = 'refused' in archive ? archive : await readStateArchive(archive.data)
    if ('refused' in reading) return { kind: 'unreadable', key, refused: reading.refused }
    return { kind: 'hit', key, content: reading.blob }
  }

  /** A save, or with `claim` a create that tells a key taken by another job from a failure. */
  async function saveOnce(key: string, content: Buffer, claim: boolean): Promise<Created> {
    if (failed) return { kind: 'off' }
    const cache = await loadCache()
    if (!cache) return { kind: 'off' }
    const mode = cacheMode()
    if (mode === 'none' || mode === 'read') return { kind: 'off', mode }
    const limitMs = remainingMs()
    const place = await createPrivateWorkspace(opts.runnerTemp)
    try {
      const file = join(place.workspace, CACHE_PATH)
      await mkdir(dirname(file), { recursive: true, mode: 0o700 })
      await writeFile(file, content, { mode: 0o600 })
      const tools = await installSaveTools(place.root)
      const outcome = await bounded(place, limitMs, () => cache.saveCache([CACHE_PATH], key), {
        path: tools.bin
      })
      reportHeld(outcome.held)
      if (outcome.kind === 'timeout') {
        failed = true
        return { kind: 'failed', failure: { timedOutAfterMs: limitMs } }
      }
      if (outcome.kind === 'failed' || outcome.value === -1) {
        // The service said the key exists: it works, and another job holds the key.
        if (claim && outcome.responses.some(r => CREATE_ENTRY.test(r.path) && r.status === 409)) {
          return { kind: 'exists' }
        }
        failed = true
        const error = outcome.kind === 'failed' ? outcome.error : undefined
        return { kind: 'failed', failure: { detail: detail(outcome.held, error) } }
      }
      return { kind: 'created' }
    } finally {
      await place.remove()
    }
  }

  return {
    restore: (keyPrefix, withinMs) => guarded(() => restoreOnce(keyPrefix, withinMs)),
    save: (key, content) =>
      guarded(async () => {
        const saved = await saveOnce(key, content, false)
        return saved.kind === 'created' ? { kind: 'saved' as const } : (saved as Saved)
      }),
    create: (key, content) => guarded(() => saveOnce(key, content, true))
  }
}

const NOTHING_HELD: HeldOutput = { problems: [], lines: [] }

/** What the library printed about a failure, and the error it threw, for one warning. */
function detail(held: HeldOutput, error?: unknown): string {
  // Some failures (a key taken by another job) are only printed as plain lines.
  const failures = held.lines.filter(line => /^Failed to (save|restore)\b/.test(line))
  const parts = [...held.problems, ...failures]
  if (error !== undefined) parts.push(error instanceof Error ? error.message : String(error))
  return clip(parts.map(part => part.split('\n')[0]).join('; '), 400)
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
