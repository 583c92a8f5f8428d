import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startOidcServer, type OidcClient, type OidcServer } from '../support/oidc-server.js'
import { useActionRunner } from '../support/leak-check.js'

// A certified third-party authorization server, to prove the action speaks plain RFC 6749.
const servers: OidcServer[] = []
const runner = useActionRunner(() => servers.flatMap(s => s.secrets()))

let rotating: OidcServer
let stable: OidcServer
beforeAll(async () => {
  rotating = await startOidcServer({ rotate: true })
  stable = await startOidcServer({ rotate: false })
  servers.push(rotating, stable)
})
afterAll(async () => {
  await Promise.all(servers.map(s => s.close()))
})

function clientInputs(server: OidcServer, client: OidcClient): Record<string, string> {
  return {
    client_id: client.id,
    client_secret: client.secret,
    client_auth: client.auth,
    base_url: server.issuer,
    token_url: server.tokenUrl,
    scope: server.scope,
    redirect_uri: server.redirectUri
  }
}

describe.each(['post', 'basic'] as const)('oidc-provider, client_secret_%s', kind => {
  test('refresh with rotation: new refresh token, flagged, and it works for the next run', async () => {
    const client = rotating.clients[kind]
    const refreshToken = await rotating.getRefreshToken(client)
    const first = await runner.run({
      inputs: { ...clientInputs(rotating, client), refresh_token: refreshToken }
    })
    expect(first.errors).toEqual([])
    expect(first.outputs.access_token).not.toBe('')
    expect(first.outputs.token_type).toBe('Bearer')
    expect(first.outputs.expires_in).toBe('3600')
    expect(first.outputs.refresh_token_rotated).toBe('true')
    expect(first.outputs.refresh_token).not.toBe(refreshToken)

    const second = await runner.run({
      inputs: { ...clientInputs(rotating, client), refresh_token: first.outputs.refresh_token }
    })
    expect(second.errors).toEqual([])
    expect(second.outputs.refresh_token_rotated).toBe('true')
  })

  test('refresh without rotation: the same refresh token, not flagged, reusable', async () => {
    const client = stable.clients[kind]
    const refreshToken = await stable.getRefreshToken(client)
    for (let i = 0; i < 2; i++) {
      const result = await runner.run({
        inputs: { ...clientInputs(stable, client), refresh_token: refreshToken }
      })
      expect(result.errors).toEqual([])
      expect(result.outputs.refresh_token_rotated).toBe('false')
      expect(result.outputs.token_source).toBe('refresh')
    }
  })

  test('code exchange', async () => {
    const client = stable.clients[kind]
    const code = await stable.getCode(client)
    const result = await runner.run({ inputs: { ...clientInputs(stable, client), code } })
    expect(result.errors).toEqual([])
    expect(result.outputs.token_source).toBe('code')
    expect(result.outputs.refresh_token).not.toBe('')
    expect(result.outputs.scope).toBe('workspace')
  })

  test('a spent refresh token gets invalid_grant with the fix', async () => {
    const client = rotating.clients[kind]
    const refreshToken = await rotating.getRefreshToken(client)
    const inputs = { ...clientInputs(rotating, client), refresh_token: refreshToken }
    await runner.run({ inputs })
    const again = await runner.run({ inputs })
    expect(again.exitCode).toBe(1)
    expect(again.errors).toHaveLength(1)
    expect(again.errors[0]).toMatch(/invalid_grant/)
  })
})
