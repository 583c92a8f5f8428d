import { afterEach, describe, expect, test } from '@jest/globals'
import type { RunResult } from '../support/action-runner.mjs'
import { startFakeCacheService, type FakeCacheService } from '../support/fake-cache-service.js'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'

/**
 * A matrix started at once: five jobs of one run (five processes of dist/ at the same time) share
 * one cache service and one run id, and refresh the same refresh token with `cache: true`.
 */
let server: FakeClayton | undefined
let cache: FakeCacheService | undefined
const runner = useActionRunner(() => server?.secrets() ?? [])

afterEach(async () => {
  await Promise.all([server?.close(), cache?.close()])
  server = cache = undefined
})

const JOBS = 5
const RUN = { GITHUB_RUN_ID: '7730012345', GITHUB_RUN_ATTEMPT: '1' }

function matrix(inputs: Record<string, string>, env: Record<string, string> = {}) {
  return Promise.all(
    Array.from({ length: JOBS }, () =>
      runner.run({
        inputs,
        env: { ...cache!.env(), GITHUB_SERVER_URL: 'https://github.com', ...RUN, ...env }
      })
    )
  )
}

const sources = (results: RunResult[]) => results.map(r => r.outputs.token_source).sort()

describe('one refresh for jobs started at once', () => {
  test.each([
    ['a rotating provider with reuse detection', true],
    ['a provider that does not rotate', false]
  ])('%s: one token request, five tokens, the grant intact', async (_name, rotate) => {
    server = await startFakeClayton({ rotate })
    cache = await startFakeCacheService()
    const results = await matrix(server.refreshInputs({ cache: 'true' }))
    for (const result of results) {
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      // Not revoked: a rotating grant that saw its refresh token twice would be.
      expect(server.isValidAccessToken(result.outputs.access_token)).toBe(true)
    }
    expect(server.tokenRequests()).toHaveLength(1)
    expect(sources(results)).toEqual(['cache', 'cache', 'cache', 'cache', 'refresh'])
    expect(new Set(results.map(r => r.outputs.access_token)).size).toBe(1)
    // One claim created, four refused; the claim holds nothing.
    const claimEntries = cache.entries().filter(e => e.key.startsWith('clayton-oauth-claim-'))
    expect(claimEntries).toHaveLength(1)
    // The jobs overlapped: some waited on the claim (one that starts after the winner saved
    // finds the state at once, as a later run would).
    const waiting = results.filter(r => /Another job of this run is refreshing/.test(r.stdout))
    expect(waiting.length).toBeGreaterThan(0)
  })

  test('revoke: true caches no access token: the jobs refresh one after another, the grant intact', async () => {
    server = await startFakeClayton({ rotate: true })
    cache = await startFakeCacheService()
    const results = await matrix(server.refreshInputs({ cache: 'true', revoke: 'true' }))
    for (const result of results) {
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(result.outputs.token_source).toBe('refresh')
      expect(server.isValidAccessToken(result.outputs.access_token)).toBe(true)
    }
    // Five refreshes, each with the refresh token the one before it was issued.
    const sent = server.tokenRequests().map(r => new URLSearchParams(r.body).get('refresh_token'))
    expect(sent).toHaveLength(JOBS)
    expect(new Set(sent).size).toBe(JOBS)
  })

  test('the winner dies before it saves, rotating: the others fail closed within the bound', async () => {
    server = await startFakeClayton({ rotate: true })
    cache = await startFakeCacheService()
    // One earlier run: the cache now shows that this provider rotates.
    const inputs = server.refreshInputs({ cache: 'true', timeout: '3', max_attempts: '1' })
    const earlier = await runner.run({
      inputs,
      env: { ...cache.env(), GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '1' }
    })
    expect(earlier.exitCode).toBe(0)
    const before = server.tokenRequests().length
    // The provider spends the token and never answers: the job that sent it ends without saving.
    server.fail('/oauth2/token', { kind: 'hang', processed: true })
    const results = await matrix({ ...inputs, cache_min_ttl: '86400' })
    expect(server.tokenRequests().length - before).toBe(1)
    const losers = results.filter(r => /another job of this run claimed/.test(r.errors.join('\n')))
    expect(losers).toHaveLength(JOBS - 1)
    for (const loser of losers) {
      expect(loser.exitCode).not.toBe(0)
      expect(loser.errors[0]).toMatch(/shows that this provider rotates refresh tokens/)
      // The bound is timeout × max_attempts = 3 s; generous for a busy machine.
      expect(loser.durationMs).toBeLessThan(30_000)
    }
  })

  test('the winner dies before it saves, refresh_token_rotates: the others fail closed', async () => {
    server = await startFakeClayton({ rotate: true })
    cache = await startFakeCacheService()
    server.fail('/oauth2/token', { kind: 'hang', processed: true })
    const inputs = server.refreshInputs({
      cache: 'true',
      timeout: '3',
      max_attempts: '1',
      refresh_token_rotates: 'true'
    })
    const results = await matrix(inputs)
    expect(server.tokenRequests()).toHaveLength(1)
    const losers = results.filter(r => /another job of this run claimed/.test(r.errors.join('\n')))
    expect(losers).toHaveLength(JOBS - 1)
    for (const loser of losers) expect(loser.errors[0]).toMatch(/refresh_token_rotates is true/)
  })

  test('the winner dies before it saves, not rotating: the others refresh themselves after the wait', async () => {
    server = await startFakeClayton({ rotate: false })
    cache = await startFakeCacheService()
    server.fail('/oauth2/token', { kind: 'hang' })
    const results = await matrix(
      server.refreshInputs({ cache: 'true', timeout: '3', max_attempts: '1' })
    )
    const losers = results.filter(r => r.exitCode === 0)
    expect(losers).toHaveLength(JOBS - 1)
    for (const loser of losers) {
      expect(loser.errors).toEqual([])
      expect(loser.stdout).toMatch(/Another job of this run is refreshing/)
      expect(server.isValidAccessToken(loser.outputs.access_token)).toBe(true)
      expect(loser.durationMs).toBeLessThan(30_000)
    }
    // Each refreshes after the wait, unless it sees the state one of them saved first.
    const refreshed = losers.filter(r =>
      /saved no token state within 3 s; refreshing here/.test(r.stdout)
    )
    expect(refreshed.length).toBeGreaterThan(0)
    expect(server.tokenRequests()).toHaveLength(1 + refreshed.length)
  })
})

describe('a cache service that cannot take a claim: as without one', () => {
  test('read-only cache token: no claim is lost, every job refreshes, with a warning', async () => {
    server = await startFakeClayton({ rotate: false })
    cache = await startFakeCacheService()
    cache.setReadOnly(true)
    // Were a refused create taken for a lost claim, these jobs would wait and then fail closed.
    const results = await matrix(
      server.refreshInputs({ cache: 'true', refresh_token_rotates: 'true' })
    )
    for (const result of results) {
      expect(result.exitCode).toBe(0)
      expect(result.outputs.token_source).toBe('refresh')
      expect(result.warnings).toEqual([
        expect.stringMatching(/^Token cache: could not claim this refresh .*cache write denied/)
      ])
      expect(result.stdout).not.toMatch(/Another job of this run/)
    }
    expect(server.tokenRequests()).toHaveLength(JOBS)
    expect(cache.requests.filter(r => r.rpc === 'CreateCacheEntry')).toHaveLength(JOBS)
  })

  test('the cache service down: every job refreshes, with a warning, as without the claim', async () => {
    server = await startFakeClayton({ rotate: false })
    cache = await startFakeCacheService()
    cache.setDown(true, 'reset')
    const results = await matrix(
      server.refreshInputs({ cache: 'true', refresh_token_rotates: 'true' })
    )
    for (const result of results) {
      expect(result.exitCode).toBe(0)
      expect(result.outputs.token_source).toBe('refresh')
      expect(result.warnings).toEqual([expect.stringMatching(/^Token cache: could not restore/)])
    }
    expect(server.tokenRequests()).toHaveLength(JOBS)
    expect(cache.requests.some(r => r.rpc === 'CreateCacheEntry')).toBe(false)
  })
})
