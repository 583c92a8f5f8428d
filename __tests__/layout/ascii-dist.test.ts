import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { REPO_ROOT } from '../support/action-runner.js'
// @ts-expect-error -- a plain .mjs script of the build, without types
import { toAscii } from '../../scripts/ascii-dist.mjs'

const rewrite = toAscii as (code: string) => string
const DIST = join(REPO_ROOT, 'dist')

describe('the build writes dist/ chunks in ASCII (scripts/ascii-dist.mjs)', () => {
  test('every chunk but the Azure SDK one is ASCII: npm run build ran the rewrite', () => {
    const nonAscii = readdirSync(DIST)
      .filter(name => name.endsWith('.js'))
      .filter(name => {
        const code = readFileSync(join(DIST, name), 'utf8')
        return !code.includes('./node_modules/azure-storage-blob/') && /[\u0080-\uffff]/.test(code)
      })
    expect(nonAscii).toEqual([])
  })

  test.each<[string, string]>([
    ['a string', `'❌ **Failed.** — cut…'`],
    ['a string with an escaped character', `'a\\é b'`],
    ['an untagged template', '`${1 + 1} × ${"§"}…`'],
    ['a template with an emoji and a variation selector', '`⏭️ **Skipped**`'],
    ['a regular expression', `'x–y…'.replace(/[–…]/g, '-')`],
    ['a regular expression with the u flag and an astral character', `/😀/u.test('a😀')`]
  ])('%s keeps its value', (_name, expression) => {
    const code = `result = ${expression}`
    const out = rewrite(code)
    expect(out).not.toMatch(/[\u0080-\uffff]/)
    expect(runInNewContext(out + ';result', {})).toEqual(runInNewContext(code + ';result', {}))
  })

  test('a tagged template keeps its raw text, and so its characters', () => {
    const code = 'result = String.raw`§ …`'
    expect(rewrite(code)).toBe(code)
  })

  test('comments are rewritten; non-ASCII whitespace between tokens is left alone', () => {
    const code = '// § 2.3 → why\nresult =\u00a0/** … */ 1'
    const out = rewrite(code)
    expect(out).toBe('// \\u00a7 2.3 \\u2192 why\nresult =\u00a0/** \\u2026 */ 1')
    expect(runInNewContext(out + ';result', {})).toBe(1)
  })
})
