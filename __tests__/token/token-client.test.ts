import type { IncomingHttpHeaders } from 'node:http'
import { describe, expect, jest, test } from '@jest/globals'
import { ActionError } from '../../src/common/errors.js'
import type { Http, HttpRequest, HttpResponse } from '../../src/http/client.js'
import type { ClientAuth, Grant, TokenSettings } from '../../src/settings/inputs.js'
import {
  basicCredential,
  buildTokenRequest,
  interpretTokenResponse,
  MAX_EXPIRES_IN_S,
  maskTokenFields,
  requestToken,
  type Mask
} from '../../src/token/token-client.js'

// Characters that form-urlencoding changes, and ':' which separates id from secret in Basic.
const CLIENT_ID = 'my client:1'
const CLIENT_SECRET = 'p a+s:s/%é'
const REFRESH_GRANT: Grant = { type: 'refresh_token', refreshToken: 'rt-old' }
const CODE_GRANT: Grant = {
  type: 'authorization_code',
  code: 'the code+1',
  redirectUri: 'https://app.clayton.io/authorized'
}

function settings(
  overrides: { grant?: Grant; auth?: ClientAuth; scope?: string; tokenUrl?: string } = {}
): TokenSettings {
  return {
    client: { id: CLIENT_ID, secret: CLIENT_SECRET, auth: overrides.auth ?? 'client_secret_post' },
    grant: overrides.grant ?? REFRESH_GRANT,
    tokenUrl: new URL(overrides.tokenUrl ?? 'https://auth.example/prefix/oauth2/token'),
    scope: overrides.scope ?? 'workspace'
  }
}

function formOf(request: HttpRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.body ?? ''))
}

function response(
  status: number,
  body: unknown,
  extra: Partial<HttpResponse> & { headers?: IncomingHttpHeaders } = {}
): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    attempts: 1,
    earlierAttemptMayHaveLanded: false,
    ...extra
  }
}

describe('basicCredential (RFC 6749 §2.3.1)', () => {
  test('form-urlencodes id and secret before base64', () => {
    const decoded = Buffer.from(basicCredential(CLIENT_ID, CLIENT_SECRET), 'base64').toString()
    expect(decoded).toBe('my+client%3A1:p+a%2Bs%3As%2F%25%C3%A9')
  })

  test('plain values are unchanged', () => {
    expect(basicCredential('id', 'secret')).toBe(Buffer.from('id:secret').toString('base64'))
  })
})

describe('buildTokenRequest', () => {
  test('refresh with client_secret_post: credentials in the body, no Authorization', () => {
    const request = buildTokenRequest(settings())
    expect(request).toMatchObject({ method: 'POST', label: 'Token request', retry: 'always' })
    expect(request.url.href).toBe('https://auth.example/prefix/oauth2/token')
    expect(formOf(request)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-old',
      scope: 'workspace',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET
    })
    expect(request.headers).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded'
    })
  })

  test('refresh with client_secret_basic: Basic header only, nothing in the body', () => {
    const request = buildTokenRequest(settings({ auth: 'client_secret_basic' }))
    expect(request.headers.Authorization).toBe(
      `Basic ${Buffer.from('my+client%3A1:p+a%2Bs%3As%2F%25%C3%A9').toString('base64')}`
    )
    const form = formOf(request)
    expect(form).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-old',
      scope: 'workspace'
    })
    expect(request.body).not.toContain('client_secret')
    expect(request.body).not.toContain('client_id')
  })

  test.each(['client_secret_post', 'client_secret_basic'] as const)(
    'code exchange with %s: code in the query string AND the body, with redirect_uri',
    auth => {
      const request = buildTokenRequest(settings({ grant: CODE_GRANT, auth }))
      expect(request.url.searchParams.get('code')).toBe('the code+1')
      expect(request.url.pathname).toBe('/prefix/oauth2/token')
      const form = formOf(request)
      expect(form).toMatchObject({
        grant_type: 'authorization_code',
        code: 'the code+1',
        redirect_uri: 'https://app.clayton.io/authorized',
        scope: 'workspace'
      })
      expect(form.refresh_token).toBeUndefined()
    }
  )

  test.each([
    ['client_secret_post', false, true],
    ['client_secret_basic', true, false]
  ] as const)('%s never uses both client auth methods', (auth, header, body) => {
    for (const grant of [REFRESH_GRANT, CODE_GRANT]) {
      const request = buildTokenRequest(settings({ grant, auth }))
      expect('Authorization' in request.headers).toBe(header)
      expect('client_secret' in formOf(request)).toBe(body)
      expect('client_id' in formOf(request)).toBe(body)
    }
  })

  test('a refresh puts nothing in the query string', () => {
    expect(buildTokenRequest(settings()).url.search).toBe('')
  })

  test('keeps a query string token_url already has', () => {
    const request = buildTokenRequest(
      settings({ grant: CODE_GRANT, tokenUrl: 'https://auth.example/token?tenant=t1' })
    )
    expect(request.url.searchParams.get('tenant')).toBe('t1')
    expect(request.url.searchParams.get('code')).toBe('the code+1')
  })

  test.each([REFRESH_GRANT, CODE_GRANT])('an empty scope is omitted ($type)', grant => {
    expect('scope' in formOf(buildTokenRequest(settings({ grant, scope: '' })))).toBe(false)
  })

  // The seed's requests: the provider's refresh sends no scope, its code exchange sends workspace.
  test.each([
    ['refresh, scope auto', REFRESH_GRANT, undefined, undefined],
    ['code, scope auto', CODE_GRANT, undefined, 'workspace'],
    ['refresh, scope set', REFRESH_GRANT, 'workspace read', 'workspace read'],
    ['code, scope set', CODE_GRANT, 'workspace read', 'workspace read']
  ])('%s → scope %p', (_, grant, scope, sent) => {
    const base = settings({ grant })
    const request = buildTokenRequest({ ...base, scope })
    expect(formOf(request).scope).toBe(sent)
  })

  test('does not change the settings it was given', () => {
    const given = settings({ grant: CODE_GRANT })
    buildTokenRequest(given)
    expect(given.tokenUrl.search).toBe('')
  })
})

describe('interpretTokenResponse: masking comes first', () => {
  const tokens = { access_token: 'AT-1', refresh_token: 'RT-2', id_token: 'ID-3' }

  test('masks access, refresh and id tokens of a good response', () => {
    const mask = jest.fn<Mask>()
    interpretTokenResponse(response(200, { ...tokens, token_type: 'Bearer' }), settings(), mask)
    expect(mask.mock.calls).toEqual([['AT-1'], ['RT-2'], ['ID-3']])
  })

  test('masks the tokens before throwing on an error status', () => {
    const mask = jest.fn<Mask>()
    const call = () =>
      interpretTokenResponse(response(400, { error: 'invalid_grant', ...tokens }), settings(), mask)
    expect(call).toThrow(ActionError)
    expect(mask.mock.calls).toEqual([['AT-1'], ['RT-2'], ['ID-3']])
  })

  test('masks the tokens before throwing on a missing access_token', () => {
    const mask = jest.fn<Mask>()
    const call = () =>
      interpretTokenResponse(
        response(200, { refresh_token: 'RT-2', id_token: 'ID-3' }),
        settings(),
        mask
      )
    expect(call).toThrow(/has no access_token \(fields: refresh_token, id_token\)/)
    expect(mask.mock.calls).toEqual([['RT-2'], ['ID-3']])
  })

  test('never masks harmless values', () => {
    const mask = jest.fn<Mask>()
    interpretTokenResponse(
      response(200, {
        access_token: 'AT',
        token_type: 'Bearer',
        scope: 'workspace',
        expires_in: 60
      }),
      settings(),
      mask
    )
    expect(mask.mock.calls).toEqual([['AT']])
  })
})

describe('interpretTokenResponse: a good response', () => {
  const mask: Mask = () => {}

  test('reads every field of the provider documented answer', () => {
    const result = interpretTokenResponse(
      response(200, {
        access_token: 'AT',
        refresh_token: 'rt-old',
        scope: 'workspace read',
        token_type: 'Bearer',
        expires_in: 5399
      }),
      settings(),
      mask
    )
    expect(result).toEqual({
      accessToken: 'AT',
      tokenType: 'Bearer',
      expiresIn: 5399,
      scope: 'workspace read',
      refreshToken: 'rt-old',
      source: 'refresh',
      rotated: false
    })
  })

  test('scope falls back to the requested one; token_type to Bearer; no expires_in stays absent', () => {
    const result = interpretTokenResponse(
      response(200, { access_token: 'AT' }),
      settings({ scope: 'requested' }),
      mask
    )
    expect(result.scope).toBe('requested')
    expect(result.tokenType).toBe('Bearer')
    expect(result.expiresIn).toBeUndefined()
    expect(result.refreshToken).toBeUndefined()
  })

  test.each([
    ['a number', 3600, 3600],
    ['a string', '5399', 5399],
    ['a fraction', 59.9, 59],
    ['negative', -1, undefined],
    ['not a number', 'soon', undefined],
    ['an empty string', '', undefined],
    ['null', null, undefined]
  ])('expires_in as %s → %j', (_name, expiresIn, expected) => {
    const result = interpretTokenResponse(
      response(200, { access_token: 'AT', expires_in: expiresIn }),
      settings(),
      mask
    )
    expect(result.expiresIn).toBe(expected)
  })

  test.each([
    ['past the Date range', 1e16],
    ['a string past the Date range', '1e16'],
    ['just over ten years', MAX_EXPIRES_IN_S + 1],
    ['"1e400" (Infinity once parsed)', '1e400']
  ])('expires_in %s is clamped to ten years, with a debug line', (_name, expiresIn) => {
    const debug: string[] = []
    const result = interpretTokenResponse(
      response(200, { access_token: 'AT', expires_in: expiresIn }),
      settings(),
      mask,
      message => debug.push(message)
    )
    expect(result.expiresIn).toBe(MAX_EXPIRES_IN_S)
    expect(debug).toEqual([expect.stringMatching(/longer than ten years: taken as 315360000 s/)])
    // Every date computed from it is valid.
    expect(() => new Date(Date.now() + result.expiresIn! * 1000).toISOString()).not.toThrow()
  })

  test('ten years exactly is taken as given, without a debug line', () => {
    const debug: string[] = []
    const result = interpretTokenResponse(
      response(200, { access_token: 'AT', expires_in: MAX_EXPIRES_IN_S }),
      settings(),
      mask,
      message => debug.push(message)
    )
    expect(result.expiresIn).toBe(MAX_EXPIRES_IN_S)
    expect(debug).toEqual([])
  })

  test.each([
    ['a refresh returning a different token', REFRESH_GRANT, 'rt-new', true],
    ['a refresh returning the same token', REFRESH_GRANT, 'rt-old', false],
    ['a refresh returning no token', REFRESH_GRANT, undefined, false],
    ['a refresh returning an empty token', REFRESH_GRANT, '', false],
    ['a code exchange returning a token', CODE_GRANT, 'rt-new', false]
  ])('rotated: %s → %s', (_name, grant, refreshToken, rotated) => {
    const result = interpretTokenResponse(
      response(200, { access_token: 'AT', refresh_token: refreshToken }),
      settings({ grant }),
      mask
    )
    expect(result.rotated).toBe(rotated)
  })

  test('source is code for a code exchange, and its refresh token is returned', () => {
    const result = interpretTokenResponse(
      response(200, { access_token: 'AT', refresh_token: 'rt-first' }),
      settings({ grant: CODE_GRANT }),
      mask
    )
    expect(result.source).toBe('code')
    expect(result.refreshToken).toBe('rt-first')
  })
})

describe('interpretTokenResponse: failures', () => {
  const mask: Mask = () => {}

  test('an OAuth error is explained with status, error, description, attempts and advice', () => {
    const call = () =>
      interpretTokenResponse(
        response(
          400,
          { error: 'invalid_grant', error_description: 'Token is not active' },
          { attempts: 2, earlierAttemptMayHaveLanded: true }
        ),
        settings(),
        mask
      )
    expect(call).toThrow(ActionError)
    expect(call).toThrow(
      /^Token request failed: HTTP 400 invalid_grant \(Token is not active\) after 2 attempts\. The refresh token is expired/
    )
    expect(call).toThrow(/may have consumed the token/)
  })

  test('the context passed on names the grant and client_auth in use', () => {
    const call = () =>
      interpretTokenResponse(
        response(401, { error: 'invalid_client' }),
        settings({ auth: 'client_secret_basic' }),
        mask
      )
    expect(call).toThrow('client_auth (now client_secret_basic; the provider may expect')
  })

  test('Retry-After that ended the retries is explained', () => {
    const call = () =>
      interpretTokenResponse(response(429, '', { retryAfterMs: 120_000 }), settings(), mask)
    expect(call).toThrow('asked to wait 120 s (Retry-After)')
  })

  test('a 200 with a body that is not JSON: says so without echoing the body', () => {
    const body = '<html>login page with SENSITIVE-VALUE</html>'
    const call = () =>
      interpretTokenResponse(
        response(200, body, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
        settings(),
        mask
      )
    expect(call).toThrow(ActionError)
    expect(call).toThrow(
      `HTTP 200 with a body that is not a JSON object (${body.length} bytes, Content-Type text/html); the body is not shown`
    )
    expect(call).not.toThrow(/SENSITIVE/)
  })

  test.each([
    ['a JSON array', '["AT"]'],
    ['a JSON string', '"AT"'],
    ['JSON null', 'null'],
    ['a truncated object', '{"access_token":"AT'],
    ['nothing', '']
  ])('a 200 with %s is not a JSON object', (_name, body) => {
    const call = () =>
      interpretTokenResponse(response(200, body, { headers: {} }), settings(), mask)
    expect(call).toThrow('not a JSON object')
    expect(call).toThrow('no Content-Type')
  })

  test('an error status with a non-JSON body does not echo the body', () => {
    const call = () =>
      interpretTokenResponse(response(502, '<h1>Bad gateway SENSITIVE</h1>'), settings(), mask)
    expect(call).toThrow(/^Token request failed: HTTP 502\. The provider is failing/)
    expect(call).not.toThrow(/SENSITIVE/)
  })

  test.each([
    ['missing', { token_type: 'Bearer' }, 'fields: token_type'],
    ['empty', { access_token: '' }, 'fields: access_token'],
    ['not a string', { access_token: 42 }, 'fields: access_token'],
    ['in an empty object', {}, 'fields: none']
  ])('a 200 whose access_token is %s', (_name, body, fields) => {
    expect(() => interpretTokenResponse(response(200, body), settings(), mask)).toThrow(
      `HTTP 200 but the response has no access_token (${fields})`
    )
  })
})

describe('maskTokenFields', () => {
  test('skips empty and non-string values', () => {
    const mask = jest.fn<Mask>()
    maskTokenFields({ access_token: '', refresh_token: 7, id_token: 'ID' }, mask)
    expect(mask.mock.calls).toEqual([['ID']])
  })
})

describe('requestToken', () => {
  test('sends the built request once and interprets the answer', async () => {
    const send = jest.fn<Http['send']>(async () =>
      response(200, { access_token: 'AT', refresh_token: 'rt-new', expires_in: 10 })
    )
    const mask = jest.fn<Mask>()
    const result = await requestToken({ send } as unknown as Http, settings(), mask)
    expect(send).toHaveBeenCalledTimes(1)
    expect(send.mock.calls[0][0]).toEqual(buildTokenRequest(settings()))
    expect(mask.mock.calls).toEqual([['AT'], ['rt-new']])
    expect(result).toMatchObject({ accessToken: 'AT', rotated: true, expiresIn: 10 })
  })
})
