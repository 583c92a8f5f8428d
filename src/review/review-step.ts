// Part review: the Code Reviews review gate: trigger, wait (refreshing the token), gate, SARIF, annotations.
import * as core from '@actions/core'
import { mkdirSync, writeFileSync } from 'node:fs'
import type { IncomingHttpHeaders } from 'node:http'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { ActionError, ResponseTooLargeError } from '../common/errors.js'
import { parseJsonObject } from '../common/json.js'
import { formatBytes, sanitize } from '../common/text.js'
import type { HttpSender, HttpResponse } from '../http/client.js'
import { parseRetryAfterMs } from '../http/retry-after.js'
import { describeUrl, isLoopbackHost, joinUrl } from '../common/url.js'
import type { Log } from '../report/log.js'
import type { Redactor } from '../report/redact.js'
import { renderReviewSection, type ReviewReport } from '../report/review-summary.js'
import type { TokenFacts } from '../report/summary.js'
import type { ReviewSettings } from '../settings/review-settings.js'
import type { TokenResult } from '../token/token-client.js'
import { planAnnotations, type Annotation } from './annotations.js'
import {
  decideVerdict,
  describeViolations,
  isReviewDone,
  isTokenExpiring,
  isTriggerAccepted,
  nextPollDelay,
  violationCounts
} from './decisions.js'
import {
  pollUrl,
  projectPath,
  readReviewState,
  triggerRequest,
  type ReviewState
} from './review-api.js'
import { capSarif, parseSarif, sarifFindings } from './sarif.js'

/** Findings listed in the summary; the SARIF report and Code Reviews have them all. */
export const SUMMARY_FINDINGS = 20

/** What the review writes to: @actions/core in the action, a recorder in tests. */
export interface ReviewSink {
  info(message: string): void
  warning(message: string): void
  setOutput(name: string, value: string): void
  annotate(annotation: Annotation): void
}

export interface ReviewContext {
  baseUrl: URL
  /** Origins that may receive the token: base_url's and trusted_origins. */
  trustedOrigins: Set<string>
  /** GITHUB_WORKSPACE, to make SARIF paths relative to the repository. */
  workspace: string
}

export interface ReviewRun {
  http: HttpSender
  token: TokenResult
  /**
   * A new access token through the same lifecycle as the first (masking, rotation write-back,
   * cache); absent when the token was handed over in access_token.
   */
  refresh?: () => Promise<TokenResult>
  now?: () => number
  wait?: (ms: number) => Promise<void>
}

export interface ReviewStep {
  run(run: ReviewRun): Promise<void>
  /** Outputs known so far, then the summary section; for failed steps too. */
  publish(failure: string | undefined, redactor: Redactor, token?: TokenFacts): string | undefined
}

/**
 * The review's sink in the action: the redacting log, step outputs and workflow-command
 * annotations. Annotation text comes from the service: redacted too (core escapes line breaks).
 */
export function createReviewSink(
  log: Pick<Log, 'info' | 'warning'>,
  redact: (text: string) => string
): ReviewSink {
  return {
    info: log.info,
    warning: log.warning,
    setOutput: core.setOutput,
    annotate: ({ kind, message, title, ...properties }) =>
      core[kind](redact(message), { ...properties, title: redact(title) })
  }
}

export function prepareReviewStep(
  settings: ReviewSettings,
  context: ReviewContext,
  sink: ReviewSink
): ReviewStep {
  const trigger = triggerRequest(context.baseUrl, settings)
  const report: ReviewReport = {
    target: trigger.target,
    kind: settings.kind,
    failOn: settings.failOn,
    violations: {},
    policies: [],
    findings: [],
    findingsTotal: 0,
    annotated: { errors: 0, warnings: 0, hiddenErrors: 0, hiddenWarnings: 0 },
    sarif: {},
    polls: 0,
    attempts: 0,
    durationMs: 0,
    refreshes: 0
  }
  let started = false
  return {
    async run(run) {
      started = true
      await runReview(settings, context, run, sink, report)
    },
    publish(failure, redactor, token) {
      if (!started) return undefined
      if (failure && !report.failure) report.failure = failure
      try {
        publishReviewOutputs(report, sink)
      } catch (error) {
        sink.warning(`Could not set the review outputs: ${redactor.redact(String(error))}`)
      }
      return redactor.redact(
        renderReviewSection(report, describeViolations(report.violations), token)
      )
    }
  }
}

export function publishReviewOutputs(report: ReviewReport, sink: Pick<ReviewSink, 'setOutput'>) {
  if (report.id !== undefined) sink.setOutput('review_id', report.id)
  sink.setOutput('review_result', report.result ?? '')
  sink.setOutput('review_passed', String(report.passed === true))
  if (report.url !== undefined) sink.setOutput('review_url', report.url)
  if (report.result !== undefined || Object.keys(report.violations).length > 0) {
    sink.setOutput('review_violations', JSON.stringify(violationCounts(report.violations)))
  }
  sink.setOutput('sarif_file', report.sarif.file ?? '')
}

async function runReview(
  settings: ReviewSettings,
  context: ReviewContext,
  run: ReviewRun,
  sink: ReviewSink,
  report: ReviewReport
): Promise<void> {
  const now = run.now ?? Date.now
  const wait = run.wait ?? (ms => sleep(ms))
  const start = now()
  const tokens = new TokenHolder(run.token, run.refresh, now)
  try {
    const trigger = triggerRequest(context.baseUrl, settings)
    const triggerLabel = `Code Reviews: triggering the review of ${trigger.target}`
    const response = await run.http.send({
      method: 'POST',
      url: trigger.url,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: `Bearer ${tokens.current.accessToken}`
      },
      body: JSON.stringify(trigger.body),
      label: triggerLabel,
      maxBodyBytes: MAX_REVIEW_BODY_BYTES,
      // A second POST would start a second review: never resent once it may have arrived.
      retry: 'unsent'
    })
    report.attempts += response.attempts
    if (response.status === 404)
      await explainNotFound(run.http, context, settings, tokens, trigger.target)
    checkStatus(response, `${triggerLabel} (POST ${trigger.url.pathname})`, tokens.current)
    let state = readState(settings, response, triggerLabel)
    apply(report, state)
    if (!isTriggerAccepted(state.taskStatus)) {
      throw new ActionError(
        `Code Reviews did not accept the review of ${trigger.target}: its task is ${state.taskStatus ?? 'missing'}${state.taskOutcome ? ` (outcome ${state.taskOutcome})` : ''}, not ACCEPTED. The service may be throttling this project or the plan may not allow more reviews: retry later, or check the project in Code Reviews.`
      )
    }
    if (!state.id) {
      throw new ActionError(
        `${triggerLabel}: the answer has no review id, so the review cannot be followed. Check base_url: it should be Code Reviews (https://app.clayton.io).`
      )
    }
    sink.info(
      `Code Reviews: review of ${trigger.target} accepted (id ${sanitize(state.id, 80)}); waiting for it.`
    )
    const url = pollUrl(context.baseUrl, settings, state.id)
    const pollLabel = `Code Reviews: polling the review of ${trigger.target}`
    let retryAfterMs = retryAfter(response.headers, now())
    while (!isReviewDone(state)) {
      const decision = nextPollDelay({
        intervalMs: settings.pollIntervalMs,
        retryAfterMs,
        elapsedMs: now() - start,
        timeoutMs: settings.timeoutMs
      })
      if (!decision.wait) {
        throw new ActionError(
          `Code Reviews: the review of ${trigger.target} did not finish within review_timeout ${settings.timeoutMs / 1000} s (${report.polls} poll${report.polls === 1 ? '' : 's'}; task ${state.taskStatus ?? 'unknown'}). Raise review_timeout if reviews of this project take longer, or look at the review in Code Reviews.`
        )
      }
      sink.info(
        `Code Reviews: task ${sanitize(state.taskStatus ?? 'unknown', 40)}${state.taskStatus === 'PROCESSED' && state.isProcessing ? ' (still processing)' : ''} after ${report.polls} poll${report.polls === 1 ? '' : 's'}; next poll in ${(decision.delayMs / 1000).toFixed(1)} s`
      )
      await wait(decision.delayMs)
      if (tokens.expiring()) await tokens.refresh('the access token is about to expire', sink)
      let poll = await sendPoll(run.http, url, pollLabel, tokens)
      report.polls += 1
      report.attempts += poll.attempts
      if (poll.status === 401 && tokens.canRefresh()) {
        await tokens.refresh('a poll was refused with HTTP 401', sink)
        poll = await sendPoll(run.http, url, pollLabel, tokens)
        report.polls += 1
        report.attempts += poll.attempts
      }
      if (poll.status === 401 && tokens.current.source === 'input') {
        throw new ActionError(
          `${pollLabel} returned HTTP 401 after ${Math.round((now() - start) / 1000)} s: the access_token input expired or was revoked while waiting for the review. Let this step request the token itself (client_id, client_secret, refresh_token instead of access_token), so it can refresh during the wait, or pass a token with more life left.`
        )
      }
      retryAfterMs = retryAfter(poll.headers, now())
      if (isBusy(poll.status) && retryAfterMs !== undefined) {
        // Rate-limited for longer than the client's own retries wait: the review goes on, and
        // so does the wait, at the pace the service asks for (within review_timeout).
        sink.info(
          `${pollLabel}: HTTP ${poll.status}, the service asks to wait ${Math.round(retryAfterMs / 1000)} s`
        )
        continue
      }
      checkStatus(poll, `${pollLabel} (GET ${url.pathname})`, tokens.current)
      state = readState(settings, poll, pollLabel)
      apply(report, state)
    }
    report.refreshes = tokens.refreshes
    const verdict = decideVerdict(state.result, state.taskOutcome, settings.failOn)
    report.passed = verdict.passed
    await collectFindings(run.http, context, settings, tokens, state, report, sink)
    const counts = describeViolations(report.violations)
    const line = `Code Reviews: ${trigger.target} ${state.result ?? 'has no result'}${counts ? ` — ${counts}` : ''}${report.url ? ` (${describeUrl(new URL(report.url))})` : ''}.`
    sink.info(sanitize(line, 500))
    if (verdict.why === 'outcome' || verdict.why === 'no_result') {
      const why =
        verdict.why === 'outcome'
          ? `the review finished with outcome ${state.taskOutcome}, so it has no trustworthy result`
          : 'the review finished without a result'
      const message = `Code Reviews: ${why} (${trigger.target}). Re-run the review, or look at it in Code Reviews.`
      if (verdict.failsStep) throw new ActionError(message)
      sink.warning(`${message} review_fail_on is never, so the step passes.`)
    } else if (verdict.failsStep) {
      const gate =
        verdict.why === 'warnings'
          ? 'review_fail_on is warnings, so warnings fail the step too'
          : `review_fail_on is ${settings.failOn}`
      throw new ActionError(
        `Code Reviews: the review of ${trigger.target} is ${state.result}${counts ? ` — ${counts}` : ''}; ${gate}. Fix the findings (see the annotations and the job summary) and push again.`
      )
    }
  } finally {
    report.durationMs = now() - start
    report.refreshes = tokens.refreshes
  }
}

/** A review (trigger answer or poll) held in memory: far larger than any real one. */
const MAX_REVIEW_BODY_BYTES = 16 * 1024 * 1024
/** The SARIF download is parsed, then capped to MAX_SARIF_BYTES for the file. */
const MAX_SARIF_DOWNLOAD_BYTES = 64 * 1024 * 1024

function sendPoll(
  http: HttpSender,
  url: URL,
  label: string,
  tokens: TokenHolder
): Promise<HttpResponse> {
  return http.send({
    method: 'GET',
    url,
    headers: { Accept: 'application/json', Authorization: `Bearer ${tokens.current.accessToken}` },
    label,
    maxBodyBytes: MAX_REVIEW_BODY_BYTES,
    retry: 'always'
  })
}

/** The access token of the wait: refreshed before it expires, or once after a 401. */
class TokenHolder {
  refreshes = 0
  private expiresAtMs?: number
  private lifetimeMs?: number

  constructor(
    public current: TokenResult,
    private readonly refresher: (() => Promise<TokenResult>) | undefined,
    private readonly now: () => number
  ) {
    this.track()
  }

  canRefresh(): boolean {
    return this.refresher !== undefined
  }

  expiring(): boolean {
    return (
      this.canRefresh() &&
      isTokenExpiring({
        expiresAtMs: this.expiresAtMs,
        lifetimeMs: this.lifetimeMs,
        nowMs: this.now()
      })
    )
  }

  async refresh(why: string, sink: ReviewSink): Promise<void> {
    if (!this.refresher) return
    sink.info(`Code Reviews: ${why}; refreshing it before the next poll.`)
    this.current = await this.refresher()
    this.refreshes += 1
    this.track()
  }

  private track(): void {
    const seconds = this.current.expiresIn
    this.lifetimeMs = seconds === undefined ? undefined : seconds * 1000
    this.expiresAtMs = seconds === undefined ? undefined : this.now() + seconds * 1000
  }
}

function apply(report: ReviewReport, state: ReviewState): void {
  report.id = state.id ?? report.id
  report.url = state.htmlUrl ?? report.url
  report.taskStatus = state.taskStatus
  report.taskOutcome = state.taskOutcome
  if (state.result) report.result = state.result
  if (Object.keys(state.violations).length > 0) report.violations = state.violations
  if (state.policies.length > 0) report.policies = state.policies
}

function readState(settings: ReviewSettings, response: HttpResponse, label: string): ReviewState {
  const body = parseJsonObject(response.body)
  if (!body) {
    throw new ActionError(
      `${label}: HTTP ${response.status} with a body that is not a JSON object (${response.body.length} bytes). Check base_url: it should be Code Reviews (https://app.clayton.io).`
    )
  }
  return readReviewState(settings.kind, body)
}

function checkStatus(response: HttpResponse, label: string, token: TokenResult): void {
  if (response.status >= 200 && response.status <= 299) return
  if (response.status === 401) {
    const why =
      token.source === 'input'
        ? 'The access_token input is expired, revoked or not valid for Code Reviews: pass a fresh one, or let this step request it.'
        : 'The access token was refused: check that base_url points at the service that issued it, and that scope grants access to the workspace.'
    throw new ActionError(`${label} returned HTTP 401. ${why}`)
  }
  const retried = response.attempts > 1 ? ` after ${response.attempts} attempts` : ''
  const body =
    response.body.length > 0 ? ` Response: ${sanitize(response.body.toString('utf8'), 200)}` : ''
  const hint =
    response.status === 403
      ? " The OAuth client's user may lack access to this project, or the plan may not allow reviews through the API."
      : ''
  throw new ActionError(`${label} returned HTTP ${response.status}${retried}.${body}${hint}`)
}

/**
 * A 404 on the trigger: look (with GETs, which change nothing) whether the workspace or the project
 * is unknown, and name it.
 */
async function explainNotFound(
  http: HttpSender,
  context: ReviewContext,
  settings: ReviewSettings,
  tokens: TokenHolder,
  target: string
): Promise<never> {
  const get = async (path: string): Promise<number | undefined> => {
    try {
      const r = await http.send({
        method: 'GET',
        url: joinUrl(context.baseUrl, path),
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${tokens.current.accessToken}`
        },
        label: 'Code Reviews: checking the workspace and project',
        retry: 'always'
      })
      return r.status
    } catch {
      return undefined
    }
  }
  const where =
    'Code Reviews shows both ids in its URLs: app.clayton.io/workspaces/<workspace>/projects/<project>'
  const project = await get(projectPath(settings))
  if (project === 404) {
    const workspace = await get(`/api/workspaces/${settings.workspace}`)
    if (workspace === 404) {
      throw new ActionError(
        `Code Reviews has no workspace "${settings.workspace}" that this token can see (HTTP 404). Check input workspace (${where}), and that the OAuth client's user is a member of it.`
      )
    }
    throw new ActionError(
      `Code Reviews has no project "${settings.project}" in workspace "${settings.workspace}" that this token can see (HTTP 404). Check input project (${where}).`
    )
  }
  const subject =
    settings.kind === 'pull_request'
      ? `pull request #${settings.pullRequestNumber} (is the repository's pull request tracked by Code Reviews yet?)`
      : `${target} (has Code Reviews seen this branch or commit? push it first, or check branch and revision)`
  throw new ActionError(
    `Code Reviews answered HTTP 404 to the review of ${subject}; workspace "${settings.workspace}" and project "${settings.project}" exist.`
  )
}

/** The SARIF report when there is one: written for upload-sarif, read for findings. */
async function collectFindings(
  http: HttpSender,
  context: ReviewContext,
  settings: ReviewSettings,
  tokens: TokenHolder,
  state: ReviewState,
  report: ReviewReport,
  sink: ReviewSink
): Promise<void> {
  if (!state.sarifUrl) {
    report.sarif.note =
      state.issueDetails === 'PAYWALL'
        ? 'Code Reviews withholds the findings of this review on the current plan (issue_details PAYWALL): no SARIF report and no annotations.'
        : state.issueDetails === 'UNAVAILABLE'
          ? 'Code Reviews has no findings to share for this review (issue_details UNAVAILABLE): no SARIF report and no annotations.'
          : 'This review has no SARIF report: findings are in Code Reviews only.'
    return
  }
  let url: URL
  try {
    url = new URL(state.sarifUrl, context.baseUrl)
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
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (context.trustedOrigins.has(url.origin)) {
    headers.Authorization = `Bearer ${tokens.current.accessToken}`
  }
  let response: HttpResponse
  try {
    response = await http.send({
      method: 'GET',
      url,
      headers,
      label: 'Code Reviews: SARIF download',
      maxBodyBytes: MAX_SARIF_DOWNLOAD_BYTES,
      retry: 'always'
    })
  } catch (error) {
    // The URL may be signed: say what failed, never where.
    report.sarif.note =
      error instanceof ResponseTooLargeError
        ? `The SARIF report is over ${formatBytes(MAX_SARIF_DOWNLOAD_BYTES)}, more than this step reads: no SARIF file and no annotations.`
        : 'The SARIF report could not be downloaded (network error): no SARIF file and no annotations.'
    sink.warning(report.sarif.note)
    return
  }
  report.attempts += response.attempts
  if (response.status < 200 || response.status > 299) {
    report.sarif.note = `The SARIF report could not be downloaded (HTTP ${response.status}): no SARIF file and no annotations.`
    sink.warning(report.sarif.note)
    return
  }
  const parsed = parseSarif(response.body)
  if (!parsed.ok) {
    report.sarif.note = `The review's SARIF report is not usable: ${parsed.why}. No SARIF file and no annotations.`
    sink.warning(report.sarif.note)
    return
  }
  const capped = capSarif(parsed.log)
  if (!capped.ok) {
    report.sarif.note = `The review's SARIF report cannot be cut to a file upload-sarif accepts: ${capped.why}. No SARIF file; the findings are still annotated and summarised.`
    sink.warning(report.sarif.note)
  } else {
    mkdirSync(dirname(settings.sarifFile), { recursive: true })
    writeFileSync(settings.sarifFile, capped.text, { mode: 0o600 })
    report.sarif.file = settings.sarifFile
    if (capped.kept < capped.total) {
      report.sarif.note = `The SARIF report had ${capped.total} results; ${settings.sarifFile} keeps the ${capped.kept} most severe, so upload-sarif accepts it.`
      sink.info(report.sarif.note)
    }
  }
  const findings = sarifFindings(parsed.log, context.workspace)
  report.findingsTotal = findings.length
  report.findings = findings.slice(0, SUMMARY_FINDINGS)
  const plan = planAnnotations(findings)
  for (const annotation of plan.annotations) sink.annotate(annotation)
  report.annotated = {
    errors: plan.annotations.filter(a => a.kind === 'error').length,
    warnings: plan.annotations.filter(a => a.kind === 'warning').length,
    hiddenErrors: plan.hiddenErrors,
    hiddenWarnings: plan.hiddenWarnings
  }
}

/** 429 and 503 with Retry-After: the service is busy, not the review broken. */
function isBusy(status: number): boolean {
  return status === 429 || status === 503
}

function retryAfter(headers: IncomingHttpHeaders, nowMs: number): number | undefined {
  const value = headers['retry-after']
  return parseRetryAfterMs(Array.isArray(value) ? value[0] : value, nowMs)
}
