import { describe, expect, test } from '@jest/globals'
import { clipSummary, renderStepSummary } from '../../src/report/summary.js'

describe('renderStepSummary', () => {
  test('headed by the step, whatever the outcome', () => {
    expect(renderStepSummary({ step: 'gate', failure: 'Input x is bad.' })).toBe(
      '### gate\n\n❌ **Failed.** Input x is bad.\n'
    )
    expect(
      renderStepSummary({ step: 'my_step', skipped: { why: 'Fork.', review: false } })
    ).toMatch(/^### my\\_step\n\n⏭️/)
  })

  test('a failure with a section is said once, in the section', () => {
    const text = renderStepSummary({ step: 's', failure: 'boom', section: 'SECTION\n' })
    expect(text).toBe('### s\n\nSECTION\n')
  })
})

test('clipSummary stays far below the 1 MiB limit', () => {
  const long = `${'row\n'.repeat(100_000)}`
  const clipped = clipSummary(long)
  expect(clipped.length).toBeLessThanOrEqual(64 * 1024)
  expect(clipped).toMatch(/summary cut at 65536 characters/)
  expect(clipSummary('short')).toBe('short')
})
