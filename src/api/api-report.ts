import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { ApiReport } from './api-call.js'
import { previewJson as preview } from '../common/json.js'
import type { ApiSettings } from '../settings/api-settings.js'
import { codeSpan, escapeMarkdown, table } from '../report/markdown.js'

/** GitHub step outputs are meant for small values; the file always has the whole body. */
export const MAX_OUTPUT_BODY_BYTES = 1024 * 1024

export interface ApiOutputSink {
  /** All outputs of the call at once: the step writes them to GITHUB_OUTPUT in one append. */
  setOutputs(outputs: Record<string, string>): void
  notice(message: string): void
}

/**
 * Sets every output known so far and writes the body to the response file. The outputs go out
 * together at the end, also when writing the file failed (api_status is known then).
 */
export function publishApiReport(report: ApiReport, api: ApiSettings, sink: ApiOutputSink): void {
  const outputs: Record<string, string> = {}
  try {
    if (report.status !== undefined) outputs.api_status = String(report.status)
    if (report.body !== undefined) {
      // A streamed body is already in the file, whole; a held one is written now.
      if (!report.bodyInFile) {
        mkdirSync(dirname(api.responseFile), { recursive: true })
        // 0600, also when the file existed: the body may hold what the token can read.
        writeFileSync(api.responseFile, report.body, { mode: 0o600 })
        chmodSync(api.responseFile, 0o600)
      }
      outputs.api_response_file = api.responseFile
      const bytes = report.bodyBytes ?? report.body.length
      if (bytes > MAX_OUTPUT_BODY_BYTES) {
        outputs.api_response = ''
        sink.notice(
          `The API response is ${bytes} bytes, over the 1 MiB limit for the api_response output, which is left empty; read it from api_response_file (${api.responseFile}).`
        )
      } else {
        outputs.api_response = report.body.toString('utf8')
      }
    }
    if (report.hasResult) outputs.api_result = JSON.stringify(report.result ?? null)
    if (report.passed !== undefined) outputs.api_passed = String(report.passed)
  } finally {
    sink.setOutputs(outputs)
  }
}

/** The job summary of one call: the verdict, what was asked, what came back. No secrets. */
export function renderApiSummary(report: ApiReport, api: ApiSettings): string {
  const rows: Array<[string, string]> = [
    ['Request', codeSpan(`${report.method} ${report.path}`)],
    [
      'Status',
      report.status === undefined
        ? 'no response'
        : `${report.status} (expected ${escapeMarkdown(api.expectedStatusText)})`
    ],
    ['Duration', formatDuration(report.durationMs)],
    ['Attempts', String(report.attempts)]
  ]
  if (api.waitUntil) {
    rows.push(['Polls', String(report.polls)])
    rows.push(['Wait until', codeSpan(api.waitUntil)])
  }
  if (api.assert) {
    const verdict =
      report.passed === undefined ? 'not evaluated' : report.passed ? '✅ passed' : '❌ failed'
    rows.push(['Assertion', `${codeSpan(api.assert)} ${verdict}`])
  }
  if (api.query) {
    rows.push(['Query', codeSpan(api.query)])
    rows.push([
      'api_result',
      report.hasResult ? codeSpan(preview(report.result, 500)) : 'not evaluated'
    ])
  }
  if (report.failure) rows.push(['Failure', escapeMarkdown(report.failure)])
  return `${apiVerdict(report)}\n\n${table(['API call', ''], rows)}\n`
}

/** The line a person reads first: did the call do what the workflow asked? */
export function apiVerdict(report: ApiReport): string {
  const call = codeSpan(`${report.method} ${report.path}`)
  if (report.failure) {
    const what =
      report.passed === false
        ? 'the assertion is false'
        : report.status === undefined
          ? 'no response'
          : `HTTP ${report.status}`
    return `❌ **API call failed:** ${call} — ${escapeMarkdown(what)}`
  }
  const status = report.status === undefined ? '' : ` — HTTP ${report.status}`
  const gate = report.passed === true ? ', assertion passed' : ''
  const polls = report.polls > 1 ? ` after ${report.polls} polls` : ''
  return `✅ **API call succeeded:** ${call}${status}${gate}${polls}`
}

export function formatDuration(ms: number): string {
  const rounded = Math.round(ms)
  return rounded < 1000 ? `${rounded} ms` : `${(rounded / 1000).toFixed(1)} s`
}

/** One log line for the step's output: what happened, in the order a reader checks it. */
export function describeApiOutcome(report: ApiReport): string {
  const parts = [
    `API call ${report.method} ${report.path}: HTTP ${report.status} in ${formatDuration(report.durationMs)}`
  ]
  if (report.attempts > report.polls) parts.push(`${report.attempts} attempts`)
  if (report.polls > 1) parts.push(`${report.polls} polls`)
  if (report.hasResult) parts.push(`api_result ${preview(report.result)}`)
  if (report.passed !== undefined) parts.push(`api_assert ${report.passed ? 'passed' : 'failed'}`)
  return `${parts.join('; ')}.`
}
