// A warm-cache run the way it happens on github.com: the cache service hands out a signed
// https://<account>.blob.core.windows.net download URL, which sends @actions/cache into its Azure
// SDK branch. Here that host is reached through a loopback CONNECT proxy that ends every tunnel at
// a TLS front (certificate made by openssl, trusted through NODE_EXTRA_CA_CERTS) for the fake
// cache service; uploads keep their loopback URLs. The run must get its token from the cache
// without loading the Azure SDK's chunk of dist/.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { REPO_ROOT, makeRunDirs, type RunResult } from '../support/action-runner.js'
import {
  hasOpenssl,
  makeTestCertificate,
  startConnectProxy,
  startTlsFront,
  type ConnectProxy,
  type Listening,
  type TestCertificate
} from '../support/connect-proxy.js'
import { startFakeCacheService, type FakeCacheService } from '../support/fake-cache-service.js'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'

const BLOB_HOST = 'productionresultssa7.blob.core.windows.net'
const DIST = join(REPO_ROOT, 'dist')
// The DNS guard first: nothing may look the blob host up; then the list of loaded files.
const preloads = [
  join(REPO_ROOT, '__tests__', 'support', 'blob-host-dns.mjs'),
  join(REPO_ROOT, 'scripts', 'bench', 'loaded-files.mjs')
]
  .map(path => `--import=${pathToFileURL(path).href}`)
  .join(' ')

let server: FakeClayton | undefined
let cache: FakeCacheService | undefined
let front: Listening | undefined
let proxy: ConnectProxy | undefined
let certificate: TestCertificate | undefined
/** One set of inputs for all runs of a test: the refresh_token input stays the same. */
let inputs: Record<string, string> = {}
// The signatures of the signed URLs are credentials for the entries: never in any output either.
const runner = useActionRunner(() => [...(server?.secrets() ?? []), ...(cache?.signatures() ?? [])])

/** dist/ files that hold the Azure SDK, found by the paths of its modules in the bundle. */
function sdkChunks(): string[] {
  return readdirSync(DIST)
    .filter(name => name.endsWith('.js'))
    .filter(name =>
      readFileSync(join(DIST, name), 'utf8').includes('./node_modules/azure-storage-blob/dist/')
    )
}

/** dist/ files a run loaded, from the list the loaded-files preload wrote. */
function loadedChunks(list: string): string[] {
  return readFileSync(list, 'utf8')
    .split('\n')
    .filter(url => url.startsWith('file:'))
    .map(url => fileURLToPath(url))
    .filter(path => path.startsWith(DIST + '/'))
    .map(path => path.slice(DIST.length + 1))
}

const ok = (result: RunResult) => {
  expect(result.errors).toEqual([])
  expect(result.exitCode).toBe(0)
}

const describeWithOpenssl = hasOpenssl() ? describe : describe.skip

describeWithOpenssl('cache: true with github.com-style blob download URLs', () => {
  beforeAll(() => {
    certificate = makeTestCertificate(BLOB_HOST)
  })
  afterAll(() => certificate?.remove())
  beforeEach(async () => {
    server = await startFakeClayton()
    cache = await startFakeCacheService({ blobOrigin: `https://${BLOB_HOST}` })
    front = await startTlsFront(certificate!, Number(new URL(cache.url).port))
    proxy = await startConnectProxy(front.port)
    inputs = server.refreshInputs({ cache: 'true' })
  })
  afterEach(async () => {
    await proxy?.close()
    await front?.close()
    await Promise.all([server?.close(), cache?.close()])
  })

  function run(extra: Record<string, string> = {}) {
    const dirs = makeRunDirs()
    const list = join(dirs.root, 'loaded-files.txt')
    const result = runner.run({
      inputs,
      dirs,
      env: {
        ...cache!.env(),
        GITHUB_SERVER_URL: 'https://github.com',
        NODE_EXTRA_CA_CERTS: certificate!.certFile,
        // The runner's base env keeps loopback (the token endpoint, the cache service) direct.
        https_proxy: proxy!.url,
        NODE_OPTIONS: preloads,
        BENCH_LOADED_FILES: list,
        ...extra
      }
    })
    return { result, list }
  }

  test('the token comes from the cache, downloaded with one plain GET; the SDK never loads', async () => {
    const chunks = sdkChunks()
    expect(chunks).toHaveLength(1)
    const prime = run()
    ok(await prime.result)
    expect(cache!.entries()).toHaveLength(1)
    // The first run's restore found nothing, so nothing was downloaded.
    expect(proxy!.tunnels).toEqual([])

    const warm = run({ RUNNER_DEBUG: '1' })
    const second = await warm.result
    ok(second)
    expect(second.warnings).toEqual([])
    expect(second.outputs.token_source).toBe('cache')
    expect(server!.tokenRequests()).toHaveLength(1)

    const downloads = cache!.requests.filter(r => r.host === BLOB_HOST)
    expect(downloads.length).toBeGreaterThan(0)
    // Each restore lookup that matched reads its entry with one request: a GET of the first 4 MiB,
    // which is the whole archive (no HEAD first, no second GET).
    expect(downloads.map(r => `${r.method} ${r.range ?? ''}`.trim())).toEqual(
      downloads.map(() => `GET bytes=0-${4 * 1024 * 1024 - 1}`)
    )
    // The Azure SDK sends its API version on every request.
    expect(downloads.filter(r => r.msVersion !== undefined)).toEqual([])
    expect(new Set(proxy!.tunnels)).toEqual(new Set([`${BLOB_HOST}:443`]))
    expect(proxy!.refused).toEqual([])

    const loaded = loadedChunks(warm.list)
    const cacheChunk = readdirSync(DIST).filter(name =>
      readFileSync(join(DIST, name), 'utf8').includes('github.actions.results.api.v1.CacheService')
    )
    expect(loaded).toEqual(expect.arrayContaining(cacheChunk))
    expect(loaded.filter(name => chunks.includes(name))).toEqual([])
  })

  test('an entry the blob host refuses is a cache miss with one warning, still without the SDK', async () => {
    ok(await run().result)
    // A signature that no longer holds: the blob host answers 403, as Azure does.
    cache!.setDownloadsRefused(true)
    const warm = run()
    const second = await warm.result
    expect(second.exitCode).toBe(0)
    expect(second.outputs.token_source).toBe('refresh')
    expect(second.warnings).toHaveLength(1)
    expect(second.warnings[0]).toMatch(/Token cache: could not restore .*HTTP 403/)
    expect(loadedChunks(warm.list).filter(name => sdkChunks().includes(name))).toEqual([])
  })
})
