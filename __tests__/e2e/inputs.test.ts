import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'

let server: FakeClayton
const runner = useActionRunner(() => server?.secrets() ?? [])

beforeEach(async () => {
  server = await startFakeClayton()
})
afterEach(async () => {
  await server.close()
})

const inputs = (extra: Record<string, string> = {}) => server.refreshInputs(extra)

describe('bad input fails before any request, naming the input', () => {
  test.each([
    ['client_auth', 'client_secret_jwt', /client_auth.*client_secret_post, client_secret_basic/],
    ['timeout', '0', /timeout/],
    ['max_attempts', '2.5', /max_attempts/],
    ['on_missing_credentials', 'ignore', /on_missing_credentials.*fail, skip/],
    ['export_env', 'MY-TOKEN', /export_env/],
    ['export_env', 'GITHUB_TOKEN', /reserved/],
    ['token_url', 'not a url', /token_url is not a valid URL/]
  ])('%s = %s', async (name, value, message) => {
    const result = await runner.run({ inputs: inputs({ [name]: value }) })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(new RegExp(`Input ${name}`))
    expect(result.errors[0]).toMatch(message)
    expect(server.requests).toHaveLength(0)
  })

  test('plain http to a non-loopback host is refused before any request', async () => {
    const result = await runner.run({
      inputs: inputs({ token_url: 'http://auth.example.com/oauth2/token' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/token_url must use https/)
    expect(server.requests).toHaveLength(0)
  })

  test.each(['http://localhost:1', 'http://127.0.0.5:1', 'http://[::1]:1'])(
    'plain http to loopback %s is allowed (and then fails to connect)',
    async base => {
      const result = await runner.run({ inputs: inputs({ base_url: base, max_attempts: '1' }) })
      expect(result.errors[0]).not.toMatch(/must use https/)
      expect(result.errors[0]).toMatch(/Token request/)
    }
  )
})

describe('missing credentials', () => {
  test('names each empty input', async () => {
    const result = await runner.run({
      inputs: { base_url: server.url, client_id: server.clientId }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/Inputs client_secret, refresh_token are empty/)
    expect(server.requests).toHaveLength(0)
  })

  test('on a pull request from a fork, says secrets are not passed to forks', async () => {
    const result = await runner.run({
      inputs: { base_url: server.url },
      env: { GITHUB_EVENT_NAME: 'pull_request' },
      event: {
        pull_request: {
          head: { repo: { full_name: 'someone/repo', fork: true } },
          base: { repo: { full_name: 'octo/repo' } }
        }
      }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/fork someone\/repo/)
    expect(result.errors[0]).toMatch(/on_missing_credentials: skip/)
  })

  test('on a Dependabot run, says only Dependabot secrets are passed', async () => {
    const result = await runner.run({
      inputs: { base_url: server.url },
      env: { GITHUB_ACTOR: 'dependabot[bot]' }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/Dependabot/)
  })

  test('skip exits 0 with skipped=true, a notice, and no request or API call', async () => {
    const result = await runner.run({
      inputs: {
        base_url: server.url,
        on_missing_credentials: 'skip',
        api_url: '/api/workspaces'
      }
    })
    expect(result.exitCode).toBe(0)
    expect(result.errors).toEqual([])
    expect(result.outputs.skipped).toBe('true')
    expect(result.outputs.access_token).toBeUndefined()
    expect(result.notices).toHaveLength(1)
    expect(result.notices[0]).toMatch(/no API call was made/)
    expect(server.requests).toHaveLength(0)
  })

  // On a fork, inputs built from variables are empty or odd too: missing credentials come first.
  test('skip is decided before any other input is validated', async () => {
    const result = await runner.run({
      inputs: { base_url: 'http://app.example.com', on_missing_credentials: 'skip' }
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.skipped).toBe('true')
  })

  test('with credentials, a misconfigured non-secret input is reported before any request', async () => {
    const result = await runner.run({
      inputs: inputs({ base_url: 'http://app.example.com', on_missing_credentials: 'skip' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/base_url must use https/)
  })
})

describe('the test harness', () => {
  test('a request to a non-loopback host fails at a dead proxy instead of leaving the machine', async () => {
    const result = await runner.run({
      inputs: inputs({ base_url: 'https://app.clayton.io', max_attempts: '1' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/proxy .* could not open a tunnel to app\.clayton\.io/)
    expect(result.errors[0]).toMatch(/ECONNREFUSED 127\.0\.0\.1:9/)
    expect(result.durationMs).toBeLessThan(10_000)
  })
})
