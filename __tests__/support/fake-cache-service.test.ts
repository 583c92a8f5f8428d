import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startFakeCacheService, type FakeCacheService } from './fake-cache-service.js'

/** The stand-in's own contract, for the parts the real @actions/cache does not reach in tests. */

const RPC = 'twirp/github.actions.results.api.v1.CacheService'
let service: FakeCacheService

async function rpc(method: string, body: unknown, token = service.env().ACTIONS_RUNTIME_TOKEN) {
  const response = await fetch(`${service.url}${RPC}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body)
  })
  return { status: response.status, body: (await response.json()) as Record<string, string> }
}

async function put(url: string, body: string): Promise<number> {
  return (await fetch(url, { method: 'PUT', body })).status
}

beforeEach(async () => {
  service = await startFakeCacheService()
})

afterEach(async () => {
  await service.close()
})

describe('fake cache service', () => {
  it('assembles a blob uploaded as blocks and a block list', async () => {
    const created = await rpc('CreateCacheEntry', { key: 'k-1', version: 'v' })
    const url = created.body.signed_upload_url
    expect(await put(`${url}&comp=block&blockid=YQ==`, 'hello ')).toBe(201)
    expect(await put(`${url}&comp=block&blockid=Yg==`, 'world')).toBe(201)
    const list =
      '<?xml version="1.0"?><BlockList><Latest>YQ==</Latest><Latest>Yg==</Latest></BlockList>'
    expect(await put(`${url}&comp=blocklist`, list)).toBe(201)
    expect(
      (await rpc('FinalizeCacheEntryUpload', { key: 'k-1', version: 'v', size_bytes: '11' })).body
        .ok
    ).toBe(true)
    const found = await rpc('GetCacheEntryDownloadURL', {
      key: 'k-',
      restore_keys: ['k-'],
      version: 'v'
    })
    expect(found.body.matched_key).toBe('k-1')
    expect(await (await fetch(found.body.signed_download_url)).text()).toBe('hello world')
  })

  it('answers 409 for a key that exists, and 401 without the runtime token', async () => {
    await rpc('CreateCacheEntry', { key: 'k', version: 'v' })
    expect((await rpc('CreateCacheEntry', { key: 'k', version: 'v' })).status).toBe(409)
    expect((await rpc('CreateCacheEntry', { key: 'k2', version: 'v' }, 'wrong')).status).toBe(401)
  })

  it('matches the exact key first, then each restore key as a prefix, newest first, same version only', async () => {
    service.plant({ key: 'p-1', version: 'v', blob: Buffer.from('1') })
    service.plant({ key: 'p-2', version: 'v', blob: Buffer.from('2') })
    service.plant({ key: 'p-3', version: 'other', blob: Buffer.from('3') })
    const match = async (key: string, restoreKeys: string[]) =>
      (await rpc('GetCacheEntryDownloadURL', { key, restore_keys: restoreKeys, version: 'v' })).body
    expect((await match('p-', ['p-'])).matched_key).toBe('p-2')
    expect((await match('p-1', ['p-'])).matched_key).toBe('p-1')
    expect((await match('q-', ['q-'])).ok).toBe(false)
  })

  it('refuses a download URL with the wrong signature', async () => {
    service.plant({ key: 'k', version: 'v', blob: Buffer.from('x') })
    const found = await rpc('GetCacheEntryDownloadURL', {
      key: 'k',
      restore_keys: [],
      version: 'v'
    })
    const forged = found.body.signed_download_url.replace(/sig=[^&]+/, 'sig=forged')
    expect((await fetch(forged)).status).toBe(403)
  })

  it('answers a range (Range or x-ms-range) with 206 and Content-Range, a bad one with 416', async () => {
    service.plant({ key: 'k', version: 'v', blob: Buffer.from('0123456789') })
    const found = await rpc('GetCacheEntryDownloadURL', {
      key: 'k',
      restore_keys: [],
      version: 'v'
    })
    const url = found.body.signed_download_url
    const part = await fetch(url, { headers: { range: 'bytes=2-5' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe('bytes 2-5/10')
    expect(await part.text()).toBe('2345')
    const sdk = await fetch(url, { headers: { 'x-ms-range': 'bytes=8-', 'x-ms-version': 'x' } })
    expect(await sdk.text()).toBe('89')
    expect((await fetch(url, { headers: { range: 'bytes=10-12' } })).status).toBe(416)
    expect(
      service.requests.filter(r => r.rpc === undefined).map(r => [r.range, r.msVersion])
    ).toEqual([
      ['bytes=2-5', undefined],
      ['bytes=8-', 'x'],
      ['bytes=10-12', undefined]
    ])
  })

  it('refuses every download while told to, as for a signature that no longer holds', async () => {
    service.plant({ key: 'k', version: 'v', blob: Buffer.from('x') })
    const found = await rpc('GetCacheEntryDownloadURL', {
      key: 'k',
      restore_keys: [],
      version: 'v'
    })
    service.setDownloadsRefused(true)
    const refused = await fetch(found.body.signed_download_url, { method: 'HEAD' })
    expect(refused.status).toBe(403)
    expect(refused.headers.get('x-ms-error-code')).toBe('AuthenticationFailed')
    service.setDownloadsRefused(false)
    expect(await (await fetch(found.body.signed_download_url)).text()).toBe('x')
  })
})

describe('fake cache service with blobOrigin', () => {
  it('hands out download URLs on that origin, host-style, and serves them by path; uploads stay here', async () => {
    const blobService = await startFakeCacheService({
      blobOrigin: 'https://acct.blob.core.windows.net'
    })
    try {
      const call = async (method: string, body: unknown) =>
        (await (
          await fetch(`${blobService.url}${RPC}/${method}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${blobService.env().ACTIONS_RUNTIME_TOKEN}` },
            body: JSON.stringify(body)
          })
        ).json()) as Record<string, string>
      const created = await call('CreateCacheEntry', { key: 'k', version: 'v' })
      expect(created.signed_upload_url.startsWith(blobService.url)).toBe(true)
      expect(await put(created.signed_upload_url, 'data')).toBe(201)
      await call('FinalizeCacheEntryUpload', { key: 'k', version: 'v', size_bytes: '4' })
      const found = await call('GetCacheEntryDownloadURL', {
        key: 'k',
        restore_keys: [],
        version: 'v'
      })
      const download = new URL(found.signed_download_url)
      expect(download.origin).toBe('https://acct.blob.core.windows.net')
      expect(download.pathname).toBe('/actions-cache/1')
      expect(blobService.signatures()).toEqual([download.searchParams.get('sig')])
      // What a proxy routing that host here would deliver: the same path and query.
      const local = `${blobService.url.replace(/\/$/, '')}${download.pathname}${download.search}`
      expect(await (await fetch(local)).text()).toBe('data')
    } finally {
      await blobService.close()
    }
  })
})
