import { afterEach, describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { makeRunDirs, REPO_ROOT, type RunDirs, type RunResult } from '../support/action-runner.js'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'
import { startOidcServer, type OidcServer } from '../support/oidc-server.js'

// Steps of one job share RUNNER_TEMP; with the cache off, the action hands its token state from
// one step to the next in a sealed file there (src/lifecycle/job-token-store.ts).

let server: FakeClayton | undefined
let oidc: OidcServer | undefined
const runner = useActionRunner(() => [...(server?.secrets() ?? []), ...(oidc?.secrets() ?? [])])

afterEach(async () => {
  await Promise.all([server?.close(), oidc?.close()])
  server = oidc = undefined
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

describe('later steps of the same job (cache off)', () => {
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
    oidc = await startOidcServer({ rotate: true })
    const client = oidc.clients.post
    const dirs = makeRunDirs()
    const inputs = {
      client_id: client.id,
      client_secret: client.secret,
      base_url: oidc.issuer,
      token_url: oidc.tokenUrl,
      scope: oidc.scope,
      refresh_token: await oidc.getRefreshToken(client),
      // Longer than the access token's life: the later step must refresh.
      cache_min_ttl: '7200'
    }
    const before = oidc.tokenRequestCount()
    const first = await runner.run({ inputs, dirs })
    ok(first)
    expect(first.outputs.refresh_token_rotated).toBe('true')
    const second = await runner.run({ inputs, dirs })
    ok(second)
    expect(oidc.tokenRequestCount() - before).toBe(2)
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

  test('a file that does not open is ignored: the step refreshes as if it were not there', async () => {
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
    ok(second)
    expect(second.outputs.token_source).toBe('refresh')
    expect(server.tokenRequests()).toHaveLength(2)
    expect(second.stdout).toContain('does not open: ignored')
  })

  test('cache: true leaves no job file: the Actions cache carries the state instead', async () => {
    server = await startFakeClayton()
    const dirs = makeRunDirs()
    // No cache service is reachable: the cache misses with a warning, the refresh still works.
    ok(await runner.run({ inputs: server.refreshInputs({ cache: 'true' }), dirs }))
    expect(jobFiles(dirs)).toEqual([])
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
