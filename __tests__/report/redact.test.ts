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

describe('Redactor: the forms our own text can hold a secret in', () => {
  const secret = 'ab/cd"ef\tgh|ij-0123456789'
  test.each([
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
    ['JSON-escaped with \\/', JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/')],
    ['control characters as spaces (sanitize)', secret.replace(/\t/g, ' ')],
    ['table-cell-escaped', secret.replace(/\|/g, '\\|')],
    ['base64', Buffer.from(secret).toString('base64')]
  ])('replaces the %s form', (_name, form) => {
    const redactor = new Redactor()
    redactor.add(secret)
    expect(redactor.redact(`before ${form} after`)).toBe('before *** after')
  })
})

describe('Redactor: pieces of 8 or more characters go too', () => {
  const secret = 'Abcdefgh-0123456789-ijklmnop'
  test.each([
    ['a cut that kept the start', `x ${secret.slice(0, 8)}…`, 'x ***…'],
    ['a cut that kept the end', `…${secret.slice(-9)} y`, '…*** y'],
    ['a piece from the middle', `(${secret.slice(5, 20)})`, '(***)'],
    ['a piece of the \\/-escaped form', `"${('q\\/' + secret).slice(0, 11)}…`, '"***…'],
    ['two pieces side by side', `${secret.slice(0, 10)}${secret.slice(12, 22)}`, '***'],
    ['7 characters: too short to count', `x ${secret.slice(0, 7)}…`, `x ${secret.slice(0, 7)}…`],
    ['unrelated text', 'nothing to see here', 'nothing to see here']
  ])('%s', (_name, text, expected) => {
    const redactor = new Redactor()
    redactor.add(secret, 'q/' + secret)
    expect(redactor.redact(text)).toBe(expected)
  })

  test('a secret added after text was redacted is found whole and in pieces from then on', () => {
    const redactor = new Redactor()
    redactor.add('first-secret-value')
    expect(redactor.redact('x first-secret y')).toBe('x *** y')
    redactor.add(secret, 'abc')
    expect(redactor.redact(`${secret.slice(3, 14)} first-secret abc`)).toBe('*** *** ***')
  })

  test('a secret shorter than 8 characters is replaced only whole', () => {
    const redactor = new Redactor()
    redactor.add('abc123')
    expect(redactor.redact('abc123 abc12')).toBe('*** abc12')
  })

  test('a secret added later counts for text redacted later', () => {
    const redactor = new Redactor()
    redactor.add('first-0123456789')
    expect(redactor.redact('second-abcdefghij')).toBe('second-abcdefghij')
    redactor.add('second-abcdefghij')
    expect(redactor.redact('second-abcdefg…')).toBe('***…')
  })
})
