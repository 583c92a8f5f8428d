import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'

let server: FakeClayton
const runner = useActionRunner(() => server?.secrets() ?? [])
const TOKEN = '/oauth2/token'

beforeEach(async () => {
  server = await startFakeClayton()
})
afterEach(async () => {
  await server.close()
})

const inputs = (extra: Record<string, string> = {}) => server.refreshInputs(extra)

describe('transient failures are retried', () => {
  test.each([
    ['503', { status: 503 }],
    ['502', { status: 502 }],
    ['408', { status: 408 }],
    ['a reset connection', { kind: 'reset' as const }],
    ['a truncated body', { kind: 'truncated' as const }]
  ])('%s, then success', async (_name, fault) => {
    server.fail(TOKEN, fault)
    const result = await runner.run({ inputs: inputs() })
    expect(result.errors).toEqual([])
    expect(server.tokenRequests()).toHaveLength(2)
    expect(server.isValidAccessToken(result.outputs.access_token)).toBe(true)
    expect(result.stdout).toMatch(/Token request: attempt 1 of 4 failed/)
  })

  test('429 with Retry-After in seconds waits at least that long', async () => {
    server.fail(TOKEN, { status: 429, headers: { 'Retry-After': '2' } })
    const result = await runner.run({ inputs: inputs() })
    expect(result.exitCode).toBe(0)
    const [first, second] = server.tokenRequests()
    expect(second.at - first.at).toBeGreaterThanOrEqual(1900)
  })

  test('Retry-After as an HTTP date is honoured', async () => {
    // The date is made when the 503 is sent (a getter, read as the response is written), so a
    // slow start of the action cannot eat into it: 3 s ahead, at least 2 s after rounding down.
    const headers = {
      get 'Retry-After'() {
        return new Date(Date.now() + 3000).toUTCString()
      }
    }
    server.fail(TOKEN, { status: 503, headers })
    const result = await runner.run({ inputs: inputs() })
    expect(result.exitCode).toBe(0)
    expect(server.tokenRequests()).toHaveLength(2)
    // The wait the action chose: the date's, where its own backoff would be under 1 s.
    const waited = Number(
      /attempt 1 of 4 failed \(.*\); retrying in (\d+\.\d) s/.exec(result.stdout)?.[1]
    )
    expect(waited).toBeGreaterThanOrEqual(1.5)
    expect(waited).toBeLessThanOrEqual(3)
  })

  test('Retry-After beyond 60 s ends the retries and says so', async () => {
    server.fail(TOKEN, { status: 429, headers: { 'Retry-After': '120' } })
    const result = await runner.run({ inputs: inputs() })
    expect(result.exitCode).toBe(1)
    expect(server.tokenRequests()).toHaveLength(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/HTTP 429/)
    expect(result.errors[0]).toMatch(/120 s/)
  })

  test('every attempt counts against max_attempts', async () => {
    server.fail(TOKEN, { status: 500 }, { status: 500 }, { status: 500 })
    const result = await runner.run({ inputs: inputs({ max_attempts: '3' }) })
    expect(result.exitCode).toBe(1)
    expect(server.tokenRequests()).toHaveLength(3)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/HTTP 500/)
    expect(result.errors[0]).toMatch(/after 3 attempts/)
  })
})

describe('timeout is a deadline per attempt', () => {
  test('a hung server is abandoned after timeout and the request retried', async () => {
    server.fail(TOKEN, { kind: 'hang' })
    const result = await runner.run({ inputs: inputs({ timeout: '1' }) })
    expect(result.errors).toEqual([])
    expect(server.tokenRequests()).toHaveLength(2)
    expect(result.stdout).toMatch(/no complete answer within 1 s/)
  })

  test('a trickling body cannot hold the step past the deadline', async () => {
    server.fail(TOKEN, { kind: 'trickle', intervalMs: 100 }, { kind: 'trickle', intervalMs: 100 })
    const result = await runner.run({ inputs: inputs({ timeout: '1', max_attempts: '2' }) })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/timeout/)
    // Two attempts of 1 s plus at most 2 s of backoff; generous bound for a slow machine.
    expect(result.durationMs).toBeLessThan(15000)
  })
})

describe('final failures are not retried', () => {
  test('invalid_grant: one request, one error with the fix', async () => {
    const result = await runner.run({ inputs: inputs({ refresh_token: 'not-a-token-we-issued' }) })
    expect(result.exitCode).toBe(1)
    expect(server.tokenRequests()).toHaveLength(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/Token request failed: HTTP 400 invalid_grant/)
    expect(result.errors[0]).toMatch(/consent/)
    expect(result.errors[0].length).toBeLessThanOrEqual(1000)
  })

  test('invalid_client: names client_id, client_secret and client_auth', async () => {
    const result = await runner.run({ inputs: inputs({ client_secret: 'wrong-secret-value' }) })
    expect(result.exitCode).toBe(1)
    expect(server.tokenRequests()).toHaveLength(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/HTTP 401 invalid_client/)
    expect(result.errors[0]).toMatch(/client_secret/)
    expect(result.errors[0]).toMatch(/client_secret_basic/)
  })

  test('a 200 with an HTML body is reported without echoing the body', async () => {
    server.fail(TOKEN, { kind: 'html' })
    const result = await runner.run({ inputs: inputs() })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/not a JSON object/)
    expect(result.errors[0]).not.toMatch(/<html/i)
  })

  test('a 200 without access_token is reported', async () => {
    server.fail(TOKEN, {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '{"token_type":"Bearer"}'
    })
    const result = await runner.run({ inputs: inputs() })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/no access_token/)
  })

  test('a host name that does not resolve is named and not retried', async () => {
    const preload = fileURLToPath(new URL('../support/offline-dns.mjs', import.meta.url))
    const result = await runner.run({
      inputs: inputs({ base_url: 'https://app.clayton.invalid' }),
      // No proxy: the request must reach the (stubbed) name lookup.
      env: { NODE_OPTIONS: `--import ${preload}`, http_proxy: undefined, https_proxy: undefined }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/app\.clayton\.invalid does not resolve/)
    expect(result.stdout).not.toMatch(/attempt 1 of/)
  })
})

describe('rotation and lost answers', () => {
  test('a retry after the provider consumed a rotating token explains what happened', async () => {
    await server.close()
    server = await startFakeClayton({ rotate: true })
    server.fail(TOKEN, { kind: 'reset', processed: true })
    const result = await runner.run({ inputs: inputs() })
    expect(result.exitCode).toBe(1)
    expect(server.tokenRequests()).toHaveLength(2)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/invalid_grant/)
    expect(result.errors[0]).toMatch(/earlier attempt .* may have consumed the token/)
  })
})
