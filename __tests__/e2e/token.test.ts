import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string
  version: string
}

let server: FakeClayton
const runner = useActionRunner(() => server?.secrets() ?? [])

afterEach(async () => {
  await server?.close()
})

describe('refresh with client_secret_post', () => {
  beforeEach(async () => {
    server = await startFakeClayton()
  })

  test('outputs a working, masked access token and the response fields', async () => {
    const inputs = server.refreshInputs()
    const before = Date.now()
    const result = await runner.run({ inputs })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const out = result.outputs
    expect(server.isValidAccessToken(out.access_token)).toBe(true)
    expect(result.masks).toContain(out.access_token)
    expect(out.token_type).toBe('Bearer')
    expect(out.expires_in).toBe('5399')
    const expiresAt = Date.parse(out.expires_at)
    expect(out.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 5399_000)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 5399_000)
    expect(out.scope).toBe('workspace')
    expect(out.refresh_token).toBe(inputs.refresh_token)
    expect(out.refresh_token_rotated).toBe('false')
    expect(out.token_source).toBe('refresh')
    expect(out.skipped).toBe('false')
    expect(result.warnings).toEqual([])
  })

  test('sends the seed’s refresh: grant, refresh token and client credentials, no scope; JSON Accept and a versioned User-Agent', async () => {
    const inputs = server.refreshInputs()
    await runner.run({ inputs })
    const [request] = server.tokenRequests()
    expect(request.method).toBe('POST')
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(request.headers.accept).toBe('application/json')
    expect(request.headers['user-agent']).toBe(`${pkg.name}/${pkg.version}`)
    expect(request.headers.authorization).toBeUndefined()
    expect(Object.fromEntries(request.form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: inputs.refresh_token,
      client_id: server.clientId,
      client_secret: server.clientSecret
    })
  })

  test('masks every secret input before the first request goes out', async () => {
    // The retry line is printed after the first request came back: masks must precede it.
    server.fail('/oauth2/token', { status: 503 })
    const inputs = server.refreshInputs()
    const result = await runner.run({ inputs })
    const maskLine = (value: string) =>
      result.commands.find(c => c.command === 'add-mask' && c.message === value)?.line ?? Infinity
    const retryLine = result.stdout.split('\n').findIndex(l => /attempt 1 of 4 failed/.test(l)) + 1
    expect(retryLine).toBeGreaterThan(0)
    expect(maskLine(inputs.client_secret)).toBeLessThan(retryLine)
    expect(maskLine(inputs.refresh_token)).toBeLessThan(retryLine)
    // Harmless values stay readable in the log.
    expect(result.masks).not.toContain('Bearer')
    expect(result.masks).not.toContain('workspace')
    expect(result.masks).not.toContain('5399')
  })

  test('omits scope when the input is empty and reports none when the response has none', async () => {
    await server.close()
    server = await startFakeClayton({ scope: null })
    const result = await runner.run({ inputs: server.refreshInputs({ scope: '' }) })
    expect(server.tokenRequests()[0].form.has('scope')).toBe(false)
    expect(result.outputs.scope).toBe('')
  })

  test('an explicitly set scope is sent with the refresh', async () => {
    await runner.run({ inputs: server.refreshInputs({ scope: 'workspace' }) })
    expect(server.tokenRequests()[0].form.get('scope')).toBe('workspace')
  })

  test('debug logging shows no secret', async () => {
    const result = await runner.run({ inputs: server.refreshInputs(), env: { RUNNER_DEBUG: '1' } })
    expect(result.exitCode).toBe(0)
    expect(result.commands.some(c => c.command === 'debug')).toBe(true)
  })

  test('export_env hands the token to later steps through GITHUB_ENV', async () => {
    const result = await runner.run({
      inputs: server.refreshInputs({ export_env: 'CLAYTON_TOKEN' })
    })
    expect(result.env.CLAYTON_TOKEN).toBe(result.outputs.access_token)
  })
})

describe('response variations', () => {
  test('scope falls back to the requested one; no expires_in leaves expires_in/expires_at empty', async () => {
    server = await startFakeClayton({ scope: null, expiresIn: null })
    const result = await runner.run({ inputs: server.refreshInputs({ scope: 'workspace' }) })
    expect(result.outputs.scope).toBe('workspace')
    expect(result.outputs.expires_in).toBe('')
    expect(result.outputs.expires_at).toBe('')
  })

  test('a response without refresh_token leaves the output empty and rotated false', async () => {
    server = await startFakeClayton({ omitRefreshToken: true })
    const result = await runner.run({ inputs: server.refreshInputs() })
    expect(result.outputs.refresh_token).toBe('')
    expect(result.outputs.refresh_token_rotated).toBe('false')
  })

  test('base_url with a path prefix is kept in the token URL', async () => {
    server = await startFakeClayton({ prefix: '/eu' })
    const result = await runner.run({ inputs: server.refreshInputs() })
    expect(result.exitCode).toBe(0)
    expect(server.tokenRequests()[0].path).toBe('/eu/oauth2/token')
  })

  test('token_url overrides {base_url}/oauth2/token', async () => {
    server = await startFakeClayton({ prefix: '/auth' })
    const result = await runner.run({
      inputs: {
        ...server.refreshInputs(),
        base_url: 'https://app.clayton.io',
        token_url: `${server.url}/oauth2/token`,
        // Another origin than base_url's must be trusted (security issue, finding 11).
        trusted_origins: server.origin
      }
    })
    expect(result.exitCode).toBe(0)
    expect(server.tokenRequests()).toHaveLength(1)
  })
})

describe('client_secret_basic', () => {
  test('sends form-urlencoded Basic credentials and no client secret in the body', async () => {
    server = await startFakeClayton({ clientId: 'ci d+1', clientSecret: 's3cr:et +/%&=~ value' })
    const inputs = server.refreshInputs({ client_auth: 'client_secret_basic' })
    const result = await runner.run({ inputs })
    expect(result.errors).toEqual([])
    const [request] = server.tokenRequests()
    expect(request.headers.authorization).toMatch(/^Basic /)
    expect(request.form.has('client_secret')).toBe(false)
    expect(request.form.has('client_id')).toBe(false)
    const basicValue = request.headers.authorization!.slice('Basic '.length)
    expect(result.masks).toContain(basicValue)
    runner.addSecret(basicValue)
  })
})

describe('rotation', () => {
  test('a new refresh token is output masked, flagged, and warned about', async () => {
    server = await startFakeClayton({ rotate: true })
    const inputs = server.refreshInputs()
    const result = await runner.run({ inputs })
    expect(result.outputs.refresh_token).not.toBe(inputs.refresh_token)
    expect(result.outputs.refresh_token).not.toBe('')
    expect(result.masks).toContain(result.outputs.refresh_token)
    expect(result.outputs.refresh_token_rotated).toBe('true')
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0]).toMatch(/rotated the refresh token/)
    expect(result.warnings[0]).toMatch(/secret/)
  })
})

describe('code exchange', () => {
  test('sends the code in the query string and the body, with redirect_uri and scope', async () => {
    server = await startFakeClayton({ rotate: true })
    const code = server.issueCode()
    const result = await runner.run({
      inputs: {
        client_id: server.clientId,
        client_secret: server.clientSecret,
        code,
        base_url: server.url
      }
    })
    expect(result.errors).toEqual([])
    const [request] = server.tokenRequests()
    expect(request.query.get('code')).toBe(code)
    expect(request.form.get('code')).toBe(code)
    expect(request.form.get('grant_type')).toBe('authorization_code')
    expect(request.form.get('redirect_uri')).toBe('https://app.clayton.io/authorized')
    expect(request.form.get('scope')).toBe('workspace')
    expect(result.outputs.token_source).toBe('code')
    expect(result.outputs.refresh_token).not.toBe('')
    expect(result.outputs.refresh_token_rotated).toBe('false')
    expect(server.isValidAccessToken(result.outputs.access_token)).toBe(true)
    // No refresh_token_secret, no cache: the new refresh token would be lost without a word.
    expect(result.warnings).toEqual([
      expect.stringContaining('The code exchange issued a refresh token, but it is saved nowhere')
    ])
  })

  test("scope: '' omits the scope from the code exchange too", async () => {
    server = await startFakeClayton()
    const inputs = {
      client_id: server.clientId,
      client_secret: server.clientSecret,
      code: server.issueCode(),
      base_url: server.url,
      scope: ''
    }
    await runner.run({ inputs })
    expect(server.tokenRequests()[0].form.has('scope')).toBe(false)
  })

  test('a used code fails with invalid_grant and says codes are single-use', async () => {
    server = await startFakeClayton()
    const code = server.issueCode()
    const inputs = {
      client_id: server.clientId,
      client_secret: server.clientSecret,
      code,
      base_url: server.url
    }
    await runner.run({ inputs })
    const second = await runner.run({ inputs })
    expect(second.exitCode).toBe(1)
    expect(second.errors).toHaveLength(1)
    expect(second.errors[0]).toMatch(/invalid_grant/)
    expect(second.errors[0]).toMatch(/single-use/)
  })
})
