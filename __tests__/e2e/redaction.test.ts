import { afterEach, describe, expect, test } from '@jest/globals'
import type { ServerResponse } from 'node:http'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import type { RunResult } from '../support/action-runner.mjs'
import { MIN_FRAGMENT, shownStdout, useActionRunner } from '../support/leak-check.js'

/**
 * Text from the provider reaches the log, the summary and the failure message cut short. A
 * secret that straddles a cut must not survive in part, and provider text must never become a
 * workflow command. Every run is also leak-checked (fragments included) after each test.
 */
let server: FakeClayton
const runner = useActionRunner(() => server?.secrets() ?? [])
afterEach(async () => {
  await server?.close()
})

/** Every MIN_FRAGMENT-long piece of `secret` found in `text`, as offsets into the secret. */
function fragments(text: string, secret: string): number[] {
  const found: number[] = []
  for (let at = 0; at + MIN_FRAGMENT <= secret.length; at++) {
    if (text.includes(secret.slice(at, at + MIN_FRAGMENT))) found.push(at)
  }
  return found
}

/** The log as a reader sees it: commands as their messages, masked values as `***`. */
const shownLog = (result: RunResult): string =>
  shownStdout(result.stdout)
    .map(line => line.text)
    .join('\n')

const send = (res: ServerResponse, status: number, body: unknown, headers = {}): void => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

const bearer = (authorization: string | undefined) => /^Bearer (\S+)$/.exec(authorization ?? '')![1]

describe('a secret straddling a cut never shows 8 or more of its characters', () => {
  // 19 characters of the secret come before the cut at 300, or only 5: neither may show.
  test.each([280, 294])(
    'error_description quoting client_secret after %i characters, cut at 300',
    async pad => {
      server = await startFakeClayton()
      const secret = server.clientSecret
      server.fail('/oauth2/token', {
        status: 400,
        body: JSON.stringify({
          error: 'invalid_request',
          error_description: `${'d'.repeat(pad)}${secret} tail`
        })
      })
      const result = await runner.run({ inputs: server.refreshInputs({ max_attempts: '1' }) })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      // Redacted first, then cut: nothing of the secret is left before the `…`.
      expect(result.errors[0]).toMatch(
        new RegExp(`^Token request failed: HTTP 400 invalid_request \\(d{${pad}}\\*\\*\\*`)
      )
      expect(fragments(shownLog(result), secret)).toEqual([])
    }
  )

  test.each([180, 196])(
    'an API error body quoting the access token after %i characters, cut at 200',
    async pad => {
      server = await startFakeClayton()
      server.route('GET', '/api/echo', (req, res) => {
        send(res, 500, `${'e'.repeat(pad)}${bearer(req.headers.authorization)} tail`)
      })
      const result = await runner.run({
        inputs: server.refreshInputs({ api_url: '/api/echo', max_attempts: '1' })
      })
      const token = result.outputs.access_token
      expect(result.exitCode).toBe(1)
      expect(result.errors[0]).toMatch(new RegExp(`Response: e{${pad}}\\*\\*\\*`))
      expect(fragments(shownLog(result), token)).toEqual([])
      // The Failure row of the summary quotes the same message.
      expect(result.summary).toMatch(/Failure/)
      expect(fragments(result.summary, token)).toEqual([])
    }
  )

  test('api_result quoting the access token where the log line (200) and summary (500) cut it', async () => {
    server = await startFakeClayton()
    server.route('GET', '/api/profile', (req, res) => {
      const token = bearer(req.headers.authorization)
      // As JSON the note starts after `"`: the log line's cut falls 18 characters into the
      // first copy, the summary's 15 into the second.
      send(res, 200, { note: `${'a'.repeat(180)}${token}${'b'.repeat(260)}${token}` })
    })
    const result = await runner.run({
      inputs: server.refreshInputs({ api_url: '/api/profile', api_query: 'note' })
    })
    const token = result.outputs.access_token
    expect(result.errors).toEqual([])
    // The output is the value itself; what is printed and summarised is redacted, then cut.
    expect(JSON.parse(result.outputs.api_result)).toContain(token)
    const outcome = result.stdout.split('\n').find(l => l.startsWith('API call GET /api/profile'))
    expect(outcome).toMatch(/api_result "a{180}\*\*\*b+/)
    expect(fragments(shownLog(result), token)).toEqual([])
    expect(result.summary).toMatch(/a{180}\*\*\*b{260}\*\*\*/)
    expect(fragments(result.summary, token)).toEqual([])
  })

  test('a revocation error quoting the access token where the reason is cut (500)', async () => {
    server = await startFakeClayton()
    // The reason is cut at 500 characters: 15 of the token's come before the cut.
    const head = `${server.origin}/oauth2/revoke answered HTTP 400 invalid_request (`
    const pad = 499 - head.length - 15
    server.route('POST', '/oauth2/revoke', (req, res) => {
      const token = req.form.get('token') ?? ''
      send(res, 400, { error: 'invalid_request', error_description: `${'r'.repeat(pad)}${token}` })
    })
    const inputs = server.refreshInputs({ revoke: 'true' })
    const main = await runner.run({ inputs })
    expect(main.exitCode).toBe(0)
    const post = await runner.run({ inputs, entry: 'post', state: main.state })
    const token = main.outputs.access_token
    expect(post.exitCode).toBe(0)
    expect(post.warnings).toHaveLength(1)
    expect(post.warnings[0]).toContain(`${head}${'r'.repeat(pad)}***`)
    expect(fragments(shownLog(post), token)).toEqual([])
  })

  test('client_secret JSON-escaped (\\/, \\") or with a tab turned into a space', async () => {
    const secret = `Sx/"q\tw-${'k'.repeat(12)}-z/y`
    server = await startFakeClayton({ clientSecret: secret })
    const escaped = JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/')
    server.route('GET', '/api/escaped', (_req, res) => {
      send(res, 500, `{"echo":"${escaped}"}`)
    })
    const result = await runner.run({
      inputs: server.refreshInputs({ api_url: '/api/escaped', max_attempts: '1' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/Response: \{"echo":"\*\*\*"\}/)
    const shown = result.errors[0]
    expect(fragments(shown.replace(/\\(["/\\])/g, '$1'), secret)).toEqual([])
    expect(fragments(shown, secret.replace(/\t/g, ' '))).toEqual([])
  })
})

describe('provider text never becomes a workflow command', () => {
  test('a scope holding ::warning:: and ::stop-commands:: lines does nothing', async () => {
    server = await startFakeClayton({
      scope: 'workspace\n::warning::injected by the provider\n::stop-commands::hidden'
    })
    // The API call fails after the token is published: its error must still be seen.
    server.route('GET', '/api/broken', (_req, res) => send(res, 500, { error: 'boom' }))
    const result = await runner.run({
      inputs: server.refreshInputs({ api_url: '/api/broken', max_attempts: '1' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.warnings).toEqual([])
    expect(result.commands.map(c => c.command)).not.toContain('stop-commands')
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/API call GET \/api\/broken returned HTTP 500/)
    expect(result.stdout).toMatch(
      /scope "workspace ::warning::injected by the provider ::stop-commands::hidden"/
    )
    // The output keeps the provider's value as it came.
    expect(result.outputs.scope).toBe(
      'workspace\n::warning::injected by the provider\n::stop-commands::hidden'
    )
  })
})

describe('advice that names the cause', () => {
  test('403 insufficient_scope names the scope from WWW-Authenticate', async () => {
    server = await startFakeClayton()
    server.route('GET', '/api/admin', (_req, res) =>
      send(
        res,
        403,
        { error: 'insufficient_scope' },
        {
          'WWW-Authenticate':
            'Bearer realm="clayton", error="insufficient_scope", scope="admin:write"'
        }
      )
    )
    const result = await runner.run({ inputs: server.refreshInputs({ api_url: '/api/admin' }) })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /returned HTTP 403 insufficient_scope: the token lacks the scope "admin:write" this API needs \(this token has scope "workspace"\)\. Add it to the scope input/
    )
  })

  test('403 insufficient_scope names the scope from the body', async () => {
    server = await startFakeClayton()
    server.route('GET', '/api/admin', (_req, res) =>
      send(res, 403, { error: 'insufficient_scope', scope: 'reviews:read' })
    )
    const result = await runner.run({ inputs: server.refreshInputs({ api_url: '/api/admin' }) })
    expect(result.errors[0]).toMatch(/lacks the scope "reviews:read"/)
  })

  /** A token endpoint that compares Basic credentials without form-decoding them. */
  const mountNonDecodingTokenEndpoint = (s: FakeClayton): void => {
    s.route('POST', '/oauth2/token', (req, res) => {
      const raw = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      const [id, secret] = raw.toString('utf8').split(':')
      if (id === s.clientId && secret === s.clientSecret) {
        send(res, 200, { access_token: 'unused', token_type: 'Bearer' })
        return
      }
      send(res, 401, { error: 'invalid_client' })
    })
  }

  test('invalid_client under client_secret_basic with a secret form-encoding changes', async () => {
    server = await startFakeClayton({ clientSecret: 'ab+cd/ef=gh%ij-0123456789' })
    mountNonDecodingTokenEndpoint(server)
    const result = await runner.run({
      inputs: server.refreshInputs({ client_auth: 'client_secret_basic' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/invalid_client/)
    expect(result.errors[0]).toMatch(
      /client_secret has characters that form-encoding changes .*some servers compare them undecoded\. Try client_auth: client_secret_post\.$/
    )
  })

  test('invalid_client with a plain secret gets the usual advice', async () => {
    server = await startFakeClayton({ clientSecret: 'plain-secret-0123456789' })
    mountNonDecodingTokenEndpoint(server)
    const result = await runner.run({
      inputs: server.refreshInputs({
        client_auth: 'client_secret_basic',
        client_secret: 'wrong-secret-9876543210'
      })
    })
    expect(result.errors[0]).toMatch(/check client_id and client_secret/)
    expect(result.errors[0]).not.toMatch(/form-encoding/)
  })

  test('a failed revocation says so in one sentence per full stop', async () => {
    server = await startFakeClayton()
    // Nothing answers at revoke_url: the stand-in says 404.
    const inputs = server.refreshInputs({ revoke: 'true' })
    const main = await runner.run({ inputs })
    expect(main.exitCode).toBe(0)
    const post = await runner.run({ inputs, entry: 'post', state: main.state })
    expect(post.exitCode).toBe(0)
    expect(post.warnings).toHaveLength(1)
    expect(post.warnings[0]).toMatch(/Check revoke_url\. It stays valid until it expires\.$/)
    expect(post.warnings[0]).not.toMatch(/\.\./)
  })
})
