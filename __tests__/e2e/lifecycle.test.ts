import { afterEach, describe, expect, test } from '@jest/globals'
import { makeRunDirs, type RunResult } from '../support/action-runner.mjs'
import { buildArchive, readArchiveFile, rewriteArchiveFile } from '../support/cache-archive.js'
import { startFakeCacheService, type FakeCacheService } from '../support/fake-cache-service.js'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { startFakeSecretsApi, type FakeSecretsApi } from '../support/fake-secrets-api.js'
import { useActionRunner } from '../support/leak-check.js'
import { mountReviewService } from '../support/review-service.mjs'
import { startOidcServer, type OidcServer } from '../support/oidc-server.js'
import { openState, sealState } from '../../src/lifecycle/sealing.js'

const CACHE_FILE = '.clayton-oauth/state.bin'

let server: FakeClayton | undefined
let cache: FakeCacheService | undefined
let secrets: FakeSecretsApi | undefined
let oidc: OidcServer | undefined
const runner = useActionRunner(() => [
  ...(server?.secrets() ?? []),
  ...(oidc?.secrets() ?? []),
  ...(secrets ? [secrets.token, ...secrets.written.map(w => w.value)] : [])
])

afterEach(async () => {
  // Every token any run saw must be absent from every cache blob, raw and unpacked.
  if (cache) {
    const known = [...(server?.secrets() ?? []), ...(oidc?.secrets() ?? [])]
    for (const entry of cache.entries()) {
      const state = readArchiveFile(entry.blob, CACHE_FILE)
      for (const value of known) {
        expect(entry.blob.includes(value)).toBe(false)
        expect(state.includes(value)).toBe(false)
      }
    }
  }
  await Promise.all([server?.close(), cache?.close(), secrets?.close(), oidc?.close()])
  server = cache = secrets = oidc = undefined
})

function withCache(c: FakeCacheService): Record<string, string> {
  return { ...c.env(), GITHUB_SERVER_URL: 'https://github.com' }
}

const ok = (result: RunResult) => {
  expect(result.errors).toEqual([])
  expect(result.exitCode).toBe(0)
}

/**
 * Opens the first cache entry as the action would, lets `change` return new plaintext and the
 * secret to seal it under, and puts it back in the archive: tampering the way a writer could.
 */
function rewriteEntry(change: (plaintext: Buffer) => { plaintext: Buffer; secret: string }): void {
  const [entry] = cache!.entries()
  const context = {
    clientId: server!.clientId,
    tokenUrl: `${server!.url}/oauth2/token`,
    // action.yml's default scope: the grant decides what is sent.
    scope: 'auto'
  }
  const plaintext = openState(
    readArchiveFile(entry.blob, CACHE_FILE),
    server!.clientSecret,
    context,
    entry.key
  )
  expect(plaintext).toBeDefined()
  const next = change(plaintext!)
  entry.blob = rewriteArchiveFile(
    entry.blob,
    CACHE_FILE,
    sealState(next.plaintext, next.secret, context, entry.key)
  )
}

describe('cache: true', () => {
  test('three runs in a row against a rotating oidc-provider all succeed', async () => {
    oidc = await startOidcServer({ rotate: true })
    cache = await startFakeCacheService()
    const client = oidc.clients.post
    const inputs = {
      client_id: client.id,
      client_secret: client.secret,
      base_url: oidc.issuer,
      token_url: oidc.tokenUrl,
      scope: oidc.scope,
      // The secret keeps the first token: spent after run 1, the chain lives in the cache.
      refresh_token: await oidc.getRefreshToken(client),
      cache: 'true',
      // Longer than the access token's life: every run refreshes, proving the chain.
      cache_min_ttl: '7200'
    }
    const sent: string[] = []
    for (let run = 1; run <= 3; run++) {
      const before = oidc.tokenRequestCount()
      const result = await runner.run({ inputs, env: withCache(cache) })
      ok(result)
      expect(oidc.tokenRequestCount() - before).toBe(1)
      expect(result.outputs.token_source).toBe('refresh')
      expect(result.outputs.refresh_token_rotated).toBe('true')
      expect(result.outputs.refresh_token_saved_to).toBe('cache')
      sent.push(result.outputs.refresh_token)
    }
    expect(new Set(sent).size).toBe(3)
    expect(cache.entries()).toHaveLength(3)
  })

  test('a second run within the TTL makes no token request', async () => {
    server = await startFakeClayton()
    cache = await startFakeCacheService()
    const inputs = server.refreshInputs({ cache: 'true' })
    const first = await runner.run({ inputs, env: withCache(cache) })
    ok(first)
    expect(first.outputs.refresh_token_saved_to).toBe('cache')
    const second = await runner.run({ inputs, env: withCache(cache) })
    ok(second)
    expect(server.tokenRequests()).toHaveLength(1)
    expect(second.outputs.token_source).toBe('cache')
    expect(second.outputs.access_token).toBe(first.outputs.access_token)
    expect(second.outputs.refresh_token).toBe('')
    expect(second.outputs.refresh_token_rotated).toBe('false')
    expect(Number(second.outputs.expires_in)).toBeGreaterThan(5300)
    expect(second.masks).toContain(second.outputs.access_token)
    expect(Object.keys(second.workspaceFiles)).toEqual([])
  })

  test('a tampered entry is ignored with a debug line, and the input token is used', async () => {
    server = await startFakeClayton()
    cache = await startFakeCacheService()
    const inputs = server.refreshInputs({ cache: 'true' })
    ok(await runner.run({ inputs, env: withCache(cache) }))
    const [entry] = cache.entries()
    const sealed = readArchiveFile(entry.blob, CACHE_FILE)
    sealed[sealed.length - 1] ^= 0x01
    entry.blob = rewriteArchiveFile(entry.blob, CACHE_FILE, sealed)

    const second = await runner.run({ inputs, env: { ...withCache(cache), RUNNER_DEBUG: '1' } })
    ok(second)
    expect(second.outputs.token_source).toBe('refresh')
    expect(server.tokenRequests()).toHaveLength(2)
    expect(second.stdout).toMatch(/does not decrypt/)
    expect(second.warnings).toEqual([])
  })

  test('an entry written under another client_secret is ignored', async () => {
    server = await startFakeClayton()
    cache = await startFakeCacheService()
    const inputs = server.refreshInputs({ cache: 'true' })
    ok(await runner.run({ inputs, env: withCache(cache) }))
    rewriteEntry(plaintext => ({ plaintext, secret: 'a-different-client-secret' }))

    const second = await runner.run({ inputs, env: withCache(cache) })
    ok(second)
    expect(second.outputs.token_source).toBe('refresh')
    expect(server.tokenRequests()).toHaveLength(2)
  })

  test('the cache service down: a warning, and the token is still output', async () => {
    server = await startFakeClayton()
    cache = await startFakeCacheService()
    cache.setDown(true, 'reset')
    const result = await runner.run({
      inputs: server.refreshInputs({ cache: 'true' }),
      env: withCache(cache)
    })
    expect(result.exitCode).toBe(0)
    expect(result.errors).toEqual([])
    expect(server.isValidAccessToken(result.outputs.access_token)).toBe(true)
    expect(result.warnings.some(w => /Token cache/.test(w))).toBe(true)
    expect(result.outputs.refresh_token_saved_to).toBe('')
  })

  test('a hanging cache service costs about 15 s once, with a warning; the token is still output', async () => {
    server = await startFakeClayton()
    cache = await startFakeCacheService()
    cache.setHang(true)
    const result = await runner.run({
      inputs: server.refreshInputs({ cache: 'true' }),
      env: withCache(cache)
    })
    expect(result.exitCode).toBe(0)
    expect(result.errors).toEqual([])
    expect(server.isValidAccessToken(result.outputs.access_token)).toBe(true)
    expect(result.warnings).toEqual([expect.stringMatching(/gave up restoring after 15 s/)])
    expect(result.outputs.refresh_token_saved_to).toBe('')
    // Bounded once (no second wait to save); generous upper bound for a slow machine.
    expect(result.durationMs).toBeGreaterThanOrEqual(14_500)
    expect(result.durationMs).toBeLessThan(25_000)
  })

  test('a cached refresh token that is refused falls back to the input once', async () => {
    server = await startFakeClayton({ rotate: false })
    cache = await startFakeCacheService()
    const inputs = server.refreshInputs({ cache: 'true', cache_min_ttl: '86400' })
    ok(await runner.run({ inputs, env: withCache(cache) }))
    // The cached chain was revoked (say, someone revoked the app's tokens) while the secret,
    // the same as when the entry was saved, still works.
    const revoked = server.issueRefreshToken()
    server.revokeRefreshToken(revoked)
    rewriteEntry(plaintext => ({
      plaintext: Buffer.from(
        JSON.stringify({ ...JSON.parse(plaintext.toString()), refreshToken: revoked })
      ),
      secret: server!.clientSecret
    }))

    const second = await runner.run({ inputs, env: withCache(cache) })
    ok(second)
    expect(second.stdout).toMatch(/trying the refresh_token input once/)
    const sent = server.tokenRequests().map(r => r.form.get('refresh_token'))
    expect(sent).toEqual([inputs.refresh_token, revoked, inputs.refresh_token])
  })

  test('a secret updated since the cache entry (e.g. by a run on another branch) is sent first', async () => {
    server = await startFakeClayton({ rotate: true })
    cache = await startFakeCacheService()
    const inputs = server.refreshInputs({ cache: 'true', cache_min_ttl: '86400' })
    const first = await runner.run({ inputs, env: withCache(cache) })
    ok(first)
    // Another branch's run rotates the cached token (its own cache scope is not visible here)
    // and stores the result in the secret.
    const response = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: first.outputs.refresh_token,
        client_id: server.clientId,
        client_secret: server.clientSecret
      })
    })
    const { refresh_token: newest } = (await response.json()) as { refresh_token: string }
    runner.addSecret(newest)
    const second = await runner.run({
      inputs: { ...inputs, refresh_token: newest },
      env: withCache(cache)
    })
    ok(second)
    // The spent cached token was never sent: the fake provider would have revoked the grant.
    const sent = server.tokenRequests().map(r => r.form.get('refresh_token'))
    expect(sent).toEqual([inputs.refresh_token, first.outputs.refresh_token, newest])
  })

  test('a code exchange never reads the cache, and saves the new state', async () => {
    server = await startFakeClayton()
    cache = await startFakeCacheService()
    const result = await runner.run({
      inputs: {
        client_id: server.clientId,
        client_secret: server.clientSecret,
        code: server.issueCode(),
        base_url: server.url,
        cache: 'true'
      },
      env: withCache(cache)
    })
    ok(result)
    expect(cache.requests.some(r => r.rpc === 'GetCacheEntryDownloadURL')).toBe(false)
    expect(cache.entries()).toHaveLength(1)
    expect(result.outputs.refresh_token_saved_to).toBe('cache')
  })
})

describe('cache: true against replayed and absurd entries', () => {
  const KEY_PREFIX_LENGTH = 'clayton-oauth-v1-'.length + 16 + 1

  async function rotateTwice() {
    server = await startFakeClayton({ rotate: true })
    cache = await startFakeCacheService()
    // Cache only: the secret keeps the first token, spent after run 1; the chain lives in the cache.
    const inputs = server.refreshInputs({ cache: 'true', cache_min_ttl: '86400' })
    const first = await runner.run({ inputs, env: withCache(cache) })
    ok(first)
    const second = await runner.run({ inputs, env: withCache(cache) })
    ok(second)
    return { inputs, first, second }
  }

  test('an old genuine entry re-uploaded under its own key is passed over for its successor', async () => {
    const { inputs, first, second } = await rotateTwice()
    const [oldest] = cache!.entries()
    // As a re-upload into another branch's scope, which that branch's runs read first.
    cache!.plant({ ...oldest })
    const third = await runner.run({ inputs, env: { ...withCache(cache!), RUNNER_DEBUG: '1' } })
    ok(third)
    // The spent token of the replayed entry was never sent: the provider would have revoked the grant.
    const sent = server!.tokenRequests().map(r => r.form.get('refresh_token'))
    expect(sent).toEqual([
      inputs.refresh_token,
      first.outputs.refresh_token,
      second.outputs.refresh_token
    ])
    expect(third.stdout).toMatch(/replaced the refresh token of entry/)
  })

  test('an old genuine entry copied under a newer key does not open; the chain is found from the input', async () => {
    const { inputs, first, second } = await rotateTwice()
    const [oldest] = cache!.entries()
    cache!.plant({
      key: `${oldest.key.slice(0, KEY_PREFIX_LENGTH)}9999999999999999${Date.now()}-cccccccccccc`,
      version: oldest.version,
      blob: oldest.blob
    })
    const third = await runner.run({ inputs, env: { ...withCache(cache!), RUNNER_DEBUG: '1' } })
    ok(third)
    const sent = server!.tokenRequests().map(r => r.form.get('refresh_token'))
    expect(sent).toEqual([
      inputs.refresh_token,
      first.outputs.refresh_token,
      second.outputs.refresh_token
    ])
    expect(third.stdout).toMatch(/does not decrypt .*moved to another key/)
  })

  test('a successor that cannot be read: no spent token is sent, and the grant survives', async () => {
    const { inputs, second } = await rotateTwice()
    const [oldest, newest] = cache!.entries()
    // Another scope, read first: a garbage copy under the newest key, then the oldest replayed.
    cache!.plant({ ...newest, blob: buildArchive([{ path: CACHE_FILE, body: 'garbage' }]) })
    cache!.plant({ ...oldest })
    const third = await runner.run({ inputs, env: withCache(cache!) })
    expect(third.exitCode).toBe(1)
    expect(third.errors).toEqual([expect.stringMatching(/^Token request not sent: /)])
    expect(server!.tokenRequests()).toHaveLength(2)
    // The grant was not revoked: the newest token, put in the secret, still works.
    runner.addSecret(second.outputs.refresh_token)
    const fourth = await runner.run({
      inputs: { ...inputs, refresh_token: second.outputs.refresh_token, cache: 'false' }
    })
    ok(fourth)
    expect(server!.isValidAccessToken(fourth.outputs.access_token)).toBe(true)
  })

  test('an absurd expires_in is clamped: outputs set, and the saved state serves the next run', async () => {
    server = await startFakeClayton({ expiresIn: 1e16 })
    cache = await startFakeCacheService()
    const inputs = server.refreshInputs({ cache: 'true' })
    const first = await runner.run({ inputs, env: { ...withCache(cache), RUNNER_DEBUG: '1' } })
    ok(first)
    expect(server.isValidAccessToken(first.outputs.access_token)).toBe(true)
    expect(first.outputs.expires_in).toBe('315360000')
    expect(Date.parse(first.outputs.expires_at)).toBeGreaterThan(Date.now())
    expect(first.outputs.refresh_token_saved_to).toBe('cache')
    expect(first.stdout).toMatch(/longer than ten years: taken as 315360000 s/)
    const second = await runner.run({ inputs, env: withCache(cache) })
    ok(second)
    expect(second.outputs.token_source).toBe('cache')
    expect(second.outputs.access_token).toBe(first.outputs.access_token)
  })

  test('a stored state with a date past the Date range is ignored, never fatal', async () => {
    server = await startFakeClayton()
    cache = await startFakeCacheService()
    const inputs = server.refreshInputs({ cache: 'true' })
    ok(await runner.run({ inputs, env: withCache(cache) }))
    rewriteEntry(plaintext => ({
      plaintext: Buffer.from(
        JSON.stringify({ ...JSON.parse(plaintext.toString()), expiresAtMs: 1e300 })
      ),
      secret: server!.clientSecret
    }))
    const second = await runner.run({ inputs, env: { ...withCache(cache), RUNNER_DEBUG: '1' } })
    ok(second)
    expect(second.outputs.token_source).toBe('refresh')
    expect(second.stdout).toMatch(/decrypts but is not a readable token state/)
  })

  test('a restore that failed is not followed by a save: the service is asked once', async () => {
    server = await startFakeClayton()
    cache = await startFakeCacheService()
    cache.setDown(true, 'reset')
    const result = await runner.run({
      inputs: server.refreshInputs({ cache: 'true' }),
      env: withCache(cache)
    })
    ok(result)
    expect(server.isValidAccessToken(result.outputs.access_token)).toBe(true)
    expect(cache.requests.some(r => r.rpc === 'CreateCacheEntry')).toBe(false)
    expect(result.warnings).toEqual([
      expect.stringMatching(/could not restore .*will not ask the cache service again/)
    ])
    expect(result.outputs.refresh_token_saved_to).toBe('')
  })
})

describe('refresh_token_secret', () => {
  async function runWithSecret(
    rotate: boolean
  ): Promise<{ result: RunResult; api: FakeSecretsApi }> {
    server = await startFakeClayton({ rotate })
    const api = (secrets = await startFakeSecretsApi())
    const result = await runner.run({
      inputs: server.refreshInputs({
        refresh_token_secret: 'CLAYTON_REFRESH_TOKEN',
        github_token: api.token
      }),
      env: { GITHUB_API_URL: api.url }
    })
    return { result, api }
  }

  test('a rotated refresh token is written to the secret, sealed for the repository key', async () => {
    const { result, api } = await runWithSecret(true)
    ok(result)
    expect(api.written).toEqual([
      expect.objectContaining({
        name: 'CLAYTON_REFRESH_TOKEN',
        value: result.outputs.refresh_token
      })
    ])
    expect(api.written[0].path).toBe('/repos/octo/repo/actions/secrets/CLAYTON_REFRESH_TOKEN')
    expect(result.outputs.refresh_token_saved_to).toBe('secret')
    expect(result.warnings).toEqual([])
  })

  test('nothing is written when no new refresh token was issued', async () => {
    const { result, api } = await runWithSecret(false)
    ok(result)
    expect(api.requests).toHaveLength(0)
    expect(result.outputs.refresh_token_saved_to).toBe('')
  })

  test('a code exchange stores its refresh token in an environment secret and the cache', async () => {
    server = await startFakeClayton()
    secrets = await startFakeSecretsApi()
    cache = await startFakeCacheService()
    const result = await runner.run({
      inputs: {
        client_id: server.clientId,
        client_secret: server.clientSecret,
        code: server.issueCode(),
        base_url: server.url,
        cache: 'true',
        refresh_token_secret: 'CLAYTON_REFRESH_TOKEN',
        secret_environment: 'production',
        github_token: secrets.token
      },
      env: { ...withCache(cache), GITHUB_API_URL: secrets.url, GITHUB_REPOSITORY_ID: '4242' }
    })
    ok(result)
    expect(secrets.written).toHaveLength(1)
    expect(secrets.written[0].value).toBe(result.outputs.refresh_token)
    expect(secrets.written[0].path).toBe(
      '/repositories/4242/environments/production/secrets/CLAYTON_REFRESH_TOKEN'
    )
    expect(result.outputs.refresh_token_saved_to).toBe('secret,cache')
  })

  test('403 from the secrets API fails the step after outputs and cache are saved', async () => {
    server = await startFakeClayton({ rotate: true })
    secrets = await startFakeSecretsApi()
    cache = await startFakeCacheService()
    secrets.setStatus(403)
    const result = await runner.run({
      inputs: server.refreshInputs({
        cache: 'true',
        refresh_token_secret: 'CLAYTON_REFRESH_TOKEN',
        github_token: secrets.token
      }),
      env: { ...withCache(cache), GITHUB_API_URL: secrets.url }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/Secrets: read and write/)
    expect(result.errors[0]).toMatch(/GITHUB_TOKEN cannot write secrets/)
    expect(server.isValidAccessToken(result.outputs.access_token)).toBe(true)
    expect(result.outputs.refresh_token_saved_to).toBe('cache')
    expect(cache.entries()).toHaveLength(1)
  })

  test('refresh_token_secret without github_token is refused before any request', async () => {
    server = await startFakeClayton()
    const result = await runner.run({
      inputs: server.refreshInputs({ refresh_token_secret: 'CLAYTON_REFRESH_TOKEN' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/github_token is empty/)
    expect(server.requests).toHaveLength(0)
  })
})

describe('revoke: true', () => {
  function mountRevocation(s: FakeClayton, status = 200) {
    const calls: URLSearchParams[] = []
    s.route('POST', '/oauth2/revoke', (req, res) => {
      calls.push(req.form)
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(status === 200 ? '' : JSON.stringify({ error: 'unsupported_token_type' }))
    })
    return calls
  }

  test('the post step revokes the access token this job obtained', async () => {
    server = await startFakeClayton()
    const calls = mountRevocation(server)
    const dirs = makeRunDirs()
    const inputs = server.refreshInputs({ revoke: 'true' })
    const main = await runner.run({ inputs, dirs })
    ok(main)
    expect(calls).toHaveLength(0)
    const post = await runner.run({ inputs, dirs, entry: 'post', state: main.state })
    ok(post)
    expect(calls).toHaveLength(1)
    expect(calls[0].get('token')).toBe(main.outputs.access_token)
    expect(calls[0].get('token_type_hint')).toBe('access_token')
    expect(calls[0].get('client_secret')).toBe(server.clientSecret)
    expect(post.stdout).toMatch(/Revoked the access token/)
  })

  test('against oidc-provider with client_secret_basic', async () => {
    oidc = await startOidcServer({ rotate: false })
    const client = oidc.clients.basic
    const inputs = {
      client_id: client.id,
      client_secret: client.secret,
      client_auth: client.auth,
      base_url: oidc.issuer,
      token_url: oidc.tokenUrl,
      revoke_url: oidc.revocationUrl,
      scope: oidc.scope,
      refresh_token: await oidc.getRefreshToken(client),
      revoke: 'true'
    }
    const main = await runner.run({ inputs })
    ok(main)
    const post = await runner.run({ inputs, entry: 'post', state: main.state })
    ok(post)
    expect(post.warnings).toEqual([])
    expect(post.stdout).toMatch(/Revoked the access token/)
  })

  test('a revocation failure is a warning and the post step exits 0', async () => {
    server = await startFakeClayton()
    mountRevocation(server, 400)
    const inputs = server.refreshInputs({ revoke: 'true' })
    const main = await runner.run({ inputs })
    const post = await runner.run({ inputs, entry: 'post', state: main.state })
    expect(post.exitCode).toBe(0)
    expect(post.errors).toEqual([])
    expect(post.warnings).toHaveLength(1)
    expect(post.warnings[0]).toMatch(/unsupported_token_type/)
  })

  test('a token from the cache is never revoked, nor cached when revoke is on', async () => {
    server = await startFakeClayton()
    cache = await startFakeCacheService()
    const calls = mountRevocation(server)
    const shared = server.refreshInputs({ cache: 'true' })
    ok(await runner.run({ inputs: shared, env: withCache(cache) }))
    const reuse = await runner.run({
      inputs: { ...shared, revoke: 'true' },
      env: withCache(cache)
    })
    ok(reuse)
    expect(reuse.outputs.token_source).toBe('cache')
    const post = await runner.run({
      inputs: { ...shared, revoke: 'true' },
      entry: 'post',
      state: reuse.state
    })
    ok(post)
    expect(calls).toHaveLength(0)

    // A job that revokes saves its refresh chain but not its access token.
    const revoking = await runner.run({
      inputs: { ...shared, revoke: 'true', cache_min_ttl: '86400' },
      env: withCache(cache)
    })
    ok(revoking)
    expect(revoking.outputs.token_source).toBe('refresh')
    const next = await runner.run({ inputs: shared, env: withCache(cache) })
    expect(next.outputs.token_source).toBe('refresh')
    expect(next.outputs.access_token).not.toBe(revoking.outputs.access_token)
  })

  test('the post step of a job that revokes nothing does nothing', async () => {
    server = await startFakeClayton()
    const calls = mountRevocation(server)
    const inputs = server.refreshInputs()
    const main = await runner.run({ inputs })
    const post = await runner.run({ inputs, entry: 'post', state: main.state })
    ok(post)
    expect(post.stdout).toBe('')
    expect(calls).toHaveLength(0)
    expect(server.tokenRequests()).toHaveLength(1)
  })
})

describe('a review that outlasts its token', () => {
  const reviewInputs = (s: FakeClayton, extra: Record<string, string> = {}) =>
    s.refreshInputs({
      review: 'pull_request',
      pull_request_number: '12',
      workspace: 'ws_1',
      project: 'prj_1',
      review_poll_interval: '0.25',
      ...extra
    })

  test('refreshed mid-wait under rotation with the cache: the next run starts from the newest token', async () => {
    // Reuse detection: sending a spent refresh token revokes the grant, so a cache that
    // remembered the wrong input fingerprint would make the next run send the spent input first.
    server = await startFakeClayton({ expiresIn: 2, rotate: true })
    cache = await startFakeCacheService()
    mountReviewService(server, { pollsBeforeDone: 10, result: 'PASSED' })
    const inputs = reviewInputs(server, { cache: 'true', cache_min_ttl: '0' })
    const first = await runner.run({ inputs, env: withCache(cache), timeoutMs: 60_000 })
    ok(first)
    const refreshes = server.tokenRequests().length
    expect(refreshes).toBeGreaterThanOrEqual(2)
    expect(first.outputs.refresh_token_saved_to).toBe('cache')
    // The secret still holds the first refresh token, long spent.
    const second = await runner.run({
      inputs: {
        ...inputs,
        review: '',
        pull_request_number: '',
        workspace: '',
        project: '',
        review_poll_interval: '',
        // Longer than the access token's life: the second run must refresh.
        cache_min_ttl: '7200'
      },
      env: withCache(cache)
    })
    ok(second)
    const sent = server
      .tokenRequests()
      .slice(refreshes)
      .map(r => r.form.get('refresh_token'))
    expect(sent).toEqual([first.outputs.refresh_token])
  })

  test('revoke: true with a review: the post step reads the same inputs and revokes', async () => {
    server = await startFakeClayton()
    mountReviewService(server, { pollsBeforeDone: 0, result: 'PASSED' })
    const calls: URLSearchParams[] = []
    server.route('POST', '/oauth2/revoke', (req, res) => {
      calls.push(req.form)
      res.writeHead(200)
      res.end()
    })
    const dirs = makeRunDirs()
    const event = { number: 12, pull_request: { number: 12, head: { ref: 'f', sha: 'abcdef1' } } }
    const env = { GITHUB_EVENT_NAME: 'pull_request' }
    const inputs = reviewInputs(server, { revoke: 'true', pull_request_number: '' })
    const main = await runner.run({ inputs, dirs, env, event })
    ok(main)
    const post = await runner.run({ inputs, dirs, env, event, entry: 'post', state: main.state })
    expect(post.warnings).toEqual([])
    expect(calls.map(c => c.get('token'))).toEqual([main.outputs.access_token])
  })
})
