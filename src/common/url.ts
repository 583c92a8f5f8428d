// Pure URL rules that settings and the parts that send share: what may carry credentials, joining, printing.
import { InputError } from './errors.js'

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]'])

/**
 * 127.0.0.0/8, ::1 and localhost: the only hosts where plain http cannot leak a token.
 * `*.localhost` is not among them: RFC 6761 says such names should resolve to loopback, but they
 * go through the system resolver (and /etc/hosts), so one can point anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (LOOPBACK_NAMES.has(host)) return true
  return /^127(\.\d{1,3}){3}$/.test(host)
}

/** Parses a URL input and refuses anything but https (loopback excepted), before any request. */
export function parseSecureUrl(value: string, input: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      `Input ${input} is not a valid URL ("${value}"). Give an absolute URL such as https://app.clayton.io.`
    )
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new InputError(
      `Input ${input} must use https:// (got ${url.protocol}//${url.host}); plain http is only allowed for loopback addresses (127.0.0.0/8, [::1]) and localhost, because the request carries credentials.`
    )
  }
  if (url.username || url.password) {
    throw new InputError(
      `Input ${input} must not contain user:password@; pass credentials through client_id and client_secret.`
    )
  }
  return url
}

/**
 * Appends `path` to the base URL's own path, so `https://host/prefix` + `/oauth2/token`
 * is `https://host/prefix/oauth2/token` (plain `new URL(path, base)` would drop the prefix).
 */
export function joinUrl(base: URL, path: string): URL {
  const url = new URL(base.href)
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
  url.search = ''
  url.hash = ''
  return url
}

/** What may be printed about a URL: no query string (it can carry an authorization code). */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`
}
