import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { dirname, join } from 'node:path'
import { makeRunDirs } from '../support/action-runner.mjs'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'
import { PEAK_RSS, peakRssMiB } from '../support/peak-memory.js'

// Security issue 9, findings 6, 7 (request chains), 8, 9, 11 and two smaller points of 12: each
// test here failed against the action as it was before the fix.

let server: FakeClayton
let other: FakeClayton | undefined
const runner = useActionRunner(() => [...(server?.secrets() ?? []), ...(other?.secrets() ?? [])])
const TOKEN = '/oauth2/token'
const MiB = 1024 * 1024

beforeEach(async () => {
  server = await startFakeClayton()
})
afterEach(async () => {
  await server.close()
  await other?.close()
  other = undefined
})

const inputs = (extra: Record<string, string> = {}) => server.refreshInputs(extra)

/** `{"pad":"xxx…"}` of exactly `bytes` bytes, written with backpressure, chunked (no length). */
function sendHugeJson(res: ServerResponse, bytes: number, status = 200): void {
  const open = Buffer.from('{"pad":"')
  const close = Buffer.from('"}')
  const chunk = Buffer.alloc(MiB, 'x')
  let left = bytes - open.length - close.length
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.write(open)
  const pump = (): void => {
    while (left > 0) {
      const part = chunk.subarray(0, Math.min(left, chunk.length))
      left -= part.length
      if (!res.write(part)) {
        res.once('drain', pump)
        return
      }
    }
    res.end(close)
  }
  pump()
}

describe('finding 6: response bodies are bounded', () => {
  test('a token response over 1 MiB is refused, naming the limit, and not retried', async () => {
    server.route('POST', TOKEN, (_req, res) => sendHugeJson(res, 2 * MiB))
    const result = await runner.run({ inputs: inputs() })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      /^Token request to .* failed: the response body is over the 1 MiB limit/
    )
    expect(server.tokenRequests()).toHaveLength(1)
    expect(result.outputs.access_token).toBeUndefined()
  })

  test('a token response with a Content-Length over 1 MiB is refused before it is read', async () => {
    server.route('POST', TOKEN, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '600000000' })
      res.write('{"access_token":"')
    })
    const result = await runner.run({ inputs: inputs() })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /the response body is 600,000,000 bytes \(Content-Length\), over the 1 MiB limit/
    )
  })

  test('a revocation response over 1 MiB ends in a warning naming the limit', async () => {
    server.route('POST', '/oauth2/revoke', (_req, res) => sendHugeJson(res, 2 * MiB))
    const stepInputs = inputs({ revoke: 'true' })
    const main = await runner.run({ inputs: stepInputs })
    expect(main.exitCode).toBe(0)
    const post = await runner.run({ inputs: stepInputs, entry: 'post', state: main.state })
    expect(post.exitCode).toBe(0)
    expect(post.warnings).toHaveLength(1)
    expect(post.warnings[0]).toMatch(/over the 1 MiB limit/)
    expect(post.stdout).not.toMatch(/Revoked the access token/)
  })

  test('a 200 MB API body: streamed to api_response_file, refused for api_query with size and limit, memory stays low', async () => {
    const size = 200 * MiB
    server.route('GET', '/api/huge', (_req, res) => sendHugeJson(res, size))
    const result = await runner.run({
      ...PEAK_RSS,
      inputs: inputs({ api_url: '/api/huge', api_query: 'pad', max_attempts: '1' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      /the response is 209,715,200 bytes, over the 16 MiB that api_query, api_assert and api_wait_until read, so api_query cannot be evaluated/
    )
    const file = result.outputs.api_response_file
    expect(statSync(file).size).toBe(size)
    expect(result.outputs.api_response).toBe('')
    expect(result.outputs.api_status).toBe('200')
    // A generous bound: before the fix the body was held (several times over) in memory.
    expect(peakRssMiB(result)).toBeLessThan(200)
  })

  test('a 200 MB API error body: the error quotes its start, memory stays low', async () => {
    server.route('GET', '/api/huge', (_req, res) => sendHugeJson(res, 200 * MiB, 500))
    const result = await runner.run({
      ...PEAK_RSS,
      inputs: inputs({ api_url: '/api/huge', max_attempts: '1' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/returned HTTP 500, expected 2xx\. Response: \{"pad":"xxx/)
    expect(peakRssMiB(result)).toBeLessThan(200)
  })
})

describe('finding 7: one time bound per request chain', () => {
  test('a Retry-After longer than the token request has left ends it at once, and says why', async () => {
    // timeout 2 × max_attempts 2: the request and its retries get 4 s; waiting 5 s cannot fit.
    server.fail(TOKEN, { status: 503, headers: { 'Retry-After': '5' } })
    const result = await runner.run({ inputs: inputs({ timeout: '2', max_attempts: '2' }) })
    expect(result.exitCode).toBe(1)
    expect(server.tokenRequests()).toHaveLength(1)
    expect(result.errors[0]).toMatch(/HTTP 503/)
    expect(result.errors[0]).toMatch(/asked to wait 5 s \(Retry-After\)/)
    expect(result.errors[0]).toMatch(/timeout × max_attempts/)
  })

  test('a hanging token endpoint: all attempts together stay within timeout × max_attempts', async () => {
    server.fail(TOKEN, { kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' })
    const result = await runner.run({ inputs: inputs({ timeout: '1', max_attempts: '4' }) })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/no complete answer within 1 s \(timeout\)/)
    // Generous: the chain's bound is 4 s, plus start-up on a busy machine.
    expect(result.durationMs).toBeLessThan(12_000)
  })

  test('Retry-After waits count against the bound: fewer attempts than max_attempts when they do not fit', async () => {
    // 4 s for the request and its retries: one 3 s wait fits, a second one does not.
    const busy = { status: 503, headers: { 'Retry-After': '3' } }
    server.fail(TOKEN, busy, busy, busy, busy)
    const result = await runner.run({ inputs: inputs({ timeout: '1', max_attempts: '4' }) })
    expect(result.exitCode).toBe(1)
    expect(server.tokenRequests()).toHaveLength(2)
    expect(result.errors[0]).toMatch(/asked to wait 3 s \(Retry-After\)/)
  })

  test('each poll of api_wait_until is one bounded chain', async () => {
    let polls = 0
    server.route('GET', '/api/review', (_req, res) => {
      polls++
      if (polls === 1) {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end('{"done":false}')
      } else {
        res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '5' })
        res.end('{}')
      }
    })
    const result = await runner.run({
      inputs: inputs({
        api_url: '/api/review',
        api_wait_until: 'done',
        api_wait_interval: '0.1',
        timeout: '2',
        max_attempts: '2'
      })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/returned HTTP 503/)
    // The second poll was not retried after 5 s: its chain had 4 s.
    expect(polls).toBe(2)
  })
})

describe('finding 8: plain http only for literal loopback addresses and localhost', () => {
  test.each(['base_url', 'token_url'])(
    'http://*.localhost in %s is refused before any request',
    async name => {
      const url = `http://app.localhost:${new URL(server.url).port}`
      const result = await runner.run({
        inputs: inputs({ [name]: name === 'token_url' ? `${url}/oauth2/token` : url })
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toMatch(new RegExp(`^Input ${name} must use https://`))
      expect(server.requests).toHaveLength(0)
    }
  )
})

describe('finding 9: bad input is refused before any request, naming the input', () => {
  test.each([
    [
      'a control character',
      'X-Trace: a\u0001b',
      /api_headers line 1 \(X-Trace\) has the control character U\+0001/
    ],
    [
      'a character beyond Latin-1',
      'X-Name: snow ☃',
      /api_headers line 1 \(X-Name\) has the character "☃" \(U\+2603\)/
    ]
  ])('api_headers with %s', async (_name, headers, message) => {
    const result = await runner.run({
      inputs: inputs({ api_url: '/api/workspaces', api_headers: headers })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(message)
    expect(server.requests).toHaveLength(0)
  })

  test('access_token with a line break', async () => {
    const token = server.issueAccessToken()
    const result = await runner.run({
      inputs: {
        base_url: server.url,
        access_token: `${token}\n${token}`,
        api_url: '/api/workspaces'
      }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/^Input access_token contains a line break/)
    expect(server.requests).toHaveLength(0)
  })

  test.each([
    ['api_query', 'nosuchfn(@)', /unknown function nosuchfn\(\)/],
    ['api_assert', "abs('x')", /abs\(\) expected argument 1 to be type \(number\)/],
    ['api_wait_until', 'length(`1`, `2`)', /Invalid arity: length\(\) takes 1 argument/],
    [
      'api_query',
      'sort_by(@, name)',
      /sort_by\(\) expects argument 2 to be an expression reference/
    ]
  ])('%s = %s', async (name, expression, message) => {
    const result = await runner.run({
      inputs: inputs({ api_url: '/api/workspaces', [name]: expression })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      new RegExp(`^Input ${name} is not a valid JMESPath expression`)
    )
    expect(result.errors[0]).toMatch(message)
    expect(server.requests).toHaveLength(0)
  })

  test('an expression only the response can break names the input and the expression, not a bug', async () => {
    server.route('GET', '/api/named', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"name":"Demo"}')
    })
    const result = await runner.run({
      inputs: inputs({ api_url: '/api/named', api_query: 'abs(name)' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      /^Input api_query `abs\(name\)` could not be evaluated against the response: Invalid type: abs\(\)/
    )
    expect(result.errors[0]).not.toMatch(/bug/)
  })

  test.each(['BASH_ENV', 'LD_PRELOAD', 'PATH', 'ENV', 'https_proxy', 'GIT_SSH_COMMAND'])(
    'export_env = %s',
    async name => {
      const result = await runner.run({ inputs: inputs({ export_env: name }) })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toMatch(
        new RegExp(`^Input export_env is "${name}": .*reserved.*change how later steps run`)
      )
      expect(server.requests).toHaveLength(0)
      expect(result.env).toEqual({})
    }
  )
})

describe('finding 11: token_url and revoke_url follow the origin rule of api_url', () => {
  test.each(['token_url', 'revoke_url'])(
    '%s on another origin is refused before any request',
    async name => {
      other = await startFakeClayton()
      const path = name === 'token_url' ? '/oauth2/token' : '/oauth2/revoke'
      const result = await runner.run({
        inputs: inputs({ [name]: `${other.url}${path}`, revoke: 'true' })
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toMatch(
        new RegExp(
          `^Input ${name} points at ${other.origin}, which is neither base_url's origin .* nor listed in trusted_origins`
        )
      )
      expect(server.requests).toHaveLength(0)
      expect(other.requests).toHaveLength(0)
    }
  )

  test('another origin listed in trusted_origins is used', async () => {
    other = await startFakeClayton()
    const result = await runner.run({
      inputs: {
        ...other.refreshInputs(),
        base_url: server.url,
        token_url: `${other.url}/oauth2/token`,
        trusted_origins: other.origin
      }
    })
    expect(result.exitCode).toBe(0)
    expect(other.tokenRequests()).toHaveLength(1)
  })
})

describe('finding 12: smaller points', () => {
  test('a token response that starts with a UTF-8 byte order mark is accepted', async () => {
    const access = server.issueAccessToken()
    server.route('POST', TOKEN, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
      res.end(
        `\uFEFF${JSON.stringify({ access_token: access, token_type: 'Bearer', expires_in: 3600 })}`
      )
    })
    const result = await runner.run({ inputs: inputs() })
    expect(result.errors).toEqual([])
    expect(result.outputs.access_token).toBe(access)
  })

  test('api_response_file is written 0600, also when it existed before', async () => {
    const fresh = await runner.run({ inputs: inputs({ api_url: '/api/workspaces' }) })
    expect(fresh.exitCode).toBe(0)
    expect(statSync(fresh.outputs.api_response_file).mode & 0o777).toBe(0o600)

    const dirs = makeRunDirs()
    const given = join(dirs.runnerTemp, 'reports', 'workspaces.json')
    mkdirSync(dirname(given))
    writeFileSync(given, 'old', { mode: 0o644 })
    const again = await runner.run({
      dirs,
      inputs: inputs({ api_url: '/api/workspaces', api_response_file: given })
    })
    expect(again.exitCode).toBe(0)
    expect(again.outputs.api_response_file).toBe(given)
    expect(statSync(given).mode & 0o777).toBe(0o600)
  })
})
