import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { ActionError } from '../../src/common/errors.js'
import { Http } from '../../src/http/client.js'
import { writeRepositorySecret, type SecretTarget } from '../../src/lifecycle/secret-writer.js'
import { startFakeSecretsApi, type FakeSecretsApi } from '../support/fake-secrets-api.js'

const VALUE = 'refresh-token-9d8c7b6a5f4e3d2c1b0a'

let api: FakeSecretsApi
let http: Http

function target(overrides: Partial<SecretTarget> = {}): SecretTarget {
  return {
    apiUrl: api.url,
    repository: 'octo-org/octo-repo',
    repositoryId: '123456',
    token: api.token,
    name: 'CLAYTON_REFRESH_TOKEN',
    value: VALUE,
    ...overrides
  }
}

async function failure(opts: SecretTarget): Promise<ActionError> {
  const error = await writeRepositorySecret(http, opts).then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ActionError)
  const message = (error as ActionError).message
  expect(message).not.toContain(VALUE)
  expect(message).not.toContain(opts.token)
  return error as ActionError
}

beforeEach(async () => {
  api = await startFakeSecretsApi()
  http = new Http(
    'clayton-oauth-action/test',
    { timeoutMs: 5000, maxAttempts: 2 },
    () => {},
    () => 0
  )
})

afterEach(async () => {
  http.dispose()
  await api.close()
})

describe('writeRepositorySecret', () => {
  it('seals the value with the repository public key and PUTs it', async () => {
    await writeRepositorySecret(http, target())
    expect(api.written).toEqual([
      {
        name: 'CLAYTON_REFRESH_TOKEN',
        value: VALUE,
        keyId: api.keyId,
        path: '/repos/octo-org/octo-repo/actions/secrets/CLAYTON_REFRESH_TOKEN'
      }
    ])
    expect(api.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/octo-org/octo-repo/actions/secrets/public-key',
      'PUT /repos/octo-org/octo-repo/actions/secrets/CLAYTON_REFRESH_TOKEN'
    ])
    for (const request of api.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${api.token}`)
      expect(request.headers.accept).toBe('application/vnd.github+json')
      expect(request.headers['x-github-api-version']).toBe('2022-11-28')
    }
    const put = api.requests[1]
    expect(put.headers['content-type']).toBe('application/json')
    expect(put.body).not.toContain(VALUE)
    // Base64, original variant (+ and /, padded), as GitHub expects.
    const encrypted = (JSON.parse(put.body) as { encrypted_value: string }).encrypted_value
    expect(encrypted).toMatch(/^[A-Za-z0-9+/]+={0,2}$/)
    expect(Buffer.from(encrypted, 'base64').length).toBe(48 + Buffer.byteLength(VALUE))
  })

  it('updates an existing secret (HTTP 204)', async () => {
    await writeRepositorySecret(http, target())
    await writeRepositorySecret(http, target({ value: 'the-next-refresh-token' }))
    expect(api.written.map(w => w.value)).toEqual([VALUE, 'the-next-refresh-token'])
  })

  it('writes an environment secret by repository id, with its own public key path', async () => {
    await writeRepositorySecret(http, target({ environment: 'prod eu' }))
    expect(api.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /repositories/123456/environments/prod%20eu/secrets/public-key',
      'PUT /repositories/123456/environments/prod%20eu/secrets/CLAYTON_REFRESH_TOKEN'
    ])
    expect(api.written[0].value).toBe(VALUE)
  })

  it('keeps the path of GITHUB_API_URL (GitHub Enterprise Server: /api/v3)', async () => {
    await api.close()
    api = await startFakeSecretsApi({ prefix: '/api/v3' })
    await writeRepositorySecret(http, target())
    expect(api.written[0].path).toBe(
      '/api/v3/repos/octo-org/octo-repo/actions/secrets/CLAYTON_REFRESH_TOKEN'
    )
  })

  it.each([403, 404])(
    'HTTP %i: fails naming the permission needed and that GITHUB_TOKEN cannot write secrets',
    async status => {
      api.setStatus(status)
      const error = await failure(target())
      expect(error.message).toMatch(new RegExp(`HTTP ${status}`))
      expect(error.message).toMatch(/"Secrets: read and write"/)
      expect(error.message).toMatch(/GitHub App installation token with secrets: write/)
      expect(error.message).toMatch(/classic personal access token with the repo scope/)
      expect(error.message).toMatch(/GITHUB_TOKEN cannot write secrets/)
      expect(error.message).toMatch(/octo-org\/octo-repo/)
      expect(api.written).toEqual([])
    }
  )

  it('HTTP 403 for a used-up rate limit says so instead', async () => {
    api.setStatus(403, { 'x-ratelimit-remaining': '0' })
    const error = await failure(target())
    expect(error.message).toMatch(/rate limit is used up/)
  })

  it('HTTP 401: the token is not accepted', async () => {
    const error = await failure(target({ token: 'ghp_wrong_token_000000' }))
    expect(error.message).toMatch(/HTTP 401 \(Bad credentials\).*github_token was not accepted/)
  })

  it('an environment secret without the repository id fails before any request', async () => {
    const error = await failure(target({ environment: 'prod', repositoryId: undefined }))
    expect(error.message).toMatch(/GITHUB_REPOSITORY_ID/)
    expect(api.requests).toEqual([])
  })

  it.each(['1ABC', 'has-dash', 'GITHUB_TOKEN', ''])(
    'refuses the secret name "%s" before any request',
    async name => {
      const error = await failure(target({ name }))
      expect(error.message).toMatch(/refresh_token_secret/)
      expect(api.requests).toEqual([])
    }
  )

  it('a public key that is not a Curve25519 key fails without writing', async () => {
    api.setBrokenKey(true)
    const error = await failure(target())
    expect(error.message).toMatch(/not a valid Curve25519 key/)
    expect(api.requests.map(r => r.method)).toEqual(['GET'])
  })
})
