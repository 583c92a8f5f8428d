import { describe, expect, test } from '@jest/globals'
import {
  renderReviewSection,
  reviewVerdict,
  type ReviewReport
} from '../../src/report/review-summary.js'

const report = (extra: Partial<ReviewReport> = {}): ReviewReport => ({
  target: 'pull request #12',
  kind: 'pull_request',
  failOn: 'not_passed',
  gate: 'review_gate_on: result · review_fail_on: not_passed',
  violations: {},
  policies: [],
  findings: [],
  findingsTotal: 0,
  annotated: { errors: 0, warnings: 0, hiddenErrors: 0, hiddenWarnings: 0 },
  sarif: {},
  polls: 1,
  staleAnswers: 0,
  attempts: 2,
  durationMs: 1500,
  refreshes: 0,
  ...extra
})

describe('reviewVerdict', () => {
  test.each([
    [{ result: 'PASSED', passed: true }, '', '✅ **Code Reviews: PASSED**'],
    [
      { result: 'PASSED_WITH_WARNINGS', passed: true },
      '5 warnings',
      '⚠️ **Code Reviews: PASSED\\_WITH\\_WARNINGS** — 5 warnings'
    ],
    [
      { result: 'PASSED_WITH_WARNINGS', passed: false },
      '5 warnings',
      '⚠️ **Code Reviews: PASSED\\_WITH\\_WARNINGS** — 5 warnings'
    ],
    [
      { result: 'NOT_PASSED', passed: false },
      '1 critical, 2 errors, 5 warnings',
      '❌ **Code Reviews: NOT\\_PASSED** — 1 critical, 2 errors, 5 warnings'
    ],
    [{}, '', '❌ **Code Reviews: no result** for pull request \\#12']
  ])('%p', (extra, counts, expected) => {
    expect(reviewVerdict(report(extra), counts)).toBe(expected)
  })
})

describe('renderReviewSection', () => {
  test('the hidden annotations are counted', () => {
    const text = renderReviewSection(
      report({
        result: 'NOT_PASSED',
        passed: false,
        annotated: { errors: 10, warnings: 10, hiddenErrors: 3, hiddenWarnings: 1 },
        sarif: { file: '/t/x.sarif' }
      }),
      '',
      undefined
    )
    expect(text).toContain(
      '3 more errors and 1 more warning are not annotated; the SARIF report has them all.'
    )
  })
})
