import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ResponseTooLargeError } from '../common/errors.js'
import { formatBytes, sanitize } from '../common/text.js'
import type { HttpResponse } from '../http/client.js'
import { isLoopbackHost } from '../common/url.js'
import { planAnnotations } from './annotations.js'
import type { ReviewState } from './review-api.js'
import type { RunContext } from './run-context.js'
import { capSarif, parseSarif, sarifFindings } from './sarif.js'

/** Findings listed in the summary; the SARIF report and Code Reviews have them all. */
export const SUMMARY_FINDINGS = 20
/** The SARIF download is parsed, then capped to MAX_SARIF_BYTES for the file. */
const MAX_SARIF_DOWNLOAD_BYTES = 64 * 1024 * 1024

/**
 * The findings, from where the service has them: a Scan's SARIF report (written for upload-sarif,
 * read for annotations and the summary). A pull request review has none in the API; only the scan
 * of its head revision may name one.
 */
export async function collectFindings(ctx: RunContext, state: ReviewState): Promise<void> {
  const { report } = ctx
  if (!state.sarifUrl) {
    report.sarif.note = noSarifNote(ctx, state)
    return
  }
  report.sarif.source = state.sarifSource
  let url: URL
  try {
    url = new URL(state.sarifUrl, ctx.service.baseUrl)
  } catch {
    report.sarif.note = 'The review names a SARIF report at an address that is not a URL: skipped.'
    return
  }
  const secure =
    url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))
  if (!secure) {
    report.sarif.note = 'The review names a SARIF report over plain http: not downloaded.'
    return
  }
  // Whether the download needs the bearer token is not documented: only trusted origins get it.
  const headers = ctx.service.trustedOrigins.has(url.origin)
    ? ctx.tokens.headers()
    : { Accept: 'application/json' }
  let response: HttpResponse
  try {
    response = await ctx.http.send({
      method: 'GET',
      url,
      headers,
      label: 'Code Reviews: SARIF download',
      maxBodyBytes: MAX_SARIF_DOWNLOAD_BYTES,
      retry: 'always'
    })
  } catch (error) {
    // The URL may be signed: say what failed, never where.
    return skip(
      ctx,
      error instanceof ResponseTooLargeError
        ? `The SARIF report is over ${formatBytes(MAX_SARIF_DOWNLOAD_BYTES)}, more than this step reads: no SARIF file and no annotations.`
        : 'The SARIF report could not be downloaded (network error): no SARIF file and no annotations.'
    )
  }
  report.attempts += response.attempts
  if (response.status < 200 || response.status > 299) {
    return skip(
      ctx,
      `The SARIF report could not be downloaded (HTTP ${response.status}): no SARIF file and no annotations.`
    )
  }
  const parsed = parseSarif(response.body)
  if (!parsed.ok) {
    return skip(
      ctx,
      `The review's SARIF report is not usable: ${parsed.why}. No SARIF file and no annotations.`
    )
  }
  const { sarifFile } = ctx.settings
  const capped = capSarif(parsed.log)
  if (!capped.ok) {
    report.sarif.note = `The review's SARIF report cannot be cut to a file upload-sarif accepts: ${capped.why}. No SARIF file; the findings are still annotated and summarised.`
    ctx.sink.warning(report.sarif.note)
  } else {
    mkdirSync(dirname(sarifFile), { recursive: true })
    writeFileSync(sarifFile, capped.text, { mode: 0o600 })
    report.sarif.file = sarifFile
    if (capped.kept < capped.total) {
      report.sarif.note = `The SARIF report had ${capped.total} results; ${sarifFile} keeps the ${capped.kept} most severe, so upload-sarif accepts it.`
      ctx.sink.info(report.sarif.note)
    }
  }
  const findings = sarifFindings(parsed.log, ctx.service.workspace)
  report.findingsTotal = findings.length
  report.findings = findings.slice(0, SUMMARY_FINDINGS)
  const plan = planAnnotations(findings)
  for (const annotation of plan.annotations) ctx.sink.annotate(annotation)
  report.annotated = {
    errors: plan.annotations.filter(a => a.kind === 'error').length,
    warnings: plan.annotations.filter(a => a.kind === 'warning').length,
    hiddenErrors: plan.hiddenErrors,
    hiddenWarnings: plan.hiddenWarnings
  }
}

function skip(ctx: RunContext, note: string): void {
  ctx.report.sarif.note = note
  ctx.sink.warning(note)
}

function noSarifNote(ctx: RunContext, state: ReviewState): string {
  if (state.issueDetails === 'PAYWALL') {
    return 'Code Reviews withholds the findings of this review on the current plan (issue_details PAYWALL): no SARIF report and no annotations.'
  }
  if (state.issueDetails === 'UNAVAILABLE') {
    return 'Code Reviews has no findings to share for this review (issue_details UNAVAILABLE): no SARIF report and no annotations.'
  }
  if (ctx.settings.kind === 'pull_request') {
    return "Code Reviews' API gives a pull request review's verdict, counts and policies, not its findings: they are on the review's page, and in the comments Code Reviews' GitHub App posts on the pull request. No SARIF report and no annotations."
  }
  return 'This review has no SARIF report: findings are in Code Reviews only.'
}

/** Where the person reading a failed gate finds the findings, for the error message. */
export function whereFindingsAre(ctx: RunContext): string {
  const { report } = ctx
  if (report.annotated.errors + report.annotated.warnings > 0) {
    const of = report.sarif.source === 'head-scan' ? ' of the scan of the head revision' : ''
    return `see the annotations${of} and the job summary`
  }
  return report.url
    ? `see them on the review's page, ${sanitize(report.url, 300)}`
    : 'see them on the review in Code Reviews'
}
