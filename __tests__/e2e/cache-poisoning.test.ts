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
import { gzipSync } from 'node:zlib'
import { makeRunDirs, type RunDirs, type RunResult } from '../support/action-runner.mjs'
import { buildArchive, readArchiveFile, type PlantedMember } from '../support/cache-archive.js'
import { startFakeCacheService, type FakeCacheService } from '../support/fake-cache-service.js'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'
import { PEAK_RSS, peakRssMiB } from '../support/peak-memory.js'
import { mountReviewService } from '../support/review-service.mjs'

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

/**
 * Hardening issue, point 1: an archive of thousands of empty gzip members and one large one made
 * the hand-written decoder allocate about 1 MiB per member (3.2 GiB, 17 s over a review's four
 * refreshes). zlib decodes in small chunks up to the 1 MiB output cap, whatever the members claim.
 */
describe('a planted archive of thousands of gzip members keeps memory and time bounded', () => {
  const EMPTY_MEMBER = gzipSync(Buffer.alloc(0))
  /** As many empty members as fit before `last` in the 64 KiB an archive may have. */
  const manyMembers = (last: Buffer): Buffer =>
    Buffer.concat([
      ...Array<Buffer>(Math.floor((65_536 - last.length) / EMPTY_MEMBER.length)).fill(EMPTY_MEMBER),
      last
    ])
  const forgedTrailer = (): Buffer => {
    const member = gzipSync('x')
    member.writeUInt32LE(1024 * 1024, member.length - 4)
    return member
  }

  test.each<[string, Buffer, RegExp]>([
    [
      'then one of 1 MiB',
      manyMembers(gzipSync(Buffer.alloc(1024 * 1024))),
      // 1 MiB of zeros: an empty archive to some readers, a malformed one to others.
      /holds no file|not a well-formed tar archive/
    ],
    ['then one whose trailer claims 1 MiB', manyMembers(forgedTrailer()), /does not decompress/],
    [
      'then one of 8 MiB',
      manyMembers(gzipSync(Buffer.alloc(8 * 1024 * 1024))),
      /decompresses to more than 1048576 bytes/
    ]
  ])(
    '%s, read at every refresh of a review: the step gets its token',
    async (_name, archive, reason) => {
      expect(archive.length).toBeGreaterThan(60_000)
      expect(archive.length).toBeLessThanOrEqual(65_536)
      // A token that lives 2 s: the review's wait refreshes it, and every refresh restores.
      server = await startFakeClayton({ expiresIn: 2 })
      cache = await startFakeCacheService()
      const env = { ...cache.env(), GITHUB_SERVER_URL: 'https://github.com' }
      const inputs = server.refreshInputs({ cache: 'true', cache_min_ttl: '0' })
      ok(await runner.run({ inputs, env }))
      const [genuine] = cache.entries()
      cache.plant({ key: genuine.key, version: genuine.version, blob: archive })
      runner.addSecret(
        mountReviewService(server, { pollsBeforeDone: 12, result: 'PASSED' }).signature
      )

      const review = await runner.run({
        ...PEAK_RSS,
        inputs: {
          ...inputs,
          review: 'pull_request',
          pull_request_number: '12',
          workspace: 'ws_1',
          project: 'prj_1',
          review_poll_interval: '0.25'
        },
        // Read-only, so no refresh saves a state that would hide the planted entry.
        env: { ...env, ...PEAK_RSS.env, ACTIONS_CACHE_MODE: 'read', RUNNER_DEBUG: '1' }
      })
      ok(review)
      // The only warnings: each refresh's new state is not saved in read mode.
      for (const warning of review.warnings) expect(warning).toMatch(/ACTIONS_CACHE_MODE is read/)
      expect(review.outputs.review_result).toBe('PASSED')
      expect(server!.isValidAccessToken(review.outputs.access_token)).toBe(true)
      const reads = review.stdout.match(/ignored: .* Nothing from it was written/g) ?? []
      expect(reads.length).toBeGreaterThanOrEqual(3)
      for (const read of reads) expect(read).toMatch(reason)
      // Generous bounds: about 75 MiB and 4 s here; the hand-written decoder took 3.2 GiB, 17 s.
      expect(peakRssMiB(review)).toBeLessThan(200)
      expect(review.durationMs).toBeLessThan(15_000)
    }
  )
})
