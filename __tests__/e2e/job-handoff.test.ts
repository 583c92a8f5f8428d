import { afterEach, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { makeRunDirs, REPO_ROOT, type RunDirs, type RunResult } from '../support/action-runner.mjs'
import { startFakeCacheService, type FakeCacheService } from '../support/fake-cache-service.js'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'
import { startOidcServer, type OidcServer } from '../support/oidc-server.js'

// Steps of one job share RUNNER_TEMP; the action hands its token state from one step to the next
// in sealed files there, whatever the cache setting (src/lifecycle/job-token-store.ts).

let server: FakeClayton | undefined
let oidc: OidcServer | undefined
let cache: FakeCacheService | undefined
const runner = useActionRunner(() => [...(server?.secrets() ?? []), ...(oidc?.secrets() ?? [])])

afterEach(async () => {
  await Promise.all([server?.close(), oidc?.close(), cache?.close()])
  server = oidc = cache = undefined
})

const ok = (result: RunResult) => {
  expect(result.errors).toEqual([])
  expect(result.exitCode).toBe(0)
}

const DIST = join(REPO_ROOT, 'dist')
const LOADED_FILES = join(REPO_ROOT, 'scripts', 'bench', 'loaded-files.mjs')

/** The dist/ chunk that holds @actions/http-client (and with it Node's https and tls). */
function httpClientChunks(): string[] {
  return readdirSync(DIST)
    .filter(name => name.endsWith('.js'))
    .filter(name => readFileSync(join(DIST, name), 'utf8').includes('createSecureSocket'))
}

/** dist/ files a run loaded, from the list scripts/bench/loaded-files.mjs wrote. */
function loadedChunks(list: string): string[] {
  return readFileSync(list, 'utf8')
    .split('\n')
    .filter(url => url.startsWith('file:'))
    .map(url => fileURLToPath(url))
    .filter(path => path.startsWith(DIST + '/'))
    .map(path => path.slice(DIST.length + 1))
}

const jobFiles = (dirs: RunDirs) =>
  readdirSync(dirs.runnerTemp).filter(name => name.startsWith('clayton-oauth-job-'))

/** A rotating oidc-provider that revokes the whole grant when a spent refresh token comes back. */
async function rotatingGrant() {
  oidc = await startOidcServer({ rotate: true })
  const client = oidc.clients.post
  return {
    client_id: client.id,
    client_secret: client.secret,
    base_url: oidc.issuer,
    token_url: oidc.tokenUrl,
    scope: oidc.scope,
    refresh_token: await oidc.getRefreshToken(client),
    // Longer than the access token's life: every step must refresh.
    cache_min_ttl: '7200'
  }
}

describe('later steps of the same job', () => {
  test('a second step reuses the first step’s access token: one token request in all', async () => {
    server = await startFakeClayton()
    const dirs = makeRunDirs()
    const inputs = server.refreshInputs()
    const first = await runner.run({ inputs, dirs })
    ok(first)
    expect(first.outputs.token_source).toBe('refresh')
    const list = join(dirs.root, 'loaded-files.txt')
    const second = await runner.run({
      inputs,
      dirs,
      env: {
        NODE_OPTIONS: `--import=${pathToFileURL(LOADED_FILES).href}`,
        BENCH_LOADED_FILES: list
      }
    })
    ok(second)
    expect(server.tokenRequests()).toHaveLength(1)
    // It sent nothing, so it never loaded the HTTP client (nor https and tls with it).
    const chunks = httpClientChunks()
    expect(chunks).toHaveLength(1)
    expect(loadedChunks(list).length).toBeGreaterThan(1)
    expect(loadedChunks(list)).not.toContain(chunks[0])
    expect(second.outputs.token_source).toBe('job')
    expect(second.outputs.access_token).toBe(first.outputs.access_token)
    expect(second.outputs.refresh_token).toBe('')
    expect(second.outputs.refresh_token_saved_to).toBe('')
    expect(Number(second.outputs.expires_in)).toBeGreaterThan(5300)
    expect(second.masks).toContain(second.outputs.access_token)
    expect(second.stdout).toContain('Access token reused from an earlier step of this job')
    expect(second.summary).toContain('reused from an earlier step of this job')

    // One sealed file in RUNNER_TEMP, readable by the runner's user only, nothing in the workspace.
    const files = jobFiles(dirs)
    expect(files).toHaveLength(1)
    const path = join(dirs.runnerTemp, files[0])
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const bytes = readFileSync(path)
    for (const value of [...server.secrets(), server.clientSecret, first.outputs.access_token]) {
      expect(bytes.includes(value)).toBe(false)
      expect(files[0]).not.toContain(value.slice(0, 8))
    }
    expect(Object.keys(second.workspaceFiles)).toEqual([])
  })

  test('a rotating oidc-provider: the later step refreshes with the rotated token, not the spent input', async () => {
    const inputs = await rotatingGrant()
    const dirs = makeRunDirs()
    const before = oidc!.tokenRequestCount()
    const first = await runner.run({ inputs, dirs })
    ok(first)
    expect(first.outputs.refresh_token_rotated).toBe('true')
    const second = await runner.run({ inputs, dirs })
    ok(second)
    expect(oidc!.tokenRequestCount() - before).toBe(2)
    expect(second.outputs.token_source).toBe('refresh')
    expect(second.outputs.refresh_token_rotated).toBe('true')
    expect(second.outputs.refresh_token).not.toBe(first.outputs.refresh_token)
    expect(second.outputs.access_token).not.toBe(first.outputs.access_token)
  })

  test.each<[string, Record<string, string>]>([
    ['another scope', { scope: 'workspace reviews' }],
    ['another refresh token (another grant)', { refresh_token: 'a-second-grant' }],
    ['another client secret', { client_secret: 'another-secret-value' }]
  ])('%s in the same job: nothing is reused', async (_name, change) => {
    server = await startFakeClayton()
    const dirs = makeRunDirs()
    const inputs = server.refreshInputs()
    ok(await runner.run({ inputs, dirs }))
    const second = await runner.run({ inputs: { ...inputs, ...change }, dirs })
    // The fake refuses the made-up grant and secret; what matters is that it was asked.
    expect(second.outputs.token_source ?? '').not.toBe('job')
    expect(server.tokenRequests()).toHaveLength(2)
  })

  test('a file that does not open: the token it replaced is not sent again, and the step says why', async () => {
    server = await startFakeClayton()
    const dirs = makeRunDirs()
    const inputs = server.refreshInputs()
    ok(await runner.run({ inputs, dirs }))
    const [name] = jobFiles(dirs)
    const path = join(dirs.runnerTemp, name)
    const bytes = readFileSync(path)
    bytes[bytes.length - 1] ^= 1
    writeFileSync(path, bytes)
    const second = await runner.run({ inputs, dirs, env: { RUNNER_DEBUG: '1' } })
    expect(second.exitCode).toBe(1)
    expect(second.errors.join('\n')).toContain('Token request not sent')
    expect(server.tokenRequests()).toHaveLength(1)
    expect(second.stdout).toContain('does not open: ignored, and that token is not sent')
  })

  test('revoke: true on the later step only: its post step revokes the token it reused', async () => {
    server = await startFakeClayton()
    const calls: URLSearchParams[] = []
    server.route('POST', '/oauth2/revoke', (req, res) => {
      calls.push(req.form)
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('')
    })
    const dirs = makeRunDirs()
    const base = server.refreshInputs()
    const first = await runner.run({ inputs: base, dirs })
    ok(first)
    const inputs = { ...base, revoke: 'true' }
    const second = await runner.run({ inputs, dirs })
    ok(second)
    expect(second.outputs.token_source).toBe('job')
    const post = await runner.run({ inputs, dirs, entry: 'post', state: second.state })
    ok(post)
    expect(calls.map(form => form.get('token'))).toEqual([first.outputs.access_token])
  })
})

describe('the job hand-off cannot be turned against the chain', () => {
  test('a state copied after one step and put back after a later rotation: the next step still sends the newest token', async () => {
    const inputs = await rotatingGrant()
    const dirs = makeRunDirs()
    ok(await runner.run({ inputs, dirs }))
    const copies = jobFiles(dirs).map(
      name => [name, readFileSync(join(dirs.runnerTemp, name))] as const
    )
    expect(copies).toHaveLength(1)
    ok(await runner.run({ inputs, dirs }))
    for (const [name, bytes] of copies) writeFileSync(join(dirs.runnerTemp, name), bytes)
    // Reuse of a spent token would revoke the grant: this step and the next would fail.
    const third = await runner.run({ inputs, dirs })
    ok(third)
    expect(third.outputs.refresh_token_rotated).toBe('true')
    ok(await runner.run({ inputs, dirs }))
  })

  test.each([
    ['cache: true, then cache: false', 'true', 'false'],
    ['cache: false, then cache: true', 'false', 'true']
  ])('%s: the later step refreshes with the rotated token', async (_name, first, second) => {
    const inputs = await rotatingGrant()
    cache = await startFakeCacheService()
    const dirs = makeRunDirs()
    const env = { ...cache.env(), GITHUB_SERVER_URL: 'https://github.com' }
    const one = await runner.run({ inputs: { ...inputs, cache: first }, dirs, env })
    ok(one)
    expect(one.outputs.refresh_token_rotated).toBe('true')
    const two = await runner.run({ inputs: { ...inputs, cache: second }, dirs, env })
    ok(two)
    expect(two.outputs.refresh_token_rotated).toBe('true')
    // And the chain is still alive for a step after both.
    ok(await runner.run({ inputs: { ...inputs, cache: first }, dirs, env }))
  })

  test('a FIFO in place of the state: the next step ends at once instead of waiting for a writer', async () => {
    server = await startFakeClayton()
    const dirs = makeRunDirs()
    const inputs = server.refreshInputs()
    ok(await runner.run({ inputs, dirs }))
    const [name] = jobFiles(dirs)
    rmSync(join(dirs.runnerTemp, name))
    execFileSync('mkfifo', [join(dirs.runnerTemp, name)])
    const second = await runner.run({ inputs, dirs, timeoutMs: 20_000 })
    expect(second.timedOut).toBe(false)
    expect(second.durationMs).toBeLessThan(15_000)
    // The name says an earlier step exchanged the input: it is not sent again.
    expect(second.errors.join('\n')).toContain('Token request not sent')
    expect(server.tokenRequests()).toHaveLength(1)
  })

  test('without RUNNER_TEMP there is no hand-off: a later job never reuses an earlier job’s token', async () => {
    server = await startFakeClayton()
    // The system temp folder of both jobs: it outlives a job, which is why it is not used.
    const shared = makeRunDirs()
    const env = { RUNNER_TEMP: undefined, TMPDIR: shared.runnerTemp, RUNNER_DEBUG: '1' }
    const inputs = server.refreshInputs({ revoke: 'true' })
    const first = await runner.run({ inputs, env })
    ok(first)
    expect(first.stdout).toContain('RUNNER_TEMP is not set: no token state is handed')
    const second = await runner.run({ inputs, env })
    ok(second)
    expect(second.outputs.token_source).toBe('refresh')
    expect(second.outputs.access_token).not.toBe(first.outputs.access_token)
    expect(server.tokenRequests()).toHaveLength(2)
    expect(readdirSync(shared.runnerTemp).filter(n => n.startsWith('clayton-oauth-job-'))).toEqual(
      []
    )
  })
})
