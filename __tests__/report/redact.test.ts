import { describe, expect, test } from '@jest/globals'
import { Redactor } from '../../src/report/redact.js'

describe('Redactor', () => {
  // Characters that each encoding changes: space, +, /, :, = and a non-ASCII letter.
  const secret = 'a b+c/d:e=fé?'

  test.each([
    ['raw', secret],
    ['URL-encoded', encodeURIComponent(secret)],
    ['form-encoded', new URLSearchParams({ x: secret }).toString().slice(2)],
    ['base64url', Buffer.from(secret).toString('base64url')]
  ])('replaces the %s form', (_name, form) => {
    const redactor = new Redactor()
    redactor.add(secret)
    expect(redactor.redact(`before ${form} after`)).toBe('before *** after')
  })

  test('replaces every occurrence', () => {
    const redactor = new Redactor()
    redactor.add('tok123')
    expect(redactor.redact('tok123 and tok123, again tok123')).toBe('*** and ***, again ***')
  })

  test('replaces the longest secret first, so one containing another is replaced whole', () => {
    const redactor = new Redactor()
    redactor.add('abc', 'abcdef-long')
    expect(redactor.redact('x abcdef-long y abc z')).toBe('x *** y *** z')
  })

  test('handles several secrets added in separate calls', () => {
    const redactor = new Redactor()
    redactor.add('first-secret')
    redactor.add('second-secret')
    expect(redactor.redact('first-secret/second-secret')).toBe('***/***')
  })

  test('ignores empty and undefined values, and leaves other text alone', () => {
    const redactor = new Redactor()
    redactor.add('', undefined)
    expect(redactor.redact('nothing to hide')).toBe('nothing to hide')
  })
})
