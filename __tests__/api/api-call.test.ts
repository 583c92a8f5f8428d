import type { OutgoingHttpHeaders } from 'node:http'
import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  MAX_PARSED_BODY_BYTES,
  MAX_RESPONSE_FILE_BYTES,
  newApiReport,
  runApiCall,
  type ApiReport,
  type TokenInfo
} from '../../src/api/api-call.js'
import { parseExpectedStatus, type ApiSettings } from '../../src/settings/api-settings.js'
import { ActionError } from '../../src/common/errors.js'
import { Http } from '../../src/http/client.js'
import { afterThisTest, startServer, type Handler } from '../support/loopback-server.js'

/** Answers with `responses` in order; the last one repeats. */
function answers(
  ...responses: Array<{
    status: number
    body?: unknown
    raw?: string
    headers?: OutgoingHttpHeaders
  }>
): Handler {
  return (_req, res, index) => {
    const { status, body, raw, headers } = responses[Math.min(index, responses.length - 1)]
    const text = raw ?? (body === undefined ? '' : JSON.stringify(body))
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    res.end(text)
  }
}

/** The one Http of a test, with zero backoff so retries cost no time. */
function newHttp(maxAttempts = 3): Http {
  const http = new Http(
    'clayton-oauth-action/0.0.0-test',
    { timeoutMs: 5000, maxAttempts },
    () => {},
    () => 0
  )
  afterThisTest(() => http.dispose())
  return http
}

function settings(server: { origin: string }, overrides: Partial<ApiSettings> = {}): ApiSettings {
  return {
    url: new URL(`${server.origin}/api/reviews/rev_42`),
    method: 'GET',
    headers: {},
    expectedStatus: parseExpectedStatus('2xx'),
    expectedStatusText: '2xx',
    query: '',
    assert: '',
    waitUntil: '',
    waitIntervalMs: 10,
    waitTimeoutMs: 60_000,
    responseFile: '/unused',
    ...overrides
  }
}

const TOKEN: TokenInfo = { value: 'at-secret-1', source: 'refresh' }

/** A clock the server handlers can move forward, so time-dependent outcomes need no sleeping. */
function fakeClock(start = 1_000_000) {
  const clock = { ms: start, now: () => clock.ms }
  return clock
}

async function call(
  api: ApiSettings,
  opts: {
    token?: TokenInfo
    now?: () => number
    onPoll?: (message: string) => void
    onWarning?: (message: string) => void
  } = {}
): Promise<{ report: ApiReport; error?: Error }> {
  const report = newApiReport(api)
  try {
    await runApiCall(newHttp(), api, opts.token ?? TOKEN, report, {
      now: opts.now,
      onPoll: opts.onPoll,
      onWarning: opts.onWarning
    })
    return { report }
  } catch (error) {
    return { report, error: error as Error }
  }
}

describe('newApiReport', () => {
  test('starts with method and path, nothing known yet', () => {
    const api: ApiSettings = {
      ...settings({ origin: 'https://app.clayton.io' }),
      url: new URL('https://app.clayton.io/prefix/api/x?secret=1'),
      method: 'PUT'
    }
    expect(newApiReport(api)).toEqual({
      method: 'PUT',
      path: '/prefix/api/x',
      attempts: 0,
      polls: 0,
      durationMs: 0,
      hasResult: false
    })
  })
})

describe('runApiCall: what goes out', () => {
  test('method, path with query, the token, Accept, extra headers and the body', async () => {
    const server = await startServer(answers({ status: 201, body: { id: 'rev_42' } }))
    const api = settings(server, {
      url: new URL(`${server.origin}/api/reviews?dry=1`),
      method: 'POST',
      headers: { 'X-Request-Id': '42', 'Content-Type': 'application/json' },
      body: '{"branch":"main"}'
    })
    const { error } = await call(api)
    expect(error).toBeUndefined()
    expect(server.requests).toHaveLength(1)
    const [request] = server.requests
    expect(request.method).toBe('POST')
    expect(request.url).toBe('/api/reviews?dry=1')
    expect(request.body).toBe('{"branch":"main"}')
    expect(request.headers).toMatchObject({
      authorization: 'Bearer at-secret-1',
      accept: 'application/json',
      'x-request-id': '42',
      'content-type': 'application/json'
    })
  })

  test('api headers may replace Accept but never Authorization, in any case', async () => {
    const server = await startServer(answers({ status: 200, body: {} }))
    await call(
      settings(server, { headers: { accept: 'text/plain', authorization: 'Bearer other' } })
    )
    expect(server.requests[0].headers.accept).toBe('text/plain')
    expect(server.requests[0].headers.authorization).toBe('Bearer at-secret-1')
  })
})

describe('runApiCall: the report', () => {
  test('filled on success: status, body, attempts, polls, duration, result, verdict', async () => {
    const clock = fakeClock()
    const body = { task: { status: 'PROCESSED' }, result: 'PASSED' }
    const server = await startServer((req, res, index) => {
      clock.ms += 250
      answers({ status: 200, body })(req, res, index)
    })
    const { report, error } = await call(
      settings(server, { query: 'result', assert: "result != 'NOT_PASSED'" }),
      { now: clock.now }
    )
    expect(error).toBeUndefined()
    expect({ ...report, body: report.body?.toString('utf8') }).toEqual({
      method: 'GET',
      path: '/api/reviews/rev_42',
      status: 200,
      body: JSON.stringify(body),
      attempts: 1,
      polls: 1,
      durationMs: 250,
      result: 'PASSED',
      hasResult: true,
      passed: true
    })
  })

  test('a query result of null is a result', async () => {
    const server = await startServer(answers({ status: 200, body: {} }))
    const { report } = await call(settings(server, { query: 'missing' }))
    expect(report).toMatchObject({ hasResult: true, result: null })
  })

  test('without query or assert, a non-JSON body is fine and no result is set', async () => {
    const server = await startServer(answers({ status: 200, raw: 'plain text' }))
    const { report, error } = await call(settings(server))
    expect(error).toBeUndefined()
    expect(report).toMatchObject({ status: 200, hasResult: false })
    expect(report).not.toHaveProperty('result')
    expect(report).not.toHaveProperty('passed')
    expect(report.body?.toString()).toBe('plain text')
  })

  test('filled on an unexpected status: status, body, attempts, polls, duration', async () => {
    const clock = fakeClock()
    const server = await startServer((req, res, index) => {
      clock.ms += 40
      answers({ status: 404, body: { error: 'not_found' } })(req, res, index)
    })
    const { report, error } = await call(settings(server, { query: 'id', assert: 'ok' }), {
      now: clock.now
    })
    expect(error).toBeInstanceOf(ActionError)
    expect(error?.message).toBe(
      'API call GET /api/reviews/rev_42 returned HTTP 404, expected 2xx. Response: {"error":"not_found"} If this status is acceptable, list it in api_expected_status.'
    )
    expect({ ...report, body: report.body?.toString('utf8') }).toEqual({
      method: 'GET',
      path: '/api/reviews/rev_42',
      status: 404,
      body: '{"error":"not_found"}',
      attempts: 1,
      polls: 1,
      durationMs: 40,
      hasResult: false
    })
  })

  test('a listed status passes', async () => {
    const server = await startServer(answers({ status: 404, body: {} }))
    const { report, error } = await call(
      settings(server, {
        expectedStatus: parseExpectedStatus('200,404'),
        expectedStatusText: '200,404'
      })
    )
    expect(error).toBeUndefined()
    expect(report.status).toBe(404)
  })

  test('an unexpected status after retries says how many attempts; the body is cut short', async () => {
    const server = await startServer(answers({ status: 503, raw: `down\n${'x'.repeat(400)}` }))
    const { report, error } = await call(settings(server))
    expect(report).toMatchObject({ status: 503, attempts: 3, polls: 1 })
    expect(error?.message).toMatch(
      /^API call GET \/api\/reviews\/rev_42 returned HTTP 503 after 3 attempts, expected 2xx\. Response: down x+… If this status/
    )
    expect(error?.message).not.toContain('x'.repeat(200))
  })

  test('filled when no response came back: attempts and polls stay 0, duration is set', async () => {
    const server = await startServer(() => {})
    await server.close()
    const clock = fakeClock()
    let calls = 0
    const now = () => clock.ms + 100 * calls++
    const { report, error } = await call(settings(server), { now })
    expect(error).toBeInstanceOf(ActionError)
    expect(error?.message).toMatch(/ECONNREFUSED/)
    expect(report).toMatchObject({ attempts: 0, polls: 0 })
    expect(report.status).toBeUndefined()
    expect(report.body).toBeUndefined()
    expect(report.durationMs).toBe(100)
  })

  test('a failed assertion keeps the result and the verdict, and names both in the message', async () => {
    const server = await startServer(answers({ status: 200, body: { result: 'NOT_PASSED' } }))
    const { report, error } = await call(
      settings(server, { query: 'result', assert: "result != 'NOT_PASSED'" })
    )
    expect(report).toMatchObject({
      status: 200,
      hasResult: true,
      result: 'NOT_PASSED',
      passed: false
    })
    expect(error).toBeInstanceOf(ActionError)
    expect(error?.message).toBe(
      'API call GET /api/reviews/rev_42: api_assert `result != \'NOT_PASSED\'` is not true: it evaluated to false (api_result: "NOT_PASSED"). The gate fails as configured.'
    )
  })

  test('a failed assertion without a query shows only the value', async () => {
    const server = await startServer(answers({ status: 200, body: { items: [] } }))
    const { report, error } = await call(settings(server, { assert: 'items' }))
    expect(report.passed).toBe(false)
    expect(error?.message).toContain('it evaluated to []. The gate fails')
  })

  test.each([
    ['api_query', { query: 'id' }],
    ['api_assert', { assert: 'ok' }],
    ['api_query', { query: 'id', assert: 'ok' }],
    ['api_wait_until', { waitUntil: 'done' }]
  ])('a non-JSON response with %s set is reported as not JSON', async (input, overrides) => {
    const server = await startServer(answers({ status: 200, raw: '<html>hi</html>' }))
    const { report, error } = await call(settings(server, overrides))
    expect(error).toBeInstanceOf(ActionError)
    expect(error?.message).toBe(
      `API call GET /api/reviews/rev_42: the response is not JSON (15 bytes), so ${input} cannot be evaluated. Check api_url, or remove ${input}.`
    )
    expect(report).toMatchObject({ status: 200, attempts: 1, polls: 1, hasResult: false })
    expect(report.passed).toBeUndefined()
  })
})

describe('runApiCall: 401 invalid_token', () => {
  const challenge = { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"' }

  test.each([
    ['input', 'The access_token input is expired, revoked or not valid for this API'],
    ['cache', 'The access token reused from the cache was refused'],
    ['refresh', 'The token this step just obtained was refused: check that base_url'],
    ['code', 'The token this step just obtained was refused: check that base_url']
  ] as const)('a token from %s gets its own explanation', async (source, explanation) => {
    const server = await startServer(answers({ status: 401, headers: challenge }))
    const { report, error } = await call(settings(server), { token: { value: 'at-x', source } })
    expect(error).toBeInstanceOf(ActionError)
    expect(error?.message).toMatch(
      /^API call GET \/api\/reviews\/rev_42 returned HTTP 401 invalid_token\. /
    )
    expect(error?.message).toContain(`invalid_token. ${explanation}`)
    expect(error?.message).not.toContain('at-x')
    expect(server.requests).toHaveLength(1)
    expect(report).toMatchObject({ status: 401, attempts: 1, polls: 1 })
  })

  test('the three explanations differ', async () => {
    const messages = new Set<string>()
    for (const source of ['input', 'cache', 'refresh'] as const) {
      const server = await startServer(answers({ status: 401, headers: challenge }))
      const { error } = await call(settings(server), { token: { value: 'at-x', source } })
      messages.add(error?.message ?? '')
    }
    expect(messages.size).toBe(3)
  })

  test('a 401 the workflow lists in api_expected_status is its to handle', async () => {
    const server = await startServer(answers({ status: 401, headers: challenge }))
    const { report, error } = await call(
      settings(server, {
        expectedStatus: parseExpectedStatus('2xx,401'),
        expectedStatusText: '2xx,401'
      }),
      { token: { value: 'at-x', source: 'refresh' } }
    )
    expect(error).toBeUndefined()
    expect(report.status).toBe(401)
  })

  test('invalid_token in a JSON body is recognised too', async () => {
    const server = await startServer(
      answers({ status: 401, body: { error: 'invalid_token', error_description: 'expired' } })
    )
    const { error } = await call(settings(server), { token: { value: 'at-x', source: 'input' } })
    expect(error?.message).toMatch(/HTTP 401 invalid_token\. The access_token input is expired/)
  })

  test('a 401 without invalid_token is an unexpected status like any other', async () => {
    const server = await startServer(
      answers({
        status: 401,
        body: { error: 'unauthorized' },
        headers: { 'WWW-Authenticate': 'Bearer realm="api"' }
      })
    )
    const { error } = await call(settings(server))
    expect(error?.message).toMatch(
      /^API call GET \/api\/reviews\/rev_42 returned HTTP 401, expected 2xx\./
    )
    expect(error?.message).not.toContain('invalid_token')
  })
})

describe('runApiCall: retry policy', () => {
  test.each([
    ['GET', 2],
    ['HEAD', 2],
    ['PUT', 2],
    ['DELETE', 2],
    ['OPTIONS', 2],
    ['POST', 1],
    ['PATCH', 1]
  ])('%s after a 503 is sent %d time(s)', async (method, sent) => {
    const server = await startServer(answers({ status: 503 }, { status: 200, body: { ok: true } }))
    const { report, error } = await call(settings(server, { method }))
    expect(server.requests).toHaveLength(sent)
    expect(report.attempts).toBe(sent)
    if (sent === 1) {
      expect(report.status).toBe(503)
      expect(error?.message).toMatch(
        new RegExp(`^API call ${method} /api/reviews/rev_42 returned HTTP 503, expected 2xx`)
      )
    } else {
      expect(error).toBeUndefined()
      expect(report.status).toBe(200)
    }
  })
})

describe('runApiCall: api_wait_until', () => {
  const running = { task: { status: 'RUNNING' } }
  const done = { task: { status: 'PROCESSED' }, result: 'NOT_PASSED' }

  test('polls until truthy, then applies query and assert to the last response', async () => {
    const server = await startServer(
      answers(
        { status: 200, body: running },
        { status: 200, body: running },
        { status: 200, body: done }
      )
    )
    const messages: string[] = []
    const { report, error } = await call(
      settings(server, {
        waitUntil: "task.status == 'PROCESSED'",
        query: 'result',
        assert: 'result'
      }),
      { onPoll: message => messages.push(message) }
    )
    expect(error).toBeUndefined()
    expect(server.requests).toHaveLength(3)
    expect(report).toMatchObject({ polls: 3, attempts: 3, result: 'NOT_PASSED', passed: true })
    expect(JSON.parse(report.body?.toString() ?? '')).toEqual(done)
    expect(messages).toEqual([
      'API call GET /api/reviews/rev_42: api_wait_until is false after poll 1; next poll in 0.0 s',
      'API call GET /api/reviews/rev_42: api_wait_until is false after poll 2; next poll in 0.0 s'
    ])
  })

  test('a truthy first answer is one poll, no waiting', async () => {
    const server = await startServer(answers({ status: 200, body: done }))
    const messages: string[] = []
    const { report } = await call(
      settings(server, { waitUntil: 'task.status', waitIntervalMs: 60_000 }),
      {
        onPoll: message => messages.push(message)
      }
    )
    expect(report.polls).toBe(1)
    expect(messages).toEqual([])
  })

  test('waits at least the interval between polls', async () => {
    const server = await startServer(
      answers({ status: 200, body: running }, { status: 200, body: done })
    )
    await call(settings(server, { waitUntil: "task.status == 'PROCESSED'", waitIntervalMs: 300 }))
    const [first, second] = server.requests
    expect(second.at - first.at).toBeGreaterThanOrEqual(290)
  })

  test('waits at least Retry-After (seconds) when it is longer than the interval', async () => {
    const server = await startServer(
      answers(
        { status: 200, body: running, headers: { 'Retry-After': '1' } },
        { status: 200, body: done }
      )
    )
    const messages: string[] = []
    const { error } = await call(
      settings(server, { waitUntil: "task.status == 'PROCESSED'", waitIntervalMs: 20 }),
      { onPoll: message => messages.push(message) }
    )
    expect(error).toBeUndefined()
    const [first, second] = server.requests
    expect(second.at - first.at).toBeGreaterThanOrEqual(990)
    expect(messages[0]).toMatch(/next poll in 1\.0 s$/)
  })

  test('Retry-After as an HTTP date is read against the injected clock', async () => {
    const clock = fakeClock(Date.parse('2026-11-02T10:00:00Z'))
    const server = await startServer(
      answers(
        { status: 200, body: running, headers: { 'Retry-After': 'Mon, 02 Nov 2026 10:00:01 GMT' } },
        { status: 200, body: done }
      )
    )
    const messages: string[] = []
    await call(settings(server, { waitUntil: "task.status == 'PROCESSED'", waitIntervalMs: 20 }), {
      now: clock.now,
      onPoll: message => messages.push(message)
    })
    expect(messages[0]).toMatch(/next poll in 1\.0 s$/)
    const [first, second] = server.requests
    expect(second.at - first.at).toBeGreaterThanOrEqual(990)
  })

  test('the timeout message has the expression, the poll count and the last value', async () => {
    const clock = fakeClock()
    const results: unknown[] = [null, '', []]
    const server = await startServer((req, res, index) => {
      clock.ms += 400
      answers({ status: 200, body: { task: { result: results[Math.min(index, 2)] } } })(
        req,
        res,
        index
      )
    })
    const { report, error } = await call(
      settings(server, { waitUntil: 'task.result', waitIntervalMs: 10, waitTimeoutMs: 1000 }),
      { now: clock.now }
    )
    expect(error).toBeInstanceOf(ActionError)
    expect(error?.message).toBe(
      'API call GET /api/reviews/rev_42: api_wait_until `task.result` was still not true after 3 polls over 1 s (api_wait_timeout 1 s); last value: []. Raise api_wait_timeout if the service is slow, or check the expression against the response in api_response_file.'
    )
    expect(server.requests).toHaveLength(3)
    expect(report).toMatchObject({ status: 200, polls: 3, attempts: 3, durationMs: 1200 })
  })

  test('a wait that cannot finish before the timeout stops without sleeping past it', async () => {
    const clock = fakeClock()
    const server = await startServer((req, res, index) => {
      clock.ms += 6000
      answers({ status: 200, body: running })(req, res, index)
    })
    const started = Date.now()
    const { report, error } = await call(
      settings(server, {
        waitUntil: "task.status == 'PROCESSED'",
        waitIntervalMs: 10_000,
        waitTimeoutMs: 15_000
      }),
      { now: clock.now }
    )
    expect(Date.now() - started).toBeLessThan(5000)
    expect(error?.message).toContain(
      'was still not true after 1 poll over 6 s (api_wait_timeout 15 s); last value: false.'
    )
    expect(report.polls).toBe(1)
  })

  test('an unexpected status while waiting fails at once', async () => {
    const server = await startServer(
      answers({ status: 200, body: running }, { status: 404, body: {} })
    )
    const { report, error } = await call(
      settings(server, { waitUntil: "task.status == 'PROCESSED'" })
    )
    expect(error?.message).toMatch(/returned HTTP 404, expected 2xx/)
    expect(server.requests).toHaveLength(2)
    expect(report).toMatchObject({ status: 404, polls: 2, attempts: 2 })
  })

  test('a transient failure of one poll is retried and counted as an attempt, not a poll', async () => {
    const server = await startServer(
      answers({ status: 200, body: running }, { status: 503 }, { status: 200, body: done })
    )
    const { report, error } = await call(
      settings(server, { waitUntil: "task.status == 'PROCESSED'" })
    )
    expect(error).toBeUndefined()
    expect(report).toMatchObject({ status: 200, polls: 2, attempts: 3 })
  })
})

describe('runApiCall: large bodies (security issue, finding 6)', () => {
  const MiB = 1024 * 1024
  /** `{"pad":"xxx…"}` of `bytes` bytes. */
  const padded = (bytes: number) => `{"pad":"${'x'.repeat(bytes - 10)}"}`

  function responseFile(): string {
    const folder = mkdtempSync(join(tmpdir(), 'api-call-test-'))
    afterThisTest(() => rmSync(folder, { recursive: true, force: true }))
    return join(folder, 'body.json')
  }

  test('the limits', () => {
    expect(MAX_PARSED_BODY_BYTES).toBe(16 * MiB)
    expect(MAX_RESPONSE_FILE_BYTES).toBe(1024 * MiB)
  })

  test('with a response file, a body over the parse limit is in the file whole; api_query is refused, naming size and limit', async () => {
    const size = MAX_PARSED_BODY_BYTES + MiB
    const server = await startServer(answers({ status: 200, raw: padded(size) }))
    const file = responseFile()
    const api = settings(server, { query: 'pad' })
    const report = newApiReport(api)
    const error = await runApiCall(newHttp(), api, TOKEN, report, { responseFile: file }).catch(
      (e: unknown) => e as Error
    )
    expect(error).toBeInstanceOf(ActionError)
    expect((error as Error).message).toBe(
      `API call GET /api/reviews/rev_42: the response is ${size.toLocaleString('en-US')} bytes, over the 16 MiB that api_query, api_assert and api_wait_until read, so api_query cannot be evaluated. The whole body is in api_response_file. Ask the API for less (a filter or a smaller page), or remove api_query.`
    )
    expect(statSync(file).size).toBe(size)
    expect(report).toMatchObject({ status: 200, bodyBytes: size, bodyInFile: true })
    expect(report.body?.length).toBe(MAX_PARSED_BODY_BYTES)
  })

  test('without an expression, such a body is fine: it is in the file', async () => {
    const size = MAX_PARSED_BODY_BYTES + MiB
    const server = await startServer(answers({ status: 200, raw: padded(size) }))
    const file = responseFile()
    const api = settings(server)
    const report = newApiReport(api)
    await runApiCall(newHttp(), api, TOKEN, report, { responseFile: file })
    expect(statSync(file).size).toBe(size)
    expect(report.bodyBytes).toBe(size)
  })

  test('without a response file, a body over the parse limit fails the call', async () => {
    const server = await startServer(
      answers({ status: 200, raw: padded(MAX_PARSED_BODY_BYTES + 1) })
    )
    const { error } = await call(settings(server))
    expect(error).toBeInstanceOf(ActionError)
    expect(error?.message).toContain('over the 16 MiB limit for this response')
  })

  test('a body with a byte order mark is parsed', async () => {
    const server = await startServer(answers({ status: 200, raw: '\uFEFF{"result":"PASSED"}' }))
    const { report, error } = await call(settings(server, { query: 'result' }))
    expect(error).toBeUndefined()
    expect(report.result).toBe('PASSED')
  })
})

describe('runApiCall: a double-quoted name compared with is a field', () => {
  const REVIEW = { task: { status: 'PROCESSED' }, result: 'PASSED' }

  test('warns once per input, naming it, when the response has no such field', async () => {
    const server = await startServer(answers({ status: 200, body: REVIEW }))
    const warnings: string[] = []
    const { error } = await call(
      settings(server, {
        waitUntil: 'task.status == "PROCESSED"',
        waitTimeoutMs: 30,
        assert: "result == 'PASSED'"
      }),
      { onWarning: message => warnings.push(message) }
    )
    // The wait cannot end: the field PROCESSED is null and status is a string.
    expect(error?.message).toMatch(/api_wait_until .* was still not true/)
    expect(warnings).toEqual([
      `api_wait_until compares with "PROCESSED", which JMESPath reads as a field (double quotes quote a field name), and the response has no field PROCESSED, so it is null. To compare with the string, write 'PROCESSED' (single quotes).`
    ])
  })

  test('no warning when the quoted name is a field of the response, or for single quotes', async () => {
    const server = await startServer(answers({ status: 200, body: REVIEW }))
    const warnings: string[] = []
    const { error } = await call(
      settings(server, { query: '"result"', assert: `"result" == 'PASSED'` }),
      { onWarning: message => warnings.push(message) }
    )
    expect(error).toBeUndefined()
    expect(warnings).toEqual([])
  })
})
