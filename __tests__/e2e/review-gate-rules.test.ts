import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { RunOptions } from '../support/action-runner.mjs'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'
import { mountReviewService, type ReviewServiceOptions } from '../support/review-service.mjs'

// Gate the way Code Reviews teams configure it, through dist/ against the schema-checked stand-in:
// review_gate_on (a scan's status_check, a pull request's approval), review_policies,
// review_fail_on_severity.
let server: FakeClayton
const runner = useActionRunner(() => server?.secrets() ?? [])

beforeEach(async () => {
  server = await startFakeClayton()
})
afterEach(async () => {
  await server.close()
})

const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567'
const onPush: Partial<RunOptions> = { env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' } }
const onPullRequest: Partial<RunOptions> = {
  event: {
    number: 12,
    pull_request: {
      number: 12,
      head: { ref: 'feature/login', sha: HEAD_SHA, repo: { full_name: 'octo/repo' } },
      base: { repo: { full_name: 'octo/repo' } }
    }
  },
  env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_HEAD_REF: 'feature/login' }
}

const mount = (opts: Partial<ReviewServiceOptions>) =>
  mountReviewService(server, { pollsBeforeDone: 1, result: 'PASSED', ...opts })

const inputs = (extra: Record<string, string> = {}) =>
  server.refreshInputs({
    review: 'branch',
    workspace: 'ws_1',
    project: 'prj_1',
    review_poll_interval: '0.1',
    ...extra
  })

/** A scan with years of legacy code: NOT_PASSED overall, the provider's own check green. */
const legacyScan: Partial<ReviewServiceOptions> = {
  result: 'NOT_PASSED',
  statusCheck: 'PASSED',
  legacyCodeFilter: '2024-01-01T00:00:00Z',
  violations: { ERROR: 40, WARNING: 12 },
  policies: [{ title: 'Security', result: 'NOT_PASSED', problems: 52, statusCheck: 'PASSED' }]
}

describe('review_gate_on: status_check (protect what’s new)', () => {
  test('a NOT_PASSED scan whose status check is PASSED passes under status_check', async () => {
    mount(legacyScan)
    const result = await runner.run({
      ...onPush,
      inputs: inputs({ review_gate_on: 'status_check' })
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      review_result: 'NOT_PASSED',
      review_status_check: 'PASSED',
      review_passed: 'true'
    })
    expect(result.summary).toMatch(/review_gate_on: status_check/)
    // Per policy: its result next to its status check, so red and green explain each other.
    expect(result.summary).toMatch(/\| Security \| NOT\\_PASSED \| PASSED \| 52 \| yes \|/)
    expect(result.summary).toMatch(/Legacy Code Filter: issues after 2024-01-01T00\\?:00\\?:00Z/)
  })

  test('the same scan fails under result', async () => {
    mount(legacyScan)
    const result = await runner.run({ ...onPush, inputs: inputs() })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /is NOT_PASSED — 40 errors, 12 warnings; review_fail_on is not_passed/
    )
    expect(result.outputs.review_passed).toBe('false')
  })

  test('a status check PENDING after the scan is PROCESSED is waited for, then PASSED passes', async () => {
    const api = mount({ ...legacyScan, statusChecks: ['PENDING', 'PENDING', 'PASSED'] })
    const result = await runner.run({
      ...onPush,
      inputs: inputs({ review_gate_on: 'status_check' })
    })
    expect(result.errors).toEqual([])
    // One unfinished answer, two finished with the check PENDING, then PASSED.
    expect(api.polls()).toHaveLength(4)
    expect(result.outputs.review_status_check).toBe('PASSED')
  })

  test('a status check of ERROR fails, naming it', async () => {
    mount({ ...legacyScan, statusCheck: 'ERROR' })
    const result = await runner.run({
      ...onPush,
      inputs: inputs({ review_gate_on: 'status_check' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/its status check is ERROR: Code Reviews could not judge it/)
    expect(result.outputs.review_status_check).toBe('ERROR')
  })

  test.each([
    ['NOT_APPROVED', 'PASSED', 1],
    ['APPROVED', 'NOT_PASSED', 0]
  ] as const)(
    'a pull request %s (result %s) exits %d under status_check',
    async (approval, res, exit) => {
      mount({ headSha: HEAD_SHA, approval, result: res })
      const result = await runner.run({
        ...onPullRequest,
        inputs: inputs({ review: 'pull_request', review_gate_on: 'status_check' })
      })
      expect(result.exitCode).toBe(exit)
      expect(result.outputs.review_status_check).toBe(approval)
      if (exit) expect(result.errors[0]).toMatch(/its approval is NOT_APPROVED/)
    }
  )

  test('a pull request without approval falls back to its result, and the summary says so', async () => {
    mount({ headSha: HEAD_SHA, result: 'NOT_PASSED' })
    const result = await runner.run({
      ...onPullRequest,
      inputs: inputs({ review: 'pull_request', review_gate_on: 'status_check' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.review_status_check).toBe('')
    expect(result.summary).toMatch(/sent no approval for this review: gated on its result instead/)
  })
})

describe('review_policies', () => {
  const policies: ReviewServiceOptions['policies'] = [
    { title: 'Security', result: 'PASSED', problems: 0 },
    { title: 'Maintainability', result: 'NOT_PASSED', problems: 9 }
  ]

  test('one passing policy of a NOT_PASSED review: passes; the others are still shown', async () => {
    mount({ result: 'NOT_PASSED', policies })
    const result = await runner.run({ ...onPush, inputs: inputs({ review_policies: 'security' }) })
    expect(result.errors).toEqual([])
    expect(result.outputs.review_passed).toBe('true')
    expect(result.summary).toMatch(/\| Maintainability \| NOT\\_PASSED \| 9 \| no \|/)
    expect(result.summary).toMatch(/\| Security \| PASSED \| 0 \| yes \|/)
  })

  test('one failing policy: fails, naming it', async () => {
    mount({ result: 'NOT_PASSED', policies })
    const result = await runner.run({
      ...onPush,
      inputs: inputs({ review_policies: 'Maintainability' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/policy "Maintainability" is NOT_PASSED/)
  })

  test('a title the review does not have fails, listing the titles it has', async () => {
    mount({ result: 'PASSED', policies })
    const result = await runner.run({
      ...onPush,
      inputs: inputs({ review_policies: 'Security, Apex', review_fail_on: 'never' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /has no policy "Apex" \(review_policies\); its policies are: "Security", "Maintainability"/
    )
  })
})

describe('review_fail_on_severity', () => {
  test('critical on PASSED_WITH_WARNINGS with no critical finding: passes', async () => {
    mount({ result: 'PASSED_WITH_WARNINGS', violations: { CRITICAL: 0, ERROR: 2, WARNING: 5 } })
    const result = await runner.run({
      ...onPush,
      inputs: inputs({ review_fail_on_severity: 'critical' })
    })
    expect(result.errors).toEqual([])
    expect(result.outputs.review_passed).toBe('true')
  })

  test('critical on a review with one CRITICAL finding: fails, whatever the result', async () => {
    mount({ result: 'PASSED_WITH_WARNINGS', violations: { CRITICAL: 1, WARNING: 5 } })
    const result = await runner.run({
      ...onPush,
      inputs: inputs({ review_fail_on_severity: 'critical' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /has 1 finding of severity critical or worse \(review_fail_on_severity is critical\)/
    )
    expect(result.outputs.review_passed).toBe('false')
  })
})

describe('bad values fail before any request', () => {
  test.each([
    [
      { review_gate_on: 'status' },
      /Input review_gate_on is "status"; it must be one of: result, status_check/
    ],
    [
      { review_fail_on_severity: 'high' },
      /Input review_fail_on_severity is "high"; it must be one of: critical, error, warning/
    ]
  ])('%p', async (extra, message) => {
    const result = await runner.run({ ...onPush, inputs: inputs(extra) })
    expect(result.exitCode).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(result.errors).toEqual([expect.stringMatching(message)])
  })
})
