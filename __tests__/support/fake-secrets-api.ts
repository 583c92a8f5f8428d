import { randomBytes } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import sodiumModule from 'libsodium-wrappers'
import { listenOnLoopback } from './listen-on-loopback.js'

/**
 * A loopback stand-in for GitHub's Actions secrets REST API (repository and environment secrets).
 * It holds its own Curve25519 key pair, opens every sealed box it receives with the private key,
 * and records the decrypted value, so a test sees exactly what GitHub would store.
 */
export interface WrittenSecret {
  name: string
  value: string
  keyId: string
  path: string
}

export interface SecretsApiRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
}

export interface FakeSecretsApi {
  /** GITHUB_API_URL for the action (with the prefix, e.g. /api/v3 as on GHES). */
  url: string
  /** The bearer token it accepts. */
  token: string
  keyId: string
  written: WrittenSecret[]
  requests: SecretsApiRequest[]
  /** Answer every request with this status (403, 404, ...) and a GitHub-style message; undefined: normal. */
  setStatus(status: number | undefined, headers?: Record<string, string>): void
  /** Answer the public-key GET with a key that is not a Curve25519 key. */
  setBrokenKey(broken: boolean): void
  close(): Promise<void>
}

export async function startFakeSecretsApi(
  opts: { prefix?: string; token?: string } = {}
): Promise<FakeSecretsApi> {
  const sodium = sodiumModule
  await sodium.ready
  const pair = sodium.crypto_box_keypair()
  const keyId = String(Math.floor(Math.random() * 1e18))
  const token = opts.token ?? `ghp_${randomBytes(16).toString('hex')}`
  const prefix = opts.prefix ?? ''
  const written: WrittenSecret[] = []
  const requests: SecretsApiRequest[] = []
  const existing = new Set<string>()
  let forced: { status: number; headers: Record<string, string> } | undefined
  let brokenKey = false

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const path = new URL(req.url ?? '/', 'http://x').pathname
      requests.push({ method: req.method ?? '', path, headers: req.headers, body })
      if (forced) {
        const message =
          forced.status === 404 ? 'Not Found' : 'Resource not accessible by integration'
        return json(res, forced.status, { message, status: String(forced.status) }, forced.headers)
      }
      if (req.headers.authorization !== `Bearer ${token}`) {
        return json(res, 401, { message: 'Bad credentials', status: '401' })
      }
      if (
        req.headers.accept !== 'application/vnd.github+json' ||
        req.headers['x-github-api-version'] !== '2022-11-28'
      ) {
        return json(res, 415, { message: 'Unsupported media type or API version' })
      }
      const route = path.startsWith(prefix) ? path.slice(prefix.length) : ''
      const match =
        /^\/repos\/[^/]+\/[^/]+\/actions\/secrets\/([^/]+)$/.exec(route) ??
        /^\/repositories\/\d+\/environments\/[^/]+\/secrets\/([^/]+)$/.exec(route)
      if (!match) return json(res, 404, { message: 'Not Found' })
      const name = decodeURIComponent(match[1])
      if (name === 'public-key' && req.method === 'GET') {
        const key = brokenKey
          ? Buffer.from('not a key').toString('base64')
          : sodium.to_base64(pair.publicKey, sodium.base64_variants.ORIGINAL)
        return json(res, 200, { key_id: keyId, key })
      }
      if (req.method !== 'PUT') return json(res, 404, { message: 'Not Found' })
      const input = JSON.parse(body) as { encrypted_value?: string; key_id?: string }
      if (input.key_id !== keyId || typeof input.encrypted_value !== 'string') {
        return json(res, 422, { message: 'Bad key_id or encrypted_value' })
      }
      let value: string
      try {
        const sealed = sodium.from_base64(input.encrypted_value, sodium.base64_variants.ORIGINAL)
        value = sodium.to_string(
          sodium.crypto_box_seal_open(sealed, pair.publicKey, pair.privateKey)
        )
      } catch {
        return json(res, 422, { message: 'encrypted_value could not be decrypted' })
      }
      written.push({ name, value, keyId: input.key_id, path })
      const created = !existing.has(path)
      existing.add(path)
      if (created) json(res, 201, {})
      else res.writeHead(204).end()
    })
  })
  const { origin, close } = await listenOnLoopback(server)

  return {
    url: `${origin}${prefix}`,
    token,
    keyId,
    written,
    requests,
    setStatus(status, headers = {}) {
      forced = status === undefined ? undefined : { status, headers }
    },
    setBrokenKey(broken) {
      brokenKey = broken
    },
    close
  }
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text)
}
