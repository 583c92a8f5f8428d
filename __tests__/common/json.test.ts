import { describe, expect, test } from '@jest/globals'
import { jsonText, parseJsonObject, previewJson } from '../../src/common/json.js'

describe('parseJsonObject', () => {
  test.each([
    [
      'an object',
      '{"access_token":"x","expires_in":3600}',
      { access_token: 'x', expires_in: 3600 }
    ],
    ['an empty object', '{}', {}],
    ['an object with UTF-8 text', '{"name":"Zoë ✓"}', { name: 'Zoë ✓' }]
  ])('%s is returned as parsed', (_name, text, expected) => {
    expect(parseJsonObject(Buffer.from(text, 'utf8'))).toEqual(expected)
  })

  test.each([
    ['an array', '[{"a":1}]'],
    ['null', 'null'],
    ['a string', '"text"'],
    ['a number', '42'],
    ['true', 'true'],
    ['invalid JSON', '{"a":'],
    ['an HTML error page', '<html>502 Bad Gateway</html>'],
    ['an empty body', '']
  ])('%s gives undefined', (_name, text) => {
    expect(parseJsonObject(Buffer.from(text, 'utf8'))).toBeUndefined()
  })
})

describe('previewJson', () => {
  test.each([
    ['undefined', undefined, 'null'],
    ['null', null, 'null'],
    ['false', false, 'false'],
    ['a string', 'RUNNING', '"RUNNING"'],
    ['an object', { a: [1, null] }, '{"a":[1,null]}'],
    ['an empty array', [], '[]']
  ])('%s is shown as JSON', (_name, value, expected) => {
    expect(previewJson(value)).toBe(expected)
  })

  test('a value exactly max characters long is kept whole', () => {
    const value = 'x'.repeat(8) // "xxxxxxxx" is 10 characters with its quotes
    expect(previewJson(value, 10)).toBe('"xxxxxxxx"')
  })

  test('a longer value is cut to max characters, the last one an ellipsis', () => {
    const preview = previewJson('x'.repeat(9), 10)
    expect(preview).toBe('"xxxxxxxx…')
    expect(preview).toHaveLength(10)
  })

  test('the default max is 200 characters', () => {
    expect(previewJson('y'.repeat(198))).toHaveLength(200)
    expect(previewJson('y'.repeat(198)).endsWith('"')).toBe(true)
    const long = previewJson('y'.repeat(500))
    expect(long).toHaveLength(200)
    expect(long.endsWith('y…')).toBe(true)
  })
})

describe('a leading UTF-8 byte order mark (security issue, finding 12)', () => {
  test('is dropped before parsing', () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"access_token":"x"}')
    ])
    expect(parseJsonObject(body)).toEqual({ access_token: 'x' })
    expect(jsonText(body)).toBe('{"access_token":"x"}')
  })

  test('only at the start', () => {
    expect(parseJsonObject(Buffer.from('{"a":"\uFEFF"}'))).toEqual({ a: '\uFEFF' })
    expect(jsonText(Buffer.from(' \uFEFF{}'))).toBe(' \uFEFF{}')
  })
})
