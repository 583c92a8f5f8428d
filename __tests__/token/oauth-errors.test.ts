import { describe, expect, test } from '@jest/globals'
import { explainTokenError, type TokenErrorContext } from '../../src/token/oauth-errors.js'
import { sanitize } from '../../src/common/text.js'

const base: TokenErrorContext = {
  status: 400,
  grant: 'refresh_token',
  clientAuth: 'client_secret_post',
  scope: 'workspace',
  attempts: 1,
  earlierAttemptMayHaveLanded: false
}

function explain(overrides: Partial<TokenErrorContext>): string {
  return explainTokenError({ ...base, ...overrides })
}

describe('explainTokenError: the head names the step, status, error and description', () => {
  test('all parts', () => {
    expect(
      explain({ error: 'invalid_grant', description: 'Token is not active', attempts: 3 })
    ).toMatch(
      /^Token request failed: HTTP 400 invalid_grant \(Token is not active\) after 3 attempts\. /
    )
  })

  test('a single attempt is not counted, absent parts are left out', () => {
    expect(explain({ status: 404 })).toMatch(/^Token request failed: HTTP 404\. /)
  })

  test('the error code is flattened and cut short too', () => {
    const message = explain({ error: `bad\n::warning::${'x'.repeat(200)}` })
    expect(message).not.toMatch(/\n/)
    expect(message).not.toContain('x'.repeat(100))
  })

  test('the description is flattened to one line', () => {
    expect(explain({ error: 'invalid_request', description: 'line one\r\nline two\ttab' })).toMatch(
      /^Token request failed: HTTP 400 invalid_request \(line one line two tab\)\. /
    )
  })
})

describe('explainTokenError: invalid_grant', () => {
  test('refresh: the token is spent; repeat consent and update the secret', () => {
    const text = explain({ error: 'invalid_grant' })
    expect(text).toContain('The refresh token is expired, revoked or already used.')
    expect(text).toContain('update the secret that holds refresh_token')
    expect(text).toContain('store the new one each time')
    expect(text).not.toContain('earlier attempt')
  })

  test('refresh after an attempt whose answer was lost: says rotation may have consumed it', () => {
    const text = explain({ error: 'invalid_grant', earlierAttemptMayHaveLanded: true, attempts: 2 })
    expect(text).toContain('The refresh token is expired, revoked or already used.')
    expect(text).toContain('An earlier attempt of this step failed after reaching the provider')
    expect(text).toContain('may have consumed the token')
  })

  test('code exchange: the code is single-use; redirect_uri must match', () => {
    const text = explain({ error: 'invalid_grant', grant: 'authorization_code' })
    expect(text).toContain('The authorization code is invalid, expired or already used')
    expect(text).toContain('redirect_uri')
    expect(text).not.toContain('refresh token')
  })
})

describe('explainTokenError: invalid_client names the other client_auth', () => {
  test.each([
    ['client_secret_post', 'client_secret_basic'],
    ['client_secret_basic', 'client_secret_post']
  ] as const)('client_auth %s → suggests %s', (clientAuth, other) => {
    const text = explain({ status: 401, error: 'invalid_client', clientAuth })
    expect(text).toContain('check client_id and client_secret')
    expect(text).toContain(`client_auth (now ${clientAuth}; the provider may expect ${other})`)
  })
})

describe('explainTokenError: invalid_client and a secret that form-encoding changes', () => {
  test.each([
    ['client_secret_basic', true, true],
    ['client_secret_basic', false, false],
    ['client_secret_post', true, false]
  ] as const)(
    'client_auth %s, secret changed by encoding %s → names it: %s',
    (clientAuth, changes, named) => {
      const text = explain({
        status: 401,
        error: 'invalid_client',
        clientAuth,
        secretChangesWhenEncoded: changes
      })
      expect(text).toContain('check client_id and client_secret')
      expect(text.includes('client_secret has characters that form-encoding changes')).toBe(named)
      if (named) expect(text).toMatch(/Try client_auth: client_secret_post\.$/)
    }
  )
})

describe('explainTokenError: other OAuth errors', () => {
  test.each([
    ['unauthorized_client', 'may not use the refresh_token grant'],
    ['invalid_scope', 'refused the scope "workspace"'],
    ['unsupported_grant_type', 'does not support the refresh_token grant: check token_url'],
    ['invalid_request', 'rejected the request as malformed']
  ])('%s', (error, advice) => {
    expect(explain({ error })).toContain(advice)
  })
})

describe('explainTokenError: by status when there is no OAuth error', () => {
  test('Retry-After too long: says how long the provider asked to wait', () => {
    const text = explain({ status: 429, retryAfterMs: 120_000 })
    expect(text).toContain('asked to wait 120 s (Retry-After), more than this step waits (60 s)')
    expect(text).toContain('run the job again later')
  })

  test('Retry-After is rounded up to whole seconds', () => {
    expect(explain({ status: 503, retryAfterMs: 90_500 })).toContain('asked to wait 91 s')
  })

  test.each([
    [429, 'rate-limiting'],
    [500, 'The provider is failing'],
    [503, 'raise max_attempts'],
    [302, 'answered with a redirect, which this action does not follow'],
    [404, 'Nothing answers token requests at that address: check base_url and token_url.'],
    [405, 'Nothing answers token requests at that address'],
    [401, 'refused the client: check client_id, client_secret and client_auth'],
    [403, 'refused the client'],
    [418, 'Check base_url, token_url and the client credentials.']
  ])('HTTP %i', (status, advice) => {
    expect(explain({ status })).toContain(advice)
  })

  test('an unknown OAuth error falls back to the advice for its status', () => {
    expect(explain({ status: 500, error: 'server_error' })).toContain('The provider is failing')
  })
})

describe('sanitize', () => {
  test.each([
    ['control characters become one space', 'a\u0000\u0001b\nc\u007fd', 'a b c d'],
    ['surrounding whitespace is trimmed', '\n  text \t', 'text'],
    ['printable text is kept', 'Token is not active (expired)', 'Token is not active (expired)']
  ])('%s', (_name, input, expected) => {
    expect(sanitize(input)).toBe(expected)
  })

  test('long text is clipped to the limit with an ellipsis', () => {
    const out = sanitize('x'.repeat(500))
    expect(out).toHaveLength(300)
    expect(out.endsWith('…')).toBe(true)
    expect(sanitize('abcdef', 4)).toBe('abc…')
    expect(sanitize('abcd', 4)).toBe('abcd')
  })
})

describe('explainTokenError: a Retry-After the request had no room for (security issue, finding 7)', () => {
  test('names the time left and the bound, and how to widen it', () => {
    expect(explain({ status: 503, retryAfterMs: 5000, retryAfterLimitMs: 2500 })).toBe(
      'Token request failed: HTTP 503. The provider asked to wait 5 s (Retry-After), more than this request could still wait (2 s; a request with its retries ends within timeout × max_attempts): run the job again later, or raise timeout or max_attempts.'
    )
  })

  test('at the 60 s cap, the wording stays as before', () => {
    expect(explain({ status: 429, retryAfterMs: 120_000, retryAfterLimitMs: 60_000 })).toContain(
      'more than this step waits (60 s): run the job again later.'
    )
  })
})
