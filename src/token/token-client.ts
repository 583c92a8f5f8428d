// Part token: the OAuth token request (grants as data, client authentication), its response and errors.
import { parseJsonObject } from '../common/json.js'
import { ActionError, TokenEndpointError } from '../common/errors.js'
import type { HttpSender, HttpRequest, HttpResponse } from '../http/client.js'
import type { ClientSettings, TokenSettings } from '../settings/inputs.js'
import { explainTokenError } from './oauth-errors.js'

export type Mask = (secret: string) => void
export type Debug = (message: string) => void

/**
 * Ten years: longer than any provider means, short enough that every date computed from it is
 * valid (a value past the Date range ended the step after the token was issued).
 */
export const MAX_EXPIRES_IN_S = 10 * 365 * 24 * 60 * 60

export interface TokenResult {
  accessToken: string
  tokenType: string
  /** Seconds; undefined when the response has no expires_in. */
  expiresIn?: number
  /** The response's scope, else the requested one (RFC 6749 §5.1). */
  scope: string
  refreshToken?: string
  /** `input`: handed over through the access_token input; `cache`: restored from the Actions cache. */
  source: 'refresh' | 'code' | 'input' | 'cache' | 'job'
  /** A refresh returned a refresh token different from the one sent: the old one is spent. */
  rotated: boolean
}

const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2)

/** The HTTP Basic credential of RFC 6749 §2.3.1 (each part form-urlencoded first). */
export function basicCredential(id: string, secret: string): string {
  return Buffer.from(`${formEncode(id)}:${formEncode(secret)}`).toString('base64')
}

/**
 * Adds the client's credentials the way client_auth says: token and revocation requests alike.
 * RFC 6749 §2.3: a client must not use more than one authentication method per request.
 */
export function authenticateClient(
  client: ClientSettings,
  form: URLSearchParams,
  headers: Record<string, string>
): void {
  if (client.auth === 'client_secret_basic') {
    headers.Authorization = `Basic ${basicCredential(client.id, client.secret)}`
  } else {
    form.set('client_id', client.id)
    form.set('client_secret', client.secret)
  }
}

/**
 * The scope a request carries. By default the seed's requests: a refresh sends none (RFC 6749 §6:
 * the scope granted at consent), the code exchange sends `workspace` as the provider documents.
 */
export function requestedScope(settings: Pick<TokenSettings, 'scope' | 'grant'>): string {
  if (settings.scope !== undefined) return settings.scope
  return settings.grant.type === 'authorization_code' ? 'workspace' : ''
}

/** Grants as data: one request shape, two grant types, two ways to authenticate the client. */
export function buildTokenRequest(settings: TokenSettings): HttpRequest {
  const form = new URLSearchParams()
  const url = new URL(settings.tokenUrl.href)
  const { grant, client } = settings
  if (grant.type === 'refresh_token') {
    form.set('grant_type', 'refresh_token')
    form.set('refresh_token', grant.refreshToken)
  } else {
    form.set('grant_type', 'authorization_code')
    // The provider documents `code` in the query string; RFC 6749 puts it in the body. Both
    // kinds of server accept the request when it is in both places.
    url.searchParams.set('code', grant.code)
    form.set('code', grant.code)
    form.set('redirect_uri', grant.redirectUri)
  }
  const scope = requestedScope(settings)
  if (scope) form.set('scope', scope)
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'application/x-www-form-urlencoded'
  }
  authenticateClient(client, form, headers)
  return {
    method: 'POST',
    url,
    headers,
    body: form.toString(),
    label: 'Token request',
    retry: 'always'
  }
}

export async function requestToken(
  http: HttpSender,
  settings: TokenSettings,
  mask: Mask,
  debug: Debug = () => {}
): Promise<TokenResult> {
  const response = await http.send(buildTokenRequest(settings))
  return interpretTokenResponse(response, settings, mask, debug)
}

/** Masks every token in the body before anything else looks at it, then checks the answer. */
export function interpretTokenResponse(
  response: HttpResponse,
  settings: TokenSettings,
  mask: Mask,
  debug: Debug = () => {}
): TokenResult {
  const parsed = parseJsonObject(response.body)
  if (parsed) maskTokenFields(parsed, mask)

  if (response.status < 200 || response.status > 299) {
    const error = typeof parsed?.error === 'string' ? parsed.error : undefined
    const description =
      typeof parsed?.error_description === 'string' ? parsed.error_description : undefined
    throw new TokenEndpointError(
      explainTokenError({
        status: response.status,
        error,
        description,
        grant: settings.grant.type,
        clientAuth: settings.client.auth,
        secretChangesWhenEncoded: formEncode(settings.client.secret) !== settings.client.secret,
        scope: requestedScope(settings),
        attempts: response.attempts,
        earlierAttemptMayHaveLanded: response.earlierAttemptMayHaveLanded,
        retryAfterMs: response.retryAfterMs,
        retryAfterLimitMs: response.retryAfterLimitMs
      }),
      error
    )
  }
  if (!parsed) {
    throw new ActionError(
      `Token request failed: HTTP ${response.status} with a body that is not a JSON object (${response.body.length} bytes, ${contentType(response)}); the body is not shown because it may hold credentials. Check token_url: it should be the provider's OAuth token endpoint.`
    )
  }
  const accessToken = parsed.access_token
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new ActionError(
      `Token request failed: HTTP ${response.status} but the response has no access_token (fields: ${Object.keys(parsed).join(', ') || 'none'}). Check token_url: it should be the provider's OAuth token endpoint.`
    )
  }
  const expiresIn = readExpiresIn(parsed.expires_in, debug)
  const refreshToken =
    typeof parsed.refresh_token === 'string' && parsed.refresh_token !== ''
      ? parsed.refresh_token
      : undefined
  const sent = settings.grant.type === 'refresh_token' ? settings.grant.refreshToken : undefined
  return {
    accessToken,
    tokenType: typeof parsed.token_type === 'string' ? parsed.token_type : 'Bearer',
    expiresIn,
    scope: typeof parsed.scope === 'string' ? parsed.scope : requestedScope(settings),
    refreshToken,
    source: settings.grant.type === 'refresh_token' ? 'refresh' : 'code',
    rotated: sent !== undefined && refreshToken !== undefined && refreshToken !== sent
  }
}

const TOKEN_FIELDS = ['access_token', 'refresh_token', 'id_token'] as const

export function maskTokenFields(body: Record<string, unknown>, mask: Mask): void {
  for (const field of TOKEN_FIELDS) {
    const value = body[field]
    if (typeof value === 'string' && value !== '') mask(value)
  }
}

function readExpiresIn(value: unknown, debug: Debug): number | undefined {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof seconds !== 'number' || Number.isNaN(seconds) || seconds < 0) return undefined
  if (seconds > MAX_EXPIRES_IN_S) {
    debug(
      `The token response's expires_in (${String(seconds).slice(0, 40)} s) is longer than ten years: taken as ${MAX_EXPIRES_IN_S} s.`
    )
    return MAX_EXPIRES_IN_S
  }
  return Math.floor(seconds)
}

function contentType(response: HttpResponse): string {
  const type = response.headers['content-type']
  return type ? `Content-Type ${String(type).split(';')[0]}` : 'no Content-Type'
}
