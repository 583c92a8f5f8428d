import { beforeEach, describe, expect, it } from '@jest/globals'
import type { IncomingHttpHeaders } from 'node:http'
import { Http } from '../../src/http/client.js'
import type { ClientSettings } from '../../src/settings/inputs.js'
import { revokeAccessToken } from '../../src/lifecycle/revoke.js'
import { basicCredential } from '../../src/token/token-client.js'
import { afterThisTest, startServer, type LoopbackServer } from '../support/loopback-server.js'

const TOKEN = 'access-token-5e4d3c2b1a'
const client: ClientSettings = {
  id: 'client id/1',
  secret: 'sec:ret+&=',
  auth: 'client_secret_post'
}

interface Seen {
  method: string
  path: string
  headers: IncomingHttpHeaders
  form: URLSearchParams
}

let server: LoopbackServer
let answer: { status: number; body: string }
let revokeUrl: URL
let http: Http

/** What the loopback provider received, with the form decoded. */
const seenRequests = (): Seen[] =>
  server.requests.map(r => ({
    method: r.method ?? '',
    path: r.url ?? '',
    headers: r.headers,
    form: new URLSearchParams(r.body)
  }))

beforeEach(async () => {
  answer = { status: 200, body: '' }
  server = await startServer((_req, res) => {
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body)
  })
  revokeUrl = new URL(`${server.origin}/oauth2/revoke`)
  http = new Http(
    'clayton-oauth-action/test',
    { timeoutMs: 5000, maxAttempts: 2 },
    () => {},
    () => 0
  )
  afterThisTest(() => http.dispose())
})

describe('revokeAccessToken', () => {
  it('client_secret_post: POSTs token, hint and client credentials in the form', async () => {
    expect(await revokeAccessToken(http, { revokeUrl, client, token: TOKEN })).toEqual({ ok: true })
    expect(seenRequests()).toHaveLength(1)
    const [request] = seenRequests()
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/oauth2/revoke')
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(request.headers.authorization).toBeUndefined()
    expect(Object.fromEntries(request.form)).toEqual({
      token: TOKEN,
      token_type_hint: 'access_token',
      client_id: client.id,
      client_secret: client.secret
    })
  })

  it('client_secret_basic: authenticates with the Basic header only, never both', async () => {
    const basic = { ...client, auth: 'client_secret_basic' as const }
    expect(await revokeAccessToken(http, { revokeUrl, client: basic, token: TOKEN })).toEqual({
      ok: true
    })
    const [request] = seenRequests()
    expect(request.headers.authorization).toBe(`Basic ${basicCredential(client.id, client.secret)}`)
    expect(Object.fromEntries(request.form)).toEqual({
      token: TOKEN,
      token_type_hint: 'access_token'
    })
  })

  it("a refusal gives the provider's error and description, without the token or secret", async () => {
    answer = {
      status: 401,
      body: JSON.stringify({
        error: 'invalid_client',
        error_description: `client authentication failed for token ${TOKEN} with secret ${client.secret}\n`
      })
    }
    const outcome = await revokeAccessToken(http, { revokeUrl, client, token: TOKEN })
    expect(outcome.ok).toBe(false)
    const reason = (outcome as { reason: string }).reason
    expect(reason).toMatch(
      /HTTP 401 invalid_client \(client authentication failed for token \*\*\*/
    )
    expect(reason).toMatch(/Check client_id, client_secret and client_auth/)
    expect(reason).not.toContain(TOKEN)
    expect(reason).not.toContain(client.secret)
    expect(reason).not.toMatch(/\n/)
  })

  it('a provider that keeps failing: retried, then a reason instead of an exception', async () => {
    answer = { status: 503, body: '<html>down</html>' }
    const outcome = await revokeAccessToken(http, { revokeUrl, client, token: TOKEN })
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/answered HTTP 503\.$/) })
    expect(seenRequests()).toHaveLength(2)
  })

  it('an unreachable provider: a reason, never a throw', async () => {
    await server.close()
    const outcome = await revokeAccessToken(http, { revokeUrl, client, token: TOKEN })
    expect(outcome).toEqual({
      ok: false,
      reason: expect.stringMatching(/^Token revocation to .* failed .*ECONNREFUSED/)
    })
  })
})
