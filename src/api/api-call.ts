import type { IncomingHttpHeaders } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { ActionError } from '../common/errors.js'
import { IDEMPOTENT_METHODS, type ApiSettings } from '../settings/api-settings.js'
import { evaluate, isTruthy, quotedFieldWarning, quotedFieldsNotInResponse } from './expressions.js'

// Re-exported so main.ts reaches the whole API path through one lazily loaded chunk.
export { checkExpressions } from './expressions.js'
import type { HttpSender, HttpRequest, HttpResponse } from '../http/client.js'
import { jsonText, parseJsonObject, previewJson as preview } from '../common/json.js'
import { formatBytes, formatSize, sanitize } from '../common/text.js'
import { parseRetryAfterMs } from '../http/retry-after.js'

/** Everything known about the call so far; published even when the step fails. */
export interface ApiReport {
  method: string
  path: string
  status?: number
  /** The body, or its first MAX_PARSED_BODY_BYTES when it is longer (see bodyBytes). */
  body?: Buffer
  /** The whole body's length, when it is longer than `body`. */
  bodyBytes?: number
  /** The body was streamed to api_response_file as it arrived; publishing need not write it. */
  bodyInFile?: boolean
  /** HTTP attempts, retries included. */
  attempts: number
  /** Responses evaluated (1 without api_wait_until). */
  polls: number
  durationMs: number
  result?: unknown
  hasResult: boolean
  passed?: boolean
  failure?: string
}

export function newApiReport(api: ApiSettings): ApiReport {
  return {
    method: api.method,
    path: api.url.pathname,
    attempts: 0,
    polls: 0,
    durationMs: 0,
    hasResult: false
  }
}

export interface TokenInfo {
  value: string
  /** Where it came from: a 401 means different things for each. */
  source: 'refresh' | 'code' | 'input' | 'cache' | 'job'
  /** The scope the token was granted, when known. */
  scope?: string
}

/**
 * The most of a body api_query, api_assert and api_wait_until read: JSON.parse needs several
 * times a body's size in memory, and a review report is far smaller.
 */
export const MAX_PARSED_BODY_BYTES = 16 * 1024 * 1024
/** The most written to api_response_file: an endless body must not fill the runner's disk. */
export const MAX_RESPONSE_FILE_BYTES = 1024 * 1024 * 1024

/**
 * Performs the configured call (repeating it while api_wait_until is false), then applies
 * api_query and api_assert. Fills `report` as it goes so outputs survive a failure.
 */
export async function runApiCall(
  http: HttpSender,
  api: ApiSettings,
  token: TokenInfo,
  report: ApiReport,
  opts: {
    now?: () => number
    onPoll?: (message: string) => void
    /** Stream each body to this file (api_response_file) instead of holding it in memory. */
    responseFile?: string
    /** A likely mistake in an expression, seen against the first response it is evaluated on. */
    onWarning?: (message: string) => void
  } = {}
): Promise<void> {
  const now = opts.now ?? Date.now
  const checked = new Set<string>()
  const warnQuotedFields = async (input: string, expression: string, data: unknown) => {
    if (!opts.onWarning || checked.has(input)) return
    checked.add(input)
    for (const name of await quotedFieldsNotInResponse(expression, data)) {
      opts.onWarning(quotedFieldWarning(input, name))
    }
  }
  const started = now()
  const label = `API call ${api.method} ${api.url.pathname}`
  let last: HttpResponse | undefined
  const request: HttpRequest = {
    method: api.method,
    url: api.url,
    headers: {
      Accept: 'application/json',
      ...api.headers,
      Authorization: `Bearer ${token.value}`
    },
    body: api.body,
    label,
    retry: IDEMPOTENT_METHODS.has(api.method) ? 'always' : 'unsent',
    maxBodyBytes: MAX_PARSED_BODY_BYTES,
    bodyFile: opts.responseFile
      ? { path: opts.responseFile, maxBytes: MAX_RESPONSE_FILE_BYTES, input: 'api_response_file' }
      : undefined
  }
  try {
    for (;;) {
      let response: HttpResponse
      try {
        response = await http.send(request)
      } catch (error) {
        // The file may now hold a failed attempt: publishing rewrites the last good body.
        if (report.bodyInFile && report.bodyBytes === undefined) report.bodyInFile = false
        throw error
      }
      report.attempts += response.attempts
      report.polls += 1
      report.status = response.status
      report.body = response.body
      if (response.bodyBytes !== undefined) report.bodyBytes = response.bodyBytes
      else delete report.bodyBytes
      if (request.bodyFile) report.bodyInFile = true
      last = response
      checkStatus(response, api, token, label)
      if (!api.waitUntil) break
      const polled = parseJson(response, label, 'api_wait_until')
      await warnQuotedFields('api_wait_until', api.waitUntil, polled)
      const value = await evaluate(api.waitUntil, polled, 'api_wait_until')
      if (isTruthy(value)) break
      const retryAfter = header(response.headers, 'retry-after')
      const delayMs = Math.max(api.waitIntervalMs, parseRetryAfterMs(retryAfter, now()) ?? 0)
      const elapsed = now() - started
      if (elapsed + delayMs > api.waitTimeoutMs) {
        throw new ActionError(
          `${label}: api_wait_until \`${api.waitUntil}\` was still not true after ${report.polls} poll${report.polls === 1 ? '' : 's'} over ${Math.round(elapsed / 1000)} s (api_wait_timeout ${api.waitTimeoutMs / 1000} s); last value: ${preview(value)}. Raise api_wait_timeout if the service is slow, or check the expression against the response in api_response_file.`
        )
      }
      opts.onPoll?.(
        `${label}: api_wait_until is ${preview(value)} after poll ${report.polls}; next poll in ${(delayMs / 1000).toFixed(1)} s`
      )
      await sleep(delayMs)
    }
    if (last && (api.query || api.assert)) {
      const data = parseJson(last, label, api.query ? 'api_query' : 'api_assert')
      if (api.query) {
        await warnQuotedFields('api_query', api.query, data)
        report.result = await evaluate(api.query, data, 'api_query')
        report.hasResult = true
      }
      if (api.assert) {
        await warnQuotedFields('api_assert', api.assert, data)
        const value = await evaluate(api.assert, data, 'api_assert')
        report.passed = isTruthy(value)
        if (!report.passed) {
          throw new ActionError(
            `${label}: api_assert \`${api.assert}\` is not true: it evaluated to ${preview(value)}${report.hasResult ? ` (api_result: ${preview(report.result)})` : ''}. The gate fails as configured.`
          )
        }
      }
    }
  } finally {
    report.durationMs = now() - started
  }
}

function checkStatus(
  response: HttpResponse,
  api: ApiSettings,
  token: TokenInfo,
  label: string
): void {
  // A status the workflow lists is its to handle, even a 401.
  if (api.expectedStatus(response.status)) return
  if (response.status === 401 && isInvalidToken(response)) {
    const why =
      token.source === 'input'
        ? 'The access_token input is expired, revoked or not valid for this API (tokens live about 90 minutes): pass a fresh one, or let this step request it.'
        : token.source === 'cache'
          ? 'The access token reused from the cache was refused: it may have been revoked early. Re-run with cache: false once, or raise cache_min_ttl.'
          : token.source === 'job'
            ? 'The access token an earlier step of this job obtained (and this step reused) was refused: the provider may have revoked it since. Re-run the job, which starts without it.'
            : 'The token this step just obtained was refused: check that base_url (and api_url) point at the service that issued it, and that scope grants access to this API.'
    throw new ActionError(`${label} returned HTTP 401 invalid_token. ${why}`)
  }
  if (response.status === 403) {
    const needed = insufficientScope(response)
    if (needed) {
      const has = token.scope ? ` (this token has scope "${sanitize(token.scope, 100)}")` : ''
      const what = needed.scope
        ? `the token lacks the scope "${sanitize(needed.scope, 100)}" this API needs${has}. Add it to the scope input`
        : `the token lacks a scope this API needs${has}, and the response does not say which: check the API's documentation, then add it to the scope input`
      throw new ActionError(
        `${label} returned HTTP 403 insufficient_scope: ${what}; the OAuth app must be granted it too, and a refresh token carries only the scopes consented to, so consent again if it was not part of the consent.`
      )
    }
  }
  const retried = response.attempts > 1 ? ` after ${response.attempts} attempts` : ''
  const body =
    response.body.length > 0 ? ` Response: ${sanitize(response.body.toString('utf8'), 200)}` : ''
  throw new ActionError(
    `${label} returned HTTP ${response.status}${retried}, expected ${api.expectedStatusText}.${body} If this status is acceptable, list it in api_expected_status.`
  )
}

function isInvalidToken(response: HttpResponse): boolean {
  if (/invalid_token/i.test(header(response.headers, 'www-authenticate') ?? '')) return true
  return /"error"\s*:\s*"invalid_token"/.test(response.body.toString('utf8'))
}

/** RFC 6750 §3.1: `insufficient_scope`, with the scope named in WWW-Authenticate or the body. */
function insufficientScope(response: HttpResponse): { scope?: string } | undefined {
  const challenge = header(response.headers, 'www-authenticate') ?? ''
  const param = (name: string) =>
    new RegExp(`(?:^|[\\s,])${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,]+))`, 'i').exec(
      challenge
    )
  const error = param('error')
  const body = parseJsonObject(response.body)
  const fromHeader = error && /^insufficient_scope$/i.test(error[1] ?? error[2])
  if (!fromHeader && body?.error !== 'insufficient_scope') return undefined
  const scope = param('scope')
  const named = scope ? (scope[1] ?? scope[2]).replace(/\\(.)/g, '$1') : undefined
  const inBody = [body?.scope, body?.required_scope].find(v => typeof v === 'string' && v !== '')
  return { scope: named || (inBody as string | undefined) }
}

function parseJson(response: HttpResponse, label: string, input: string): unknown {
  if (response.bodyBytes !== undefined) {
    throw new ActionError(
      `${label}: the response is ${formatSize(response.bodyBytes)}, over the ${formatBytes(MAX_PARSED_BODY_BYTES)} that api_query, api_assert and api_wait_until read, so ${input} cannot be evaluated. The whole body is in api_response_file. Ask the API for less (a filter or a smaller page), or remove ${input}.`
    )
  }
  try {
    return JSON.parse(jsonText(response.body))
  } catch {
    throw new ActionError(
      `${label}: the response is not JSON (${response.body.length} bytes), so ${input} cannot be evaluated. Check api_url, or remove ${input}.`
    )
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}
