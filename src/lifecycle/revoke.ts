import { parseJsonObject } from '../common/json.js'
import type { HttpSender, HttpRequest } from '../http/client.js'
import type { ClientSettings } from '../settings/inputs.js'
import { cutWindow, sanitize } from '../common/text.js'
import { Redactor } from '../report/redact.js'
import { authenticateClient, basicCredential } from '../token/token-client.js'
import { describeUrl } from '../common/url.js'

export interface RevokeOptions {
  /** revoke_url, or `{base_url}/oauth2/revoke`. */
  revokeUrl: URL
  client: ClientSettings
  /** The access token to revoke. */
  token: string
}

export type RevokeOutcome = { ok: true } | { ok: false; reason: string }

/** RFC 7009 revocation request, the client authenticated exactly as for the token request. */
export function buildRevokeRequest(opts: RevokeOptions): HttpRequest {
  const form = new URLSearchParams({ token: opts.token, token_type_hint: 'access_token' })
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'application/x-www-form-urlencoded'
  }
  authenticateClient(opts.client, form, headers)
  return {
    method: 'POST',
    url: new URL(opts.revokeUrl.href),
    headers,
    body: form.toString(),
    label: 'Token revocation',
    // Revoking twice is harmless (RFC 7009 §2.2: unknown tokens get 200 too).
    retry: 'always'
  }
}

/**
 * Never throws: revocation runs in the post step, where a failure is a warning. The reason quotes
 * the provider's error, scrubbed of the token and the client credentials.
 */
export async function revokeAccessToken(
  http: HttpSender,
  opts: RevokeOptions
): Promise<RevokeOutcome> {
  const redactor = new Redactor()
  redactor.add(opts.token, opts.client.secret, basicCredential(opts.client.id, opts.client.secret))
  const clean = (text: string) => sanitize(redactor.redact(cutWindow(text, 500)), 500)
  try {
    const response = await http.send(buildRevokeRequest(opts))
    if (response.status >= 200 && response.status <= 299) return { ok: true }
    const body = parseJsonObject(response.body)
    const error = typeof body?.error === 'string' ? body.error : undefined
    const description =
      typeof body?.error_description === 'string' ? body.error_description : undefined
    const oauth = error ? ` ${error}${description ? ` (${description})` : ''}` : ''
    return {
      ok: false,
      reason: clean(
        `${describeUrl(opts.revokeUrl)} answered HTTP ${response.status}${oauth}.${advice(response.status, error)}`
      )
    }
  } catch (error) {
    return { ok: false, reason: clean(error instanceof Error ? error.message : String(error)) }
  }
}

function advice(status: number, error: string | undefined): string {
  if (error === 'invalid_client' || status === 401) {
    return ' Check client_id, client_secret and client_auth.'
  }
  if (error === 'unsupported_token_type') {
    return ' The provider does not revoke access tokens; set revoke: false.'
  }
  if (status === 404 || status === 405) return ' Check revoke_url.'
  return ''
}
