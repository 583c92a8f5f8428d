import { codeSpan, escapeMarkdown, safeLink, table } from './markdown.js'
import { tokenTable, type TokenFacts } from './summary.js'

/**
 * The review's section of the job summary. A module of its own so that only runs with a review
 * load it (its chunk is the review's): a plain refresh does not compile it at start-up.
 */

export interface Finding {
  severity: string
  rule: string
  message: string
  file?: string
  line?: number
}

/** Everything known about a review so far; the review part fills it, this file renders it. */
export interface ReviewReport {
  target: string
  kind: string
  id?: string
  url?: string
  taskStatus?: string
  taskOutcome?: string
  result?: string
  /** A scan's status_check or a pull request's approval, when the service sent it. */
  statusCheck?: string
  passed?: boolean
  failOn: string
  /** The rules that gate, as inputs: `review_gate_on: result · review_fail_on: not_passed`. */
  gate: string
  /** review_policies' titles; all policies when it is empty. */
  gatedPolicies?: string[]
  /** What the gate fell back to because the service did not send a field. */
  gateNotes?: string[]
  /** The Legacy Code Filter's reference date, when the status check honours one. */
  referenceDate?: string
  violations: Record<string, number>
  policies: Array<{ title: string; result?: string; statusCheck?: string; problems?: number }>
  findings: Finding[]
  findingsTotal: number
  annotated: { errors: number; warnings: number; hiddenErrors: number; hiddenWarnings: number }
  /** `head-scan`: the findings are those of the scan of the pull request's head revision. */
  sarif: { file?: string; note?: string; source?: 'scan' | 'head-scan' }
  polls: number
  /** Finished answers passed over: a report of another commit, or an obsolete one. */
  staleAnswers: number
  attempts: number
  durationMs: number
  refreshes: number
  failure?: string
}

/** `✅ Code Reviews: PASSED` / `❌ NOT_PASSED — 1 critical, 2 errors, 5 warnings`. */
export function reviewVerdict(report: ReviewReport, counts: string): string {
  const result = report.result
  if (result === undefined) {
    const outcome =
      report.taskOutcome && !['SUCCESS', 'PENDING'].includes(report.taskOutcome)
        ? ` (outcome ${escapeMarkdown(report.taskOutcome)})`
        : ''
    return `❌ **Code Reviews: no result**${outcome} for ${escapeMarkdown(report.target)}`
  }
  const icon =
    report.passed === false
      ? result === 'PASSED_WITH_WARNINGS'
        ? '⚠️'
        : '❌'
      : result === 'PASSED'
        ? '✅'
        : '⚠️'
  const tail = counts ? ` — ${escapeMarkdown(counts)}` : ''
  return `${icon} **Code Reviews: ${escapeMarkdown(result)}**${tail}`
}

export function renderReviewSection(
  report: ReviewReport,
  counts: string,
  token: TokenFacts | undefined
): string {
  const parts: string[] = [reviewVerdict(report, counts)]
  const link = safeLink('Open the review in Code Reviews', report.url)
  parts.push(
    [`Review of ${escapeMarkdown(report.target)}`, link].filter(Boolean).join(' · ') +
      (report.passed !== undefined
        ? ` · gate ${codeSpan(report.gate)}: ${report.passed ? 'passed' : 'not passed'}`
        : '') +
      ` · ${report.polls} poll${report.polls === 1 ? '' : 's'} in ${formatDuration(report.durationMs)}`
  )
  if (report.failure) parts.push(`**Why the step failed:** ${escapeMarkdown(report.failure)}`)
  const severities = Object.entries(report.violations)
  if (severities.length > 0) {
    parts.push(
      table(
        ['Severity', 'Findings'],
        severities.map(([severity, count]) => [escapeMarkdown(severity), String(count)])
      )
    )
  }
  if (report.statusCheck) {
    const what = report.kind === 'pull_request' ? 'Approval' : 'Status check'
    const filter = report.referenceDate
      ? ` (Legacy Code Filter: issues after ${escapeMarkdown(report.referenceDate)})`
      : ''
    parts.push(`${what} published by Code Reviews: ${codeSpan(report.statusCheck)}${filter}`)
  }
  for (const note of report.gateNotes ?? []) parts.push(escapeMarkdown(note))
  if (report.policies.length > 0) {
    const gated = new Set((report.gatedPolicies ?? []).map(t => t.toLowerCase()))
    const checks = report.policies.some(p => p.statusCheck)
    parts.push(
      table(
        ['Policy', 'Result', ...(checks ? ['Status check'] : []), 'Problems', 'Gated'],
        report.policies
          .slice(0, 20)
          .map(p => [
            escapeMarkdown(p.title.slice(0, 120)),
            p.result ? escapeMarkdown(p.result) : '—',
            ...(checks ? [p.statusCheck ? escapeMarkdown(p.statusCheck) : '—'] : []),
            p.problems === undefined ? '—' : String(p.problems),
            gated.size === 0 || gated.has(p.title.toLowerCase()) ? 'yes' : 'no'
          ])
      )
    )
  }
  if (report.findings.length > 0) {
    const rows = report.findings.map(f => [
      escapeMarkdown(f.severity),
      codeSpan(f.rule.slice(0, 100)),
      f.file ? codeSpan(`${f.file.slice(0, 200)}${f.line ? `:${f.line}` : ''}`) : '—',
      escapeMarkdown(f.message.slice(0, 300))
    ])
    const of = report.sarif.source === 'head-scan' ? ' of the scan of the head revision' : ''
    parts.push(`**Top findings${of}** (${report.findings.length} of ${report.findingsTotal})`)
    parts.push(table(['Severity', 'Rule', 'Where', 'Message'], rows))
  }
  const { hiddenErrors, hiddenWarnings } = report.annotated
  if (hiddenErrors + hiddenWarnings > 0) {
    parts.push(
      `GitHub shows at most 10 annotations of each kind per step: ${hiddenErrors} more error${hiddenErrors === 1 ? '' : 's'} and ${hiddenWarnings} more warning${hiddenWarnings === 1 ? '' : 's'} are not annotated${report.sarif.file ? '; the SARIF report has them all' : ''}.`
    )
  }
  if (report.sarif.note) parts.push(escapeMarkdown(report.sarif.note))
  const facts: string[][] = [
    ['Review id', report.id ? codeSpan(report.id) : '—'],
    ['Task', codeSpan(`${report.taskStatus ?? 'unknown'} / ${report.taskOutcome ?? 'unknown'}`)],
    [
      'Polls',
      `${report.polls}${report.staleAnswers > 0 ? ` (${report.staleAnswers} passed over: report of another commit or obsolete)` : ''}`
    ],
    ['Attempts', String(report.attempts)],
    ['Duration', formatDuration(report.durationMs)],
    ['SARIF', report.sarif.file ? codeSpan(report.sarif.file) : 'none']
  ]
  parts.push(
    `<details><summary>Request facts</summary>\n\n${table(['Fact', 'Value'], facts)}\n\n${token ? tokenTable(token) : ''}\n\n</details>`
  )
  return `${parts.join('\n\n')}\n`
}

export function formatDuration(ms: number): string {
  const rounded = Math.round(ms)
  return rounded < 1000 ? `${rounded} ms` : `${(rounded / 1000).toFixed(1)} s`
}
