import type { Log } from './log.js'
import type { Redactor } from './redact.js'
import type { TokenResult } from '../token/token-client.js'
import { codeSpan, escapeMarkdown, table } from './markdown.js'
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
  cache: 'reused from the Actions cache',
  job: 'reused from an earlier step of this job'
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

/** The token's facts as a table: the token section's, and the review section's details. */
export function tokenTable(token: TokenFacts): string {
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
