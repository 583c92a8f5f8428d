import { describe, expect, test } from '@jest/globals'
import { ActionError, TokenEndpointError } from '../../src/common/errors.js'
import type { TokenSettings } from '../../src/settings/inputs.js'
import type { LifecycleSettings } from '../../src/settings/lifecycle-settings.js'
import { interpretTokenResponse } from '../../src/token/token-client.js'
import {
  newestStored,
  obtainToken,
  type LifecycleDeps
} from '../../src/lifecycle/token-lifecycle.js'
import { fingerprint, type TokenState } from '../../src/lifecycle/token-state.js'

const NOW = Date.parse('2026-11-28T06:05:00Z')
const MINUTE = 60_000

const REFRESH: TokenSettings = {
  client: { id: 'client-1', secret: 'client-secret-1', auth: 'client_secret_post' },
  grant: { type: 'refresh_token', refreshToken: 'rt-input' },
  tokenUrl: new URL('https://auth.example/oauth2/token'),
  scope: 'workspace'
}

const CODE: TokenSettings = {
  ...REFRESH,
  grant: { type: 'authorization_code', code: 'code-1', redirectUri: 'https://app.example/cb' }
}

const LIFECYCLE: LifecycleSettings = {
  cache: true,
  cacheMinTtlMs: 5 * MINUTE,
  refreshTokenSecret: 'CLAYTON_REFRESH_TOKEN',
  secretEnvironment: '',
  githubToken: 'github-token-1',
  revoke: false,
  revokeUrl: new URL('https://auth.example/oauth2/revoke'),
  refreshTokenRotates: false,
  claimWaitMs: 2 * MINUTE
}

/** A cached state whose access token has `leftMs` to live. */
function cachedState(leftMs: number | undefined, overrides: Partial<TokenState> = {}): TokenState {
  return {
    v: 1,
    accessToken: 'at-cached',
    tokenType: 'Bearer',
    ...(leftMs !== undefined && { expiresAtMs: NOW + leftMs }),
    scope: 'workspace',
    refreshToken: 'rt-cached',
    savedAtMs: NOW - 10 * MINUTE,
    ...overrides
  }
}

/** A token endpoint reply: a JSON body answered with 200, or an error the request throws. */
type Reply = Record<string, unknown> | Error

const ISSUED = { access_token: 'at-new', token_type: 'Bearer', expires_in: 3600 }

interface FakeOptions {
  replies?: Reply[]
  /** Omit the cache dependency entirely (cache input off). */
  noCache?: boolean
  cached?: TokenState
  saveResult?: boolean
  /** 'absent': no refresh_token_secret; an Error: the write throws it. */
  secret?: 'ok' | 'absent' | Error
  /** The store's kind: 'job' for the sealed files handed to later steps of the job. */
  source?: 'cache' | 'job'
  /** Both stores: `cached` in the Actions cache, this one from earlier steps of the job. */
  job?: TokenState
  /** Refresh tokens the job's store knows were exchanged already. */
  jobSpent?: string[]
  /** Refresh tokens the Actions cache knows were exchanged already. */
  cacheSpent?: string[]
}

/**
 * In-memory stand-ins for every dependency. The token endpoint answers through the real
 * interpretTokenResponse, so `rotated` is computed against the token actually sent, as in a run.
 */
function fake(opts: FakeOptions = {}) {
  const replies = [...(opts.replies ?? [ISSUED])]
  const events: string[] = []
  const sent: TokenSettings[] = []
  const saved: TokenState[] = []
  const secrets: string[] = []
  const masked: string[] = []
  const info: string[] = []
  const jobSaved: Array<{ state: TokenState; spent: string }> = []
  const jobStarts: Array<Array<string | undefined>> = []
  const jobState = opts.source === 'job' ? opts.cached : opts.job
  const deps: LifecycleDeps = {
    async requestToken(settings) {
      events.push('request')
      sent.push(settings)
      const reply = replies.shift()
      if (reply === undefined) throw new Error('test: no reply left for this request')
      if (reply instanceof Error) throw reply
      const body = Buffer.from(JSON.stringify(reply))
      const response = { status: 200, headers: {}, body, attempts: 1 }
      return interpretTokenResponse(
        { ...response, earlierAttemptMayHaveLanded: false },
        settings,
        () => {}
      )
    },
    cache:
      opts.noCache || opts.source === 'job'
        ? undefined
        : {
            async restore() {
              events.push('restore')
              return opts.cached
            },
            async save(state) {
              events.push('save')
              saved.push(state)
              return opts.saveResult ?? true
            },
            knownSpent: token => (opts.cacheSpent ?? []).includes(token)
          },
    job:
      opts.source === 'job' || opts.job || opts.jobSpent
        ? {
            restore(tokens) {
              events.push('restore')
              jobStarts.push(tokens)
              return jobState
            },
            save(state, spent) {
              events.push('save')
              if (opts.source === 'job') saved.push(state)
              jobSaved.push({ state, spent })
              return true
            },
            knownSpent: token => (opts.jobSpent ?? []).includes(token)
          }
        : undefined,
    writeSecret:
      opts.secret === 'absent'
        ? undefined
        : async value => {
            events.push('writeSecret')
            if (opts.secret instanceof Error) throw opts.secret
            secrets.push(value)
          },
    mask: secret => {
      masked.push(secret)
    },
    now: () => NOW,
    log: { info: message => info.push(message), debug: () => {} }
  }
  return { deps, events, sent, saved, secrets, masked, info, jobSaved, jobStarts }
}

function refreshTokenSent(settings: TokenSettings): string | undefined {
  return settings.grant.type === 'refresh_token' ? settings.grant.refreshToken : undefined
}

const invalidGrant = () =>
  new TokenEndpointError('Token request failed: HTTP 400 invalid_grant.', 'invalid_grant')

describe('obtainToken: a cached access token with enough life left', () => {
  test.each([
    ['exactly cache_min_ttl left', 5 * MINUTE, 5 * MINUTE, 300],
    ['an hour left', 5 * MINUTE, 60 * MINUTE, 3600],
    ['a custom cache_min_ttl, met exactly', 2 * MINUTE, 2 * MINUTE, 120],
    ['cache_min_ttl 0, 1 ms left (expires_in rounds down)', 0, 1, 0],
    ['1234.5 s left (expires_in rounds down)', 5 * MINUTE, 1_234_500, 1234]
  ])('%s: used with no request', async (_name, minTtlMs, leftMs, expiresIn) => {
    const f = fake({ cached: cachedState(leftMs) })
    const result = await obtainToken(REFRESH, { ...LIFECYCLE, cacheMinTtlMs: minTtlMs }, f.deps)
    expect(result).toEqual({
      token: {
        accessToken: 'at-cached',
        tokenType: 'Bearer',
        expiresIn,
        scope: 'workspace',
        source: 'cache',
        rotated: false
      },
      savedTo: []
    })
    // A run served from the cache has no refresh token to output.
    expect(result.token.refreshToken).toBeUndefined()
    expect(f.events).toEqual(['restore'])
    expect(f.saved).toEqual([])
    expect(f.secrets).toEqual([])
  })

  test("the cached token type and scope are the cached state's", async () => {
    const f = fake({ cached: cachedState(60 * MINUTE, { tokenType: 'DPoP', scope: 'read' }) })
    const { token } = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(token).toMatchObject({ tokenType: 'DPoP', scope: 'read', source: 'cache' })
  })

  test('both cached tokens are masked', async () => {
    const f = fake({ cached: cachedState(60 * MINUTE) })
    await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.masked).toEqual(expect.arrayContaining(['at-cached', 'rt-cached']))
  })

  test('cached tokens are masked even when the access token is too old to reuse', async () => {
    const f = fake({ cached: cachedState(MINUTE) })
    await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.masked).toEqual(expect.arrayContaining(['at-cached', 'rt-cached']))
  })

  test('not reused when the secret was updated since the entry: the input is refreshed instead', async () => {
    const f = fake({
      cached: cachedState(60 * MINUTE, { inputFingerprint: fingerprint('rt-older-input') })
    })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(result.token.source).toBe('refresh')
    expect(f.sent.map(refreshTokenSent)).toEqual(['rt-input'])
  })

  test("reused when the input is the entry's own refresh token (written back to the secret)", async () => {
    const f = fake({
      cached: cachedState(60 * MINUTE, {
        refreshToken: 'rt-input',
        inputFingerprint: fingerprint('rt-older-input')
      })
    })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(result.token.source).toBe('cache')
    expect(f.sent).toEqual([])
  })

  test('a token the cache shows spent is never sent: the other is, or none with a clear error', async () => {
    const f = fake({
      cached: cachedState(MINUTE, { inputFingerprint: fingerprint('rt-input') }),
      replies: [invalidGrant(), ISSUED]
    })
    f.deps.cache = { ...f.deps.cache!, knownSpent: token => token === 'rt-input' }
    await expect(obtainToken(REFRESH, LIFECYCLE, f.deps)).rejects.toThrow(invalidGrant().message)
    // The input is not tried after the cached token is refused: it is known spent.
    expect(f.sent.map(refreshTokenSent)).toEqual(['rt-cached'])

    const none = fake({ replies: [ISSUED] })
    none.deps.cache = { ...none.deps.cache!, knownSpent: () => true }
    await expect(obtainToken(REFRESH, LIFECYCLE, none.deps)).rejects.toThrow(
      /Token request not sent: .*already exchanged for a newer one/
    )
    expect(none.sent).toEqual([])
  })

  test('the restore is told the input token, and the save the token spent', async () => {
    const f = fake({
      cached: cachedState(MINUTE),
      replies: [{ ...ISSUED, refresh_token: 'rt-next' }]
    })
    const calls: unknown[][] = []
    const cache = f.deps.cache!
    f.deps.cache = {
      restore: (...args) => (calls.push(['restore', ...args]), cache.restore(...args)),
      save: (...args) => (calls.push(['save', args[1]]), cache.save(...args))
    }
    await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(calls).toEqual([
      ['restore', 'rt-input'],
      ['save', 'rt-cached']
    ])
  })
})

describe('obtainToken: a refresh, with the newest refresh token known', () => {
  test.each<[string, TokenState]>([
    ['1 ms short of cache_min_ttl', cachedState(5 * MINUTE - 1)],
    ['expired', cachedState(-MINUTE)],
    ['no expiry known', cachedState(undefined)],
    [
      'no access token (saved with revoke: true)',
      cachedState(60 * MINUTE, { accessToken: undefined })
    ]
  ])('cached access token %s → refresh with the cached refresh token', async (_name, state) => {
    const f = fake({ cached: state })
    const { token } = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.sent).toEqual([
      { ...REFRESH, grant: { type: 'refresh_token', refreshToken: 'rt-cached' } }
    ])
    expect(token).toMatchObject({ accessToken: 'at-new', source: 'refresh' })
  })

  test('cache_min_ttl comes from the lifecycle settings', async () => {
    const f = fake({ cached: cachedState(2 * MINUTE) })
    const { token } = await obtainToken(
      REFRESH,
      { ...LIFECYCLE, cacheMinTtlMs: 3 * MINUTE },
      f.deps
    )
    expect(token.source).toBe('refresh')
    expect(f.sent).toHaveLength(1)
  })

  test.each([
    ['the cached one echoed back', 'rt-cached', false],
    ['a new one', 'rt-new', true],
    // The input's token differs from the one sent (the cached one): that is a rotation too.
    ["the input's one", 'rt-input', true]
  ])(
    'rotated compares with the cached refresh token actually sent: %s → %s',
    async (_name, returned, rotated) => {
      const f = fake({
        cached: cachedState(MINUTE),
        replies: [{ ...ISSUED, refresh_token: returned }]
      })
      const { token } = await obtainToken(REFRESH, LIFECYCLE, f.deps)
      expect(token.rotated).toBe(rotated)
      expect(token.refreshToken).toBe(returned)
    }
  )

  test.each<[string, TokenState | undefined]>([
    ['a cache miss', undefined],
    ['a cached state without refresh token', cachedState(MINUTE, { refreshToken: undefined })],
    ['a cached refresh token equal to the input', cachedState(MINUTE, { refreshToken: 'rt-input' })]
  ])("%s → the input's refresh token, in one request", async (_name, cached) => {
    const f = fake({ cached, replies: [{ ...ISSUED, refresh_token: 'rt-input' }] })
    const { token } = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.sent).toEqual([REFRESH])
    expect(token.rotated).toBe(false)
  })
})

describe('obtainToken: a cached refresh token refused with invalid_grant', () => {
  test("retries once with the input's refresh token, and says so", async () => {
    const f = fake({
      cached: cachedState(MINUTE),
      replies: [invalidGrant(), { ...ISSUED, refresh_token: 'rt-next' }]
    })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.sent.map(refreshTokenSent)).toEqual(['rt-cached', 'rt-input'])
    expect(f.sent[1]).toEqual(REFRESH)
    expect(result.token).toMatchObject({ accessToken: 'at-new', refreshToken: 'rt-next' })
    expect(f.info).toHaveLength(2)
    expect(f.info[0]).toMatch(/refresh token from the cache was refused \(invalid_grant\)/)
    expect(f.info[0]).toContain('refresh_token input')
    expect(f.info[0]).not.toContain('rt-cached')
  })

  test('rotated then compares with the input token that was sent', async () => {
    const f = fake({
      cached: cachedState(MINUTE),
      replies: [invalidGrant(), { ...ISSUED, refresh_token: 'rt-input' }]
    })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(result.token.rotated).toBe(false)
    // Not rotated: nothing new to store in the secret; the chain continues with the input's token.
    expect(f.secrets).toEqual([])
    expect(f.saved[0].refreshToken).toBe('rt-input')
  })

  test('the saved state keeps the input token when the retry response has none', async () => {
    const f = fake({ cached: cachedState(MINUTE), replies: [invalidGrant(), ISSUED] })
    await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.saved).toHaveLength(1)
    expect(f.saved[0].refreshToken).toBe('rt-input')
  })

  test("the input's token refused as well: that error fails the step, after two requests", async () => {
    const second = invalidGrant()
    const f = fake({ cached: cachedState(MINUTE), replies: [invalidGrant(), second] })
    await expect(obtainToken(REFRESH, LIFECYCLE, f.deps)).rejects.toBe(second)
    expect(f.sent).toHaveLength(2)
    expect(f.saved).toEqual([])
  })

  test.each<[string, () => Error]>([
    ['invalid_client', () => new TokenEndpointError('HTTP 401 invalid_client', 'invalid_client')],
    ['a token endpoint error without OAuth code', () => new TokenEndpointError('HTTP 500')],
    ['a plain ActionError', () => new ActionError('Token request failed: timed out')],
    ['a bug (TypeError)', () => new TypeError('x is undefined')],
    // Only the token endpoint's own invalid_grant means the cached token is refused.
    [
      'another error that carries an oauthError field',
      () => Object.assign(new ActionError('Writing failed'), { oauthError: 'invalid_grant' })
    ]
  ])('%s is not retried', async (_name, makeError) => {
    const error = makeError()
    const f = fake({ cached: cachedState(MINUTE), replies: [error, ISSUED] })
    await expect(obtainToken(REFRESH, LIFECYCLE, f.deps)).rejects.toBe(error)
    expect(f.sent.map(refreshTokenSent)).toEqual(['rt-cached'])
    expect(f.info).toEqual([])
    expect(f.saved).toEqual([])
  })

  test.each<[string, FakeOptions]>([
    ['no cache', { noCache: true }],
    ['a cache miss', {}],
    [
      'a cached refresh token equal to the input',
      { cached: cachedState(MINUTE, { refreshToken: 'rt-input' }) }
    ]
  ])("invalid_grant on the input's own token is not retried (%s)", async (_name, opts) => {
    const error = invalidGrant()
    const f = fake({ ...opts, replies: [error, ISSUED] })
    await expect(obtainToken(REFRESH, LIFECYCLE, f.deps)).rejects.toBe(error)
    expect(f.sent).toEqual([REFRESH])
    expect(f.info).toEqual([])
  })
})

describe('obtainToken: which refresh token goes first', () => {
  test('the cached one, when the input is the one the entry was saved with', async () => {
    const f = fake({
      cached: cachedState(MINUTE, { inputFingerprint: fingerprint('rt-input') }),
      replies: [{ ...ISSUED, refresh_token: 'rt-next' }]
    })
    await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.sent.map(refreshTokenSent)).toEqual(['rt-cached'])
  })

  test('the cached one, when the entry predates fingerprints', async () => {
    const f = fake({ cached: cachedState(MINUTE), replies: [ISSUED] })
    await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.sent.map(refreshTokenSent)).toEqual(['rt-cached'])
  })

  test('the input, when it changed since the entry was saved (the secret is newer)', async () => {
    const f = fake({
      cached: cachedState(MINUTE, { inputFingerprint: fingerprint('rt-older-input') }),
      replies: [{ ...ISSUED, refresh_token: 'rt-next' }]
    })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    // A spent cached token sent first could make a reuse-detecting provider revoke the grant.
    expect(f.sent.map(refreshTokenSent)).toEqual(['rt-input'])
    expect(result.token.rotated).toBe(true)
  })

  test('the input refused: the cached one is tried once, and the log says so', async () => {
    const f = fake({
      cached: cachedState(MINUTE, { inputFingerprint: fingerprint('rt-older-input') }),
      replies: [invalidGrant(), { ...ISSUED, refresh_token: 'rt-next' }]
    })
    await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.sent.map(refreshTokenSent)).toEqual(['rt-input', 'rt-cached'])
    expect(f.info.join('\n')).toMatch(
      /refresh_token input was refused .* trying the one from the cache/
    )
  })
})

describe('obtainToken: a code exchange', () => {
  test('never reads the cache, even with a reusable entry, and saves the new state', async () => {
    const f = fake({
      cached: cachedState(60 * MINUTE),
      replies: [{ ...ISSUED, refresh_token: 'rt-from-code' }]
    })
    const result = await obtainToken(CODE, LIFECYCLE, f.deps)
    expect(f.events).toEqual(['request', 'save', 'writeSecret'])
    expect(f.sent).toEqual([CODE])
    expect(f.masked).not.toContain('at-cached')
    expect(result.token).toMatchObject({ accessToken: 'at-new', source: 'code', rotated: false })
    expect(f.saved).toEqual([
      {
        v: 1,
        accessToken: 'at-new',
        tokenType: 'Bearer',
        expiresAtMs: NOW + 3_600_000,
        scope: 'workspace',
        refreshToken: 'rt-from-code',
        savedAtMs: NOW
      }
    ])
    // A code exchange issues a new refresh token: it is stored in the secret.
    expect(f.secrets).toEqual(['rt-from-code'])
    expect(result.savedTo).toEqual(['secret', 'cache'])
  })

  test('without a refresh token in the response: nothing for the secret, state saved', async () => {
    const f = fake({ replies: [ISSUED] })
    const result = await obtainToken(CODE, LIFECYCLE, f.deps)
    expect(f.secrets).toEqual([])
    expect(f.saved).toHaveLength(1)
    expect(f.saved[0].refreshToken).toBeUndefined()
    expect(result.savedTo).toEqual(['cache'])
  })
})

describe('obtainToken: saving the new state', () => {
  test('after a refresh: the new refresh token and the access token', async () => {
    const f = fake({
      cached: cachedState(MINUTE),
      replies: [{ ...ISSUED, refresh_token: 'rt-next', scope: 'workspace read' }]
    })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.saved).toEqual([
      {
        v: 1,
        accessToken: 'at-new',
        tokenType: 'Bearer',
        expiresAtMs: NOW + 3_600_000,
        scope: 'workspace read',
        refreshToken: 'rt-next',
        inputFingerprint: fingerprint('rt-input'),
        savedAtMs: NOW
      }
    ])
    expect(result.savedTo).toEqual(['secret', 'cache'])
  })

  test.each<[string, TokenState | undefined, string]>([
    ['the cached one, when it was sent', cachedState(MINUTE), 'rt-cached'],
    ['the input one, when it was sent', undefined, 'rt-input']
  ])(
    'a response without refresh token: the chain keeps the one sent (%s)',
    async (_name, cached, kept) => {
      const f = fake({ cached, replies: [ISSUED] })
      const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
      expect(f.saved).toHaveLength(1)
      expect(f.saved[0].refreshToken).toBe(kept)
      expect(f.saved[0].accessToken).toBe('at-new')
      expect(result.token.rotated).toBe(false)
    }
  )

  test('revoke: true → the access token is left out of the saved state; the chain is kept', async () => {
    const f = fake({
      cached: cachedState(MINUTE),
      replies: [{ ...ISSUED, refresh_token: 'rt-next' }]
    })
    const result = await obtainToken(REFRESH, { ...LIFECYCLE, revoke: true }, f.deps)
    expect(f.saved).toEqual([
      {
        v: 1,
        scope: 'workspace',
        refreshToken: 'rt-next',
        inputFingerprint: fingerprint('rt-input'),
        savedAtMs: NOW
      }
    ])
    // The step itself still gets the access token.
    expect(result.token.accessToken).toBe('at-new')
  })

  test.each<[string, FakeOptions, string[]]>([
    ['not rotated', { replies: [{ ...ISSUED, refresh_token: 'rt-cached' }] }, []],
    ['rotated', { replies: [{ ...ISSUED, refresh_token: 'rt-next' }] }, ['secret']]
  ])('a refused save (%s): savedTo has no cache', async (_name, opts, savedTo) => {
    const f = fake({ ...opts, cached: cachedState(MINUTE), saveResult: false })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.saved).toHaveLength(1)
    expect(result.savedTo).toEqual(savedTo)
  })

  test('no cache dependency: nothing restored or saved', async () => {
    const f = fake({ noCache: true, replies: [{ ...ISSUED, refresh_token: 'rt-next' }] })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.events).toEqual(['request', 'writeSecret'])
    expect(f.sent).toEqual([REFRESH])
    expect(result.savedTo).toEqual(['secret'])
  })

  test('no cache dependency, no secret, no rotation: savedTo is empty', async () => {
    const f = fake({
      noCache: true,
      secret: 'absent',
      replies: [{ ...ISSUED, refresh_token: 'rt-input' }]
    })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.events).toEqual(['request'])
    expect(result).toEqual({
      token: expect.objectContaining({ accessToken: 'at-new' }),
      savedTo: []
    })
  })
})

describe('obtainToken: the refresh token secret', () => {
  test.each<[string, TokenSettings, Reply, string[]]>([
    ['a rotation', REFRESH, { ...ISSUED, refresh_token: 'rt-next' }, ['rt-next']],
    ['a code exchange', CODE, { ...ISSUED, refresh_token: 'rt-from-code' }, ['rt-from-code']],
    ['the same refresh token back', REFRESH, { ...ISSUED, refresh_token: 'rt-cached' }, []],
    ['no refresh token in the response', REFRESH, ISSUED, []]
  ])(
    '%s: the secret is written only for a new refresh token',
    async (_name, settings, reply, written) => {
      const f = fake({ cached: cachedState(MINUTE), replies: [reply] })
      const result = await obtainToken(settings, LIFECYCLE, f.deps)
      expect(f.secrets).toEqual(written)
      expect(f.events.filter(e => e === 'writeSecret')).toHaveLength(written.length)
      expect(result.savedTo).toEqual(written.length ? ['secret', 'cache'] : ['cache'])
    }
  )

  test('a write is logged with the secret name, never the token', async () => {
    const f = fake({
      cached: cachedState(MINUTE),
      replies: [{ ...ISSUED, refresh_token: 'rt-next' }]
    })
    await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.info).toEqual(['Stored the new refresh token in the secret CLAYTON_REFRESH_TOKEN.'])
  })

  test('the cache is saved before the secret is written', async () => {
    const f = fake({
      cached: cachedState(MINUTE),
      replies: [{ ...ISSUED, refresh_token: 'rt-next' }]
    })
    await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.events).toEqual(['restore', 'request', 'save', 'writeSecret'])
  })

  test('no refresh_token_secret: a rotation is only saved to the cache', async () => {
    const f = fake({
      cached: cachedState(MINUTE),
      secret: 'absent',
      replies: [{ ...ISSUED, refresh_token: 'rt-next' }]
    })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(result.savedTo).toEqual(['cache'])
    expect(result.token.rotated).toBe(true)
  })

  test('a refused write (ActionError) is returned, not thrown, after the cache is saved', async () => {
    const refused = new ActionError('Writing the secret CLAYTON_REFRESH_TOKEN failed: HTTP 403.')
    const f = fake({
      cached: cachedState(MINUTE),
      secret: refused,
      replies: [{ ...ISSUED, refresh_token: 'rt-next' }]
    })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(result.secretError).toBe(refused)
    expect(result.savedTo).toEqual(['cache'])
    expect(result.token).toMatchObject({ accessToken: 'at-new', refreshToken: 'rt-next' })
    expect(f.events).toEqual(['restore', 'request', 'save', 'writeSecret'])
    expect(f.saved[0].refreshToken).toBe('rt-next')
    expect(f.info).toEqual([])
  })

  test('a write failing with anything but an ActionError is a bug and propagates', async () => {
    const bug = new TypeError('cannot read properties of undefined')
    const f = fake({
      cached: cachedState(MINUTE),
      secret: bug,
      replies: [{ ...ISSUED, refresh_token: 'rt-next' }]
    })
    await expect(obtainToken(REFRESH, LIFECYCLE, f.deps)).rejects.toBe(bug)
  })

  test('a successful run has no secretError', async () => {
    const f = fake({
      cached: cachedState(MINUTE),
      replies: [{ ...ISSUED, refresh_token: 'rt-next' }]
    })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(result.secretError).toBeUndefined()
  })
})

describe('obtainToken: a refresh mid-run (a review outlasting its token)', () => {
  // acquireToken(…, replacing) sends the newest refresh token, never takes back the cached access
  // token (min TTL infinite), and passes the input's refresh token for the fingerprint.
  const MID_RUN: TokenSettings = {
    ...REFRESH,
    grant: { type: 'refresh_token', refreshToken: 'rt-2' }
  }
  const NO_REUSE = { ...LIFECYCLE, cacheMinTtlMs: Number.POSITIVE_INFINITY }

  test('the cached access token is not reused even with an hour left; the newest token is sent', async () => {
    const cached = cachedState(60 * MINUTE, {
      refreshToken: 'rt-2',
      inputFingerprint: fingerprint('rt-input')
    })
    const f = fake({ cached, replies: [{ ...ISSUED, refresh_token: 'rt-3' }] })
    f.deps.inputRefreshToken = 'rt-input'
    const result = await obtainToken(MID_RUN, NO_REUSE, f.deps)
    expect(f.sent.map(refreshTokenSent)).toEqual(['rt-2'])
    expect(result.token.source).toBe('refresh')
    expect(result.token.rotated).toBe(true)
    expect(f.secrets).toEqual(['rt-3'])
  })

  test('the saved state keeps the input’s fingerprint, so the next run knows the cache is newer', async () => {
    const f = fake({ noCache: false, replies: [{ ...ISSUED, refresh_token: 'rt-3' }] })
    f.deps.inputRefreshToken = 'rt-input'
    await obtainToken(MID_RUN, NO_REUSE, f.deps)
    expect(f.saved[0].refreshToken).toBe('rt-3')
    expect(f.saved[0].inputFingerprint).toBe(fingerprint('rt-input'))
  })
})

describe('obtainToken: the state an earlier step of this job left (cache off)', () => {
  const JOB_LIFECYCLE: LifecycleSettings = { ...LIFECYCLE, cache: false }

  test('an access token with enough life left is reused: token_source job, no request', async () => {
    const f = fake({ source: 'job', cached: cachedState(60 * MINUTE) })
    const result = await obtainToken(REFRESH, JOB_LIFECYCLE, f.deps)
    expect(f.events).toEqual(['restore'])
    expect(result.token).toMatchObject({ accessToken: 'at-cached', source: 'job', expiresIn: 3600 })
    expect(result.savedTo).toEqual([])
  })

  test('too little life left: refreshes with the newest refresh token of the job', async () => {
    const f = fake({
      source: 'job',
      cached: cachedState(MINUTE, { inputFingerprint: fingerprint('rt-input') }),
      secret: 'absent'
    })
    const result = await obtainToken(REFRESH, JOB_LIFECYCLE, f.deps)
    expect(f.sent.map(refreshTokenSent)).toEqual(['rt-cached'])
    expect(result.token.source).toBe('refresh')
    // Kept for the next step, but that saves nothing for the next run: refresh_token_saved_to
    // must not claim the cache.
    expect(f.events).toEqual(['restore', 'request', 'save'])
    expect(result.savedTo).toEqual([])
  })

  test('revoke: true still hands the access token on (it is revoked when the job ends)', async () => {
    const f = fake({ source: 'job', secret: 'absent' })
    await obtainToken(REFRESH, { ...JOB_LIFECYCLE, revoke: true }, f.deps)
    expect(f.saved).toHaveLength(1)
    expect(f.saved[0].accessToken).toBe('at-new')
    // The job's files are found from the token they replaced: no fingerprint of the input.
    expect(f.saved[0].inputFingerprint).toBeUndefined()
  })

  test('a refused refresh token names where it came from', async () => {
    const f = fake({
      source: 'job',
      cached: cachedState(MINUTE, { inputFingerprint: fingerprint('rt-input') }),
      replies: [invalidGrant(), ISSUED],
      secret: 'absent'
    })
    await obtainToken(REFRESH, JOB_LIFECYCLE, f.deps)
    expect(f.sent.map(refreshTokenSent)).toEqual(['rt-cached', 'rt-input'])
    expect(f.info.join('\n')).toContain(
      'The refresh token from an earlier step of this job was refused'
    )
  })
})

describe('newestStored', () => {
  const job = cachedState(MINUTE, { refreshToken: 'rt-job' })
  const cached = cachedState(MINUTE, { refreshToken: 'rt-cache' })
  test.each<[string, { job?: TokenState; cached?: TokenState }, string[], string | undefined]>([
    ['nothing stored', {}, [], undefined],
    ['only the job’s', { job }, [], 'job'],
    ['only the cache’s', { cached }, [], 'cache'],
    ['both: the job’s (looked up from the cache’s token first)', { job, cached }, [], 'job'],
    [
      'both, the job’s token spent (another job rotated since)',
      { job, cached },
      ['rt-job'],
      'cache'
    ],
    [
      'both spent: the job’s, which the candidates then refuse',
      { job, cached },
      ['rt-job', 'rt-cache'],
      'job'
    ],
    ['only the job’s, its token spent', { job }, ['rt-job'], 'job']
  ])('%s', (_name, found, spent, from) => {
    expect(newestStored(found, token => spent.includes(token))?.from).toBe(from)
  })
})

describe('obtainToken: the job’s store and the Actions cache together', () => {
  test('the job’s state is looked up from the cache’s refresh token first, then the input', async () => {
    const f = fake({
      cached: cachedState(MINUTE),
      job: cachedState(60 * MINUTE, { accessToken: 'at-job' })
    })
    const result = await obtainToken(REFRESH, LIFECYCLE, f.deps)
    expect(f.jobStarts).toEqual([['rt-cached', 'rt-input']])
    expect(result.token).toMatchObject({ accessToken: 'at-job', source: 'job' })
    expect(f.sent).toEqual([])
  })

  test('a refresh is recorded in both, the job’s under the token sent, with its access token', async () => {
    const f = fake({ replies: [{ ...ISSUED, refresh_token: 'rt-2' }], secret: 'absent' })
    f.deps.job = {
      restore: () => undefined,
      save: (state, spent) => (f.jobSaved.push({ state, spent }), true),
      knownSpent: () => false
    }
    const result = await obtainToken(REFRESH, { ...LIFECYCLE, revoke: true }, f.deps)
    expect(f.jobSaved).toHaveLength(1)
    expect(f.jobSaved[0].spent).toBe('rt-input')
    expect(f.jobSaved[0].state).toMatchObject({ refreshToken: 'rt-2', accessToken: 'at-new' })
    expect(f.saved[0].accessToken).toBeUndefined()
    expect(result.savedTo).toEqual(['cache'])
  })

  test.each<[string, FakeOptions, string[]]>([
    [
      'the cache’s token, spent by a step of this job',
      { cached: cachedState(MINUTE), jobSpent: ['rt-cached'] },
      ['rt-input']
    ],
    [
      'the job’s token, spent by another job (the cache shows it)',
      {
        cached: cachedState(MINUTE),
        job: cachedState(MINUTE, { refreshToken: 'rt-job' }),
        cacheSpent: ['rt-job']
      },
      ['rt-cached', 'rt-input']
    ],
    [
      'the input, spent by a step of this job',
      { source: 'job', cached: cachedState(MINUTE), jobSpent: ['rt-input'] },
      ['rt-cached']
    ]
  ])(
    'a refresh token either store knows is spent is never sent: %s',
    async (_name, opts, allowed) => {
      const f = fake({
        ...opts,
        replies: [invalidGrant(), invalidGrant(), invalidGrant()],
        secret: 'absent'
      })
      await obtainToken(REFRESH, LIFECYCLE, f.deps).catch(() => undefined)
      expect(f.sent.length).toBeGreaterThan(0)
      for (const settings of f.sent) expect(allowed).toContain(refreshTokenSent(settings))
    }
  )

  test('every token known spent: no request, and the error says why', async () => {
    const f = fake({
      source: 'job',
      cached: cachedState(MINUTE),
      jobSpent: ['rt-cached', 'rt-input']
    })
    await expect(obtainToken(REFRESH, LIFECYCLE, f.deps)).rejects.toThrow(/Token request not sent/)
    expect(f.sent).toEqual([])
  })
})
