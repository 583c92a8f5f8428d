import { describe, expect, it } from '@jest/globals'
import type { TokenResult } from '../../src/token/token-client.js'
import {
  fingerprint,
  isReusable,
  MAX_TIME_MS,
  parseState,
  serializeState,
  stateFromTokenResult,
  type TokenState
} from '../../src/lifecycle/token-state.js'

const full: TokenState = {
  v: 1,
  accessToken: 'at-1',
  tokenType: 'Bearer',
  expiresAtMs: 1_700_000_000_000,
  scope: 'workspace',
  refreshToken: 'rt-1',
  savedAtMs: 1_699_999_000_000
}

describe('serializeState / parseState', () => {
  it.each<[string, TokenState]>([
    ['a full state', full],
    [
      'a state without access token (revoke: true)',
      { v: 1, scope: 'workspace', refreshToken: 'rt', savedAtMs: 5 }
    ],
    ['a state without expiry', { v: 1, accessToken: 'at', scope: '', savedAtMs: 0 }],
    ['a state with the input fingerprint', { ...full, inputFingerprint: 'ab12' }]
  ])('round-trips %s', (_name, state) => {
    expect(parseState(serializeState(state))).toEqual(state)
  })

  it('refuses a fingerprint that is not a non-empty string', () => {
    expect(parseState(JSON.stringify({ ...full, inputFingerprint: 42 }))).toBeUndefined()
    expect(parseState(JSON.stringify({ ...full, inputFingerprint: '' }))).toBeUndefined()
  })

  it('fingerprint: SHA-256 hex, never the token itself', () => {
    expect(fingerprint('rt-1')).toMatch(/^[0-9a-f]{64}$/)
    expect(fingerprint('rt-1')).not.toBe(fingerprint('rt-2'))
    expect(fingerprint('rt-1')).not.toContain('rt-1')
  })

  it('drops fields that are not part of the state', () => {
    const withExtra = { ...full, idToken: 'id-secret' } as TokenState
    expect(serializeState(withExtra).toString()).not.toContain('id-secret')
    expect(parseState(JSON.stringify({ ...full, extra: 1 }))).toEqual(full)
  })

  it.each<[string, string]>([
    ['not JSON', '{"v":1,'],
    ['JSON null', 'null'],
    ['an array', '[1]'],
    ['a string', '"state"'],
    ['an empty object', '{}'],
    ['version 2', JSON.stringify({ ...full, v: 2 })],
    ['version as a string', JSON.stringify({ ...full, v: '1' })],
    ['no scope', JSON.stringify({ ...full, scope: undefined })],
    ['scope as a number', JSON.stringify({ ...full, scope: 1 })],
    ['no savedAtMs', JSON.stringify({ ...full, savedAtMs: undefined })],
    ['savedAtMs as a string', JSON.stringify({ ...full, savedAtMs: '5' })],
    ['a negative savedAtMs', JSON.stringify({ ...full, savedAtMs: -1 })],
    ['accessToken as a number', JSON.stringify({ ...full, accessToken: 5 })],
    ['an empty accessToken', JSON.stringify({ ...full, accessToken: '' })],
    ['refreshToken as an object', JSON.stringify({ ...full, refreshToken: {} })],
    ['an empty refreshToken', JSON.stringify({ ...full, refreshToken: '' })],
    ['tokenType as a boolean', JSON.stringify({ ...full, tokenType: true })],
    ['expiresAtMs as a string', JSON.stringify({ ...full, expiresAtMs: '1700000000000' })],
    ['expiresAtMs null', JSON.stringify({ ...full, expiresAtMs: null })],
    // Accepted before, and every later run then failed on an invalid date.
    ['expiresAtMs past the Date range', JSON.stringify({ ...full, expiresAtMs: 1e300 })],
    ['expiresAtMs after the year 9999', JSON.stringify({ ...full, expiresAtMs: MAX_TIME_MS + 1 })],
    ['savedAtMs past the Date range', JSON.stringify({ ...full, savedAtMs: 9e15 })],
    ['a fractional expiresAtMs', JSON.stringify({ ...full, expiresAtMs: 1.5 })],
    ['an accessToken with a line break', JSON.stringify({ ...full, accessToken: 'at\nx' })],
    [
      'a refreshToken with a control character',
      JSON.stringify({ ...full, refreshToken: 'rt\u0000' })
    ],
    ['a non-ASCII tokenType', JSON.stringify({ ...full, tokenType: 'Béarer' })],
    ['a scope with a line break', JSON.stringify({ ...full, scope: 'a\n::warning::b' })]
  ])('returns undefined for %s', (_name, text) => {
    expect(parseState(text)).toBeUndefined()
    expect(parseState(Buffer.from(text))).toBeUndefined()
  })
})

describe('isReusable', () => {
  const now = 1_000_000
  const minTtl = 300_000
  it.each<[string, Partial<TokenState>, boolean]>([
    ['plenty of time left', { accessToken: 'at', expiresAtMs: now + 3_600_000 }, true],
    ['exactly the minimum left', { accessToken: 'at', expiresAtMs: now + minTtl }, true],
    ['1 ms short of the minimum', { accessToken: 'at', expiresAtMs: now + minTtl - 1 }, false],
    ['already expired', { accessToken: 'at', expiresAtMs: now - 1 }, false],
    ['no access token', { expiresAtMs: now + 3_600_000 }, false],
    ['an empty access token', { accessToken: '', expiresAtMs: now + 3_600_000 }, false],
    ['no known expiry', { accessToken: 'at' }, false]
  ])('%s → %s', (_name, fields, expected) => {
    const state: TokenState = { v: 1, scope: 'workspace', savedAtMs: now - 1000, ...fields }
    expect(isReusable(state, now, minTtl)).toBe(expected)
  })

  it('with a minimum of 0, reuses a token up to its expiry', () => {
    const state: TokenState = { v: 1, scope: '', savedAtMs: 0, accessToken: 'at', expiresAtMs: 10 }
    expect(isReusable(state, 10, 0)).toBe(true)
    expect(isReusable(state, 11, 0)).toBe(false)
  })
})

describe('stateFromTokenResult', () => {
  const result: TokenResult = {
    accessToken: 'at-new',
    tokenType: 'Bearer',
    expiresIn: 5399,
    scope: 'workspace',
    refreshToken: 'rt-new',
    source: 'refresh',
    rotated: true
  }

  it('keeps the access token, its expiry and the new refresh token', () => {
    expect(
      stateFromTokenResult(result, {
        nowMs: 1000,
        refreshTokenSent: 'rt-old',
        includeAccessToken: true
      })
    ).toEqual({
      v: 1,
      accessToken: 'at-new',
      tokenType: 'Bearer',
      expiresAtMs: 1000 + 5399 * 1000,
      scope: 'workspace',
      refreshToken: 'rt-new',
      savedAtMs: 1000
    })
  })

  it('keeps the refresh token that was sent when the response has none', () => {
    const state = stateFromTokenResult(
      { ...result, refreshToken: undefined, rotated: false },
      { nowMs: 1000, refreshTokenSent: 'rt-old', includeAccessToken: true }
    )
    expect(state.refreshToken).toBe('rt-old')
  })

  it('leaves the access token out when it will be revoked', () => {
    const state = stateFromTokenResult(result, { nowMs: 1000, includeAccessToken: false })
    expect(state).toEqual({ v: 1, scope: 'workspace', refreshToken: 'rt-new', savedAtMs: 1000 })
    expect(isReusable(state, 1000, 0)).toBe(false)
  })

  it('has no expiry when the response has no expires_in', () => {
    const state = stateFromTokenResult(
      { ...result, expiresIn: undefined },
      { nowMs: 1000, includeAccessToken: true }
    )
    expect(state.expiresAtMs).toBeUndefined()
    expect(parseState(serializeState(state))).toEqual(state)
  })
})
