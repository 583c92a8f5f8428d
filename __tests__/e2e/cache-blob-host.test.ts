// A warm-cache run the way it happens on github.com: the cache service hands out a signed
// https://<account>.blob.core.windows.net download URL, which sends @actions/cache into its Azure
// SDK branch. Here that host is reached through a loopback CONNECT proxy that ends every tunnel at
// a TLS front (certificate made by openssl, trusted through NODE_EXTRA_CA_CERTS) for the fake
// cache service; uploads keep their loopback URLs. The run must get its token from the cache.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO_ROOT, makeRunDirs, type RunResult } from '../support/action-runner.mjs'
import {
  hasOpenssl,
  makeTestCertificate,
  startConnectProxy,
  startTlsFront,
  type ConnectProxy,
  type TestCertificate
} from '../support/connect-proxy.js'
import type { Listening } from '../support/listen-on-loopback.js'
import { startFakeCacheService, type FakeCacheService } from '../support/fake-cache-service.js'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'

const BLOB_HOST = 'productionresultssa7.blob.core.windows.net'
// Nothing may look the blob host up: it is reached through the proxy only.
const dnsGuard = `--import=${pathToFileURL(join(REPO_ROOT, '__tests__', 'support', 'blob-host-dns.mjs')).href}`

let server: FakeClayton | undefined
let cache: FakeCacheService | undefined
let front: Listening | undefined
let proxy: ConnectProxy | undefined
let certificate: TestCertificate | undefined
/** One set of inputs for all runs of a test: the refresh_token input stays the same. */
let inputs: Record<string, string> = {}
// The signatures of the signed URLs are credentials for the entries: never in any output either.
const runner = useActionRunner(() => [...(server?.secrets() ?? []), ...(cache?.signatures() ?? [])])

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

  function run(extra: Record<string, string> = {}): Promise<RunResult> {
    return runner.run({
      inputs,
      dirs: makeRunDirs(),
      env: {
        ...cache!.env(),
        GITHUB_SERVER_URL: 'https://github.com',
        NODE_EXTRA_CA_CERTS: certificate!.certFile,
        // The runner's base env keeps loopback (the token endpoint, the cache service) direct.
        https_proxy: proxy!.url,
        NODE_OPTIONS: dnsGuard,
        ...extra
      }
    })
  }

  test('the token comes from the cache, downloaded from the blob host through the proxy', async () => {
    ok(await run())
    expect(cache!.entries()).toHaveLength(1)
    // The first run's restore found nothing, so nothing was downloaded.
    expect(proxy!.tunnels).toEqual([])

    const second = await run({ RUNNER_DEBUG: '1' })
    ok(second)
    expect(second.warnings).toEqual([])
    expect(second.outputs.token_source).toBe('cache')
    expect(server!.tokenRequests()).toHaveLength(1)
    expect(cache!.requests.filter(r => r.host === BLOB_HOST).length).toBeGreaterThan(0)
    expect(new Set(proxy!.tunnels)).toEqual(new Set([`${BLOB_HOST}:443`]))
    expect(proxy!.refused).toEqual([])
  })

  test('an entry the blob host refuses is a cache miss with one warning', async () => {
    ok(await run())
    // A signature that no longer holds: the blob host answers 403, as Azure does.
    cache!.setDownloadsRefused(true)
    const second = await run()
    expect(second.exitCode).toBe(0)
    expect(second.outputs.token_source).toBe('refresh')
    expect(second.warnings).toHaveLength(1)
    // The Azure SDK's error for a refused HEAD has no text to quote.
    expect(second.warnings[0]).toMatch(/^Token cache: could not restore the token state/)
  })
})
