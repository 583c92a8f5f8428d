import { InputError } from '../common/errors.js'
import { seconds, type InputReader } from './input-reader.js'
import { joinUrl, parseSecureUrl } from '../common/url.js'
import { parseTrustedOrigins, requireTrustedOrigin } from './origins.js'

export type StatusMatcher = (status: number) => boolean

export interface ApiSettings {
  url: URL
  method: string
  /** Extra headers from api_headers; Authorization is always ours. */
  headers: Record<string, string>
  body?: string
  expectedStatus: StatusMatcher
  /** As written, for messages: `2xx`, `200,404`. */
  expectedStatusText: string
  query: string
  assert: string
  waitUntil: string
  waitIntervalMs: number
  waitTimeoutMs: number
  /** Where the body is written; defaults to a file under RUNNER_TEMP, never the workspace. */
  responseFile: string
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
/** Methods a retry cannot turn into a second side effect. */
export const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])
/** Headers the action owns: letting an input set them would break auth or framing. */
const RESERVED_HEADERS = new Set([
  'authorization',
  'host',
  'content-length',
  'transfer-encoding',
  'connection'
])

/** Parses the api_* inputs; undefined when api_url is empty (no call). */
export function parseApiInputs(
  read: InputReader,
  baseUrl: URL,
  env: { runnerTemp: string; random: string }
): ApiSettings | undefined {
  const apiUrl = read('api_url')
  if (!apiUrl) {
    const stray = [
      'api_query',
      'api_assert',
      'api_wait_until',
      'api_body',
      'api_headers',
      'api_response_file'
    ].filter(name => read(name))
    if (stray.length > 0) {
      throw new InputError(
        `Input ${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but api_url is empty, so no API call would be made. Set api_url (for example /api/workspaces).`
      )
    }
    return undefined
  }
  const trusted = parseTrustedOrigins(read('trusted_origins'))
  const url = resolveApiUrl(apiUrl, baseUrl, trusted)
  const rawMethod = read('api_method') || 'GET'
  const method = rawMethod.toUpperCase()
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new InputError(
      `Input api_method is "${rawMethod}"; it must be one of: ${METHODS.join(', ')}.`
    )
  }
  const headers = parseHeaders(read('api_headers'))
  const body = read('api_body') || undefined
  const hasContentType = Object.keys(headers).some(name => name.toLowerCase() === 'content-type')
  if (body !== undefined && !hasContentType) {
    try {
      JSON.parse(body)
    } catch (error) {
      throw new InputError(
        `Input api_body is not valid JSON (${(error as Error).message}), and api_headers sets no Content-Type. Fix the JSON, or add a Content-Type line to api_headers to send it as is.`
      )
    }
    headers['Content-Type'] = 'application/json'
  }
  const expectedStatusText = read('api_expected_status') || '2xx'
  const waitUntil = read('api_wait_until')
  if (waitUntil && !IDEMPOTENT_METHODS.has(method)) {
    throw new InputError(
      `Input api_wait_until repeats the call until it is true, and api_method is ${method}, which would repeat its side effect on every poll. Trigger with ${method} in one step and wait with GET in a second step (see docs/review-gate.md, Any endpoint in two steps).`
    )
  }
  return {
    url,
    method,
    headers,
    body,
    expectedStatus: parseExpectedStatus(expectedStatusText),
    expectedStatusText,
    query: read('api_query'),
    assert: read('api_assert'),
    waitUntil,
    waitIntervalMs: seconds(read, 'api_wait_interval', 15, 3600) * 1000,
    waitTimeoutMs: seconds(read, 'api_wait_timeout', 600, 6 * 3600) * 1000,
    responseFile:
      read('api_response_file') || `${env.runnerTemp}/clayton-api-response-${env.random}.json`
  }
}

export { parseTrustedOrigins } from './origins.js'

/**
 * A path resolves against base_url (keeping its prefix); an absolute URL must be on base_url's
 * origin or a trusted one, because the request carries the access token.
 */
export function resolveApiUrl(value: string, baseUrl: URL, trusted: Set<string>): URL {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    const [path, ...rest] = value.split('?')
    const url = joinUrl(baseUrl, path)
    if (rest.length > 0) url.search = `?${rest.join('?')}`
    return url
  }
  return requireTrustedOrigin(
    parseSecureUrl(value, 'api_url'),
    'api_url',
    baseUrl,
    trusted,
    'the access token'
  )
}

export function parseHeaders(value: string): Record<string, string> {
  const headers: Record<string, string> = {}
  value.split('\n').forEach((raw, index) => {
    const line = raw.trim()
    if (!line) return
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/.exec(line)
    if (!match) {
      throw new InputError(
        `Input api_headers line ${index + 1} is not "Name: value" (got "${line.slice(0, 60)}"). Write one header per line, e.g. X-Request-Id: 42.`
      )
    }
    const [, name, headerValue] = match
    if (RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new InputError(
        `Input api_headers line ${index + 1} sets ${name}, which the action sets itself (the access token goes in Authorization). Remove that line.`
      )
    }
    const bad = findBadHeaderCharacter(headerValue)
    if (bad) {
      throw new InputError(
        `Input api_headers line ${index + 1} (${name}) has ${bad}, which an HTTP header cannot carry. ${bad.startsWith('the control') ? 'Remove it' : 'Header values are Latin-1: percent-encode or base64 the value'}, or send it in api_body instead.`
      )
    }
    headers[name] = headerValue
  })
  return headers
}

/**
 * What Node would refuse to send (ERR_INVALID_CHAR) only after the token request: control
 * characters (tab excepted, RFC 9110 §5.5) and anything beyond Latin-1. Undefined when fine.
 * C1 controls (U+0080–U+009F) are refused too: Node sends them, but no server means them.
 */
export function findBadHeaderCharacter(value: string): string | undefined {
  for (const char of value) {
    const point = char.codePointAt(0) ?? 0
    const code = `U+${point.toString(16).toUpperCase().padStart(4, '0')}`
    if ((point < 0x20 && point !== 0x09) || (point >= 0x7f && point <= 0x9f)) {
      return `the control character ${code}`
    }
    if (point > 0xff) return `the character "${char}" (${code})`
  }
  return undefined
}

/** `2xx`, `200,404`, `2xx,404`: codes and classes. */
export function parseExpectedStatus(value: string): StatusMatcher {
  const codes = new Set<number>()
  const classes = new Set<number>()
  for (const part of value.split(',').map(item => item.trim())) {
    if (/^[1-5]xx$/i.test(part)) classes.add(Number(part[0]))
    else if (/^[1-5]\d\d$/.test(part)) codes.add(Number(part))
    else {
      throw new InputError(
        `Input api_expected_status has "${part}"; give status codes and classes separated by commas, e.g. 2xx or 200,404.`
      )
    }
  }
  return status => codes.has(status) || classes.has(Math.floor(status / 100))
}
