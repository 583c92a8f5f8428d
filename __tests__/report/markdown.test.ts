import { describe, expect, test } from '@jest/globals'
import { codeSpan, escapeMarkdown, safeLink, table } from '../../src/report/markdown.js'

describe('escapeMarkdown', () => {
  test.each([
    ['<img src="https://t.example/p.gif">', '&lt;img src="https\\://t.example/p.gif"&gt;'],
    ['[click](https://evil.example)', '\\[click\\](https\\://evil.example)'],
    ['![pixel](x.gif)', '\\!\\[pixel\\](x.gif)'],
    ['**bold** _it_ ~~s~~', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~'],
    ['a | b', 'a \\| b'],
    ['`code`', '\\`code\\`'],
    ['&lt;', '&amp;lt;'],
    ['line\nbreak\r\n# heading', 'line break \\# heading'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['2) item', '2\\) item'],
    ['www.example.com', 'www\\.example.com'],
    ['$x^2$', '\\$x^2\\$'],
    ['user@example.com', 'user\\@example.com'],
    ['HTTP 503 from /api/x', 'HTTP 503 from /api/x']
  ])('%p → %p', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected)
  })
})

describe('codeSpan', () => {
  test.each([
    ['plain', '`plain`'],
    ['length(@) > `0`', '`` length(@) > `0` ``'],
    ['a ``` b', '```` a ``` b ````'],
    ['a|b', '`a\\|b`'],
    ['two\nlines', '`two lines`'],
    ['', '` `'],
    ['<img src=x>', '`<img src=x>`']
  ])('%p → %p', (input, expected) => {
    expect(codeSpan(input)).toBe(expected)
  })
})

describe('safeLink', () => {
  test.each([
    [
      'https://app.clayton.io/w/1/pull-requests/2',
      '[Open](https://app.clayton.io/w/1/pull-requests/2)'
    ],
    // The query (a signature) is never printed.
    ['https://app.clayton.io/r?sig=secret#x', '[Open](https://app.clayton.io/r)'],
    ['https://app.clayton.io/a(b)c', '[Open](https://app.clayton.io/a%28b%29c)'],
    ['http://127.0.0.1:8080/r', '[Open](http://127.0.0.1:8080/r)'],
    ['javascript:alert(1)', undefined],
    ['http://app.clayton.io/r', undefined],
    ['https://user:pw@app.clayton.io/r', undefined],
    ['not a url', undefined],
    [undefined, undefined]
  ])('%p → %p', (href, expected) => {
    expect(safeLink('Open', href)).toBe(expected)
  })
})

test('table: a named header row, never an empty one', () => {
  expect(table(['A', 'B'], [['1', '2']])).toBe('| A | B |\n|---|---|\n| 1 | 2 |')
})
