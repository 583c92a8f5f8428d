// The Azure SDK stand-in (packages/storage-blob-on-demand) serves small blob downloads itself, one
// ranged GET with @actions/http-client, so a warm-cache restore on github.com never
// evaluates the SDK; everything else still goes to the real SDK. Which one answered is seen in the
// requests: the SDK sends `x-ms-version` (and `x-ms-range`) on every request, the plain path never.
import { describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { NODE24, REPO_ROOT } from '../support/action-runner.js'
import { startServer, type LoopbackServer, type RecordedCall } from '../support/loopback-server.js'

const STAND_IN = join(REPO_ROOT, 'packages', 'storage-blob-on-demand', 'index.js')

interface Progress {
  loadedBytes: number
}
interface DownloadOptions {
  abortSignal?: AbortSignal
  concurrency?: number
  onProgress?: (progress: Progress) => void
  blockSize?: number
}
interface BlockClient {
  getProperties(): Promise<{ contentLength?: number; etag?: string }>
  downloadToBuffer(offset: number, count: number, options?: DownloadOptions): Promise<Buffer>
}
interface StandIn {
  SMALL_BLOB_BYTES: number
  BlockBlobClient: new (url: string, credential?: unknown, options?: object) => BlockClient
  BlobClient: new (url: string) => { getBlockBlobClient(): BlockClient }
}

const standIn = (await import(STAND_IN)) as StandIn
const { BlockBlobClient, BlobClient, SMALL_BLOB_BYTES } = standIn
/** What @actions/cache passes (downloadUtils.js downloadCacheStorageSDK). */
const LIBRARY_OPTIONS = { retryOptions: { tryTimeoutInMs: 30000 } }
const SIG = `sig-${randomBytes(12).toString('hex')}`

type Answer = (req: IncomingMessage, res: ServerResponse) => boolean | void

/**
 * Blob storage on loopback: HEAD and GET of `blob`, a range (`Range` or the SDK's `x-ms-range`)
 * answered 206 the way Azure does. `answer` may take a request over first (return true).
 */
async function blobServer(blob: Buffer, answer?: Answer): Promise<LoopbackServer> {
  return startServer((req, res) => {
    if (answer?.(req, res)) return
    const headers = { etag: '"0x1"', 'x-ms-blob-type': 'BlockBlob' }
    const asked = req.headers['x-ms-range'] ?? req.headers.range
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(asked ?? ''))
    if (req.method === 'HEAD') {
      res.writeHead(200, { ...headers, 'content-length': String(blob.length) }).end()
    } else if (req.method === 'GET' && range) {
      const start = Number(range[1])
      const end = range[2] ? Math.min(Number(range[2]), blob.length - 1) : blob.length - 1
      const part = blob.subarray(start, end + 1)
      res.writeHead(206, {
        ...headers,
        'content-length': String(part.length),
        'content-range': `bytes ${start}-${end}/${blob.length}`
      })
      res.end(part)
    } else if (req.method === 'GET') {
      res.writeHead(200, { ...headers, 'content-length': String(blob.length) }).end(blob)
    } else {
      res.writeHead(405).end()
    }
  })
}

const blobUrl = (server: LoopbackServer, name = 'entry.tzst') =>
  `${server.origin}/account/actions-cache/${name}?sv=2024-11-04&sr=b&sp=r&sig=${SIG}`

const lines = (requests: RecordedCall[]) =>
  requests.map(r => `${r.method} ${r.headers.range ?? r.headers['x-ms-range'] ?? ''}`.trim())
const bySdk = (r: RecordedCall) => r.headers['x-ms-version'] !== undefined
/** The one request of the small path: the blob's first SMALL_BLOB_BYTES, asked by getProperties(). */
const FIRST_GET = `GET bytes=0-${SMALL_BLOB_BYTES - 1}`

/** Downloads as @actions/cache does: properties, then the whole blob in one segment. */
async function download(client: BlockClient, progress: number[] = []): Promise<Buffer> {
  const { contentLength } = await client.getProperties()
  return client.downloadToBuffer(0, contentLength ?? 0, {
    abortSignal: new AbortController().signal,
    concurrency: 8,
    onProgress: p => progress.push(p.loadedBytes)
  })
}

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise
  } catch (error) {
    return error as Error & Record<string, unknown>
  }
  throw new Error('expected a rejection')
}

describe('a small blob is read with one plain ranged GET', () => {
  test('the properties and bytes come back as from the SDK, with progress', async () => {
    const blob = randomBytes(700)
    const server = await blobServer(blob)
    const client = new BlockBlobClient(blobUrl(server), undefined, LIBRARY_OPTIONS)
    const progress: number[] = []
    const bytes = await download(client, progress)
    expect(bytes.equals(blob)).toBe(true)
    expect(progress.at(-1)).toBe(blob.length)
    // getProperties() read the whole blob; downloadToBuffer() hands it over without a request.
    expect(lines(server.requests)).toEqual([FIRST_GET])
    expect(server.requests.map(r => r.url)).toEqual([
      new URL(blobUrl(server)).pathname + new URL(blobUrl(server)).search
    ])
    expect(server.requests.filter(bySdk)).toEqual([])
    expect(server.requests.map(r => r.headers['user-agent'])).toEqual([
      expect.stringMatching(/^actions\/cache/)
    ])
    expect(server.connections()).toBe(1)
  })

  test('an empty blob (416, bytes */0, as Azure answers a range of nothing): length 0', async () => {
    const server = await blobServer(Buffer.alloc(0), (req, res) => {
      res.writeHead(416, { 'content-range': 'bytes */0', 'x-ms-error-code': 'InvalidRange' }).end()
      return true
    })
    const client = new BlockBlobClient(blobUrl(server), undefined, LIBRARY_OPTIONS)
    expect(await client.getProperties()).toEqual({ contentLength: 0 })
    expect(lines(server.requests)).toEqual([FIRST_GET])
  })

  test('a server that ignores the range and sends the whole small blob (200) is read too', async () => {
    const blob = randomBytes(300)
    const server = await blobServer(blob, (req, res) => {
      res.writeHead(200, { 'content-length': String(blob.length) }).end(blob)
      return true
    })
    const bytes = await download(new BlockBlobClient(blobUrl(server), undefined, LIBRARY_OPTIONS))
    expect(bytes.equals(blob)).toBe(true)
    expect(lines(server.requests)).toEqual([FIRST_GET])
  })

  test('the kept bytes are a copy, and a download already aborted is refused', async () => {
    const blob = randomBytes(50)
    const server = await blobServer(blob)
    const client = new BlockBlobClient(blobUrl(server), undefined, LIBRARY_OPTIONS)
    await client.getProperties()
    const first = await client.downloadToBuffer(0, 50)
    first.fill(0)
    expect((await client.downloadToBuffer(0, 50)).equals(blob)).toBe(true)
    const controller = new AbortController()
    controller.abort()
    const error = await rejection(
      client.downloadToBuffer(0, 50, { abortSignal: controller.signal })
    )
    expect(error.name).toBe('AbortError')
    expect(lines(server.requests)).toEqual([FIRST_GET])
  })

  test('a range inside the blob asks for exactly those bytes', async () => {
    const blob = randomBytes(100)
    const server = await blobServer(blob)
    const client = new BlockBlobClient(blobUrl(server))
    const bytes = await client.downloadToBuffer(10, 20)
    expect(bytes.equals(blob.subarray(10, 30))).toBe(true)
    expect(lines(server.requests)).toEqual(['GET bytes=10-29'])
  })

  test(`a blob of exactly the cap (${SMALL_BLOB_BYTES} bytes) still takes the plain path`, async () => {
    const blob = randomBytes(SMALL_BLOB_BYTES)
    const server = await blobServer(blob)
    const bytes = await download(new BlockBlobClient(blobUrl(server), undefined, LIBRARY_OPTIONS))
    expect(bytes.equals(blob)).toBe(true)
    expect(lines(server.requests)).toEqual([FIRST_GET])
    expect(server.requests.filter(bySdk)).toEqual([])
  })

  test('the cap is far above a token-state archive and no bigger than the SDK block size', () => {
    expect(SMALL_BLOB_BYTES).toBeGreaterThanOrEqual(64 * 1024)
    expect(SMALL_BLOB_BYTES).toBeLessThanOrEqual(4 * 1024 * 1024)
  })
})

describe('the plain path fails as the SDK would, and says no more than it should', () => {
  test('404: an Error with statusCode and the service error code', async () => {
    const server = await blobServer(Buffer.alloc(0), (req, res) => {
      res.writeHead(404, { 'x-ms-error-code': 'BlobNotFound' }).end()
      return true
    })
    const error = await rejection(new BlockBlobClient(blobUrl(server)).getProperties())
    expect(error).toBeInstanceOf(Error)
    expect(error.statusCode).toBe(404)
    expect(error.code).toBe('BlobNotFound')
    expect(error.message).toMatch(/HTTP 404 \(BlobNotFound\) to GET/)
    expect(server.requests.filter(bySdk)).toEqual([])
  })

  test('GET 403: an Error with statusCode 403; nothing falls back to the SDK', async () => {
    const server = await blobServer(randomBytes(10), (req, res) => {
      if (req.method !== 'GET') return false
      res.writeHead(403, { 'x-ms-error-code': 'AuthenticationFailed' }).end('<Error/>')
      return true
    })
    const error = await rejection(download(new BlockBlobClient(blobUrl(server))))
    expect(error.statusCode).toBe(403)
    expect(error.message).toMatch(/HTTP 403 \(AuthenticationFailed\) to GET/)
    expect(lines(server.requests)).toEqual([FIRST_GET])
    expect(server.requests.filter(bySdk)).toEqual([])
  })

  test('a redirect to another host is not followed', async () => {
    const elsewhere = await blobServer(randomBytes(10))
    const server = await blobServer(randomBytes(10), (req, res) => {
      res.writeHead(302, { location: blobUrl(elsewhere) }).end()
      return true
    })
    const error = await rejection(new BlockBlobClient(blobUrl(server)).downloadToBuffer(0, 10))
    expect(error.statusCode).toBe(302)
    expect(error.message).toMatch(/redirect, which is not followed/)
    expect(elsewhere.requests).toEqual([])
  })

  test('a body longer than asked for is cut off and fails', async () => {
    const server = await blobServer(randomBytes(10), (req, res) => {
      if (req.method !== 'GET') return false
      // No length: the body has to be counted as it comes.
      res.writeHead(206, { 'transfer-encoding': 'chunked' })
      res.write(Buffer.alloc(8))
      res.end(Buffer.alloc(8))
      return true
    })
    const error = await rejection(new BlockBlobClient(blobUrl(server)).downloadToBuffer(0, 10))
    expect(error.message).toMatch(/more than the 10 bytes asked for/)
  })

  test('a declared length or a range other than asked for fails before the body is read', async () => {
    const blob = randomBytes(40)
    const wrongLength = await blobServer(blob, (req, res) => {
      res.writeHead(206, { 'content-length': '40', 'content-range': 'bytes 0-9/40' }).end(blob)
      return true
    })
    const client = new BlockBlobClient(blobUrl(wrongLength))
    expect((await rejection(client.downloadToBuffer(0, 10))).message).toMatch(/40 bytes/)
    // A server that ignores Range sends the whole blob from 0: wrong for any other offset.
    const ignoresRange = await blobServer(blob, (req, res) => {
      res.writeHead(200, { 'content-length': '40' }).end(blob)
      return true
    })
    const error = await rejection(
      new BlockBlobClient(blobUrl(ignoresRange)).downloadToBuffer(20, 20)
    )
    expect(error.message).toMatch(/HTTP 200 with the range of the whole blob, not bytes 20-39/)
    // From 0, the whole blob is the range.
    const whole = await new BlockBlobClient(blobUrl(ignoresRange)).downloadToBuffer(0, 40)
    expect(whole.equals(blob)).toBe(true)
  })

  test('getProperties(): a body shorter than its length fails as an incomplete download', async () => {
    const server = await blobServer(randomBytes(10), (req, res) => {
      // The declared length, then the connection cut after 4 bytes.
      res.writeHead(206, { 'content-range': 'bytes 0-9/10', 'content-length': '10' })
      res.write(Buffer.alloc(4))
      setTimeout(() => res.destroy(), 20)
      return true
    })
    const error = await rejection(new BlockBlobClient(blobUrl(server)).getProperties())
    expect(error.message).toMatch(/cut off after 4 bytes|4 of 10 bytes|aborted/)
    expect(error.message).not.toContain(SIG)
    expect(server.requests.filter(bySdk)).toEqual([])
  })

  test('a body that ends short is an incomplete download', async () => {
    const server = await blobServer(randomBytes(10), (req, res) => {
      res.writeHead(206, { 'content-range': 'bytes 0-9/10', 'transfer-encoding': 'chunked' })
      res.end(Buffer.alloc(4))
      return true
    })
    const error = await rejection(new BlockBlobClient(blobUrl(server)).downloadToBuffer(0, 10))
    expect(error.message).toMatch(/4 of 10 bytes/)
  })

  test('a timeout names the path but never the signed query', async () => {
    const server = await blobServer(randomBytes(10), () => true)
    const client = new BlockBlobClient(blobUrl(server), undefined, {
      retryOptions: { tryTimeoutInMs: 200 }
    })
    const error = await rejection(client.getProperties())
    expect(error.message).toMatch(/timeout/i)
    expect(error.message).not.toContain(SIG)
    expect(error.message).not.toContain(SIG.slice(4, 12))
    expect(String(error.stack)).not.toContain(SIG)
  })
})

describe('abortSignal ends the request', () => {
  test('while the body trickles: AbortError at once, and the connection is closed', async () => {
    let closed = false
    const server = await blobServer(randomBytes(10), (req, res) => {
      res.writeHead(206, { 'content-length': '10', 'content-range': 'bytes 0-9/10' })
      res.write(Buffer.alloc(5))
      res.on('close', () => (closed = true))
      return true
    })
    const controller = new AbortController()
    const progress: number[] = []
    const pending = new BlockBlobClient(blobUrl(server)).downloadToBuffer(0, 10, {
      abortSignal: controller.signal,
      onProgress: p => progress.push(p.loadedBytes)
    })
    while (progress.length === 0) await new Promise(resolve => setTimeout(resolve, 10))
    const started = Date.now()
    controller.abort()
    const error = await rejection(pending)
    expect(error.name).toBe('AbortError')
    expect(Date.now() - started).toBeLessThan(1000)
    expect(progress).toEqual([5])
    while (!closed) await new Promise(resolve => setTimeout(resolve, 10))
  })

  test('before any answer: the waiting request is ended', async () => {
    let closed = false
    const server = await blobServer(randomBytes(10), (req, res) => {
      res.on('close', () => (closed = true))
      return true
    })
    const controller = new AbortController()
    const pending = new BlockBlobClient(blobUrl(server)).downloadToBuffer(0, 10, {
      abortSignal: controller.signal
    })
    while (server.requests.length === 0) await new Promise(resolve => setTimeout(resolve, 10))
    controller.abort()
    expect((await rejection(pending)).name).toBe('AbortError')
    while (!closed) await new Promise(resolve => setTimeout(resolve, 10))
  })

  test('already aborted: no request at all', async () => {
    const server = await blobServer(randomBytes(10))
    const error = await rejection(
      new BlockBlobClient(blobUrl(server)).downloadToBuffer(0, 10, {
        abortSignal: AbortSignal.abort()
      })
    )
    expect(error.name).toBe('AbortError')
    expect(server.requests).toEqual([])
  })
})

describe('everything else still goes to the real SDK', () => {
  test('a blob over the cap: the SDK reads the properties again and downloads it', async () => {
    const blob = randomBytes(SMALL_BLOB_BYTES + 1)
    const server = await blobServer(blob)
    const bytes = await download(new BlockBlobClient(blobUrl(server), undefined, LIBRARY_OPTIONS))
    expect(bytes.equals(blob)).toBe(true)
    // The plain GET's Content-Range shows it too big, and its body is not read; from there on
    // every request is the SDK's (its two 4 MiB blocks in either order).
    expect(server.requests.map(bySdk)).toEqual([false, true, true, true])
    const seen = lines(server.requests)
    expect([...seen.slice(0, 2), ...seen.slice(2).sort()]).toEqual([
      FIRST_GET,
      'HEAD',
      `GET bytes=0-${SMALL_BLOB_BYTES - 1}`,
      `GET bytes=${SMALL_BLOB_BYTES}-${SMALL_BLOB_BYTES}`
    ])
  })

  test('an answer that does not say the length (no Content-Range or Content-Length): the SDK is asked', async () => {
    const server = await blobServer(Buffer.alloc(0), (req, res) => {
      res.writeHead(200, { 'x-ms-blob-type': 'BlockBlob' }).end()
      return true
    })
    const properties = await new BlockBlobClient(blobUrl(server)).getProperties()
    expect(properties.etag).toBeUndefined()
    expect(server.requests.map(bySdk)).toEqual([false, true])
  })

  test('a client from BlobClient.getBlockBlobClient(), a credential, or other options', async () => {
    const blob = randomBytes(30)
    const server = await blobServer(blob)
    const viaBlob = new BlobClient(blobUrl(server)).getBlockBlobClient()
    expect((await download(viaBlob)).equals(blob)).toBe(true)
    const anonymous = (await import('azure-storage-blob')) as {
      AnonymousCredential: new () => unknown
    }
    const withCredential = new BlockBlobClient(blobUrl(server), new anonymous.AnonymousCredential())
    expect((await download(withCredential)).equals(blob)).toBe(true)
    const withOptions = new BlockBlobClient(blobUrl(server))
    expect((await withOptions.downloadToBuffer(0, 30, { blockSize: 10 })).equals(blob)).toBe(true)
    expect(server.requests.every(bySdk)).toBe(true)
    expect(server.requests).toHaveLength(2 + 2 + 3)
  })
})

describe('@actions/cache calls the stand-in the way its small path serves', () => {
  // Were the library to pass another option or read another property, the small path would hand
  // every download to the SDK (or return too little): slow again, or wrong, without failing.
  const downloadUtils = readFileSync(
    join(REPO_ROOT, 'node_modules', '@actions', 'cache', 'lib', 'internal', 'downloadUtils.js'),
    'utf8'
  )
  const sdkDownload = downloadUtils.slice(downloadUtils.indexOf('function downloadCacheStorageSDK'))

  test('a client for the signed URL alone, with only the per-try timeout', () => {
    const made = [
      ...sdkDownload.matchAll(/new BlockBlobClient\((\w+), ([^,]+), \{([\s\S]*?)\}\);/g)
    ]
    expect(made).toHaveLength(1)
    expect(made[0][2]).toBe('undefined')
    const keys = [...made[0][3].replace(/\/\/.*$/gm, '').matchAll(/(\w+):/g)].map(m => m[1])
    expect(keys).toEqual(['retryOptions', 'tryTimeoutInMs'])
  })

  test('getProperties() without options, and only contentLength read from it', () => {
    expect([...sdkDownload.matchAll(/\.getProperties\(([^)]*)\)/g)].map(m => m[1])).toEqual([''])
    const read = new Set([...sdkDownload.matchAll(/\bproperties\.(\w+)/g)].map(m => m[1]))
    expect([...read]).toEqual(['contentLength'])
  })

  test('downloadToBuffer(offset, count, { abortSignal, concurrency, onProgress })', () => {
    const calls = [...sdkDownload.matchAll(/\.downloadToBuffer\((\w+), (\w+), \{([^}]*)\}\)/g)]
    expect(calls).toHaveLength(1)
    const keys = calls[0][3]
      .split(',')
      .map(entry => /^\s*(\w+)/.exec(entry)?.[1])
      .filter(Boolean)
    expect(keys).toEqual(['abortSignal', 'concurrency', 'onProgress'])
  })
})

describe('the small path never loads the SDK (a fresh Node 24, its module loads listed)', () => {
  /** Runs one download through the stand-in in a child and lists the files it loaded. */
  async function loadedBy(size: number): Promise<string[]> {
    const blob = randomBytes(size)
    const server = await blobServer(blob)
    const dir = mkdtempSync(join(tmpdir(), 'blob-loads-'))
    try {
      const list = join(dir, 'loaded.txt')
      const preload = pathToFileURL(join(REPO_ROOT, 'scripts', 'bench', 'loaded-files.mjs')).href
      const script = [
        `const { BlockBlobClient } = await import(${JSON.stringify(pathToFileURL(STAND_IN).href)})`,
        `const client = new BlockBlobClient(${JSON.stringify(blobUrl(server))}, undefined, ${JSON.stringify(LIBRARY_OPTIONS)})`,
        'const { contentLength } = await client.getProperties()',
        'const bytes = await client.downloadToBuffer(0, contentLength, { concurrency: 8 })',
        'process.stdout.write(String(bytes.length))'
      ].join('\n')
      const child = spawn(NODE24, [`--import=${preload}`, '--input-type=module', '-e', script], {
        env: { PATH: process.env.PATH, BENCH_LOADED_FILES: list },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let out = ''
      let err = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
      const code = await new Promise(resolve => child.on('close', resolve))
      expect({ code, out, err }).toEqual({ code: 0, out: String(size), err: '' })
      return readFileSync(list, 'utf8').split('\n')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  const sdkFiles = (urls: string[]) => urls.filter(url => url.includes('/azure-storage-blob/'))

  test('a small blob: no file of the SDK package is loaded', async () => {
    const urls = await loadedBy(500)
    expect(urls.some(url => url.includes('/@actions/http-client/'))).toBe(true)
    expect(sdkFiles(urls)).toEqual([])
  })

  test('a blob over the cap: the same listing shows the SDK loaded', async () => {
    expect(sdkFiles(await loadedBy(SMALL_BLOB_BYTES + 1)).length).toBeGreaterThan(10)
  })
})
