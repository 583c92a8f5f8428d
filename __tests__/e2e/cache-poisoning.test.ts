import { afterAll, afterEach, describe, expect, test } from '@jest/globals'
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { makeRunDirs, type RunDirs, type RunResult } from '../support/action-runner.js'
import { buildArchive, readArchiveFile, type PlantedMember } from '../support/cache-archive.js'
import { startFakeCacheService, type FakeCacheService } from '../support/fake-cache-service.js'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'

/**
 * Whoever can write a cache entry into a scope the job reads plants an archive; the action must
 * write nothing from it anywhere, and go on as on a cache miss.
 */

const CACHE_FILE = '.clayton-oauth/state.bin'
const MARK = 'clayton-planted'

let server: FakeClayton | undefined
let cache: FakeCacheService | undefined
const outsides: string[] = []
const runner = useActionRunner(() => server?.secrets() ?? [])

afterEach(async () => {
  await Promise.all([server?.close(), cache?.close()])
  server = cache = undefined
})

afterAll(() => {
  for (const dir of outsides) rmSync(dir, { recursive: true, force: true })
})

const ok = (result: RunResult) => {
  expect(result.errors).toEqual([])
  expect(result.exitCode).toBe(0)
}

/** Every path below `root` whose name carries the mark, or that is a link or a FIFO. */
function planted(root: string): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name)
      if (entry.name.includes(MARK) || entry.isSymbolicLink() || entry.isFIFO()) found.push(full)
      if (entry.isDirectory()) walk(full)
    }
  }
  if (existsSync(root)) walk(root)
  return found
}

interface Scene {
  dirs: RunDirs
  /** A folder outside everything the run is given: absolute members aim here. */
  outside: string
  genuineState: Buffer
}

/**
 * A first run saves a genuine entry; `members` (built from the scene) is then planted as the
 * newest entry, under the genuine key and version, as a re-upload into another scope would be.
 */
async function plant(build: (scene: Scene) => PlantedMember[]): Promise<{
  scene: Scene
  second: RunResult
}> {
  server = await startFakeClayton()
  cache = await startFakeCacheService()
  const env = { ...cache.env(), GITHUB_SERVER_URL: 'https://github.com' }
  const inputs = server.refreshInputs({ cache: 'true' })
  ok(await runner.run({ inputs, env }))
  const [genuine] = cache.entries()
  const outside = mkdtempSync(join(tmpdir(), 'cache-poisoning-outside-'))
  outsides.push(outside)
  writeFileSync(join(outside, 'victim'), 'untouched')
  const scene: Scene = {
    dirs: makeRunDirs(),
    outside,
    genuineState: readArchiveFile(genuine.blob, CACHE_FILE)
  }
  cache.plant({ key: genuine.key, version: genuine.version, blob: buildArchive(build(scene)) })

  const second = await runner.run({
    inputs,
    env: { ...env, RUNNER_DEBUG: '1' },
    dirs: scene.dirs,
    // Generous: a FIFO read by the old code blocked until killed.
    timeoutMs: 40_000
  })
  return { scene, second }
}

/** What must hold whatever was planted. */
function expectNothingWritten(scene: Scene, second: RunResult): void {
  ok(second)
  expect(second.timedOut).toBe(false)
  expect(planted(scene.outside)).toEqual([])
  expect(planted(scene.dirs.root)).toEqual([])
  expect(readdirSync(scene.outside)).toEqual(['victim'])
  expect(lstatSync(join(scene.outside, 'victim')).isFile()).toBe(true)
  expect(readFileSync(join(scene.outside, 'victim'), 'utf8')).toBe('untouched')
  expect(Object.keys(second.workspaceFiles)).toEqual([])
  // The private folders are gone, and with them anything the restore touched.
  expect(
    readdirSync(scene.dirs.runnerTemp).filter(n => n.startsWith('clayton-oauth-cache-'))
  ).toEqual([])
  // As on a miss: a token request, and a new genuine state saved over the planted one.
  expect(second.outputs.token_source).toBe('refresh')
  expect(server!.tokenRequests()).toHaveLength(2)
  expect(server!.isValidAccessToken(second.outputs.access_token)).toBe(true)
  expect(cache!.entries()).toHaveLength(3)
  expect(second.warnings).toEqual([])
}

describe('a planted cache entry writes nothing and counts as a miss', () => {
  test.each<[string, (s: Scene) => PlantedMember[], RegExp]>([
    [
      'an absolute path',
      s => [{ path: join(s.outside, `${MARK}-absolute`), body: 'pwned' }],
      /has an absolute path/
    ],
    [
      'an absolute path over an existing file',
      s => [{ path: join(s.outside, 'victim'), body: `pwned ${MARK}` }],
      /has an absolute path/
    ],
    [
      'a ../ path out of the private folder',
      () => [{ path: `../../../${MARK}-dotdot`, body: 'pwned' }],
      /has a "\.\." segment/
    ],
    [
      'a ../ path after the expected folder',
      s => [
        { path: CACHE_FILE, body: s.genuineState },
        { path: `.clayton-oauth/../../../../${MARK}-dotdot`, body: 'pwned' }
      ],
      /has a "\.\." segment/
    ],
    [
      'a symbolic link as the state file',
      s => [{ path: CACHE_FILE, type: 'SymbolicLink', linkpath: join(s.outside, 'victim') }],
      /is a symbolic link/
    ],
    [
      'a symbolic link folder, then a file written through it',
      s => [
        { path: '.clayton-oauth', type: 'SymbolicLink', linkpath: s.outside },
        { path: `.clayton-oauth/${MARK}-through-link`, body: 'pwned' }
      ],
      /is a symbolic link/
    ],
    [
      'a hard link to a file outside',
      s => [{ path: CACHE_FILE, type: 'Link', linkpath: join(s.outside, 'victim') }],
      /is a hard link/
    ],
    ['a device', () => [{ path: CACHE_FILE, type: 'CharacterDevice' }], /is a device/],
    ['a FIFO', () => [{ path: CACHE_FILE, type: 'FIFO' }], /is a FIFO/],
    [
      'an extra member beside the genuine state',
      s => [
        { path: CACHE_FILE, body: s.genuineState },
        { path: `${MARK}-extra`, body: 'pwned' }
      ],
      /holds 2 members/
    ],
    [
      'an oversized state',
      () => [{ path: CACHE_FILE, body: Buffer.alloc(200_000, 0x41) }],
      /is 200000 bytes, over the 65536/
    ],
    [
      'an archive over the size cap',
      () => [{ path: CACHE_FILE, body: randomBytes(100_000) }],
      /the archive is \d+ bytes, over the 65536/
    ]
  ])('%s', async (_name, build, reason) => {
    const { scene, second } = await plant(build)
    expectNothingWritten(scene, second)
    expect(second.stdout).toMatch(reason)
    expect(second.stdout).toMatch(/Nothing from it was written; continuing as on a cache miss/)
  })

  test('the genuine state, alone, is still restored (the stand-in tar keeps the warm path)', async () => {
    const { scene, second } = await plant(s => [{ path: CACHE_FILE, body: s.genuineState }])
    ok(second)
    expect(second.outputs.token_source).toBe('cache')
    expect(server!.tokenRequests()).toHaveLength(1)
    expect(
      readdirSync(scene.dirs.runnerTemp).filter(n => n.startsWith('clayton-oauth-cache-'))
    ).toEqual([])
  })
})
