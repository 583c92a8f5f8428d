import { InputError } from '../common/errors.js'
import { parseSecureUrl } from '../common/url.js'

/** Origins besides base_url's that may receive the token or the client credentials. */
export function parseTrustedOrigins(value: string): Set<string> {
  const origins = new Set<string>()
  for (const entry of value.split(/[,\n]/).map(item => item.trim())) {
    if (!entry) continue
    origins.add(parseSecureUrl(entry, 'trusted_origins').origin)
  }
  return origins
}

/**
 * One origin rule for every URL that carries a credential (api_url, token_url, revoke_url):
 * base_url's origin, or one the workflow lists in trusted_origins. `carries` names what would
 * be sent, for the message.
 */
export function requireTrustedOrigin(
  url: URL,
  input: string,
  baseUrl: URL,
  trusted: ReadonlySet<string>,
  carries: string
): URL {
  if (url.origin === baseUrl.origin || trusted.has(url.origin)) return url
  throw new InputError(
    `Input ${input} points at ${url.origin}, which is neither base_url's origin (${baseUrl.origin}) nor listed in trusted_origins, so ${carries} will not be sent there. Add ${url.origin} to trusted_origins if it should receive ${carries}.`
  )
}
