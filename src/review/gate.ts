import type {
  ReviewFailOn,
  ReviewGateOn,
  ReviewSeverity,
  ReviewSettings
} from '../settings/review-settings.js'
import { SEVERITY_ORDER, describeViolations } from './decisions.js'
import type { PolicyResult, ReviewState } from './review-api.js'

/**
 * The gate, as a pure decision over a finished review: which rule applies (review_gate_on), to
 * what (review_policies), and the severity threshold (review_fail_on_severity) on top.
 */

export interface GateRules {
  gateOn: ReviewGateOn
  failOn: ReviewFailOn
  policies: string[]
  failOnSeverity?: ReviewSeverity
}

export type GateFacts = Pick<
  ReviewState,
  'result' | 'taskOutcome' | 'statusCheck' | 'violations' | 'policies'
> & { kind: ReviewSettings['kind'] }

export interface GateDecision {
  /** The review_passed output: every rule that applies. */
  passed: boolean
  /** Whether the step fails (review_fail_on never only reports; a wrong policy title always fails). */
  failsStep: boolean
  why: 'passed' | 'failed' | 'outcome' | 'no_result' | 'unknown_policies'
  /** What failed, each a clause after "the review of <target> …". */
  reasons: string[]
  /** For the summary: what the gate fell back to, when the service did not send a field. */
  notes: string[]
  /** The policies the gate looked at (all when review_policies is empty). */
  gated: PolicyResult[]
}

const SEVERITY_RANK: Record<ReviewSeverity, number> = { critical: 0, error: 1, warning: 2 }

export function decideGate(facts: GateFacts, rules: GateRules): GateDecision {
  const gate = rules.failOn !== 'never'
  const decision = (
    why: GateDecision['why'],
    reasons: string[],
    notes: string[] = [],
    gated: PolicyResult[] = facts.policies
  ): GateDecision => ({
    passed: why === 'passed',
    failsStep: why === 'unknown_policies' || (why !== 'passed' && gate),
    why,
    reasons,
    notes,
    gated
  })
  if (facts.taskOutcome !== undefined && facts.taskOutcome !== 'SUCCESS') {
    return decision('outcome', [`finished with outcome ${facts.taskOutcome}`])
  }
  const selected = selectPolicies(facts.policies, rules.policies)
  if ('missing' in selected) {
    const has = facts.policies.map(p => `"${p.title}"`).join(', ') || 'none'
    return decision('unknown_policies', [
      `has no policy ${selected.missing.map(t => `"${t}"`).join(', ')} (review_policies); its policies are: ${has}`
    ])
  }
  const gated = selected.policies ?? facts.policies
  const notes: string[] = []
  const reasons: string[] = []
  if (rules.gateOn === 'result') {
    if (selected.policies) {
      for (const p of selected.policies)
        reasons.push(...resultReasons(`policy "${p.title}"`, p.result, rules))
    } else {
      if (facts.result === undefined) return decision('no_result', ['finished without a result'])
      const counts = describeViolations(facts.violations)
      reasons.push(...resultReasons(`is`, facts.result, rules, counts))
    }
  } else {
    reasons.push(...statusCheckReasons(facts, selected.policies, rules, notes))
  }
  if (rules.failOnSeverity) {
    const counts = selected.policies ? sumCounts(selected.policies) : facts.violations
    const worse = SEVERITY_ORDER.slice(0, SEVERITY_RANK[rules.failOnSeverity] + 1)
    const found = worse.reduce((n, s) => n + (counts[s] ?? 0), 0)
    if (found > 0) {
      const where = selected.policies ? ' in the gated policies' : ''
      reasons.push(
        `has ${found} finding${found === 1 ? '' : 's'} of severity ${rules.failOnSeverity} or worse${where} (review_fail_on_severity is ${rules.failOnSeverity})`
      )
    }
  }
  return decision(reasons.length === 0 ? 'passed' : 'failed', reasons, notes, gated)
}

/** Clauses for a result under review_fail_on: NOT_PASSED, and PASSED_WITH_WARNINGS on warnings. */
function resultReasons(
  subject: string,
  result: string | undefined,
  rules: GateRules,
  counts = ''
): string[] {
  const tail = counts ? ` — ${counts}` : ''
  if (result === undefined) return [`${subject} has no result`]
  const named = subject === 'is' ? `is ${result}${tail}` : `${subject} is ${result}`
  if (result === 'NOT_PASSED') return [`${named}; review_fail_on is ${rules.failOn}`]
  if (result === 'PASSED_WITH_WARNINGS' && rules.failOn === 'warnings') {
    return [`${named}; review_fail_on is warnings, so warnings fail the step too`]
  }
  return []
}

/**
 * What Code Reviews publishes to GitHub: a scan's status_check (or its gated policies'), a pull
 * request's approval. A field the service did not send is not guessed: the result stands in, and
 * a note says so.
 */
function statusCheckReasons(
  facts: GateFacts,
  policies: PolicyResult[] | undefined,
  rules: GateRules,
  notes: string[]
): string[] {
  const judge = (subject: string, check: string): string[] => {
    if (check === 'PASSED' || check === 'APPROVED') return []
    if (check === 'ERROR') {
      return [
        `${subject} is ERROR: Code Reviews could not judge it (review_gate_on is status_check)`
      ]
    }
    return [`${subject} is ${check} (review_gate_on is status_check)`]
  }
  if (policies) {
    return policies.flatMap(p => {
      if (p.statusCheck) return judge(`policy "${p.title}"'s status check`, p.statusCheck)
      notes.push(
        `Policy "${p.title}" has no status check in Code Reviews' answer: its result gates instead.`
      )
      return resultReasons(`policy "${p.title}"`, p.result, rules)
    })
  }
  const what = facts.kind === 'pull_request' ? 'its approval' : 'its status check'
  if (facts.statusCheck === undefined) {
    notes.push(
      `Code Reviews sent no ${facts.kind === 'pull_request' ? 'approval' : 'status_check'} for this review: gated on its result instead.`
    )
    if (facts.result === undefined) return ['finished without a result or a status check']
    return resultReasons('is', facts.result, rules, describeViolations(facts.violations))
  }
  return judge(what, facts.statusCheck)
}

/**
 * The policies review_policies names, matched case-insensitively; `policies` undefined when it is
 * empty (all of them gate, through the review's own result or status check).
 */
export function selectPolicies(
  all: PolicyResult[],
  titles: string[]
): { policies?: PolicyResult[] } | { missing: string[] } {
  if (titles.length === 0) return {}
  const byTitle = new Map(all.map(p => [p.title.toLowerCase(), p]))
  const missing = titles.filter(t => !byTitle.has(t.toLowerCase()))
  if (missing.length > 0) return { missing }
  return { policies: titles.map(t => byTitle.get(t.toLowerCase())!) }
}

function sumCounts(policies: PolicyResult[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const p of policies) {
    for (const [severity, n] of Object.entries(p.problemsBySeverity)) {
      out[severity] = (out[severity] ?? 0) + n
    }
  }
  return out
}
