import { randomBytes } from 'node:crypto'
import {
  createServer,
  ServerResponse,
  type IncomingHttpHeaders,
  type IncomingMessage
} from 'node:http'
import type { Socket } from 'node:net'
import { listenOnLoopback } from './listen-on-loopback.js'

export type Fault =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** `processed`: handle the request first (tokens spent/minted), then drop the answer. */
  | { kind: 'reset'; processed?: boolean }
  | { kind: 'hang'; processed?: boolean }
  | { kind: 'html' }
  | { kind: 'truncated' }
  | { kind: 'trickle'; intervalMs: number }

export interface RecordedRequest {
  method: string
  /** Path as sent on the wire, without the query string (prefix included). */
  path: string
  /** Path relative to the prefix; null when the request was outside it. */
  routePath: string | null
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
  form: URLSearchParams
  connectionId: number
  at: number
  /** The fault this request consumed, if any. */
  fault?: Fault
}

export interface FakeClaytonOptions {
  rotate?: boolean
  omitRefreshToken?: boolean
  expiresIn?: number | null
  scope?: string | null
  redirectUri?: string
  prefix?: string
  /** Fixed client credentials, e.g. with characters Basic auth must url-encode. */
  clientId?: string
  clientSecret?: string
}

export type RouteHandler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>

export interface FakeClayton {
  url: string
  origin: string
  clientId: string
  clientSecret: string
  issueRefreshToken(): string
  issueCode(): string
  /** A valid access token without going through the token endpoint, for API tests. */
  issueAccessToken(): string
  /** Revoke the grant a refresh token belongs to (its newest token and access tokens die). */
  revokeRefreshToken(token: string): void
  requests: RecordedRequest[]
  tokenRequests(): RecordedRequest[]
  connectionCount(): number
  secrets(): string[]
  fail(path: string, ...faults: Fault[]): void
  route(method: string, path: string | RegExp, handler: RouteHandler): void
  isValidAccessToken(token: string): boolean
  /** Step inputs for a refresh against this server with a fresh refresh token, plus `extra`. */
  refreshInputs(extra?: Record<string, string>): Record<string, string>
  close(): Promise<void>
}

const TOKEN_PATH = '/oauth2/token'
const GRANTED_SCOPE = 'workspace'

function token(): string {
  return randomBytes(32).toString('base64url')
}

/** One consent: the refresh tokens and access tokens descending from it. */
interface Grant {
  newestRefresh: string | undefined
  revoked: boolean
  scope: string
}

interface RefreshState {
  grant: Grant
  spent: boolean
}

interface AccessState {
  grant: Grant
  expiresAt: number
}

interface CodeState {
  used: boolean
  redirectUri: string
  grant?: Grant
}

class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(`${error}: ${description}`)
  }
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    ...headers
  })
  res.end(text)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '))
}

export async function startFakeClayton(opts: FakeClaytonOptions = {}): Promise<FakeClayton> {
  const prefix = (opts.prefix ?? '').replace(/\/+$/, '')
  const clientId = opts.clientId ?? `client_${randomBytes(8).toString('hex')}`
  const clientSecret = opts.clientSecret ?? token()
  const expectedRedirect = opts.redirectUri ?? 'https://app.clayton.io/authorized'
  const expiresIn = opts.expiresIn === undefined ? 5399 : opts.expiresIn
  const responseScope = opts.scope === undefined ? GRANTED_SCOPE : opts.scope

  const refreshTokens = new Map<string, RefreshState>()
  const accessTokens = new Map<string, AccessState>()
  const codes = new Map<string, CodeState>()
  const minted: string[] = [clientSecret]
  const requests: RecordedRequest[] = []
  const faults = new Map<string, Fault[]>()
  const routes: { method: string; path: string | RegExp; handler: RouteHandler }[] = []
  const socketIds = new WeakMap<Socket, number>()
  const timers = new Set<NodeJS.Timeout>()
  let connections = 0

  const newGrant = (): Grant => ({ newestRefresh: undefined, revoked: false, scope: GRANTED_SCOPE })
  const mintRefresh = (grant: Grant): string => {
    const t = token()
    minted.push(t)
    refreshTokens.set(t, { grant, spent: false })
    grant.newestRefresh = t
    return t
  }
  const mintAccess = (grant: Grant): string => {
    const t = token()
    minted.push(t)
    const lifetime = expiresIn === null ? 3600 : expiresIn
    accessTokens.set(t, { grant, expiresAt: Date.now() + lifetime * 1000 })
    return t
  }

  const isValidAccessToken = (t: string): boolean => {
    const state = accessTokens.get(t)
    return state !== undefined && !state.grant.revoked && Date.now() < state.expiresAt
  }

  /** Identifies the client; throws invalid_request / invalid_client as RFC 6749 §2.3 and §5.2 say. */
  const authenticateClient = (req: RecordedRequest): void => {
    const auth = req.headers.authorization
    const basic = auth !== undefined && /^basic\s/i.test(auth)
    const unauthorized = (why: string): OAuthError =>
      new OAuthError(401, 'invalid_client', why, { 'WWW-Authenticate': 'Basic realm="clayton"' })
    if (basic) {
      if (req.form.has('client_secret')) {
        throw new OAuthError(400, 'invalid_request', 'more than one client authentication method')
      }
      const decoded = Buffer.from(auth.replace(/^basic\s+/i, ''), 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon < 0) throw unauthorized('malformed Basic credentials')
      let id: string
      let secret: string
      try {
        id = formDecode(decoded.slice(0, colon))
        secret = formDecode(decoded.slice(colon + 1))
      } catch {
        throw unauthorized('malformed Basic credentials')
      }
      const bodyId = req.form.get('client_id')
      if (bodyId !== null && bodyId !== id) {
        throw new OAuthError(400, 'invalid_request', 'client_id differs from Basic credentials')
      }
      if (id !== clientId || secret !== clientSecret)
        throw unauthorized('client authentication failed')
      return
    }
    if (req.form.get('client_id') !== clientId || req.form.get('client_secret') !== clientSecret) {
      throw unauthorized('client authentication failed')
    }
  }

  const checkScope = (requested: string | null, grant: Grant): void => {
    if (requested === null || requested === '') return
    const granted = new Set(grant.scope.split(' '))
    if (requested.split(' ').some(s => s !== '' && !granted.has(s))) {
      throw new OAuthError(400, 'invalid_scope', 'requested scope exceeds the grant')
    }
  }

  const tokenResponse = (grant: Grant, refresh: string | undefined): Record<string, unknown> => {
    const body: Record<string, unknown> = { access_token: mintAccess(grant) }
    if (refresh !== undefined && !opts.omitRefreshToken) body.refresh_token = refresh
    if (responseScope !== null) body.scope = responseScope
    body.token_type = 'Bearer'
    if (expiresIn !== null) body.expires_in = expiresIn
    return body
  }

  const refreshGrant = (req: RecordedRequest): Record<string, unknown> => {
    const presented = req.form.get('refresh_token')
    if (!presented) throw new OAuthError(400, 'invalid_request', 'refresh_token is missing')
    const state = refreshTokens.get(presented)
    if (state === undefined) throw new OAuthError(400, 'invalid_grant', 'unknown refresh token')
    if (state.grant.revoked) throw new OAuthError(400, 'invalid_grant', 'refresh token revoked')
    if (state.spent) {
      // Reuse of a rotated-out token means it was stolen or replayed: kill the whole grant.
      state.grant.revoked = true
      throw new OAuthError(400, 'invalid_grant', 'refresh token already used')
    }
    checkScope(req.form.get('scope'), state.grant)
    let next = presented
    // Rotating without handing out the successor would strand the client, so don't.
    if (opts.rotate && !opts.omitRefreshToken) {
      state.spent = true
      next = mintRefresh(state.grant)
    }
    return tokenResponse(state.grant, next)
  }

  const codeGrant = (req: RecordedRequest): Record<string, unknown> => {
    const inQuery = req.query.get('code')
    const inBody = req.form.get('code')
    if (inQuery !== null && inBody !== null && inQuery !== inBody) {
      throw new OAuthError(400, 'invalid_request', 'code differs between query and body')
    }
    const presented = inBody ?? inQuery
    if (!presented) throw new OAuthError(400, 'invalid_request', 'code is missing')
    const state = codes.get(presented)
    if (state === undefined) throw new OAuthError(400, 'invalid_grant', 'unknown code')
    if (state.used) {
      // RFC 6749 §4.1.2: a replayed code should revoke what it was exchanged for.
      if (state.grant) state.grant.revoked = true
      throw new OAuthError(400, 'invalid_grant', 'code already used')
    }
    state.used = true
    if (req.form.get('redirect_uri') !== state.redirectUri) {
      throw new OAuthError(400, 'invalid_grant', 'redirect_uri does not match')
    }
    const grant = newGrant()
    checkScope(req.form.get('scope'), grant)
    state.grant = grant
    return tokenResponse(grant, mintRefresh(grant))
  }

  const handleToken = (req: RecordedRequest, res: ServerResponse): void => {
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' })
      res.end()
      return
    }
    try {
      const type = req.headers['content-type'] ?? ''
      if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
        throw new OAuthError(
          400,
          'invalid_request',
          'body must be application/x-www-form-urlencoded'
        )
      }
      // Credentials in a URL end up in access logs.
      for (const name of ['client_secret', 'refresh_token']) {
        if (req.query.has(name)) throw new OAuthError(400, 'invalid_request', `${name} in the URL`)
      }
      for (const name of new Set(req.form.keys())) {
        if (req.form.getAll(name).length > 1) {
          throw new OAuthError(400, 'invalid_request', `${name} given more than once`)
        }
      }
      authenticateClient(req)
      const grantType = req.form.get('grant_type')
      let body: Record<string, unknown>
      if (grantType === 'refresh_token') body = refreshGrant(req)
      else if (grantType === 'authorization_code') body = codeGrant(req)
      else if (!grantType) throw new OAuthError(400, 'invalid_request', 'grant_type is missing')
      else throw new OAuthError(400, 'unsupported_grant_type', `${grantType} is not supported`)
      sendJson(res, 200, body)
    } catch (e) {
      if (!(e instanceof OAuthError)) throw e
      sendJson(res, e.status, { error: e.error, error_description: e.description }, e.headers)
    }
  }

  const handleWorkspaces = (req: RecordedRequest, res: ServerResponse): void => {
    const match = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
    if (match === null || !isValidAccessToken(match[1])) {
      sendJson(
        res,
        401,
        { error: 'invalid_token' },
        { 'WWW-Authenticate': 'Bearer error="invalid_token"' }
      )
      return
    }
    sendJson(res, 200, [{ id: 'ws_1', name: 'Demo' }])
  }

  const dispatch = async (req: RecordedRequest, res: ServerResponse): Promise<void> => {
    const path = req.routePath
    if (path === null) {
      sendJson(res, 404, { error: 'not_found' })
      return
    }
    for (const r of routes) {
      if (r.method.toUpperCase() !== req.method) continue
      if (typeof r.path === 'string' ? r.path === path : r.path.test(path)) {
        await r.handler(req, res)
        return
      }
    }
    if (path === TOKEN_PATH) handleToken(req, res)
    else if (path === '/api/workspaces' && req.method === 'GET') handleWorkspaces(req, res)
    else sendJson(res, 404, { error: 'not_found' })
  }

  const applyFault = async (
    fault: Fault,
    req: RecordedRequest,
    raw: IncomingMessage,
    res: ServerResponse
  ): Promise<void> => {
    // A response bound to no socket swallows what the handlers write.
    const discard = (): ServerResponse => new ServerResponse(raw)
    const socket = res.socket
    if (!('kind' in fault)) {
      const body = fault.body ?? ''
      const type = body.trimStart().startsWith('{') ? 'application/json' : 'text/plain'
      res.writeHead(fault.status, { 'Content-Type': type, ...fault.headers })
      res.end(body)
      return
    }
    switch (fault.kind) {
      case 'reset':
        if (fault.processed) await dispatch(req, discard())
        socket?.resetAndDestroy()
        return
      case 'hang':
        if (fault.processed) await dispatch(req, discard())
        return
      case 'html': {
        const body = '<html><head><title>Sign in</title></head><body>Sign in</body></html>'
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        res.end(body)
        return
      }
      case 'truncated': {
        const partial = '{"access_token":"trunc'
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '512' })
        res.write(partial, () => socket?.end())
        return
      }
      case 'trickle': {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.flushHeaders()
        // JSON allows leading whitespace, so a client without a deadline waits forever.
        const timer = setInterval(() => res.write(' '), fault.intervalMs)
        timers.add(timer)
        socket?.once('close', () => {
          clearInterval(timer)
          timers.delete(timer)
        })
        return
      }
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req)
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const path = url.pathname
      let routePath: string | null = path
      if (prefix !== '') {
        routePath =
          path === prefix || path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : null
      }
      const type = req.headers['content-type'] ?? ''
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        routePath,
        query: url.searchParams,
        headers: req.headers,
        body,
        form: new URLSearchParams(/form-urlencoded/i.test(type) ? body : ''),
        connectionId: socketIds.get(req.socket) ?? 0,
        at: Date.now()
      }
      requests.push(recorded)
      const fault = routePath === null ? undefined : faults.get(routePath)?.shift()
      if (fault !== undefined) {
        recorded.fault = fault
        await applyFault(fault, recorded, req, res)
      } else {
        await dispatch(recorded, res)
      }
    })().catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', detail: String(e) })
      else res.destroy()
    })
  })
  server.on('connection', (socket: Socket) => socketIds.set(socket, ++connections))
  const listening = await listenOnLoopback(server)
  const origin = listening.origin

  return {
    url: origin + prefix,
    origin,
    clientId,
    clientSecret,
    issueRefreshToken: () => mintRefresh(newGrant()),
    issueCode: () => {
      const c = token()
      minted.push(c)
      codes.set(c, { used: false, redirectUri: expectedRedirect })
      return c
    },
    issueAccessToken: () => mintAccess(newGrant()),
    revokeRefreshToken: t => {
      const state = refreshTokens.get(t)
      if (state) state.grant.revoked = true
    },
    requests,
    tokenRequests: () => requests.filter(r => r.routePath === TOKEN_PATH),
    connectionCount: () => connections,
    secrets: () => [...minted],
    fail: (path, ...list) => {
      const queue = faults.get(path) ?? []
      queue.push(...list)
      faults.set(path, queue)
    },
    route: (method, path, handler) => {
      routes.push({ method, path, handler })
    },
    isValidAccessToken,
    refreshInputs(extra = {}) {
      return {
        client_id: clientId,
        client_secret: clientSecret,
        refresh_token: mintRefresh(newGrant()),
        base_url: origin + prefix,
        ...extra
      }
    },
    close: () => {
      for (const timer of timers) clearInterval(timer)
      timers.clear()
      return listening.close()
    }
  }
}
