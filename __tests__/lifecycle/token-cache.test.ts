import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { openState, sealState, type SealContext } from '../../src/lifecycle/sealing.js'
import {
  CACHE_PATH,
  cacheKeyPrefix,
  createTokenCache,
  type TokenCache,
  type TokenCacheOptions
} from '../../src/lifecycle/token-cache.js'
import { parseState, type TokenState } from '../../src/lifecycle/token-state.js'
import { buildArchive, readArchiveFile, rewriteArchiveFile } from '../support/cache-archive.js'
import { startFakeCacheService, type FakeCacheService } from '../support/fake-cache-service.js'

const SECRET = 'client-secret-4f9a1c'
const context: SealContext = {
  clientId: 'client-id-77',
  tokenUrl: 'http://127.0.0.1:9/oauth2/token',
  scope: 'workspace'
}

function state(n: number): TokenState {
  return {
    v: 1,
    accessToken: `access-token-${n}-b3c1d9e8f7`,
    tokenType: 'Bearer',
    expiresAtMs: 1_900_000_000_000 + n,
    scope: 'workspace',
    refreshToken: `refresh-token-${n}-a8e2f4c6d0`,
    savedAtMs: 1_800_000_000_000 + n
  }
}

const ENV_NAMES = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_MODE',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
  'GITHUB_SERVER_URL'
]

let service: FakeCacheService
let savedEnv: Record<string, string | undefined>
let workspace: string
let runnerTemp: string
let cwd: string
let stdout: string[]
let debug: string[]
let warnings: string[]

function cache(overrides: Partial<TokenCacheOptions> = {}): TokenCache {
  return createTokenCache({
    secret: SECRET,
    context,
    runnerTemp,
    log: { info: m => debug.push(m), debug: m => debug.push(m), warning: m => warnings.push(m) },
    ...overrides
  })
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = Date.now()
  const value = await work()
  return { value, ms: Date.now() - start }
}

beforeEach(async () => {
  service = await startFakeCacheService()
  savedEnv = Object.fromEntries(ENV_NAMES.map(name => [name, process.env[name]]))
  for (const name of ENV_NAMES) delete process.env[name]
  Object.assign(process.env, service.env())
  process.env.GITHUB_SERVER_URL = 'https://github.com'
  workspace = mkdtempSync(join(tmpdir(), 'token-cache-workspace-'))
  runnerTemp = mkdtempSync(join(tmpdir(), 'token-cache-runner-temp-'))
  process.env.GITHUB_WORKSPACE = workspace
  process.env.RUNNER_TEMP = runnerTemp
  cwd = process.cwd()
  stdout = []
  debug = []
  warnings = []
  // @actions/cache prints through @actions/core: keep it out of the test output, but look at it.
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
})

afterEach(async () => {
  // Closed first: calls a test abandoned at its time limit then fail, and print, while stdout is
  // still captured.
  await service.close()
  await new Promise(resolve => setTimeout(resolve, 50))
  jest.restoreAllMocks()
  // Whatever the test did: nothing in the workspace, nothing left under RUNNER_TEMP, and the
  // process's environment and directory as they were.
  expect(readdirSync(workspace)).toEqual([])
  expect(readdirSync(runnerTemp)).toEqual([])
  expect(process.env.GITHUB_WORKSPACE).toBe(workspace)
  expect(process.env.RUNNER_TEMP).toBe(runnerTemp)
  expect(process.cwd()).toBe(cwd)
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name]
    else process.env[name] = savedEnv[name]
  }
  rmSync(workspace, { recursive: true, force: true })
  rmSync(runnerTemp, { recursive: true, force: true })
})

describe('token cache through the real @actions/cache', () => {
  it('runs no zstd: saves gzip archives even where zstd is installed, and restores them', async () => {
    // A zstd first on PATH that notes every run: the library probes for it before each save and
    // restore, and compresses with it when found.
    const bin = mkdtempSync(join(tmpdir(), 'token-cache-zstd-'))
    const calls = join(bin, 'calls')
    writeFileSync(join(bin, 'zstd'), `#!/bin/sh\necho "$@" >> '${calls}'\nexit 0\n`, {
      mode: 0o755
    })
    const path = process.env.PATH
    process.env.PATH = `${bin}${delimiter}${path}`
    try {
      expect(await cache().save(state(1))).toBe(true)
      expect(await cache().restore()).toEqual(state(1))
      expect(process.env.PATH).toBe(`${bin}${delimiter}${path}`)
    } finally {
      process.env.PATH = path
    }
    expect(existsSync(calls)).toBe(false)
    const [entry] = service.entries()
    expect(entry.blob.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]))
    expect(warnings).toEqual([])
    rmSync(bin, { recursive: true, force: true })
  })

  it('saves a state and restores it', async () => {
    expect(await cache().save(state(1))).toBe(true)
    expect(await cache().restore()).toEqual(state(1))
    expect(warnings).toEqual([])
    expect(service.entries()).toHaveLength(1)
  })

  it('saves under a fresh key with a prefix that reveals no secret', async () => {
    await cache().save(state(1))
    await cache().save(state(1))
    const keys = service.entries().map(entry => entry.key)
    expect(keys).toHaveLength(2)
    expect(keys[0]).not.toBe(keys[1])
    for (const key of keys) {
      expect(key.startsWith(cacheKeyPrefix(context))).toBe(true)
      expect(key).toMatch(/^clayton-oauth-v1-[0-9a-f]{16}-\d+-[0-9a-f]{12}$/)
      for (const secret of [SECRET, state(1).accessToken!, state(1).refreshToken!]) {
        expect(key).not.toContain(secret)
      }
    }
  })

  it('stores only the sealed state: no plaintext token in the blob, the archive or the log', async () => {
    await cache().save(state(1))
    await cache().restore()
    const [entry] = service.entries()
    const sealed = readArchiveFile(entry.blob, CACHE_PATH)
    const plain = openState(sealed, SECRET, context, entry.key)
    expect(plain && parseState(plain)).toEqual(state(1))
    const log = [...stdout, ...debug, ...warnings].join('\n')
    for (const secret of [SECRET, state(1).accessToken!, state(1).refreshToken!]) {
      expect(entry.blob.includes(secret)).toBe(false)
      expect(sealed.includes(secret)).toBe(false)
      expect(log).not.toContain(secret)
    }
  })

  it('restores the newest of several saves', async () => {
    await cache().save(state(1))
    await cache().save(state(2))
    await cache().save(state(3))
    expect(await cache().restore()).toEqual(state(3))
  })

  it('finds nothing when nothing was saved for this client', async () => {
    await cache({ context: { ...context, clientId: 'another-client' } }).save(state(1))
    expect(await cache().restore()).toBeUndefined()
    expect(debug.join('\n')).toMatch(/no entry matches/)
    expect(warnings).toEqual([])
  })

  it('ignores an entry whose sealed state was altered, with a debug line', async () => {
    await cache().save(state(1))
    const [entry] = service.entries()
    const sealed = readArchiveFile(entry.blob, CACHE_PATH)
    sealed[sealed.length - 20] ^= 0x01
    entry.blob = rewriteArchiveFile(entry.blob, CACHE_PATH, sealed)
    expect(await cache().restore()).toBeUndefined()
    expect(debug.join('\n')).toMatch(/entry clayton-oauth-v1-\S+ does not decrypt/)
    expect(warnings).toEqual([])
  })

  it('ignores an entry sealed under another client secret', async () => {
    await cache({ secret: 'another-client-secret' }).save(state(1))
    expect(await cache().restore()).toBeUndefined()
    expect(debug.join('\n')).toMatch(/does not decrypt under this client_secret/)
    expect(warnings).toEqual([])
  })

  it('ignores an entry that decrypts but holds no token state', async () => {
    await cache().save(state(1))
    const [entry] = service.entries()
    const garbage = sealState(Buffer.from('{"v":2}'), SECRET, context, entry.key)
    entry.blob = rewriteArchiveFile(entry.blob, CACHE_PATH, garbage)
    expect(await cache().restore()).toBeUndefined()
    expect(debug.join('\n')).toMatch(/not a readable token state/)
  })

  it('service dropping connections: warns, never throws, and does not wait for the timeout', async () => {
    await cache().save(state(1))
    service.setDown(true, 'reset')
    const restored = await timed(() => cache().restore())
    const saved = await timed(() => cache().save(state(2)))
    expect(restored.value).toBeUndefined()
    expect(saved.value).toBe(false)
    expect(restored.ms + saved.ms).toBeLessThan(5000)
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(/^Token cache: could not restore the token state \(.*ECONNRESET/)
    expect(warnings[1]).toMatch(/^Token cache: the Actions cache did not store the token state/)
    // The library's own warnings were folded into ours rather than printed as well.
    expect(stdout.join('')).not.toMatch(/^::(warning|error)/m)
  })

  it('service answering 503: gives up after timeoutMs with a warning', async () => {
    service.setDown(true, 'status')
    const restored = await timed(() => cache({ timeoutMs: 1500 }).restore())
    expect(restored.value).toBeUndefined()
    expect(restored.ms).toBeGreaterThanOrEqual(1450)
    expect(restored.ms).toBeLessThan(4000)
    expect(warnings).toEqual([
      expect.stringMatching(/^Token cache: gave up restoring after 1\.5 s/)
    ])
    // The abandoned call wakes from its retry sleep (3 s) and fails: that is our doing, and its
    // "Failed to restore" must not reach the log after our warning.
    await new Promise(resolve => setTimeout(resolve, 1500))
    expect(stdout.join('')).not.toMatch(/^::(warning|error)/m)
  })

  it('hanging service: restore and save give up after timeoutMs and tear the request down', async () => {
    await cache().save(state(1))
    service.setHang(true)
    const restored = await timed(() => cache({ timeoutMs: 1500 }).restore())
    expect(restored.value).toBeUndefined()
    expect(restored.ms).toBeGreaterThanOrEqual(1450)
    // The twirp client is handed ECONNRESET, on which it gives up at once instead of retrying:
    // no wind-down wait.
    expect(restored.ms).toBeLessThan(2300)
    const saved = await timed(() => cache({ timeoutMs: 1500 }).save(state(2)))
    expect(saved.value).toBe(false)
    expect(saved.ms).toBeLessThan(2300)
    expect(warnings).toEqual([
      expect.stringMatching(/^Token cache: gave up restoring after 1\.5 s/),
      expect.stringMatching(/^Token cache: gave up saving after 1\.5 s/)
    ])
    // The abandoned calls hang up instead of waiting on the service: nothing keeps the process alive.
    const deadline = Date.now() + 1000
    while (service.pendingRequests() > 0 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 20))
    }
    expect(service.requests.filter(r => r.rpc).length).toBeGreaterThanOrEqual(3)
    expect(service.pendingRequests()).toBe(0)
  })

  it('after a restore timed out, the same run does not wait on the service again to save', async () => {
    await cache().save(state(1))
    service.setHang(true)
    const tokenCache = cache({ timeoutMs: 1500 })
    expect(await tokenCache.restore()).toBeUndefined()
    const before = service.requests.length
    const saved = await timed(() => tokenCache.save(state(2)))
    expect(saved.value).toBe(false)
    expect(saved.ms).toBeLessThan(200)
    expect(service.requests.length).toBe(before)
    expect(warnings).toEqual([expect.stringMatching(/this run will not save one either/)])
  })

  it.each<['save' | 'restore', string]>([
    ['save', 'upload through the Azure SDK'],
    ['restore', 'download stalled mid-body']
  ])('hanging blob storage: %s gives up after timeoutMs and drops the %s', async (call, _what) => {
    await cache().save(state(1))
    service.setHang(true, 'blob')
    const tokenCache = cache({ timeoutMs: 1500 })
    const result = await timed<unknown>(() =>
      call === 'save' ? tokenCache.save(state(2)) : tokenCache.restore()
    )
    expect(result.value).toBe(call === 'save' ? false : undefined)
    expect(result.ms).toBeGreaterThanOrEqual(1450)
    // The Azure SDK is handed an error it does not retry, so the abandoned upload ends at once
    // instead of sleeping through retries (no wind-down wait); a download cut mid-body is final.
    expect(result.ms).toBeLessThan(2300)
    expect(warnings).toEqual([expect.stringMatching(/^Token cache: gave up (saving|restoring)/)])
    const deadline = Date.now() + 1000
    while (service.pendingRequests() > 0 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 20))
    }
    expect(service.requests.some(r => !r.rpc && r.at > Date.now() - 5000)).toBe(true)
    expect(service.pendingRequests()).toBe(0)
  })

  it('read-only cache token: save warns, restore still works', async () => {
    await cache().save(state(1))
    service.setReadOnly(true)
    expect(await cache().save(state(2))).toBe(false)
    expect(warnings).toEqual([
      expect.stringMatching(/did not store the token state \(.*cache write denied/)
    ])
    expect(await cache().restore()).toEqual(state(1))
  })

  it('ACTIONS_CACHE_MODE=read: save warns without asking the service; restore works', async () => {
    await cache().save(state(1))
    process.env.ACTIONS_CACHE_MODE = 'read'
    const before = service.requests.length
    expect(await cache().save(state(2))).toBe(false)
    expect(service.requests.length).toBe(before)
    expect(warnings).toEqual([expect.stringMatching(/may not write to the Actions cache/)])
    expect(await cache().restore()).toEqual(state(1))
  })

  it('ACTIONS_CACHE_MODE=none: restore asks nothing and finds nothing', async () => {
    await cache().save(state(1))
    process.env.ACTIONS_CACHE_MODE = 'none'
    const before = service.requests.length
    expect(await cache().restore()).toBeUndefined()
    expect(service.requests.length).toBe(before)
    expect(warnings).toEqual([])
  })

  it('no cache service in the environment: one warning, no throw', async () => {
    delete process.env.ACTIONS_RESULTS_URL
    const tokenCache = cache()
    expect(await tokenCache.restore()).toBeUndefined()
    expect(await tokenCache.save(state(1))).toBe(false)
    expect(warnings).toEqual([expect.stringMatching(/not available to this job/)])
    expect(service.requests).toEqual([])
  })

  it('runs calls one at a time, so concurrent calls cannot trip over the shared environment', async () => {
    const tokenCache = cache()
    const results = await Promise.all([
      tokenCache.save(state(1)),
      cache().save(state(2)),
      tokenCache.restore()
    ])
    expect(results).toEqual([true, true, state(2)])
  })
})

/** The refresh token state(n) holds; the one it was obtained with is rt(n - 1). */
const rt = (n: number) => state(n).refreshToken!

const lookups = () => service.requests.filter(r => r.rpc === 'GetCacheEntryDownloadURL').length

describe('token cache: replayed genuine entries are never used over newer ones', () => {
  it('a genuine entry copied under a newer key does not open', async () => {
    await cache().save(state(1), rt(0))
    const [genuine] = service.entries()
    service.plant({
      key: `${cacheKeyPrefix(context)}9999999999999999${Date.now()}-aaaaaaaaaaaa`,
      version: genuine.version,
      blob: genuine.blob
    })
    expect(await cache().restore()).toBeUndefined()
    expect(debug.join('\n')).toMatch(/does not decrypt .*moved to another key/)
  })

  it('an old entry re-uploaded under its own key, newest by upload, yields to its successors', async () => {
    await cache().save(state(1), rt(0))
    await cache().save(state(2), rt(1))
    await cache().save(state(3), rt(2))
    const [oldest] = service.entries()
    // As a re-upload into a scope the run reads first would be.
    service.plant({ ...oldest })
    expect(await cache().restore()).toEqual(state(3))
    expect(debug.join('\n')).toMatch(/replaced the refresh token of entry/)
  })

  it('the newest entry does not open: the chain is followed from the input token', async () => {
    await cache().save(state(1), rt(0))
    await cache().save(state(2), rt(1))
    const [first] = service.entries()
    service.plant({
      key: `${cacheKeyPrefix(context)}0000000000000000${Date.now()}-bbbbbbbbbbbb`,
      version: first.version,
      blob: buildArchive([{ path: CACHE_PATH, body: 'not sealed' }], 'gzip')
    })
    expect(await cache().restore(rt(0))).toEqual(state(2))
  })

  it('a successor that does not open: the older state is not used', async () => {
    await cache().save(state(1), rt(0))
    await cache().save(state(2), rt(1))
    const [first, second] = service.entries()
    const sealed = readArchiveFile(second.blob, CACHE_PATH)
    sealed[sealed.length - 1] ^= 0x01
    second.blob = rewriteArchiveFile(second.blob, CACHE_PATH, sealed)
    service.plant({ ...first })
    expect(await cache().restore()).toBeUndefined()
    expect(debug.join('\n')).toMatch(
      /replaced the refresh token this run would send, but does not open/
    )
  })

  it('knows which tokens the restored entries replaced, and which one an unreadable entry did', async () => {
    await cache().save(state(1), rt(0))
    await cache().save(state(2), rt(1))
    const [first, second] = service.entries()
    const sealed = readArchiveFile(second.blob, CACHE_PATH)
    sealed[sealed.length - 1] ^= 0x01
    second.blob = rewriteArchiveFile(second.blob, CACHE_PATH, sealed)
    service.plant({ ...first })
    const tokenCache = cache()
    expect(await tokenCache.restore(rt(0))).toBeUndefined()
    expect(tokenCache.knownSpent!(rt(0))).toBe(true)
    expect(tokenCache.knownSpent!(rt(1))).toBe(true)
    expect(tokenCache.knownSpent!(rt(2))).toBe(false)
  })

  it('a state that was not rotated marks nothing spent', async () => {
    await cache().save(state(1), rt(1))
    const tokenCache = cache()
    expect(await tokenCache.restore(rt(1))).toEqual(state(1))
    expect(tokenCache.knownSpent!(rt(1))).toBe(false)
  })

  it('costs one lookup for a state that was not rotated, two for one that was', async () => {
    await cache().save(state(1), rt(1))
    expect(await cache().restore()).toEqual(state(1))
    expect(lookups()).toBe(1)
    await cache().save(state(2), rt(1))
    expect(await cache().restore()).toEqual(state(2))
    expect(lookups()).toBe(3)
  })
})

describe('token cache: one bound for the run, and no second try after a failure', () => {
  it('a restore that failed in any way is not followed by a save: nothing more is asked', async () => {
    service.setDown(true, 'reset')
    const tokenCache = cache()
    expect(await tokenCache.restore()).toBeUndefined()
    const before = service.requests.length
    expect(await tokenCache.save(state(1))).toBe(false)
    expect(service.requests.length).toBe(before)
    expect(warnings).toEqual([expect.stringMatching(/will not ask the cache service again/)])
  })

  it('restore and save share the bound: a slow restore leaves the save only the rest', async () => {
    await cache().save(state(1), rt(1))
    service.setDelay(600)
    const tokenCache = cache({ timeoutMs: 2500 })
    const restored = await timed(() => tokenCache.restore())
    expect(restored.value).toEqual(state(1))
    service.setDelay(0)
    service.setHang(true)
    const saved = await timed(() => tokenCache.save(state(2)))
    expect(saved.value).toBe(false)
    // Generous upper bound: the two together stay within the one bound, plus scheduling.
    expect(restored.ms + saved.ms).toBeLessThan(2500 + 700)
    expect(warnings).toEqual([
      // The rest of the bound, however the load spread it: a whole second prints without a decimal.
      expect.stringMatching(/^Token cache: gave up saving after [0-2](\.\d)? s/)
    ])
  })
})

describe('token cache: restored archives are never extracted', () => {
  it('a planted absolute path is refused in memory: nothing written, a debug line, a miss', async () => {
    const target = join(runnerTemp, '..', `planted-${Date.now()}`)
    await cache().save(state(1), rt(1))
    const [genuine] = service.entries()
    service.plant({
      ...genuine,
      blob: buildArchive([{ path: target, body: 'pwned' }], 'gzip')
    })
    expect(await cache().restore()).toBeUndefined()
    expect(existsSync(target)).toBe(false)
    expect(debug.join('\n')).toMatch(/has an absolute path\. Nothing from it was written/)
    expect(warnings).toEqual([])
  })

  it('a restore spawns no process: the tar stand-in runs in this process', async () => {
    await cache().save(state(1), rt(1))
    const spawned: string[] = []
    // spawn is on the prototype at run time but not in Node's typings of ChildProcess.
    type Spawn = (this: ChildProcess, options: { file: string }) => unknown
    const prototype = ChildProcess.prototype as unknown as { spawn: Spawn }
    const original = prototype.spawn
    jest.spyOn(prototype, 'spawn').mockImplementation(function (this: ChildProcess, options) {
      spawned.push(options.file)
      return original.call(this, options)
    })
    expect(await cache().restore()).toEqual(state(1))
    expect(spawned).toEqual([])
    // The library did run its tar: the log shows the command it ran in process.
    expect(debug.join('\n')).toMatch(/\[command\]\S+\/bin\/tar -xf /)
  })

  it('PATH and the environment are as they were after a restore', async () => {
    await cache().save(state(1), rt(1))
    const path = process.env.PATH
    expect(await cache().restore()).toEqual(state(1))
    expect(process.env.PATH).toBe(path)
    expect(process.env.CLAYTON_OAUTH_CACHE_ARCHIVE).toBeUndefined()
  })

  it('on Windows the cache is not used at all, with one warning', async () => {
    const tokenCache = cache({ platform: 'win32' })
    expect(await tokenCache.restore()).toBeUndefined()
    expect(await tokenCache.save(state(1))).toBe(false)
    expect(warnings).toEqual([expect.stringMatching(/^Token cache: not used on Windows runners/)])
    expect(service.requests).toEqual([])
  })
})

describe('token cache: one refresh per refresh token among the jobs of a run', () => {
  const run = { id: '4242', attempt: '1' }
  const claimer = (overrides: Partial<TokenCacheOptions> = {}) =>
    cache({ run, claimWaitMs: 5_000, ...overrides })

  it('the first claim wins; a second of the same refresh loses and gets the state the winner saves', async () => {
    const winner = claimer()
    const loser = claimer()
    await winner.restore(rt(0))
    await loser.restore(rt(0))
    expect(await winner.claim!(rt(0))).toEqual({ kind: 'won' })
    const waiting = loser.claim!(rt(0))
    expect(await winner.save(state(1), rt(0))).toBe(true)
    expect(await waiting).toEqual({ kind: 'successor', state: state(1) })
    expect(debug.join('\n')).toMatch(/Another job of this run is refreshing the same refresh token/)
    expect(warnings).toEqual([])
    // The claim is an entry of its own, empty, not under the prefix the states are restored by.
    const claims = service.entries().filter(e => !e.key.startsWith(cacheKeyPrefix(context)))
    expect(claims).toHaveLength(1)
    expect(readArchiveFile(claims[0].blob, CACHE_PATH)).toEqual(Buffer.alloc(0))
    expect(await cache().restore()).toEqual(state(1))
  })

  it('a loser whose winner saves nothing gives up after claimWaitMs', async () => {
    expect(await claimer().claim!(rt(0))).toEqual({ kind: 'won' })
    const { value, ms } = await timed(() => claimer({ claimWaitMs: 1_500 }).claim!(rt(0)))
    expect(value).toMatchObject({ kind: 'gave-up' })
    expect(ms).toBeLessThan(10_000)
  })

  it('another attempt of the run, another run, or another state to replace claims anew', async () => {
    expect(await claimer().claim!(rt(0))).toEqual({ kind: 'won' })
    expect(await claimer({ run: { ...run, attempt: '2' } }).claim!(rt(0))).toEqual({ kind: 'won' })
    expect(await claimer({ run: { ...run, id: '4243' } }).claim!(rt(0))).toEqual({ kind: 'won' })
    await cache().save(state(1), rt(0))
    const later = claimer()
    expect(await later.restore(rt(0))).toEqual(state(1))
    expect(await later.claim!(rt(0))).toEqual({ kind: 'won' })
  })

  it('a create refused for another reason (read-only cache) is no lost claim: a warning, no wait', async () => {
    service.setReadOnly(true)
    expect(await claimer().claim!(rt(0))).toEqual({ kind: 'unclaimed' })
    expect(warnings).toEqual([
      expect.stringMatching(/^Token cache: could not claim this refresh .*cache write denied/)
    ])
  })

  it('without a run id nothing is claimed and nothing is asked', async () => {
    expect(await cache().claim!(rt(0))).toEqual({ kind: 'unclaimed' })
    expect(service.requests).toEqual([])
  })

  it('knows a rotation once it restored a state that replaced its refresh token', async () => {
    const plain = claimer()
    await cache().save(state(1), state(1).refreshToken)
    await plain.restore()
    expect(plain.rotationSeen!()).toBe(false)
    await cache().save(state(2), state(1).refreshToken)
    const rotated = claimer()
    await rotated.restore()
    expect(rotated.rotationSeen!()).toBe(true)
  })
})

it('ACTIONS_CACHE_MODE=write-only: no claim, since a waiting job could not see the state', async () => {
  process.env.ACTIONS_CACHE_MODE = 'write-only'
  const tokenCache = cache({ run: { id: '4242', attempt: '1' }, claimWaitMs: 5_000 })
  expect(await tokenCache.restore(rt(0))).toBeUndefined()
  expect(await tokenCache.claim!(rt(0))).toEqual({ kind: 'unclaimed' })
  expect(service.requests).toEqual([])
})
