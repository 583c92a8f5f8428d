import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { listenOnLoopback } from './listen-on-loopback.js'

/**
 * A loopback stand-in for the Actions cache service v2, enough to drive the real @actions/cache:
 * the three twirp methods (JSON over POST) and Azure-blob style upload (one PUT, or blocks and a
 * block list) and download (whole or a range) of the signed URLs it hands out, which point back at
 * itself. With `blobOrigin`, download URLs name that origin instead (github.com's are
 * `https://<account>.blob.core.windows.net/...`), for a test to route back here.
 */
export interface CacheEntry {
  key: string
  version: string
  /** The archive @actions/cache uploaded (a compressed tar). Assign to tamper with it. */
  blob: Buffer
}

export interface CacheRequest {
  method: string
  path: string
  /** Twirp method name, for service calls. */
  rpc?: string
  at: number
  /** Blob requests: the range asked for (`Range` or the SDK's `x-ms-range`). */
  range?: string
  /** Blob requests: the API version, which the Azure SDK sends on every request. */
  msVersion?: string
  /** The Host header: which origin the client thought it was talking to. */
  host?: string
}

export interface FakeCacheOptions {
  /** Origin of the signed download URLs, e.g. `https://acct.blob.core.windows.net`. */
  blobOrigin?: string
}

export type DownMode = 'status' | 'reset'

export interface FakeCacheService {
  url: string
  /** The variables that select cache service v2 and point it here. */
  env(): Record<string, string>
  /** Finalized entries, oldest first; the objects are live. */
  entries(): CacheEntry[]
  /** Adds a finalized entry as if a run had saved it (newest so far). */
  plant(entry: CacheEntry): void
  /** `status`: answer 503 to everything; `reset`: drop every connection. */
  setDown(down: boolean, how?: DownMode): void
  /**
   * Accept requests and never answer: all of them, or only service calls or blob transfers
   * (a blob download stalls after the headers and half the body).
   */
  setHang(hang: boolean, only?: 'twirp' | 'blob'): void
  /** Answer every blob download 403, as Azure does for a signature that no longer holds. */
  setDownloadsRefused(refused: boolean): void
  /** Refuse CreateCacheEntry as the service does for a read-only cache token. */
  setReadOnly(readOnly: boolean): void
  /** Answer every request only after `ms`: a slow service that still works. */
  setDelay(ms: number): void
  requests: CacheRequest[]
  /** The signatures of every signed URL handed out: credentials, never to be printed. */
  signatures(): string[]
  /** Requests received and neither answered nor dropped by the client: hung calls still waiting. */
  pendingRequests(): number
  close(): Promise<void>
}

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/'

interface Record_ extends CacheEntry {
  id: number
  sig: string
  finalized: boolean
  /** Order of finalization: newest wins on prefix matches. */
  seq: number
  blocks: Map<string, Buffer>
}

export async function startFakeCacheService(
  options: FakeCacheOptions = {}
): Promise<FakeCacheService> {
  const runtimeToken = `runtime-${randomBytes(12).toString('hex')}`
  const records: Record_[] = []
  const requests: CacheRequest[] = []
  let nextId = 1
  let seq = 0
  let down: DownMode | undefined
  let hang: 'all' | 'twirp' | 'blob' | undefined
  let readOnly = false
  let downloadsRefused = false
  let delayMs = 0
  let origin = ''
  let pending = 0

  const server = createServer((req, res) => {
    pending++
    res.on('close', () => pending--)
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end()
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin)
    const rpc = url.pathname.startsWith(TWIRP_PREFIX)
      ? url.pathname.slice(TWIRP_PREFIX.length)
      : undefined
    const header = (name: string) => {
      const value = req.headers[name]
      return Array.isArray(value) ? value.join(', ') : value
    }
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      rpc,
      at: Date.now(),
      ...(rpc === undefined && {
        range: header('x-ms-range') ?? header('range'),
        msVersion: header('x-ms-version')
      }),
      host: header('host')
    })
    const body = await readBody(req)
    if (delayMs > 0) await new Promise(resolve => setTimeout(resolve, delayMs))
    if (down === 'reset') {
      req.socket.destroy()
      return
    }
    if (down === 'status') {
      json(res, 503, { code: 'unavailable', msg: 'service unavailable' })
      return
    }
    if (hang === 'all' || hang === (rpc !== undefined ? 'twirp' : 'blob')) {
      if (hang === 'blob' && req.method === 'GET') stall(url, res)
      return
    }
    if (rpc !== undefined) twirp(rpc, req, body, res)
    else blob(url, req, body, res)
  }

  function twirp(rpc: string, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    if (req.method !== 'POST') return json(res, 405, { code: 'bad_route', msg: 'POST only' })
    if (req.headers.authorization !== `Bearer ${runtimeToken}`) {
      return json(res, 401, { code: 'unauthenticated', msg: 'invalid runtime token' })
    }
    const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>
    const key = String(input.key ?? '')
    const version = String(input.version ?? '')
    switch (rpc) {
      case 'CreateCacheEntry': {
        if (readOnly) {
          return json(res, 200, {
            ok: false,
            message: 'cache write denied: the cache token of this run is read-only'
          })
        }
        if (records.some(r => r.key === key && r.version === version)) {
          return json(res, 409, {
            code: 'already_exists',
            msg: 'cache entry with the same key, version, and scope already exists'
          })
        }
        const record: Record_ = {
          id: nextId++,
          key,
          version,
          blob: Buffer.alloc(0),
          sig: randomBytes(16).toString('hex'),
          finalized: false,
          seq: 0,
          blocks: new Map()
        }
        records.push(record)
        return json(res, 200, { ok: true, signed_upload_url: signedUrl(record) })
      }
      case 'FinalizeCacheEntryUpload': {
        const record = records.find(r => r.key === key && r.version === version && !r.finalized)
        if (!record || String(record.blob.length) !== String(input.size_bytes)) {
          return json(res, 200, { ok: false, entry_id: '0', message: 'no upload to finalize' })
        }
        record.finalized = true
        record.seq = ++seq
        return json(res, 200, { ok: true, entry_id: String(record.id) })
      }
      case 'GetCacheEntryDownloadURL': {
        const finalized = records.filter(r => r.finalized && r.version === version)
        const newest = (match: (r: Record_) => boolean) =>
          finalized.filter(match).sort((a, b) => b.seq - a.seq)[0]
        let hit = newest(r => r.key === key)
        const restoreKeys = Array.isArray(input.restore_keys) ? input.restore_keys : []
        for (const prefix of restoreKeys) {
          if (hit) break
          hit = newest(r => r.key.startsWith(String(prefix)))
        }
        if (!hit) return json(res, 200, { ok: false, signed_download_url: '', matched_key: '' })
        return json(res, 200, {
          ok: true,
          signed_download_url: signedUrl(hit, true),
          matched_key: hit.key
        })
      }
      default:
        return json(res, 404, { code: 'bad_route', msg: `no method ${rpc}` })
    }
  }

  /** Azure blob storage, as far as @actions/cache uses it. */
  function blob(url: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    // Path-style (the storage emulator's, on loopback) or host-style (an account's own host).
    const id = Number(/^(?:\/devstoreaccount1)?\/actions-cache\/(\d+)$/.exec(url.pathname)?.[1])
    const record = records.find(r => r.id === id)
    const download = req.method === 'GET' || req.method === 'HEAD'
    if (!record || url.searchParams.get('sig') !== record.sig || (download && downloadsRefused)) {
      res.writeHead(403, { 'x-ms-error-code': 'AuthenticationFailed' }).end()
      return
    }
    const headers = {
      etag: `"0x${record.id.toString(16)}${seq}"`,
      'last-modified': new Date().toUTCString(),
      'x-ms-request-id': randomBytes(8).toString('hex'),
      'x-ms-version': '2024-11-04'
    }
    if (req.method === 'PUT') {
      if (record.finalized) {
        res.writeHead(409, { 'x-ms-error-code': 'BlobAlreadyExists' }).end()
        return
      }
      const comp = url.searchParams.get('comp')
      if (comp === 'block') {
        record.blocks.set(url.searchParams.get('blockid') ?? '', body)
      } else if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)</g)]
        const parts = ids.map(match => record.blocks.get(match[2]))
        if (parts.some(part => part === undefined)) {
          res.writeHead(400, { 'x-ms-error-code': 'InvalidBlockList' }).end()
          return
        }
        record.blob = Buffer.concat(parts as Buffer[])
        record.blocks.clear()
      } else {
        record.blob = body
      }
      res.writeHead(201, headers).end()
      return
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!record.finalized) {
        res.writeHead(404, { 'x-ms-error-code': 'BlobNotFound' }).end()
        return
      }
      const asked = req.headers['x-ms-range'] ?? req.headers.range
      if (req.method === 'GET' && asked !== undefined) {
        const range = /^bytes=(\d+)-(\d*)$/.exec(String(asked))
        const size = record.blob.length
        const start = Number(range?.[1])
        const end = range?.[2] ? Math.min(Number(range[2]), size - 1) : size - 1
        if (!range || start >= size || end < start) {
          res.writeHead(416, { 'x-ms-error-code': 'InvalidRange' }).end()
          return
        }
        const part = record.blob.subarray(start, end + 1)
        res.writeHead(206, {
          ...headers,
          'content-type': 'application/octet-stream',
          'content-length': String(part.length),
          'content-range': `bytes ${start}-${end}/${size}`
        })
        res.end(part)
        return
      }
      res.writeHead(200, {
        ...headers,
        'content-type': 'application/octet-stream',
        'content-length': String(record.blob.length)
      })
      res.end(req.method === 'GET' ? record.blob : undefined)
      return
    }
    res.writeHead(405).end()
  }

  /** A download that starts and then stops: headers and half the body. */
  function stall(url: URL, res: ServerResponse): void {
    const id = Number(/\/(\d+)$/.exec(url.pathname)?.[1])
    const record = records.find(r => r.id === id)
    if (!record) return
    res.writeHead(200, { 'content-length': String(record.blob.length) })
    res.write(record.blob.subarray(0, Math.floor(record.blob.length / 2)))
  }

  function signedUrl(record: Record_, download = false): string {
    const query = `sv=2024-11-04&sr=b&sp=rcw&sig=${record.sig}`
    if (download && options.blobOrigin) {
      return `${options.blobOrigin}/actions-cache/${record.id}?${query}`
    }
    return `${origin}/devstoreaccount1/actions-cache/${record.id}?${query}`
  }

  const listening = await listenOnLoopback(server)
  origin = listening.origin

  return {
    url: `${origin}/`,
    env: () => ({
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: `${origin}/`,
      ACTIONS_RUNTIME_TOKEN: runtimeToken
    }),
    entries: () => records.filter(r => r.finalized).sort((a, b) => a.seq - b.seq),
    plant(entry) {
      records.push({
        ...entry,
        id: nextId++,
        sig: randomBytes(16).toString('hex'),
        finalized: true,
        seq: ++seq,
        blocks: new Map()
      })
    },
    setDown(value, how = 'status') {
      down = value ? how : undefined
    },
    setHang(value, only) {
      hang = value ? (only ?? 'all') : undefined
    },
    setDownloadsRefused(value) {
      downloadsRefused = value
    },
    setReadOnly(value) {
      readOnly = value
    },
    setDelay(ms) {
      delayMs = ms
    },
    requests,
    signatures: () => records.map(r => r.sig),
    pendingRequests: () => pending,
    close: listening.close
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text))
  })
  res.end(text)
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
