import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startOidcServer, type OidcClient, type OidcServer } from './oidc-server.js'

interface TokenResponse {
  status: number
  body: Record<string, unknown>
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before they go into the Basic header. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2)
}

function basicHeader(client: OidcClient): string {
  const pair = `${formEncode(client.id)}:${formEncode(client.secret)}`
  return `Basic ${Buffer.from(pair).toString('base64')}`
}

async function post(
  url: string,
  client: OidcClient,
  params: Record<string, string>,
  how: 'registered' | 'both' | 'basic-unencoded' = 'registered'
): Promise<TokenResponse> {
  const form = new URLSearchParams(params)
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
  const body = how === 'both' || client.auth === 'client_secret_post'
  const basic = how === 'both' || client.auth === 'client_secret_basic'
  if (body) {
    form.set('client_id', client.id)
    form.set('client_secret', client.secret)
  }
  if (basic) headers.authorization = basicHeader(client)
  if (how === 'basic-unencoded') {
    headers.authorization = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`
  }
  const res = await fetch(url, { method: 'POST', headers, body: form })
  const text = await res.text()
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }
}

/** The code exchange exactly as the action sends it: code in the query string and the form. */
function exchange(server: OidcServer, client: OidcClient, code: string): Promise<TokenResponse> {
  const url = `${server.tokenUrl}?${new URLSearchParams({ code })}`
  return post(url, client, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: server.redirectUri,
    scope: server.scope
  })
}

function refresh(server: OidcServer, client: OidcClient, token: string): Promise<TokenResponse> {
  return post(server.tokenUrl, client, {
    grant_type: 'refresh_token',
    refresh_token: token,
    scope: server.scope
  })
}

function expectTokens(res: TokenResponse): { access: string; refresh: string } {
  expect(res.status).toBe(200)
  expect(res.body).toEqual(
    expect.objectContaining({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: expect.any(Number),
      scope: 'workspace'
    })
  )
  return { access: res.body.access_token as string, refresh: res.body.refresh_token as string }
}

const clientKinds = ['post', 'basic'] as const

describe('oidc-server fixture, rotation on', () => {
  let server: OidcServer
  beforeAll(async () => {
    server = await startOidcServer({ rotate: true })
  })
  afterAll(async () => {
    await server?.close()
  })

  test('exposes loopback endpoints and two clients', () => {
    expect(server.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.tokenUrl).toBe(`${server.issuer}/token`)
    expect(server.revocationUrl).toBe(`${server.issuer}/token/revocation`)
    expect(server.redirectUri).toBe('https://app.clayton.io/authorized')
    expect(server.scope).toBe('workspace')
    expect(server.clients.post.auth).toBe('client_secret_post')
    expect(server.clients.basic.auth).toBe('client_secret_basic')
    expect(server.clients.post.secret).not.toBe(server.clients.basic.secret)
  })

  test.each(clientKinds)(
    '%s client: code exchange, rotating refresh, reuse refused',
    async kind => {
      const client = server.clients[kind]
      const before = server.tokenRequestCount()
      const code = await server.getCode(client)
      expect(server.secrets()).toContain(code)

      const first = expectTokens(await exchange(server, client, code))
      const second = expectTokens(await refresh(server, client, first.refresh))
      expect(second.refresh).not.toBe(first.refresh)
      expect(second.access).not.toBe(first.access)

      const reuse = await refresh(server, client, first.refresh)
      expect(reuse.status).toBe(400)
      expect(reuse.body.error).toBe('invalid_grant')
      // oidc-provider revokes the whole grant on reuse: the newer refresh token is dead too.
      const after = await refresh(server, client, second.refresh)
      expect(after.body.error).toBe('invalid_grant')

      expect(server.tokenRequestCount() - before).toBe(4)
      const secrets = server.secrets()
      for (const value of [
        client.secret,
        first.access,
        first.refresh,
        second.access,
        second.refresh
      ]) {
        expect(secrets).toContain(value)
      }
    }
  )

  test.each(clientKinds)(
    '%s client: a code works once; its reuse revokes the grant',
    async kind => {
      const client = server.clients[kind]
      const code = await server.getCode(client)
      const first = expectTokens(await exchange(server, client, code))
      const again = await exchange(server, client, code)
      expect(again.status).toBe(400)
      expect(again.body.error).toBe('invalid_grant')
      const res = await refresh(server, client, first.refresh)
      expect(res.body.error).toBe('invalid_grant')
    }
  )

  test.each(clientKinds)('%s client: getRefreshToken gives a usable refresh token', async kind => {
    const client = server.clients[kind]
    const token = await server.getRefreshToken(client)
    expect(server.secrets()).toContain(token)
    const res = await refresh(server, client, token)
    expectTokens(res)
  })

  test('refresh without scope works; a scope beyond the grant is invalid_scope', async () => {
    const client = server.clients.post
    const token = await server.getRefreshToken(client)
    const wider = await post(server.tokenUrl, client, {
      grant_type: 'refresh_token',
      refresh_token: token,
      scope: 'workspace admin'
    })
    expect(wider.status).toBe(400)
    expect(wider.body.error).toBe('invalid_scope')
    const bare = await post(server.tokenUrl, client, {
      grant_type: 'refresh_token',
      refresh_token: token
    })
    expectTokens(bare)
  })

  test.each(clientKinds)(
    '%s client: Basic and body credentials together are refused',
    async kind => {
      const client = server.clients[kind]
      const token = await server.getRefreshToken(client)
      const res = await post(
        server.tokenUrl,
        client,
        { grant_type: 'refresh_token', refresh_token: token, scope: server.scope },
        'both'
      )
      expect(res.status).toBe(400)
      expect(res.body.error).toBe('invalid_request')
      // Nothing was spent: the token still refreshes.
      expectTokens(await refresh(server, client, token))
    }
  )

  test('a client must use its registered authentication method', async () => {
    const { post: postClient, basic: basicClient } = server.clients
    const postToken = await server.getRefreshToken(postClient)
    const basicToken = await server.getRefreshToken(basicClient)

    const postViaBasic = await post(
      server.tokenUrl,
      { ...postClient, auth: 'client_secret_basic' },
      { grant_type: 'refresh_token', refresh_token: postToken }
    )
    expect(postViaBasic.status).toBe(401)
    expect(postViaBasic.body.error).toBe('invalid_client')

    const basicViaPost = await post(
      server.tokenUrl,
      { ...basicClient, auth: 'client_secret_post' },
      { grant_type: 'refresh_token', refresh_token: basicToken }
    )
    expect(basicViaPost.status).toBe(401)
    expect(basicViaPost.body.error).toBe('invalid_client')

    // Neither attempt spent the (rotating) refresh tokens.
    expectTokens(await refresh(server, postClient, postToken))
    expectTokens(await refresh(server, basicClient, basicToken))
  })

  test('Basic credentials must be form-urlencoded (secrets contain + / : % = & ~ and a space)', async () => {
    const client = server.clients.basic
    expect(client.secret).toMatch(/[+/:% =&~]/)
    const token = await server.getRefreshToken(client)
    const res = await post(
      server.tokenUrl,
      client,
      { grant_type: 'refresh_token', refresh_token: token },
      'basic-unencoded'
    )
    expect(res.status).not.toBe(200)
    expect(['invalid_request', 'invalid_client']).toContain(res.body.error)
  })

  test('wrong secret is invalid_client', async () => {
    const client = { ...server.clients.post, secret: 'wrong' }
    const token = await server.getRefreshToken(server.clients.post)
    const res = await refresh(server, client, token)
    expect(res.status).toBe(401)
    expect(res.body.error).toBe('invalid_client')
  })

  test.each(clientKinds)('%s client: RFC 7009 revocation kills the refresh token', async kind => {
    const client = server.clients[kind]
    const token = await server.getRefreshToken(client)
    const revoked = await post(server.revocationUrl, client, {
      token,
      token_type_hint: 'refresh_token'
    })
    expect(revoked.status).toBe(200)
    const unknown = await post(server.revocationUrl, client, { token: 'no-such-token' })
    expect(unknown.status).toBe(200)
    const res = await refresh(server, client, token)
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_grant')
  })
})

describe('oidc-server fixture, rotation off', () => {
  let server: OidcServer
  beforeAll(async () => {
    server = await startOidcServer({ rotate: false })
  })
  afterAll(async () => {
    await server?.close()
  })

  test.each(clientKinds)('%s client: the same refresh token keeps working', async kind => {
    const client = server.clients[kind]
    const code = await server.getCode(client)
    const first = expectTokens(await exchange(server, client, code))

    const second = expectTokens(await refresh(server, client, first.refresh))
    expect(second.refresh).toBe(first.refresh)
    expect(second.access).not.toBe(first.access)

    const third = expectTokens(await refresh(server, client, first.refresh))
    expect(third.refresh).toBe(first.refresh)
    expect(third.access).not.toBe(second.access)
  })

  test.each(clientKinds)(
    '%s client: Basic and body credentials together are refused',
    async kind => {
      const client = server.clients[kind]
      const token = await server.getRefreshToken(client)
      const res = await post(
        server.tokenUrl,
        client,
        { grant_type: 'refresh_token', refresh_token: token },
        'both'
      )
      expect(res.status).toBe(400)
      expect(res.body.error).toBe('invalid_request')
    }
  )
})

describe('oidc-server fixture, close()', () => {
  test('stops listening, is idempotent, and codes differ per server', async () => {
    const a = await startOidcServer({ rotate: true })
    const b = await startOidcServer({ rotate: false }).catch(async (err: unknown) => {
      await a.close()
      throw err
    })
    try {
      expect(a.issuer).not.toBe(b.issuer)
      expect(a.clients.post.secret).not.toBe(b.clients.post.secret)
      const code = await a.getCode(a.clients.post)
      // A code from one server means nothing to the other.
      const foreign = await exchange(b, b.clients.post, code)
      expect(foreign.body.error).toBe('invalid_grant')
    } finally {
      // Keep-alive connections are open from the requests above; close() must not hang on them.
      await Promise.all([a.close(), b.close()])
    }
    await a.close()
    await expect(fetch(a.tokenUrl, { method: 'POST' })).rejects.toThrow()
    await expect(fetch(b.tokenUrl, { method: 'POST' })).rejects.toThrow()
  })
})
