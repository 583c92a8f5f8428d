import { describe, expect, test } from '@jest/globals'
import { decideGate, type GateFacts, type GateRules } from '../../src/review/gate.js'
import type { PolicyResult } from '../../src/review/review-api.js'

const policy = (
  title: string,
  result: string,
  extra: Partial<PolicyResult> = {}
): PolicyResult => ({ title, result, problemsBySeverity: {}, ...extra })

const scan = (extra: Partial<GateFacts> = {}): GateFacts => ({
  kind: 'branch',
  result: 'NOT_PASSED',
  taskOutcome: 'SUCCESS',
  statusCheck: 'PASSED',
  violations: { CRITICAL: 0, ERROR: 3, WARNING: 2 },
  policies: [
    policy('Security', 'PASSED', { statusCheck: 'PASSED', problemsBySeverity: { WARNING: 2 } }),
    policy('Legacy', 'NOT_PASSED', { statusCheck: 'NOT_PASSED', problemsBySeverity: { ERROR: 3 } })
  ],
  ...extra
})
const rules = (extra: Partial<GateRules> = {}): GateRules => ({
  gateOn: 'result',
  failOn: 'not_passed',
  policies: [],
  ...extra
})

describe('decideGate', () => {
  test.each([
    // [name, facts, rules, passed, failsStep, why]
    ['result: a NOT_PASSED scan fails', scan(), rules(), false, true, 'failed'],
    [
      'status_check: its PASSED check passes',
      scan(),
      rules({ gateOn: 'status_check' }),
      true,
      false,
      'passed'
    ],
    [
      'status_check: ERROR fails',
      scan({ statusCheck: 'ERROR' }),
      rules({ gateOn: 'status_check' }),
      false,
      true,
      'failed'
    ],
    [
      'status_check: never only reports',
      scan({ statusCheck: 'NOT_PASSED' }),
      rules({ gateOn: 'status_check', failOn: 'never' }),
      false,
      false,
      'failed'
    ],
    [
      'status_check: warnings changes nothing (a check has no warning state)',
      scan({ result: 'PASSED_WITH_WARNINGS', statusCheck: 'PASSED' }),
      rules({ gateOn: 'status_check', failOn: 'warnings' }),
      true,
      false,
      'passed'
    ],
    [
      'a pull request APPROVED passes',
      scan({ kind: 'pull_request', statusCheck: 'APPROVED' }),
      rules({ gateOn: 'status_check' }),
      true,
      false,
      'passed'
    ],
    [
      'a pull request NOT_APPROVED fails',
      scan({ kind: 'pull_request', result: 'PASSED', statusCheck: 'NOT_APPROVED' }),
      rules({ gateOn: 'status_check' }),
      false,
      true,
      'failed'
    ],
    [
      'review_policies: one passing policy of a NOT_PASSED review passes',
      scan(),
      rules({ policies: ['security'] }),
      true,
      false,
      'passed'
    ],
    [
      'review_policies: a failing policy fails',
      scan({ result: 'PASSED' }),
      rules({ policies: ['Legacy'] }),
      false,
      true,
      'failed'
    ],
    [
      'review_policies: an unknown title fails even under never',
      scan(),
      rules({ policies: ['Nope'], failOn: 'never' }),
      false,
      true,
      'unknown_policies'
    ],
    [
      'severity: critical on PASSED_WITH_WARNINGS without critical passes',
      scan({ result: 'PASSED_WITH_WARNINGS', violations: { ERROR: 1, WARNING: 4 } }),
      rules({ failOnSeverity: 'critical' }),
      true,
      false,
      'passed'
    ],
    [
      'severity: one CRITICAL fails a PASSED review',
      scan({ result: 'PASSED', violations: { CRITICAL: 1 } }),
      rules({ failOnSeverity: 'critical' }),
      false,
      true,
      'failed'
    ],
    [
      'severity: counted in the gated policies only',
      scan({ result: 'PASSED' }),
      rules({ policies: ['Security'], failOnSeverity: 'error' }),
      true,
      false,
      'passed'
    ],
    [
      'an outcome other than SUCCESS is no verdict',
      scan({ taskOutcome: 'ERROR' }),
      rules({ gateOn: 'status_check' }),
      false,
      true,
      'outcome'
    ]
  ] as const)('%s', (_, facts, gateRules, passed, failsStep, why) => {
    const decision = decideGate(facts, gateRules)
    expect({ passed: decision.passed, failsStep: decision.failsStep, why: decision.why }).toEqual({
      passed,
      failsStep,
      why
    })
  })

  test('the reasons name the rule: status check ERROR, the approval, the threshold, the titles', () => {
    const reasons = (facts: GateFacts, r: GateRules) => decideGate(facts, r).reasons.join('; ')
    expect(reasons(scan({ statusCheck: 'ERROR' }), rules({ gateOn: 'status_check' }))).toMatch(
      /its status check is ERROR: Code Reviews could not judge it/
    )
    expect(
      reasons(
        scan({ kind: 'pull_request', statusCheck: 'NOT_APPROVED' }),
        rules({ gateOn: 'status_check' })
      )
    ).toMatch(/its approval is NOT_APPROVED/)
    expect(
      reasons(scan({ violations: { CRITICAL: 2 } }), rules({ failOnSeverity: 'critical' }))
    ).toMatch(
      /has 2 findings of severity critical or worse \(review_fail_on_severity is critical\)/
    )
    expect(reasons(scan(), rules({ policies: ['Nope', 'security'] }))).toBe(
      'has no policy "Nope" (review_policies); its policies are: "Security", "Legacy"'
    )
  })

  test('no status check or approval sent: the result gates, and a note says so', () => {
    const decision = decideGate(
      scan({ kind: 'pull_request', statusCheck: undefined, result: 'NOT_PASSED' }),
      rules({ gateOn: 'status_check' })
    )
    expect(decision.passed).toBe(false)
    expect(decision.notes).toEqual([
      'Code Reviews sent no approval for this review: gated on its result instead.'
    ])
  })
})
