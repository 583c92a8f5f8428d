import { sanitize } from '../common/text.js'
import { joinUrl } from '../common/url.js'
import type { ReviewKind, ReviewSettings } from '../settings/review-settings.js'

/**
 * The review API as Code Reviews' own SFDX plugin (spaceheroes/sfdx-clayton, src/config.ts,
 * src/types.d.ts) uses it: the only public client. Field names are the plugin's.
 */
export const REVIEW_RESULTS = ['PASSED', 'PASSED_WITH_WARNINGS', 'NOT_PASSED'] as const
export type ReviewResult = (typeof REVIEW_RESULTS)[number]

export interface PolicyResult {
  title: string
  result?: string
  /** A scan policy's status_check (honours the Legacy Code Filter); pull request policies have none. */
  statusCheck?: string
  problems?: number
  /** Severity (upper case) → count. */
  problemsBySeverity: Record<string, number>
  issueDetails?: string
}

/** What one response (trigger or poll) says about the review, whatever its shape. */
export interface ReviewState {
  id?: string
  htmlUrl?: string
  taskStatus?: string
  taskOutcome?: string
  /** PullRequest only: still reviewing even when its task is PROCESSED. */
  isProcessing?: boolean
  result?: ReviewResult
  /**
   * What Code Reviews publishes to GitHub: a Scan's `status_check` (PENDING, PASSED, NOT_PASSED,
   * ERROR), a PullRequest's `approval` (PENDING, APPROVED, NOT_APPROVED).
   */
  statusCheck?: string
  /** A Scan's Legacy Code Filter: `status_check_issue_behavior` and its reference date. */
  statusCheckBehavior?: string
  referenceDate?: string
  /** Severity (upper case) → count. */
  violations: Record<string, number>
  policies: PolicyResult[]
  /**
   * The commit the answer's report is of: a PullRequest's `last_pull_request_review_report
   * .to_revision.sha`, a Scan's `revision.sha`. Undefined when the answer names none.
   */
  revisionSha?: string
  /** The report (PullRequest) or the Scan says it is superseded. */
  obsolete?: boolean
  /**
   * A SARIF report: only Scans have them (`sarif_url`, `scan_policies[].sarif_url`). For a pull
   * request, one of the scan of its head revision (`to_revision.last_scan`), when named.
   */
  sarifUrl?: string
  sarifSource?: 'scan' | 'head-scan'
  /** PAYWALL or UNAVAILABLE: the findings are withheld. */
  issueDetails?: string
}

export function projectPath(settings: Pick<ReviewSettings, 'workspace' | 'project'>): string {
  return `/api/workspaces/${settings.workspace}/projects/${settings.project}`
}

export interface TriggerRequest {
  url: URL
  body: Record<string, unknown>
  /** What is reviewed, for people: `pull request #12`, `branch main`. */
  target: string
}

export function triggerRequest(baseUrl: URL, settings: ReviewSettings): TriggerRequest {
  const scans = `${projectPath(settings)}/scans`
  switch (settings.kind) {
    case 'pull_request':
      return {
        url: joinUrl(baseUrl, `${scans}/by_pull_request`),
        body: { pull_request_number: settings.pullRequestNumber, type: 'AUTO' },
        target: `pull request #${settings.pullRequestNumber}`
      }
    case 'branch':
      return {
        url: joinUrl(baseUrl, `${scans}/by_branch`),
        body: { branch: settings.branch, type: 'AUTO' },
        target: `branch ${settings.branch}`
      }
    case 'revision':
      return {
        url: joinUrl(baseUrl, `${scans}/by_branch_and_revision`),
        body: { branch: settings.branch, revision: settings.revision, type: 'AUTO' },
        target: `revision ${settings.revision?.slice(0, 12)} on branch ${settings.branch}`
      }
  }
}

/** The poll URL: the PullRequest by the uuid from the trigger (not its number), or the Scan. */
export function pollUrl(baseUrl: URL, settings: ReviewSettings, id: string): URL {
  const encoded = encodeURIComponent(id)
  if (settings.kind === 'pull_request') {
    return joinUrl(baseUrl, `${projectPath(settings)}/pull-requests/${encoded}`)
  }
  const url = joinUrl(baseUrl, `${projectPath(settings)}/scans/${encoded}`)
  url.search = '?legacy_code=true'
  return url
}

/**
 * Reads a PullRequest or a Scan; anything missing or of the wrong type is simply unknown. Only
 * fields of the plugin's types are read: a PullRequest, its report and the report's policies carry
 * no `sarif_url`.
 */
export function readReviewState(kind: ReviewKind, body: unknown): ReviewState {
  const o = record(body)
  const task = record(o.task)
  const state: ReviewState = {
    id: text(o.id),
    htmlUrl: webAddress(o.html_url),
    // Server text is data: these end up in log lines and messages.
    taskStatus: label(task.status),
    taskOutcome: label(task.outcome),
    violations: {},
    policies: []
  }
  if (kind === 'pull_request') {
    const report = record(o.last_pull_request_review_report)
    const revision = record(report.to_revision)
    state.isProcessing = typeof o.is_processing === 'boolean' ? o.is_processing : undefined
    state.statusCheck = label(o.approval)
    state.result = result(report.result) ?? result(o.last_review_result)
    state.violations = counts(record(report.metrics).violation_count_by_severity)
    // The plugin's types give one policy object here; accept a list too.
    state.policies = listOf(report.report_policies).map(policy)
    state.revisionSha = sha(revision.sha)
    state.obsolete = typeof report.obsolete === 'boolean' ? report.obsolete : undefined
    const headScan = record(revision.last_scan)
    state.sarifUrl = policySarif(headScan.scan_policies)
    if (state.sarifUrl) state.sarifSource = 'head-scan'
  } else {
    state.result = result(o.result)
    state.statusCheck = label(o.status_check)
    state.statusCheckBehavior = label(o.status_check_issue_behavior)
    state.referenceDate = label(o.status_check_issue_reference_date)
    const metrics = counts(record(o.metrics).violation_count_by_severity)
    state.violations = Object.keys(metrics).length > 0 ? metrics : counts(o.problems_by_severity)
    state.policies = (Array.isArray(o.scan_policies) ? o.scan_policies : []).map(policy)
    state.revisionSha = sha(record(o.revision).sha)
    state.obsolete = typeof o.obsolete === 'boolean' ? o.obsolete : undefined
    state.sarifUrl = text(o.sarif_url) ?? policySarif(o.scan_policies)
    if (state.sarifUrl) state.sarifSource = 'scan'
  }
  state.issueDetails = state.policies.map(p => p.issueDetails).find(d => d && d !== 'AVAILABLE')
  return state
}

/** The first `scan_policies[].sarif_url`. */
function policySarif(policies: unknown): string | undefined {
  const list = Array.isArray(policies) ? policies : []
  return list.map(p => text(record(p).sarif_url)).find(url => url !== undefined)
}

function sha(value: unknown): string | undefined {
  const t = text(value)
  return t !== undefined && /^[0-9a-f]{7,64}$/i.test(t) ? t.toLowerCase() : undefined
}

function policy(value: unknown): PolicyResult {
  const p = record(value)
  return {
    title: text(p.title) ?? text(p.id) ?? 'policy',
    result: text(p.result),
    statusCheck: label(p.status_check),
    problems: typeof p.problems === 'number' ? p.problems : undefined,
    problemsBySeverity: counts(p.problems_by_severity),
    issueDetails: text(p.issue_details)
  }
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value ? [value] : []
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/** The review's page: an http(s) URL, or nothing (it is printed, linked and output). */
function webAddress(value: unknown): string | undefined {
  const t = text(value)
  if (t === undefined || !URL.canParse(t)) return undefined
  return /^https?:$/.test(new URL(t).protocol) ? t : undefined
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function label(value: unknown): string | undefined {
  const t = text(value)
  return t === undefined ? undefined : sanitize(t, 40)
}

function result(value: unknown): ReviewResult | undefined {
  return (REVIEW_RESULTS as readonly unknown[]).includes(value)
    ? (value as ReviewResult)
    : undefined
}

function counts(value: unknown): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [key, count] of Object.entries(record(value))) {
    if (typeof count === 'number' && Number.isFinite(count) && count >= 0) {
      out[key.toUpperCase()] = Math.floor(count)
    }
  }
  return out
}
