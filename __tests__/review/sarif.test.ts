import { describe, expect, test } from '@jest/globals'
import type { Log, Result } from 'sarif'
import { planAnnotations } from '../../src/review/annotations.js'
import {
  MAX_RESULTS_PER_RUN,
  capSarif,
  jsonBytesUpTo,
  parseSarif,
  repositoryPath,
  resultSeverity,
  sarifFindings
} from '../../src/review/sarif.js'
import type { Finding } from '../../src/report/review-summary.js'

const result = (extra: Partial<Result> = {}): Result => ({
  ruleId: 'R1',
  level: 'warning',
  message: { text: 'msg' },
  locations: [
    { physicalLocation: { artifactLocation: { uri: 'src/a.cls' }, region: { startLine: 3 } } }
  ],
  ...extra
})
const log = (results: Result[]): Log => ({
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'Code Reviews' } }, results }]
})

describe('parseSarif', () => {
  test.each([
    ['not json', /not JSON/],
    ['[]', /not a JSON object/],
    ['{"version":"2.0.0","runs":[]}', /version is "2.0.0"/],
    ['{"version":"2.1.0"}', /no runs/]
  ])('%p is refused', (body, why) => {
    const parsed = parseSarif(Buffer.from(body))
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.why).toMatch(why)
  })

  test('a 2.1.0 log is accepted', () => {
    expect(parseSarif(Buffer.from(JSON.stringify(log([result()])))).ok).toBe(true)
  })
})

describe('resultSeverity', () => {
  test.each([
    [{ properties: { severity: 'critical' } }, 'CRITICAL'],
    [{ level: 'error' as const }, 'ERROR'],
    [{ level: 'warning' as const }, 'WARNING'],
    [{ level: undefined }, 'WARNING'],
    [{ level: 'note' as const }, 'INFO'],
    [{ level: 'error' as const, properties: { severity: 'WARNING' } }, 'WARNING']
  ])('%p → %p', (extra, severity) => {
    expect(resultSeverity(result(extra))).toBe(severity)
  })
})

describe('capSarif', () => {
  const written = (capped: ReturnType<typeof capSarif>) => {
    if (!capped.ok) throw new Error(`no file: ${capped.why}`)
    return capped
  }

  test('under the caps: unchanged', () => {
    const capped = written(capSarif(log([result(), result()])))
    expect(capped.text).toBe(JSON.stringify(log([result(), result()])))
    expect(capped.kept).toBe(2)
    expect(capped.total).toBe(2)
  })

  test('over 25,000 results in a run: the most severe are kept', () => {
    const many = [
      ...Array.from({ length: MAX_RESULTS_PER_RUN + 10 }, () => result()),
      result({ level: 'error', ruleId: 'E' })
    ]
    const capped = written(capSarif(log(many)))
    expect(capped.kept).toBe(MAX_RESULTS_PER_RUN)
    expect(capped.total).toBe(MAX_RESULTS_PER_RUN + 11)
    expect(capped.log.runs[0].results?.[0].ruleId).toBe('E')
  })

  test('over the byte cap: the most severe results that fit', () => {
    const big = Array.from({ length: 100 }, (_, i) =>
      result({
        message: { text: `${i} ${'é'.repeat(500)}` },
        level: i === 99 ? 'error' : 'warning'
      })
    )
    const capped = written(capSarif(log(big), 20_000))
    expect(Buffer.byteLength(capped.text)).toBeLessThanOrEqual(20_000)
    // One more would not fit: each result takes about 1 kB.
    expect(Buffer.byteLength(capped.text)).toBeGreaterThan(19_000)
    expect(capped.log.runs[0].results?.[0].level).toBe('error')
    expect(capped.kept).toBeLessThan(100)
  })

  test('bulk outside the results: the results that fit, the rest kept whole', () => {
    const bulky: Log = {
      ...log(Array.from({ length: 50 }, () => result())),
      properties: { notes: 'n'.repeat(15_000) }
    }
    const capped = written(capSarif(bulky, 20_000))
    expect(Buffer.byteLength(capped.text)).toBeLessThanOrEqual(20_000)
    expect(capped.log.properties).toEqual(bulky.properties)
    expect(capped.kept).toBeGreaterThan(0)
    expect(capped.kept).toBeLessThan(50)
  })

  test.each<[string, Log]>([
    ['one long string', { ...log([result()]), properties: { notes: 'n'.repeat(30_000) } }],
    [
      'many small values',
      {
        ...log([result()]),
        runs: [
          {
            tool: {
              driver: {
                name: 'x',
                rules: Array.from({ length: 5000 }, (_, i) => ({ id: `R${i}` }))
              }
            },
            results: [result()]
          }
        ]
      }
    ]
  ])('over the cap without its results (%s): no file, and why', (_name, bulky) => {
    const capped = capSarif(bulky, 20_000)
    expect(capped).toMatchObject({ ok: false, total: 1 })
    if (!capped.ok) expect(capped.why).toContain('without its results')
  })
})

describe('jsonBytesUpTo', () => {
  test.each<[string, unknown]>([
    ['a SARIF log', log([result(), result({ level: 'error' })])],
    ['escapes and non-ASCII', { s: 'a"b\\c\n\u0001é😀', n: [1, -2.5e-7, null, true] }],
    ['undefined members are left out, as JSON.stringify does', { a: undefined, b: [undefined] }],
    ['empty', { a: [], b: {} }]
  ])('%s: the byte length of JSON.stringify', (_name, value) => {
    expect(jsonBytesUpTo(value, 1e9)).toBe(Buffer.byteLength(JSON.stringify(value)))
  })

  test('over the budget: says so without building the long string', () => {
    expect(jsonBytesUpTo({ s: 'x'.repeat(1000) }, 100)).toBeGreaterThan(100)
    expect(
      jsonBytesUpTo(
        Array.from({ length: 1000 }, () => 1),
        100
      )
    ).toBeGreaterThan(100)
  })
})

describe('parseSarif: long server text', () => {
  test('a version value of any length is previewed, not echoed whole', () => {
    const parsed = parseSarif(
      Buffer.from(JSON.stringify({ version: 'v'.repeat(100_000), runs: [] }))
    )
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.why.length).toBeLessThan(120)
  })
})

describe('repositoryPath', () => {
  test.each([
    ['src/a.cls', 'src/a.cls'],
    ['./src/a.cls', 'src/a.cls'],
    ['/src/a.cls', 'src/a.cls'],
    ['file:///work/repo/src/a%20b.cls', 'src/a b.cls'],
    ['/work/repo/src/a.cls', 'src/a.cls'],
    ['src/a.cls?x=1', 'src/a.cls'],
    ['../etc/passwd', undefined],
    ['https://example.com/a.cls', undefined],
    ['', undefined],
    [undefined, undefined]
  ])('%p → %p', (uri, path) => {
    expect(repositoryPath(uri, '/work/repo')).toBe(path)
  })
})

test('sarifFindings: most severe first, with rule, file and line', () => {
  const findings = sarifFindings(
    log([
      result(),
      result({ ruleId: 'C', properties: { severity: 'CRITICAL' }, message: { text: 'a\nb' } })
    ]),
    '/w'
  )
  expect(findings).toEqual([
    { severity: 'CRITICAL', rule: 'C', message: 'a b', file: 'src/a.cls', line: 3 },
    { severity: 'WARNING', rule: 'R1', message: 'msg', file: 'src/a.cls', line: 3 }
  ])
})

describe('planAnnotations', () => {
  const f = (severity: string, n: number): Finding[] =>
    Array.from({ length: n }, (_, i) => ({
      severity,
      rule: `${severity}${i}`,
      message: 'm',
      file: 'a.cls',
      line: i + 1
    }))

  test('10 of each kind, most severe first; the rest counted', () => {
    const plan = planAnnotations([
      ...f('WARNING', 12),
      ...f('ERROR', 9),
      ...f('CRITICAL', 4),
      ...f('INFO', 3)
    ])
    const errors = plan.annotations.filter(a => a.kind === 'error')
    expect(errors).toHaveLength(10)
    expect(errors.slice(0, 4).every(a => a.title.startsWith('CRITICAL'))).toBe(true)
    expect(plan.annotations.filter(a => a.kind === 'warning')).toHaveLength(10)
    expect(plan.hiddenErrors).toBe(3)
    expect(plan.hiddenWarnings).toBe(2)
  })

  test('server text cannot become a workflow command or break a line', () => {
    const [a] = planAnnotations([
      {
        severity: 'ERROR',
        rule: 'r\n::x',
        message: '\n::set-output name=x::y',
        file: 'a.cls',
        line: 1
      }
    ]).annotations
    expect(a.message).not.toMatch(/[\r\n]/)
    expect(a.title).not.toMatch(/[\r\n]/)
    expect(a.message.startsWith('::')).toBe(false)
  })

  test('a finding without a file has no line either', () => {
    const [a] = planAnnotations([
      { severity: 'ERROR', rule: 'r', message: 'm', line: 4 }
    ]).annotations
    expect(a.file).toBeUndefined()
    expect(a.startLine).toBeUndefined()
  })
})
