import { describe, expect, it } from '@jest/globals'
import { hkdfSync } from 'node:crypto'
import {
  encodeSealContext,
  hkdf32,
  LINK_DIGITS,
  linkTag,
  openState,
  sealState,
  type SealContext
} from '../../src/lifecycle/sealing.js'

const secret = 'client-secret-ᚠ-1'
const ctx: SealContext = {
  clientId: 'client-1',
  tokenUrl: 'https://app.clayton.io/oauth2/token',
  scope: 'workspace'
}
const KEY = 'clayton-oauth-v1-0123456789abcdef-1764650000000-a1b2c3d4e5f6'
const state = Buffer.from(JSON.stringify({ v: 1, accessToken: 'at-123', refreshToken: 'rt-456' }))

describe('sealState / openState', () => {
  it('round-trips, and the blob is version | nonce | ciphertext | tag', () => {
    const blob = sealState(state, secret, ctx, KEY)
    expect(blob[0]).toBe(1)
    expect(blob.length).toBe(1 + 12 + state.length + 16)
    expect(openState(blob, secret, ctx, KEY)).toEqual(state)
  })

  it('round-trips an empty plaintext', () => {
    expect(openState(sealState(Buffer.alloc(0), secret, ctx, KEY), secret, ctx, KEY)).toEqual(
      Buffer.alloc(0)
    )
  })

  it('does not contain the plaintext', () => {
    const blob = sealState(state, secret, ctx, KEY)
    expect(blob.includes(Buffer.from('at-123'))).toBe(false)
    expect(blob.includes(Buffer.from('rt-456'))).toBe(false)
  })

  it('uses a fresh nonce for every seal of the same state', () => {
    const a = sealState(state, secret, ctx, KEY)
    const b = sealState(state, secret, ctx, KEY)
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false)
    expect(a.equals(b)).toBe(false)
  })

  it('rejects a change to any single byte: version, nonce, ciphertext or tag', () => {
    const blob = sealState(state, secret, ctx, KEY)
    const accepted: number[] = []
    for (let i = 0; i < blob.length; i++) {
      const tampered = Buffer.from(blob)
      tampered[i] ^= 0x01
      if (openState(tampered, secret, ctx, KEY) !== undefined) accepted.push(i)
    }
    expect(accepted).toEqual([])
  })

  it.each<[string, string, Partial<SealContext>]>([
    ['another client secret', 'client-secret-ᚠ-2', {}],
    ['another client id', secret, { clientId: 'client-2' }],
    ['another token URL', secret, { tokenUrl: 'https://other.example/oauth2/token' }],
    ['another scope', secret, { scope: 'workspace admin' }],
    ['an empty scope', secret, { scope: '' }]
  ])('rejects a blob opened with %s', (_name, otherSecret, change) => {
    const blob = sealState(state, secret, ctx, KEY)
    expect(openState(blob, otherSecret, { ...ctx, ...change }, KEY)).toBeUndefined()
  })

  it('binds the context unambiguously: moving a separator between fields changes it', () => {
    const a = { clientId: 'a|b', tokenUrl: 'c', scope: '' }
    const b = { clientId: 'a', tokenUrl: 'b|c', scope: '' }
    expect(encodeSealContext(a).equals(encodeSealContext(b))).toBe(false)
    expect(openState(sealState(state, secret, a, KEY), secret, b, KEY)).toBeUndefined()
  })

  it.each<[string, Buffer]>([
    ['empty input', Buffer.alloc(0)],
    ['a lone version byte', Buffer.from([1])],
    ['header and tag without the last byte', Buffer.alloc(28, 1)],
    ['random bytes', Buffer.from('not a sealed state at all, just some bytes')]
  ])('returns undefined, never throws, for %s', (_name, blob) => {
    expect(openState(blob, secret, ctx, KEY)).toBeUndefined()
  })

  it('returns undefined for a truncated blob', () => {
    const blob = sealState(state, secret, ctx, KEY)
    for (const length of [blob.length - 1, blob.length - 16, 13, 1]) {
      expect(openState(blob.subarray(0, length), secret, ctx, KEY)).toBeUndefined()
    }
  })

  it('returns undefined for an unknown format version', () => {
    const blob = sealState(state, secret, ctx, KEY)
    blob[0] = 2
    expect(openState(blob, secret, ctx, KEY)).toBeUndefined()
  })

  it('refuses to seal under an empty secret, and never opens with one', () => {
    expect(() => sealState(state, '', ctx, KEY)).toThrow(/client_secret/)
    expect(openState(sealState(state, secret, ctx, KEY), '', ctx, KEY)).toBeUndefined()
  })

  it('binds the cache key: a blob copied under another key does not open', () => {
    const blob = sealState(state, secret, ctx, KEY)
    expect(openState(blob, secret, ctx, KEY)).toEqual(state)
    for (const other of [`${KEY}0`, KEY.replace('1764650000000', '1764650000001'), '']) {
      expect(openState(blob, secret, ctx, other)).toBeUndefined()
    }
  })
})

describe('linkTag', () => {
  it('is a fixed-width decimal tag, the same for the same token, secret and context', () => {
    const tag = linkTag(secret, ctx, 'rt-456')
    expect(tag).toMatch(new RegExp(`^\\d{${LINK_DIGITS}}$`))
    expect(linkTag(secret, ctx, 'rt-456')).toBe(tag)
  })

  it('differs for another token, another secret or another context', () => {
    const tag = linkTag(secret, ctx, 'rt-456')
    expect(linkTag(secret, ctx, 'rt-457')).not.toBe(tag)
    expect(linkTag('client-secret-other', ctx, 'rt-456')).not.toBe(tag)
    expect(linkTag(secret, { ...ctx, scope: 'admin' }, 'rt-456')).not.toBe(tag)
  })
})

describe('hkdf32', () => {
  it.each([
    ['a plain secret', 'client-secret-1', 'clayton-oauth-action/token-state-seal', 'ctx'],
    ['a non-ASCII secret', secret, 'clayton-oauth-action/token-state-link', 'other info'],
    ['a long secret', 'x'.repeat(500), 'salt', ''],
    ['the real context', secret, 'clayton-oauth-action/job-token-store', encodeSealContext(ctx)]
  ])(
    'gives the bytes of crypto.hkdfSync (%s): entries sealed before still open',
    (_n, s, salt, info) => {
      const saltBytes = Buffer.from(salt)
      const infoBytes = Buffer.isBuffer(info) ? info : Buffer.from(info)
      const expected = Buffer.from(
        hkdfSync('sha256', Buffer.from(s, 'utf8'), saltBytes, infoBytes, 32)
      )
      expect(hkdf32(s, saltBytes, infoBytes).equals(expected)).toBe(true)
    }
  )
})
