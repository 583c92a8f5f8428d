import type { Log } from './log.js'
import type { Redactor } from './redact.js'
import type { TokenResult } from '../token/token-client.js'
import { codeSpan, escapeMarkdown, safeLink, table } from './markdown.js'
import { appendStepSummary } from './runner-files.js'

/**
 * The job summary: one section per step, for every outcome, headed by the step and a verdict a
 * person understands at a glance. Everything from a service goes through markdown.ts.
 */

/** GitHub caps a step's summary at 1 MiB; ours stays far below whatever the service sends. */
export const MAX_SUMMARY_CHARS = 64 * 1024

export interface TokenFacts {
  source: TokenResult['source']
  expiresAt: string
  rotated: boolean
  savedTo: ReadonlyArray<'secret' | 'cache'>
  exportEnv: string
  /** Refreshes during a review's wait. */
  refreshes: number
}

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
  passed?: boolean
  failOn: string
  violations: Record<string, number>
  policies: Array<{ title: string; result?: string; problems?: number }>
  findings: Finding[]
  findingsTotal: number
  annotated: { errors: number; warnings: number; hiddenErrors: number; hiddenWarnings: number }
  sarif: { file?: string; note?: string }
  polls: number
  attempts: number
  durationMs: number
  refreshes: number
  failure?: string
}

export interface StepSummaryInput {
  step: string
  token?: TokenFacts
  skipped?: { why: string; review: boolean }
  failure?: string
  /** The API call's or the review's own section, verdict first. */
  section?: string
}

const SOURCE: Record<TokenResult['source'], string> = {
  refresh: 'refreshed',
  code: 'obtained by code exchange',
  input: 'taken from the access_token input',
  cache: 'reused from the Actions cache'
}

export function renderStepSummary(input: StepSummaryInput): string {
  const head = `### ${escapeMarkdown(input.step)}\n\n`
  let body: string
  if (input.skipped) body = renderSkipped(input.skipped)
  else if (input.section !== undefined) body = input.section
  else if (input.failure !== undefined) body = renderFailure(input.failure)
  else if (input.token) body = renderToken(input.token)
  else body = '❌ **Failed before a token was requested.**\n'
  return clipSummary(`${head}${body}`)
}

function renderSkipped(skipped: { why: string; review: boolean }): string {
  const verdict = skipped.review
    ? '⏭️ **Skipped: no Code Reviews review ran.** This green check is not a passed review.'
    : '⏭️ **Skipped: no token was requested and no API call was made.**'
  return `${verdict}\n\n${escapeMarkdown(skipped.why)}\n`
}

function renderFailure(failure: string): string {
  return `❌ **Failed.** ${escapeMarkdown(failure)}\n`
}

export function renderToken(token: TokenFacts): string {
  return `✅ **Access token ${SOURCE[token.source]}.**\n\n${tokenTable(token)}\n`
}

function tokenTable(token: TokenFacts): string {
  const rows: string[][] = [
    ['Source', codeSpan(token.source)],
    ['Expires', token.expiresAt ? escapeMarkdown(token.expiresAt) : 'not stated by the provider'],
    ['Refresh token rotated', token.rotated ? 'yes' : 'no'],
    ['Refresh token saved to', token.savedTo.length > 0 ? token.savedTo.join(', ') : 'nowhere']
  ]
  if (token.refreshes > 0) rows.push(['Refreshed while waiting', String(token.refreshes)])
  if (token.exportEnv) rows.push(['Exported as', codeSpan(`$${token.exportEnv}`)])
  return table(['Token', ''], rows)
}

/** `✅ Code Reviews: PASSED` / `❌ NOT_PASSED — 1 critical, 2 errors, 5 warnings`. */
export function reviewVerdict(report: ReviewReport, counts: string): string {
  const result = report.result
  if (result === undefined) {
    return `❌ **Code Reviews: no result** for ${escapeMarkdown(report.target)}`
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
        ? ` · gate ${codeSpan(`review_fail_on: ${report.failOn}`)}: ${report.passed ? 'passed' : 'not passed'}`
        : '')
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
  if (report.policies.length > 0) {
    parts.push(
      table(
        ['Policy', 'Result', 'Problems'],
        report.policies
          .slice(0, 20)
          .map(p => [
            escapeMarkdown(p.title.slice(0, 120)),
            p.result ? escapeMarkdown(p.result) : '—',
            p.problems === undefined ? '—' : String(p.problems)
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
    parts.push(`**Top findings** (${report.findings.length} of ${report.findingsTotal})`)
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
    ['Polls', String(report.polls)],
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

/** Cut on a line boundary with a closing note, so a huge report cannot reach the 1 MiB cap. */
export function clipSummary(text: string, max = MAX_SUMMARY_CHARS): string {
  if (text.length <= max) return text
  const cut = text.lastIndexOf('\n', max - 200)
  return `${text.slice(0, cut)}\n\n*(summary cut at ${max} characters)*\n`
}

/** Appends the step's section to the job summary; a summary that cannot be written is a warning. */
export function writeStepSummary(
  input: StepSummaryInput,
  redactor: Redactor,
  log: Pick<Log, 'warning'>
): void {
  const text = redactor.redact(renderStepSummary(input))
  try {
    appendStepSummary(text)
  } catch (error) {
    log.warning(`Could not write the job summary: ${String(error)}`)
  }
}
