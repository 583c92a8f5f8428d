/**
 * A real third-party OAuth 2.0 authorization server (panva's oidc-provider) on loopback, for
 * end-to-end tests of the token action.
 *
 * - Issuer `http://127.0.0.1:PORT`, token endpoint `/token`, RFC 7009 revocation at
 *   `/token/revocation`.
 * - Two confidential clients: one registered for `client_secret_post`, one for
 *   `client_secret_basic`. oidc-provider itself accepts either method from either client; this
 *   fixture enforces the registered one (a mismatch is a 401 `invalid_client`). Sending both
 *   Basic and body credentials is a 400 `invalid_request` (oidc-provider's own check).
 * - Client secrets contain characters that RFC 6749 §2.3.1 form-urlencoding changes
 *   (`+ / : % = & ~` and a space), so a Basic header built without encoding fails.
 * - Grants: authorization_code and refresh_token. PKCE is not required. A refresh token is issued
 *   on every code exchange; rotation is `opts.rotate`. Reusing a rotated-out refresh token is
 *   `invalid_grant` and, as oidc-provider does, revokes the whole grant (its newer refresh token
 *   too).
 * - Login and consent are answered automatically by the fixture's own interaction route.
 */
import { generateKeyPair, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { promisify } from 'node:util'
import { listenOnLoopback } from './listen-on-loopback.js'

export interface OidcServerOptions {
  /** rotateRefreshToken: a refresh returns a new refresh token and spends the old one. */
  rotate: boolean
}

export interface OidcClient {
  id: string
  secret: string
  auth: 'client_secret_post' | 'client_secret_basic'
}

export interface OidcServer {
  /** `http://127.0.0.1:PORT` */
  issuer: string
  /** issuer + '/token' */
  tokenUrl: string
  /** RFC 7009 revocation endpoint (issuer + '/token/revocation'). */
  revocationUrl: string
  /** The redirect URI registered for both clients. */
  redirectUri: string
  /** The scope to request on the authorization request, the code exchange and refreshes. */
  scope: string
  clients: { post: OidcClient; basic: OidcClient }
  /** Runs a full authorization request (login + consent answered automatically); returns a fresh code. */
  getCode(client: OidcClient): Promise<string>
  /** getCode, then exchanges the code at the token endpoint; returns the refresh token. */
  getRefreshToken(client: OidcClient): Promise<string>
  /** Requests that reached `/token` so far, including the fixture's own exchanges. */
  tokenRequestCount(): number
  /** Client secrets and every code, access token and refresh token the provider minted. */
  secrets(): string[]
  close(): Promise<void>
}

const REDIRECT_URI = 'https://app.clayton.io/authorized'
const SCOPE = 'workspace'
const ACCOUNT_ID = 'e2e-user'

// ---------------------------------------------------------------------------------------------
// The small part of oidc-provider's API this fixture uses (the package ships no types).

interface KoaContextLike {
  headers: Record<string, string | string[] | undefined>
  type: string
  body: unknown
}

interface ClientLike {
  clientId: string
  clientAuthMethod: string
  compareClientSecret(actual: string): Promise<boolean> | boolean
}

interface GrantLike {
  addOIDCScope(scope: string): void
  addOIDCClaims(claims: string[]): void
  save(): Promise<string>
}

interface InteractionLike {
  uid: string
  params: Record<string, unknown>
  prompt: { name: string; details: Record<string, unknown> }
}

interface ProviderLike {
  callback(): (req: IncomingMessage, res: ServerResponse) => void
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionLike>
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options: { mergeWithLastSubmission: boolean }
  ): Promise<void>
  Grant: new (init: { accountId: string; clientId: string }) => GrantLike
  Client: { prototype: ClientLike }
  on(event: string, listener: (...args: unknown[]) => void): void
}

interface ProviderClassLike {
  new (issuer: string, configuration: Record<string, unknown>): ProviderLike
  readonly ctx: KoaContextLike | undefined
}

interface OidcProviderModule {
  default: ProviderClassLike
  errors: {
    InvalidClientAuth: new () => Error & { error_description: string }
  }
}

// ---------------------------------------------------------------------------------------------
// oidc-provider prints "oidc-provider WARNING/NOTICE: ..." lines through console.warn/info
// (unsupported Node version on Node 20, development defaults). Drop those, and only those, while
// a fixture is alive.

let quietCount = 0
let restoreConsole: (() => void) | undefined

function isProviderNotice(args: unknown[]): boolean {
  return typeof args[0] === 'string' && /oidc-provider (WARNING|NOTICE):/.test(args[0])
}

function quietProvider(): void {
  quietCount += 1
  if (quietCount > 1) return
  const { warn, info } = console
  console.warn = (...args: unknown[]) => {
    if (!isProviderNotice(args)) warn.apply(console, args)
  }
  console.info = (...args: unknown[]) => {
    if (!isProviderNotice(args)) info.apply(console, args)
  }
  restoreConsole = () => {
    console.warn = warn
    console.info = info
  }
}

function unquietProvider(): void {
  quietCount -= 1
  if (quietCount === 0) {
    restoreConsole?.()
    restoreConsole = undefined
  }
}

// A specifier in a variable keeps TypeScript from looking for the missing type declarations.
const OIDC_PROVIDER = 'oidc-provider'
let modulePromise: Promise<OidcProviderModule> | undefined
function loadProvider(): Promise<OidcProviderModule> {
  modulePromise ??= import(OIDC_PROVIDER) as Promise<OidcProviderModule>
  return modulePromise
}

// ---------------------------------------------------------------------------------------------
// Storage: an in-memory adapter (oidc-provider's own one warns that it is for development only),
// which also records every token value it stores.

interface Stored {
  payload: Record<string, unknown>
  expiresAt: number
}

const TOKEN_MODELS = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'ClientCredentials'
])

function createAdapterFactory(minted: Set<string>) {
  const store = new Map<string, Stored>()
  const byGrant = new Map<string, Set<string>>()
  const sessionByUid = new Map<string, string>()

  const live = (key: string): Stored | undefined => {
    const entry = store.get(key)
    if (entry && entry.expiresAt <= Date.now()) {
      store.delete(key)
      return undefined
    }
    return entry
  }

  return (model: string) => ({
    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
      const key = `${model}:${id}`
      const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Infinity
      store.set(key, { payload, expiresAt })
      if (TOKEN_MODELS.has(model)) minted.add(id)
      if (model === 'Session' && typeof payload.uid === 'string') sessionByUid.set(payload.uid, id)
      if (typeof payload.grantId === 'string') {
        const keys = byGrant.get(payload.grantId) ?? new Set<string>()
        keys.add(key)
        byGrant.set(payload.grantId, keys)
      }
    },
    async find(id: string) {
      return live(`${model}:${id}`)?.payload
    },
    async findByUid(uid: string) {
      const id = sessionByUid.get(uid)
      return id === undefined ? undefined : live(`${model}:${id}`)?.payload
    },
    async findByUserCode() {
      return undefined
    },
    async consume(id: string) {
      const entry = live(`${model}:${id}`)
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000)
    },
    async destroy(id: string) {
      store.delete(`${model}:${id}`)
    },
    async revokeByGrantId(grantId: string) {
      const keys = byGrant.get(grantId)
      if (!keys) return
      for (const key of [...keys]) {
        if (key.startsWith(`${model}:`)) {
          store.delete(key)
          keys.delete(key)
        }
      }
      if (keys.size === 0) byGrant.delete(grantId)
    }
  })
}

// ---------------------------------------------------------------------------------------------

function secretWithSpecials(): string {
  // Characters that application/x-www-form-urlencoded changes, none at either end (inputs are
  // trimmed by the action).
  return `${randomBytes(12).toString('base64url')}+/:% =&~${randomBytes(12).toString('base64url')}`
}

function authHeaders(client: OidcClient, form: URLSearchParams): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
  if (client.auth === 'client_secret_basic') {
    const enc = (s: string) => new URLSearchParams({ s }).toString().slice(2)
    const basic = Buffer.from(`${enc(client.id)}:${enc(client.secret)}`).toString('base64')
    headers.authorization = `Basic ${basic}`
  } else {
    form.set('client_id', client.id)
    form.set('client_secret', client.secret)
  }
  return headers
}

export async function startOidcServer(opts: OidcServerOptions): Promise<OidcServer> {
  quietProvider()
  try {
    return await start(opts)
  } catch (err) {
    unquietProvider()
    throw err
  }
}

async function start(opts: OidcServerOptions): Promise<OidcServer> {
  const mod = await loadProvider()
  const Provider = mod.default
  const { privateKey } = await promisify(generateKeyPair)('ec', { namedCurve: 'P-256' })
  const signingKey = {
    ...privateKey.export({ format: 'jwk' }),
    kid: 'e2e',
    alg: 'ES256',
    use: 'sig'
  }

  const clients = {
    post: { id: 'e2e-post-client', secret: secretWithSpecials(), auth: 'client_secret_post' },
    basic: { id: 'e2e-basic-client', secret: secretWithSpecials(), auth: 'client_secret_basic' }
  } satisfies Record<string, OidcClient>

  const minted = new Set<string>()
  let tokenRequests = 0
  // Filled in once the port (and so the issuer) is known.
  const app: {
    provider?: ProviderLike
    callback?: (req: IncomingMessage, res: ServerResponse) => void
  } = {}

  const interactionPath = /^\/interaction\/([^/?]+)$/

  async function answerInteraction(
    p: ProviderLike,
    req: IncomingMessage,
    res: ServerResponse
  ): Promise<void> {
    const details = await p.interactionDetails(req, res)
    const clientId = String(details.params.client_id)
    const grant = new p.Grant({ accountId: ACCOUNT_ID, clientId })
    const requested = typeof details.params.scope === 'string' ? details.params.scope : ''
    if (requested) grant.addOIDCScope(requested)
    const claims = details.prompt.details.missingOIDCClaims
    if (Array.isArray(claims) && claims.length) grant.addOIDCClaims(claims as string[])
    const grantId = await grant.save()
    await p.interactionFinished(
      req,
      res,
      { login: { accountId: ACCOUNT_ID }, consent: { grantId } },
      { mergeWithLastSubmission: false }
    )
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/token') tokenRequests += 1
    const { provider, callback } = app
    if (!provider || !callback) {
      res.statusCode = 503
      res.end()
      return
    }
    if (req.method === 'GET' && interactionPath.test(path)) {
      answerInteraction(provider, req, res).catch((err: unknown) => {
        res.statusCode = 500
        res.setHeader('content-type', 'text/plain')
        res.end(`interaction failed: ${err instanceof Error ? err.message : String(err)}`)
      })
      return
    }
    callback(req, res)
  })
  const listening = await listenOnLoopback(server)
  const issuer = listening.origin

  try {
    const day = 24 * 60 * 60
    const provider = new Provider(issuer, {
      adapter: createAdapterFactory(minted),
      jwks: { keys: [signingKey] },
      enabledJWA: { idTokenSigningAlgValues: ['ES256'] },
      clientDefaults: {
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        id_token_signed_response_alg: 'ES256'
      },
      clients: Object.values(clients).map(c => ({
        client_id: c.id,
        client_secret: c.secret,
        token_endpoint_auth_method: c.auth,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code']
      })),
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      scopes: ['openid', 'offline_access', SCOPE],
      claims: { openid: ['sub'] },
      features: {
        devInteractions: { enabled: false },
        revocation: {
          enabled: true,
          allowedPolicy: async (_ctx: unknown, client: ClientLike, token: { clientId: string }) =>
            token.clientId === client.clientId
        }
      },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`
      },
      pkce: { required: () => false },
      issueRefreshToken: async () => true,
      rotateRefreshToken: opts.rotate,
      expiresWithSession: async () => false,
      findAccount: async (_ctx: unknown, sub: string) => ({
        accountId: sub,
        claims: async () => ({ sub })
      }),
      renderError: async (ctx: KoaContextLike, out: Record<string, unknown>) => {
        ctx.type = 'json'
        ctx.body = out
      },
      clientBasedCORS: () => false,
      ttl: {
        AccessToken: 3600,
        AuthorizationCode: 60,
        IdToken: 3600,
        RefreshToken: 14 * day,
        Interaction: 600,
        Session: day,
        Grant: 14 * day
      }
    })

    // oidc-provider lets a client registered for client_secret_basic authenticate with
    // client_secret_post and vice versa. Enforce the registered method, before any token is minted.
    const { InvalidClientAuth } = mod.errors
    const clientProto = provider.Client.prototype
    const compare = clientProto.compareClientSecret
    clientProto.compareClientSecret = function (this: ClientLike, actual: string) {
      const viaBasic = Provider.ctx?.headers.authorization !== undefined
      const wanted = this.clientAuthMethod === 'client_secret_basic'
      if (viaBasic !== wanted) {
        const err = new InvalidClientAuth()
        err.error_description = `client is registered for ${this.clientAuthMethod}`
        throw err
      }
      return compare.call(this, actual)
    }
    app.provider = provider
    app.callback = provider.callback()
  } catch (err) {
    await listening.close()
    throw err
  }

  const tokenUrl = `${issuer}/token`

  async function getCode(client: OidcClient): Promise<string> {
    const state = randomBytes(8).toString('hex')
    const cookies = new Map<string, string>()
    let url = `${issuer}/auth?${new URLSearchParams({
      client_id: client.id,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: SCOPE,
      state
    })}`
    for (let hop = 0; hop < 10; hop += 1) {
      const res = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
      })
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const eq = pair.indexOf('=')
        cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
      }
      const location = res.headers.get('location')
      await res.arrayBuffer()
      if (res.status < 300 || res.status >= 400 || !location) {
        throw new Error(
          `authorization request stopped at ${res.status} without a redirect (${url})`
        )
      }
      const next = new URL(location, url)
      if (`${next.origin}${next.pathname}` === REDIRECT_URI) {
        const error = next.searchParams.get('error')
        if (error) {
          throw new Error(
            `authorization failed: ${error} ${next.searchParams.get('error_description') ?? ''}`
          )
        }
        if (next.searchParams.get('state') !== state)
          throw new Error('authorization state mismatch')
        const code = next.searchParams.get('code')
        if (!code) throw new Error('authorization response carries no code')
        minted.add(code)
        return code
      }
      url = next.href
    }
    throw new Error('authorization request redirected too often')
  }

  async function getRefreshToken(client: OidcClient): Promise<string> {
    const code = await getCode(client)
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI
    })
    const headers = authHeaders(client, form)
    const res = await fetch(tokenUrl, { method: 'POST', headers, body: form })
    const body = (await res.json()) as Record<string, unknown>
    if (res.status !== 200 || typeof body.refresh_token !== 'string') {
      throw new Error(`code exchange failed: ${res.status} ${String(body.error)}`)
    }
    minted.add(body.refresh_token)
    if (typeof body.access_token === 'string') minted.add(body.access_token)
    return body.refresh_token
  }

  let closed: Promise<void> | undefined
  function close(): Promise<void> {
    closed ??= listening.close().finally(unquietProvider)
    return closed
  }

  return {
    issuer,
    tokenUrl,
    revocationUrl: `${issuer}/token/revocation`,
    redirectUri: REDIRECT_URI,
    scope: SCOPE,
    clients,
    getCode,
    getRefreshToken,
    tokenRequestCount: () => tokenRequests,
    secrets: () => [clients.post.secret, clients.basic.secret, ...minted],
    close
  }
}
