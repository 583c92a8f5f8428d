import { afterEach, describe, expect, test } from '@jest/globals'
import { clip } from '../../src/common/errors.js'
import { previewJson } from '../../src/common/json.js'
import { cut, flatten, logLine, redactBeforeCutting, sanitize } from '../../src/common/text.js'
import { Redactor } from '../../src/report/redact.js'

afterEach(() => redactBeforeCutting(text => text))

describe('every cut redacts first', () => {
  const secret = 'S3cr3t-0123456789-abcdefghij-XYZ'
  const text = `${'p'.repeat(20)}${secret}${'q'.repeat(20)}`

  // Each cut point from before the secret to after it: a cut inside the secret leaves nothing of it.
  const cuts: Array<[string, (t: string, max: number) => string]> = [
    ['cut', cut],
    ['clip', clip],
    ['sanitize', sanitize],
    ['previewJson', (t, max) => previewJson(t, max)]
  ]
  test.each(cuts)('%s, at every length', (_name, cutter) => {
    const redactor = new Redactor()
    redactor.add(secret)
    redactBeforeCutting(t => redactor.redact(t))
    for (let max = 1; max <= text.length + 4; max++) {
      const out = cutter(text, max)
      expect(out.length).toBeLessThanOrEqual(max)
      // Nothing of the secret but letters the padding shares with it: no S, 3, digits, dashes.
      expect(out).toMatch(/^"?p*(\*{0,3}q*)?"?…?$/)
    }
  })

  test.each(cuts)(
    '%s cuts a long text before redacting it, and still redacts a secret across the cut',
    (_name, cutter) => {
      const long = 'S3cr3t-'.repeat(400)
      const redactor = new Redactor()
      redactor.add(long)
      const seen: number[] = []
      redactBeforeCutting(t => (seen.push(t.length), redactor.redact(t)))
      const out = cutter(`${'p'.repeat(290)}${long}${'q'.repeat(5_000_000)}`, 300)
      expect(Math.max(...seen)).toBeLessThan(2000)
      expect(out).toMatch(/^"?p{290}\*{3}…?"?$/)
    }
  )

  test('without a redactor (unit tests of message builders), a cut is only a cut', () => {
    expect(cut('abcdef', 4)).toBe('abc…')
    expect(cut('abc', 4)).toBe('abc')
  })
})

describe('flatten, sanitize and logLine keep text on its line', () => {
  test.each([
    ['a\nb', 'a b'],
    ['a\r\n\tb', 'a b'],
    ['  padded\n', 'padded'],
    ['x\u0000\u007fy', 'x y']
  ])('flatten(%j) → %j', (input, expected) => {
    expect(flatten(input)).toBe(expected)
    expect(sanitize(input)).toBe(expected)
  })

  test('flatten can keep the ends (a secret’s own form)', () => {
    expect(flatten('\ta\nb ', { trim: false })).toBe(' a b ')
  })

  test.each([
    ['x\n::warning::injected\n::stop-commands::t', 'x ::warning::injected ::stop-commands::t'],
    ['::error::at the start', '> ::error::at the start'],
    ['  \n::notice::after a blank line', '> ::notice::after a blank line'],
    ['plain text', 'plain text']
  ])('logLine(%j) → %j: never a workflow command', (input, expected) => {
    expect(logLine(input)).toBe(expected)
  })
})
