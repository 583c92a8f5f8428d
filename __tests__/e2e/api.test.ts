import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeRunDirs } from '../support/action-runner.mjs'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'
import { mountReviewService } from '../support/review-service.mjs'

// The generic call against the review API's own endpoints (see support/review-api.ts).
const SCAN_PATH = '/api/workspaces/ws_1/projects/prj_1/scans/rev_42'
const TRIGGER_PATH = '/api/workspaces/ws_1/projects/prj_1/scans/by_branch'

let server: FakeClayton
let other: FakeClayton | undefined
const runner = useActionRunner(() => [...(server?.secrets() ?? []), ...(other?.secrets() ?? [])])

beforeEach(async () => {
  server = await startFakeClayton()
})
afterEach(async () => {
  await server.close()
  await other?.close()
  other = undefined
})

const inputs = (extra: Record<string, string> = {}) => server.refreshInputs(extra)

const apiRequests = (s: FakeClayton) => s.requests.filter(r => r.routePath?.startsWith('/api/'))

describe('one call with the fresh token', () => {
  test('lists workspaces: status, body, file, query, summary', async () => {
    const result = await runner.run({
      inputs: inputs({ api_url: '/api/workspaces', api_query: '[].name' })
    })
    expect(result.errors).toEqual([])
    const [call] = apiRequests(server)
    expect(call.headers.authorization).toBe(`Bearer ${result.outputs.access_token}`)
    expect(result.outputs.api_status).toBe('200')
    expect(JSON.parse(result.outputs.api_response)).toEqual([{ id: 'ws_1', name: 'Demo' }])
    expect(result.outputs.api_result).toBe('["Demo"]')
    expect(result.outputs.api_passed).toBeUndefined()
    const file = result.outputs.api_response_file
    expect(file.startsWith(result.dirs.runnerTemp)).toBe(true)
    expect(readFileSync(file, 'utf8')).toBe(result.outputs.api_response)
    expect(result.summary).toMatch(/GET \/api\/workspaces/)
    expect(result.summary).toMatch(/200 \(expected 2xx\)/)
    expect(result.summary).toMatch(/\["Demo"\]/)
    expect(Object.keys(result.workspaceFiles)).toEqual([])
  })

  test("reuses the token request's keep-alive connection", async () => {
    const result = await runner.run({ inputs: inputs({ api_url: '/api/workspaces' }) })
    expect(result.exitCode).toBe(0)
    expect(server.connectionCount()).toBe(1)
    const ids = server.requests.map(r => r.connectionId)
    expect(new Set(ids).size).toBe(1)
    expect(ids).toHaveLength(2)
  })

  test('triggers a review with a JSON POST', async () => {
    mountReviewService(server, { id: 'rev_42', pollsBeforeDone: 0, result: 'PASSED' })
    const result = await runner.run({
      inputs: inputs({
        api_url: TRIGGER_PATH,
        api_method: 'POST',
        api_body: '{"branch":"feature/x","commit":"abc123"}',
        api_headers: 'X-Request-Id: 42',
        api_query: 'id'
      })
    })
    expect(result.errors).toEqual([])
    const [call] = apiRequests(server)
    expect(call.method).toBe('POST')
    expect(call.headers['content-type']).toBe('application/json')
    expect(call.headers['x-request-id']).toBe('42')
    expect(JSON.parse(call.body)).toEqual({ branch: 'feature/x', commit: 'abc123' })
    expect(result.outputs.api_status).toBe('201')
    expect(result.outputs.api_result).toBe('"rev_42"')
  })

  test('the response file goes where api_response_file says', async () => {
    const dirs = makeRunDirs()
    const path = join(dirs.runnerTemp, 'out', 'workspaces.json')
    const result = await runner.run({
      dirs,
      inputs: inputs({ api_url: '/api/workspaces', api_response_file: path })
    })
    expect(result.outputs.api_response_file).toBe(path)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual([{ id: 'ws_1', name: 'Demo' }])
  })
})

describe('gates', () => {
  test('api_assert true passes and sets api_passed=true', async () => {
    const result = await runner.run({
      inputs: inputs({ api_url: '/api/workspaces', api_assert: 'length(@) > `0`' })
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.api_passed).toBe('true')
    expect(result.summary).toMatch(/passed/)
  })

  test('api_assert false fails with the expression and the value, outputs still set', async () => {
    const result = await runner.run({
      inputs: inputs({
        api_url: '/api/workspaces',
        api_query: '[0].name',
        api_assert: "[0].name == 'Production'"
      })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/GET \/api\/workspaces/)
    expect(result.errors[0]).toMatch(/\[0\]\.name == 'Production'/)
    expect(result.errors[0]).toMatch(/evaluated to false/)
    expect(result.errors[0]).toMatch(/"Demo"/)
    expect(result.outputs.api_passed).toBe('false')
    expect(result.outputs.api_result).toBe('"Demo"')
    expect(result.outputs.api_status).toBe('200')
    expect(result.summary).toMatch(/failed/)
  })

  test('waits for a review that finishes after 3 polls and gates on NOT_PASSED', async () => {
    const reviews = mountReviewService(server, {
      id: 'rev_42',
      pollsBeforeDone: 3,
      result: 'NOT_PASSED'
    })
    const result = await runner.run({
      inputs: inputs({
        api_url: SCAN_PATH,
        api_wait_until: "task.status == 'PROCESSED'",
        api_wait_interval: '0.2',
        api_query: 'result',
        api_assert: "result != 'NOT_PASSED'"
      })
    })
    expect(reviews.polls()).toHaveLength(4)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/result != 'NOT_PASSED'/)
    expect(result.outputs.api_result).toBe('"NOT_PASSED"')
    expect(result.outputs.api_passed).toBe('false')
    expect(result.summary).toMatch(/Polls \| 4/)
    // One connection for the token request and every poll.
    expect(server.connectionCount()).toBe(1)
  })

  test('a transient failure of one poll is retried, and the wait goes on', async () => {
    const reviews = mountReviewService(server, {
      id: 'rev_42',
      pollsBeforeDone: 1,
      result: 'PASSED'
    })
    server.fail(SCAN_PATH, { kind: 'reset' })
    const result = await runner.run({
      inputs: inputs({
        api_url: SCAN_PATH,
        api_wait_until: "task.status == 'PROCESSED'",
        api_wait_interval: '0.2',
        api_query: 'result'
      })
    })
    expect(result.errors).toEqual([])
    expect(reviews.polls()).toHaveLength(2)
    expect(result.outputs.api_result).toBe('"PASSED"')
    expect(result.summary).toMatch(/Attempts \| 3/)
    expect(result.summary).toMatch(/Polls \| 2/)
  })

  test('a wait that never finishes fails at api_wait_timeout and says so', async () => {
    const reviews = mountReviewService(server, {
      id: 'rev_42',
      pollsBeforeDone: 1000,
      result: 'PASSED'
    })
    const result = await runner.run({
      inputs: inputs({
        api_url: SCAN_PATH,
        api_wait_until: "task.status == 'PROCESSED'",
        api_wait_interval: '0.5',
        api_wait_timeout: '2'
      })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/still not true after \d+ polls/)
    expect(result.errors[0]).toMatch(/api_wait_timeout 2 s/)
    expect(result.errors[0]).toMatch(/"RUNNING"|false/)
    expect(reviews.polls().length).toBeGreaterThanOrEqual(3)
    expect(reviews.polls().length).toBeLessThanOrEqual(5)
    expect(result.outputs.api_status).toBe('200')
  })

  test('polls no faster than Retry-After allows', async () => {
    const reviews = mountReviewService(server, {
      id: 'rev_42',
      pollsBeforeDone: 1,
      result: 'PASSED',
      retryAfter: '2'
    })
    const result = await runner.run({
      inputs: inputs({
        api_url: SCAN_PATH,
        api_wait_until: "task.status == 'PROCESSED'",
        api_wait_interval: '0.2'
      })
    })
    expect(result.exitCode).toBe(0)
    const [first, second] = reviews.polls()
    expect(second.at - first.at).toBeGreaterThanOrEqual(1900)
  })
})

describe('statuses and retries', () => {
  test('an unexpected status fails at once with method, path and status', async () => {
    const result = await runner.run({ inputs: inputs({ api_url: '/api/nothing-here' }) })
    expect(result.exitCode).toBe(1)
    expect(apiRequests(server)).toHaveLength(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/GET \/api\/nothing-here returned HTTP 404, expected 2xx/)
    expect(result.outputs.api_status).toBe('404')
  })

  test('a listed non-2xx status passes', async () => {
    const result = await runner.run({
      inputs: inputs({ api_url: '/api/nothing-here', api_expected_status: '200,404' })
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.api_status).toBe('404')
  })

  test('a GET is retried after a 503', async () => {
    server.fail('/api/workspaces', { status: 503 })
    const result = await runner.run({ inputs: inputs({ api_url: '/api/workspaces' }) })
    expect(result.errors).toEqual([])
    expect(apiRequests(server)).toHaveLength(2)
    expect(result.summary).toMatch(/Attempts \| 2/)
  })

  test('a POST is not retried once it was sent', async () => {
    mountReviewService(server, { id: 'rev_42', pollsBeforeDone: 0, result: 'PASSED' })
    server.fail(TRIGGER_PATH, { status: 503 })
    const result = await runner.run({
      inputs: inputs({ api_url: TRIGGER_PATH, api_method: 'POST', api_body: '{}' })
    })
    expect(result.exitCode).toBe(1)
    expect(apiRequests(server)).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      /POST \/api\/workspaces\/ws_1\/projects\/prj_1\/scans\/by_branch returned HTTP 503/
    )
  })

  test('a 401 invalid_token on the token this step obtained is reported as such', async () => {
    server.route('GET', '/api/secure', (_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' })
      res.end()
    })
    const result = await runner.run({ inputs: inputs({ api_url: '/api/secure' }) })
    expect(result.exitCode).toBe(1)
    expect(apiRequests(server)).toHaveLength(1)
    expect(result.errors[0]).toMatch(/HTTP 401 invalid_token/)
    expect(result.errors[0]).toMatch(/base_url/)
    expect(result.errors[0]).toMatch(/scope/)
  })
})

describe('access_token input', () => {
  test('calls the API with the given token and requests none', async () => {
    const token = server.issueAccessToken()
    const result = await runner.run({
      inputs: { base_url: server.url, access_token: token, api_url: '/api/workspaces' }
    })
    expect(result.errors).toEqual([])
    expect(server.tokenRequests()).toHaveLength(0)
    expect(result.outputs.token_source).toBe('input')
    expect(result.outputs.access_token).toBe(token)
    expect(result.masks).toContain(token)
  })

  test('an expired or unknown token input is reported as the input being invalid', async () => {
    const result = await runner.run({
      inputs: {
        base_url: server.url,
        access_token: 'expired-token-value',
        api_url: '/api/workspaces'
      }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/access_token input is expired/)
  })
})

describe('origins', () => {
  test('an absolute URL on another origin is refused and nothing is sent anywhere', async () => {
    other = await startFakeClayton()
    const result = await runner.run({ inputs: inputs({ api_url: `${other.url}/api/workspaces` }) })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/trusted_origins/)
    expect(other.requests).toHaveLength(0)
    expect(server.requests).toHaveLength(0)
  })

  test('a trusted origin receives the call', async () => {
    other = await startFakeClayton()
    const token = other.issueAccessToken()
    const result = await runner.run({
      inputs: {
        base_url: server.url,
        access_token: token,
        api_url: `${other.url}/api/workspaces`,
        trusted_origins: `https://example.com, ${other.origin}`
      }
    })
    expect(result.errors).toEqual([])
    expect(apiRequests(other)).toHaveLength(1)
  })
})

describe('bad API input fails before any request', () => {
  test.each([
    ['api_query', { api_query: 'foo[' }, /api_query is not a valid JMESPath expression/],
    ['api_assert', { api_assert: '==' }, /api_assert is not a valid JMESPath/],
    // A single = is a binding in this dialect, always truthy: it would pass any gate.
    [
      'api_assert with =',
      { api_assert: "result = 'PASSED'" },
      /^Input api_assert uses a single = \(expression: result = 'PASSED'\).*Compare with ==/
    ],
    [
      'api_wait_until with =',
      { api_wait_until: "task.status = 'PROCESSED'" },
      /^Input api_wait_until uses a single = \(expression: task\.status = 'PROCESSED'\).*Compare with ==/
    ],
    ['api_headers', { api_headers: 'X-Ok: 1\nnot a header' }, /api_headers line 2/],
    ['api_headers', { api_headers: 'Authorization: Bearer x' }, /sets Authorization/],
    ['api_body', { api_method: 'POST', api_body: '{not json' }, /api_body is not valid JSON/],
    ['api_method', { api_method: 'FETCH' }, /api_method is "FETCH"/],
    ['api_expected_status', { api_expected_status: '2xx,abc' }, /api_expected_status/],
    ['api_wait_until', { api_method: 'POST', api_wait_until: 'done' }, /api_wait_until repeats/],
    ['trusted_origins', { trusted_origins: 'http://example.com' }, /trusted_origins must use https/]
  ])('%s', async (_name, extra, message) => {
    const result = await runner.run({
      inputs: inputs({ api_url: '/api/workspaces', ...(extra as Record<string, string>) })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(message)
    expect(server.requests).toHaveLength(0)
  })

  test('api_body with a Content-Type header is sent as is', async () => {
    server.route('POST', '/api/raw', (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ got: req.body, type: req.headers['content-type'] }))
    })
    const result = await runner.run({
      inputs: inputs({
        api_url: '/api/raw',
        api_method: 'POST',
        api_body: 'plain text',
        api_headers: 'Content-Type: text/plain',
        api_query: 'got'
      })
    })
    expect(result.errors).toEqual([])
    expect(result.outputs.api_result).toBe('"plain text"')
  })
})

describe('large bodies', () => {
  test('a body over 1 MiB is left out of api_response with a notice; the file has it', async () => {
    const big = JSON.stringify({ data: 'x'.repeat(1024 * 1024) })
    server.route('GET', '/api/big', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(big)
    })
    const result = await runner.run({ inputs: inputs({ api_url: '/api/big' }) })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.api_response).toBe('')
    expect(result.notices.some(n => /over the 1 MiB limit/.test(n))).toBe(true)
    expect(readFileSync(result.outputs.api_response_file, 'utf8')).toBe(big)
  })
})
