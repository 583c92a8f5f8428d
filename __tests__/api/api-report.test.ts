import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from '@jest/globals'
import type { ApiReport } from '../../src/api/api-call.js'
import {
  MAX_OUTPUT_BODY_BYTES,
  describeApiOutcome,
  formatDuration,
  publishApiReport,
  renderApiSummary
} from '../../src/api/api-report.js'
import { parseExpectedStatus, type ApiSettings } from '../../src/settings/api-settings.js'

const folders: string[] = []

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'api-report-test-'))
  folders.push(folder)
  return folder
}

function settings(overrides: Partial<ApiSettings> = {}): ApiSettings {
  return {
    url: new URL('https://app.clayton.io/api/reviews/rev_42'),
    method: 'GET',
    headers: {},
    expectedStatus: parseExpectedStatus('2xx'),
    expectedStatusText: '2xx',
    query: '',
    assert: '',
    waitUntil: '',
    waitIntervalMs: 15_000,
    waitTimeoutMs: 600_000,
    responseFile: '/nonexistent/never-written.json',
    ...overrides
  }
}

function report(overrides: Partial<ApiReport> = {}): ApiReport {
  return {
    method: 'GET',
    path: '/api/reviews/rev_42',
    attempts: 1,
    polls: 1,
    durationMs: 250,
    hasResult: false,
    ...overrides
  }
}

/** Records what publishApiReport sets, in order, and in how many batches. */
function recordingSink() {
  const outputs: Record<string, string> = {}
  const notices: string[] = []
  const batches: Array<Record<string, string>> = []
  return {
    outputs,
    notices,
    batches,
    sink: {
      setOutputs: (batch: Record<string, string>) => {
        batches.push(batch)
        Object.assign(outputs, batch)
      },
      notice: (message: string) => {
        notices.push(message)
      }
    }
  }
}

describe('publishApiReport', () => {
  test('writes the body to the response file, creating its folders, and sets the outputs', () => {
    const file = join(tempFolder(), 'deep', 'er', 'body.json')
    const { outputs, notices, sink } = recordingSink()
    const body = '{"result":"PASSED"}'
    publishApiReport(
      report({ status: 200, body: Buffer.from(body) }),
      settings({ responseFile: file }),
      sink
    )
    expect(readFileSync(file, 'utf8')).toBe(body)
    expect(outputs).toEqual({
      api_status: '200',
      api_response_file: file,
      api_response: body
    })
    expect(notices).toEqual([])
  })

  test('hands the outputs over at once, so the step writes them in one append', () => {
    const { batches, sink } = recordingSink()
    publishApiReport(
      report({ status: 200, body: Buffer.from('{}') }),
      settings({ responseFile: join(tempFolder(), 'body.json') }),
      sink
    )
    expect(batches).toHaveLength(1)
    expect(Object.keys(batches[0])).toEqual(['api_status', 'api_response_file', 'api_response'])
  })

  test('a response file that cannot be written: api_status is still set, then the error', () => {
    const blocker = join(tempFolder(), 'blocker')
    writeFileSync(blocker, '')
    const { batches, sink } = recordingSink()
    const call = () =>
      publishApiReport(
        report({ status: 200, body: Buffer.from('{}') }),
        settings({ responseFile: join(blocker, 'body.json') }),
        sink
      )
    expect(call).toThrow(/ENOTDIR|EEXIST/)
    expect(batches).toEqual([{ api_status: '200' }])
  })

  test('writes the bytes unchanged, also when they are not UTF-8', () => {
    const file = join(tempFolder(), 'body.bin')
    const bytes = Buffer.from([0xff, 0x00, 0xfe, 0x7b])
    publishApiReport(
      report({ status: 200, body: bytes }),
      settings({ responseFile: file }),
      recordingSink().sink
    )
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  test('an empty body still gives a file and an empty api_response', () => {
    const file = join(tempFolder(), 'empty.json')
    const { outputs, sink } = recordingSink()
    publishApiReport(
      report({ status: 204, body: Buffer.alloc(0) }),
      settings({ responseFile: file }),
      sink
    )
    expect(readFileSync(file, 'utf8')).toBe('')
    expect(outputs).toEqual({ api_status: '204', api_response_file: file, api_response: '' })
  })

  test('a body over 1 MiB leaves api_response empty with a notice; the file has it all', () => {
    const file = join(tempFolder(), 'big.json')
    const body = Buffer.alloc(MAX_OUTPUT_BODY_BYTES + 1, 'x')
    const { outputs, notices, sink } = recordingSink()
    publishApiReport(report({ status: 200, body }), settings({ responseFile: file }), sink)
    expect(outputs.api_response).toBe('')
    expect(notices).toEqual([
      `The API response is ${MAX_OUTPUT_BODY_BYTES + 1} bytes, over the 1 MiB limit for the api_response output, which is left empty; read it from api_response_file (${file}).`
    ])
    expect(readFileSync(file).length).toBe(MAX_OUTPUT_BODY_BYTES + 1)
    expect(outputs.api_response_file).toBe(file)
  })

  test('a body of exactly 1 MiB is set in api_response', () => {
    expect(MAX_OUTPUT_BODY_BYTES).toBe(1024 * 1024)
    const file = join(tempFolder(), 'limit.json')
    const body = Buffer.alloc(MAX_OUTPUT_BODY_BYTES, 'x')
    const { outputs, notices, sink } = recordingSink()
    publishApiReport(report({ status: 200, body }), settings({ responseFile: file }), sink)
    expect(outputs.api_response).toHaveLength(MAX_OUTPUT_BODY_BYTES)
    expect(notices).toEqual([])
  })

  test('the limit counts bytes, not characters', () => {
    const file = join(tempFolder(), 'utf8.json')
    // 2 bytes per "é": under 1 Mi characters, over 1 MiB.
    const body = Buffer.from('é'.repeat(MAX_OUTPUT_BODY_BYTES / 2 + 1), 'utf8')
    const { outputs, notices, sink } = recordingSink()
    publishApiReport(report({ status: 200, body }), settings({ responseFile: file }), sink)
    expect(outputs.api_response).toBe('')
    expect(notices).toHaveLength(1)
  })

  test.each([
    ['an object', { id: 'rev_42', findings: [1, 2] }, '{"id":"rev_42","findings":[1,2]}'],
    ['a string', 'PASSED', '"PASSED"'],
    ['false', false, 'false'],
    ['a number', 0, '0'],
    ['null', null, 'null'],
    ['undefined', undefined, 'null']
  ])('api_result holds %s as JSON', (_name, result, expected) => {
    const { outputs, sink } = recordingSink()
    publishApiReport(report({ status: 200, result, hasResult: true }), settings(), sink)
    expect(outputs.api_result).toBe(expected)
  })

  test('no api_result without a result', () => {
    const { outputs, sink } = recordingSink()
    publishApiReport(report({ status: 200 }), settings({ query: 'id' }), sink)
    expect(outputs).toEqual({ api_status: '200' })
  })

  test.each([
    [true, 'true'],
    [false, 'false']
  ])('api_passed is %p when the assertion was evaluated', (passed, expected) => {
    const { outputs, sink } = recordingSink()
    publishApiReport(report({ status: 200, passed }), settings({ assert: 'ok' }), sink)
    expect(outputs.api_passed).toBe(expected)
  })

  test('no api_passed when the assertion was not evaluated', () => {
    const { outputs, sink } = recordingSink()
    publishApiReport(report({ status: 500 }), settings({ assert: 'ok' }), sink)
    expect(Object.keys(outputs)).toEqual(['api_status'])
  })

  test('nothing at all, and no file, when no response came back', () => {
    const file = join(tempFolder(), 'none', 'body.json')
    const { outputs, notices, sink } = recordingSink()
    publishApiReport(report({ attempts: 3, polls: 0 }), settings({ responseFile: file }), sink)
    expect(outputs).toEqual({})
    expect(notices).toEqual([])
    expect(existsSync(file)).toBe(false)
  })
})

describe('publishApiReport: the response file (security issue, findings 6 and 12)', () => {
  test('is written 0600, also when it existed with other permissions', () => {
    const file = join(tempFolder(), 'body.json')
    writeFileSync(file, 'old', { mode: 0o644 })
    publishApiReport(
      report({ status: 200, body: Buffer.from('{}') }),
      settings({ responseFile: file }),
      recordingSink().sink
    )
    expect(readFileSync(file, 'utf8')).toBe('{}')
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  test('a body already streamed to the file is not written again', () => {
    const file = join(tempFolder(), 'streamed.json')
    writeFileSync(file, 'the whole body, as streamed')
    const { outputs, sink } = recordingSink()
    publishApiReport(
      report({ status: 200, body: Buffer.from('the whole'), bodyInFile: true }),
      settings({ responseFile: file }),
      sink
    )
    expect(readFileSync(file, 'utf8')).toBe('the whole body, as streamed')
    expect(outputs.api_response_file).toBe(file)
  })

  test('the api_response limit counts the whole body, not the part held in memory', () => {
    const file = join(tempFolder(), 'huge.json')
    writeFileSync(file, '')
    const { outputs, notices, sink } = recordingSink()
    publishApiReport(
      report({ status: 200, body: Buffer.from('{"a"'), bodyBytes: 209_715_200, bodyInFile: true }),
      settings({ responseFile: file }),
      sink
    )
    expect(outputs.api_response).toBe('')
    expect(notices[0]).toMatch(/^The API response is 209715200 bytes, over the 1 MiB limit/)
  })
})

describe('renderApiSummary', () => {
  const rows = (summary: string) => summary.split('\n').filter(line => line.startsWith('| '))

  test('a plain call: request, status, duration, attempts', () => {
    expect(renderApiSummary(report({ status: 200, attempts: 2 }), settings())).toBe(
      [
        // The verdict first, and a header row that names the table (issue 10).
        '✅ **API call succeeded:** `GET /api/reviews/rev_42` — HTTP 200',
        '',
        '| API call |  |',
        '|---|---|',
        '| Request | `GET /api/reviews/rev_42` |',
        '| Status | 200 (expected 2xx) |',
        '| Duration | 250 ms |',
        '| Attempts | 2 |',
        ''
      ].join('\n')
    )
  })

  test('no response is said so', () => {
    expect(renderApiSummary(report(), settings())).toContain('| Status | no response |')
  })

  test('polls and the wait expression only when waiting', () => {
    const waited = renderApiSummary(
      report({ status: 200, polls: 4, attempts: 5 }),
      settings({ waitUntil: "task.status == 'PROCESSED'" })
    )
    expect(waited).toContain('| Polls | 4 |')
    expect(waited).toContain("| Wait until | `task.status == 'PROCESSED'` |")
    const once = renderApiSummary(report({ status: 200 }), settings())
    expect(once).not.toContain('Polls')
    expect(once).not.toContain('Wait until')
  })

  test.each([
    [true, '✅ passed'],
    [false, '❌ failed'],
    [undefined, 'not evaluated']
  ])('the assertion with passed=%p shows %s', (passed, verdict) => {
    const summary = renderApiSummary(
      report({ status: 200, passed }),
      settings({ assert: "result != 'NOT_PASSED'" })
    )
    expect(summary).toContain(`| Assertion | \`result != 'NOT_PASSED'\` ${verdict} |`)
  })

  test('the query and its result', () => {
    const summary = renderApiSummary(
      report({ status: 200, hasResult: true, result: ['Demo'] }),
      settings({ query: '[].name' })
    )
    expect(summary).toContain('| Query | `[].name` |')
    expect(summary).toContain('| api_result | `["Demo"]` |')
  })

  test("'not evaluated' when the call failed before the query", () => {
    const summary = renderApiSummary(
      report({ status: 503, failure: 'API call GET /x returned HTTP 503' }),
      settings({ query: 'id', assert: 'ok' })
    )
    expect(summary).toContain('| api_result | not evaluated |')
    expect(summary).toContain('| Assertion | `ok` not evaluated |')
    expect(summary).toContain('| Failure | API call GET /x returned HTTP 503 |')
  })

  test('a null result is shown, not taken for a missing one', () => {
    const summary = renderApiSummary(
      report({ status: 200, hasResult: true, result: null }),
      settings({ query: 'missing' })
    )
    expect(summary).toContain('| api_result | `null` |')
  })

  test('a long result is cut at 500 characters', () => {
    const summary = renderApiSummary(
      report({ status: 200, hasResult: true, result: 'z'.repeat(1000) }),
      settings({ query: 'text' })
    )
    const cell = /\| api_result \| `(.*)` \|/.exec(summary)?.[1]
    expect(cell).toHaveLength(500)
    expect(cell?.endsWith('…')).toBe(true)
  })

  test('pipes are escaped and newlines flattened, so every row stays one table row', () => {
    const summary = renderApiSummary(
      report({
        status: 200,
        hasResult: true,
        result: 'a|b',
        failure: 'line one\nline | two\r\nline three'
      }),
      settings({ query: 'a || b', assert: 'x | y', waitUntil: 'done\n|| ready' })
    )
    expect(summary).toContain('| Query | `a \\|\\| b` |')
    expect(summary).toContain('| Assertion | `x \\| y` not evaluated |')
    expect(summary).toContain('| Wait until | `done \\|\\| ready` |')
    expect(summary).toContain('| api_result | `"a\\|b"` |')
    expect(summary).toContain('| Failure | line one line \\| two line three |')
    for (const row of rows(summary)) {
      // Two columns: three unescaped pipes per row.
      expect([row, row.match(/(?<!\\)\|/g)?.length]).toEqual([row, 3])
    }
  })

  test('backticks inside JMESPath literals stay readable in a double-backtick span', () => {
    const summary = renderApiSummary(
      report({ status: 200, passed: true, polls: 2 }),
      settings({ assert: 'length(@) > `0`', waitUntil: 'count == `3`' })
    )
    expect(summary).toContain('| Assertion | `` length(@) > `0` `` ✅ passed |')
    expect(summary).toContain('| Wait until | `` count == `3` `` |')
  })

  test('a result containing a backtick also gets a double-backtick span', () => {
    const summary = renderApiSummary(
      report({ status: 200, hasResult: true, result: 'a`b' }),
      settings({ query: 'text' })
    )
    expect(summary).toContain('| api_result | `` "a`b" `` |')
  })

  // CommonMark closes a code span at the first run of exactly as many backticks as opened it.
  test('a value holding a run of two backticks gets a fence it cannot close early', () => {
    const summary = renderApiSummary(
      report({ status: 200, hasResult: true, result: 'use ``x`` here' }),
      settings({ query: 'text' })
    )
    const cell = /\| api_result \| (.*) \|$/m.exec(summary)?.[1] ?? ''
    const fence = /^`+/.exec(cell)?.[0].length ?? 0
    const inner = (cell.slice(fence, cell.length - fence).match(/`+/g) ?? []).map(run => run.length)
    expect(inner).toContain(2)
    expect(inner).not.toContain(fence)
  })
})

describe('formatDuration', () => {
  test.each([
    [0, '0 ms'],
    [1, '1 ms'],
    [12.4, '12 ms'],
    [999, '999 ms'],
    [999.6, '1.0 s'],
    [1000, '1.0 s'],
    [1234, '1.2 s'],
    [1999, '2.0 s'],
    [61_000, '61.0 s'],
    [600_000, '600.0 s']
  ])('%d ms is %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected)
  })
})

describe('describeApiOutcome', () => {
  test('one attempt, one poll: status and duration only', () => {
    expect(describeApiOutcome(report({ status: 200, durationMs: 87 }))).toBe(
      'API call GET /api/reviews/rev_42: HTTP 200 in 87 ms.'
    )
  })

  test('retries show as attempts beyond the polls', () => {
    expect(describeApiOutcome(report({ status: 200, attempts: 3, polls: 1 }))).toBe(
      'API call GET /api/reviews/rev_42: HTTP 200 in 250 ms; 3 attempts.'
    )
  })

  test('a wait shows its polls; attempts only when more than the polls', () => {
    expect(
      describeApiOutcome(report({ status: 200, attempts: 4, polls: 4, durationMs: 3100 }))
    ).toBe('API call GET /api/reviews/rev_42: HTTP 200 in 3.1 s; 4 polls.')
    expect(describeApiOutcome(report({ status: 200, attempts: 5, polls: 4 }))).toBe(
      'API call GET /api/reviews/rev_42: HTTP 200 in 250 ms; 5 attempts; 4 polls.'
    )
  })

  test('the result and the verdict, in that order', () => {
    expect(
      describeApiOutcome(
        report({
          method: 'POST',
          path: '/api/reviews',
          status: 201,
          hasResult: true,
          result: 'rev_42',
          passed: true
        })
      )
    ).toBe(
      'API call POST /api/reviews: HTTP 201 in 250 ms; api_result "rev_42"; api_assert passed.'
    )
    expect(describeApiOutcome(report({ status: 200, passed: false }))).toBe(
      'API call GET /api/reviews/rev_42: HTTP 200 in 250 ms; api_assert failed.'
    )
  })

  test('a null result is still shown', () => {
    expect(describeApiOutcome(report({ status: 200, hasResult: true, result: null }))).toContain(
      '; api_result null.'
    )
  })
})
