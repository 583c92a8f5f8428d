// Proxy support end to end: the built action, an https target, a real loopback CONNECT proxy.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import {
  hasOpenssl,
  makeTestCertificate,
  startConnectProxy,
  startTlsFront,
  type ConnectProxy,
  type TestCertificate
} from '../support/connect-proxy.js'
import type { Listening } from '../support/listen-on-loopback.js'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'

// RFC 2606 reserves .test; a name that is not loopback, so the toolkit does not bypass the proxy.
const HOST = 'clayton.test'
const resolveTestNames = fileURLToPath(new URL('../support/test-tld-dns.mjs', import.meta.url))

let server: FakeClayton
let front: Listening
let proxy: ConnectProxy
let certificate: TestCertificate
const runner = useActionRunner(() => server?.secrets() ?? [])

const describeWithOpenssl = hasOpenssl() ? describe : describe.skip

describeWithOpenssl('through an https_proxy (CONNECT) to an https token endpoint', () => {
  beforeAll(() => {
    certificate = makeTestCertificate(HOST)
  })
  afterAll(() => certificate?.remove())
  beforeEach(async () => {
    server = await startFakeClayton()
    front = await startTlsFront(certificate, Number(new URL(server.origin).port))
    proxy = await startConnectProxy(front.port)
  })
  afterEach(async () => {
    await proxy?.close()
    await front?.close()
    await server?.close()
  })

  const run = (env: Record<string, string | undefined>) =>
    runner.run({
      inputs: server.refreshInputs({
        base_url: `https://${HOST}:${front.port}${new URL(server.url).pathname.replace(/\/$/, '')}`,
        max_attempts: '1'
      }),
      env: {
        NODE_EXTRA_CA_CERTS: certificate.certFile,
        https_proxy: proxy.url,
        http_proxy: proxy.url,
        NODE_OPTIONS: `--import ${resolveTestNames}`,
        ...env
      }
    })

  test('the token request goes through one tunnel to the host and the token is output', async () => {
    const result = await run({})
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(server.isValidAccessToken(result.outputs.access_token)).toBe(true)
    expect(proxy.tunnels).toEqual([`${HOST}:${front.port}`])
    expect(proxy.refused).toEqual([])
    expect(server.tokenRequests()).toHaveLength(1)
  })

  test('HTTPS_PROXY in capitals works the same', async () => {
    const result = await run({
      https_proxy: undefined,
      http_proxy: undefined,
      HTTPS_PROXY: proxy.url
    })
    expect(result.exitCode).toBe(0)
    expect(proxy.tunnels).toEqual([`${HOST}:${front.port}`])
  })

  test('no_proxy naming the host: the request goes direct, the proxy sees nothing', async () => {
    const result = await run({ no_proxy: `127.0.0.1,localhost,::1,${HOST}` })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(server.isValidAccessToken(result.outputs.access_token)).toBe(true)
    expect(proxy.tunnels).toEqual([])
    expect(server.tokenRequests()).toHaveLength(1)
  })

  test('no_proxy with a leading dot matches subdomains only: the request still uses the proxy', async () => {
    const result = await run({ no_proxy: `127.0.0.1,localhost,.${HOST}` })
    expect(result.exitCode).toBe(0)
    expect(proxy.tunnels).toEqual([`${HOST}:${front.port}`])
  })

  test('an untrusted certificate at the far end of the tunnel fails, naming no secret', async () => {
    const result = await run({ NODE_EXTRA_CA_CERTS: undefined })
    expect(result.exitCode).toBe(1)
    expect(proxy.tunnels).toEqual([`${HOST}:${front.port}`])
    expect(server.tokenRequests()).toHaveLength(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/Token request .*(SELF_SIGNED|UNABLE_TO_VERIFY|CERT)/)
  })
})
