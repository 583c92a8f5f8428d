import { sanitize } from '../common/text.js'
import type { ClientAuth, Grant } from '../settings/inputs.js'

export interface TokenErrorContext {
  status: number
  /** RFC 6749 §5.2 `error`, when the body was an OAuth error. */
  error?: string
  description?: string
  grant: Grant['type']
  clientAuth: ClientAuth
  /** client_secret has characters form-encoding changes (RFC 6749 §2.3.1 encodes before Basic). */
  secretChangesWhenEncoded?: boolean
  scope: string
  attempts: number
  earlierAttemptMayHaveLanded: boolean
  retryAfterMs?: number
  /** The longest wait the request still had room for (60 s, or less near its time limit). */
  retryAfterLimitMs?: number
}

/** The fix for each OAuth error a person can act on. */
export function explainTokenError(ctx: TokenErrorContext): string {
  const head = [
    `Token request failed: HTTP ${ctx.status}`,
    ctx.error ? ` ${sanitize(ctx.error, 60)}` : '',
    ctx.description ? ` (${sanitize(ctx.description)})` : '',
    ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '',
    '.'
  ].join('')
  return `${head} ${advice(ctx)}`
}

function advice(ctx: TokenErrorContext): string {
  const otherAuth =
    ctx.clientAuth === 'client_secret_post' ? 'client_secret_basic' : 'client_secret_post'
  switch (ctx.error) {
    case 'invalid_grant':
      if (ctx.grant === 'authorization_code') {
        return 'The authorization code is invalid, expired or already used, or redirect_uri differs from the one used at consent. Codes are single-use and short-lived: consent again in the browser and run the exchange right away.'
      }
      return [
        'The refresh token is expired, revoked or already used.',
        'Repeat the consent in the browser, exchange the new code (README: One-time setup) and update the secret that holds refresh_token.',
        ctx.earlierAttemptMayHaveLanded
          ? 'An earlier attempt of this step failed after reaching the provider and its answer was lost: a provider that rotates refresh tokens may have consumed the token then.'
          : 'If the provider rotates refresh tokens, the token is spent after one use: store the new one each time (see refresh_token_rotated).'
      ].join(' ')
    case 'invalid_client': {
      const usual = `The provider did not accept the client credentials: check client_id and client_secret (the OAuth app's values), and client_auth (now ${ctx.clientAuth}; the provider may expect ${otherAuth}).`
      // RFC 6749 §2.3.1 says to form-encode before Basic, and we do; not every server decodes.
      return ctx.clientAuth === 'client_secret_basic' && ctx.secretChangesWhenEncoded
        ? `${usual} client_secret has characters that form-encoding changes (such as + / = % or a space): RFC 6749 §2.3.1 has them encoded before Basic authentication, and this action does so, but some servers compare them undecoded. Try client_auth: client_secret_post.`
        : usual
    }
    case 'unauthorized_client':
      return `This client may not use the ${ctx.grant} grant: enable it in the OAuth app's settings.`
    case 'invalid_scope':
      return `The provider refused the scope "${ctx.scope}": set scope to what the app was granted, or to '' to omit it.`
    case 'unsupported_grant_type':
      return `The endpoint does not support the ${ctx.grant} grant: check token_url.`
    case 'invalid_request':
      return 'The provider rejected the request as malformed: check token_url, client_auth and scope.'
  }
  if (ctx.retryAfterMs !== undefined) {
    const asked = `The provider asked to wait ${Math.ceil(ctx.retryAfterMs / 1000)} s (Retry-After)`
    const limit = ctx.retryAfterLimitMs ?? 60_000
    if (limit >= 60_000)
      return `${asked}, more than this step waits (60 s): run the job again later.`
    return `${asked}, more than this request could still wait (${Math.floor(limit / 1000)} s; a request with its retries ends within timeout × max_attempts): run the job again later, or raise timeout or max_attempts.`
  }
  if (ctx.status === 429 || ctx.status >= 500) {
    return 'The provider is failing or rate-limiting; this is usually temporary: re-run the job, or raise max_attempts.'
  }
  if (ctx.status >= 300 && ctx.status < 400) {
    return 'The token endpoint answered with a redirect, which this action does not follow (it would resend credentials): set base_url or token_url to the final address.'
  }
  if (ctx.status === 404 || ctx.status === 405) {
    return 'Nothing answers token requests at that address: check base_url and token_url.'
  }
  if (ctx.status === 401 || ctx.status === 403) {
    return 'The provider refused the client: check client_id, client_secret and client_auth.'
  }
  return 'Check base_url, token_url and the client credentials.'
}
