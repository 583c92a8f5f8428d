// Types of review-service.mjs, the one stand-in of Code Reviews' review API (tests and demo).
import type { ServerResponse } from 'node:http'

export type ReviewResultValue = 'PASSED' | 'PASSED_WITH_WARNINGS' | 'NOT_PASSED'
export type StatusCheckValue = 'PENDING' | 'PASSED' | 'NOT_PASSED' | 'ERROR'

export interface StandInFinding {
  severity: 'CRITICAL' | 'ERROR' | 'WARNING' | 'INFO'
  rule: string
  file: string
  line: number
  message: string
}

/** What a stand-in needs of the server it is mounted on (fake-clayton.ts, scripts/stand-in.mjs). */
export interface StandInRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: Record<string, string | string[] | undefined>
  body: string
  at: number
}
export interface StandInServer {
  url: string
  origin: string
  route(
    method: string,
    path: string | RegExp,
    handler: (req: StandInRequest, res: ServerResponse) => void | Promise<void>
  ): void
  isValidAccessToken(token: string): boolean
}

export interface StandInPolicy {
  title: string
  result: ReviewResultValue
  problems: number
  problemsBySeverity?: Record<string, number>
  /** A scan policy's status_check. */
  statusCheck?: StatusCheckValue
}

export interface ReviewServiceOptions {
  workspace?: string
  project?: string
  /** The review's id (a uuid in the service; any string here). */
  id?: string
  /** Polls answered before the review is PROCESSED. */
  pollsBeforeDone: number
  /** Instead of pollsBeforeDone: PROCESSED from this moment (ms since epoch) on. */
  readyAt?: () => number
  /** Polls answered first with a finished, obsolete report of an earlier commit (EARLIER_SHA). */
  staleFirst?: number
  /**
   * The commit the review's report is of (to_revision.sha, revision.sha); for review: revision,
   * the trigger's revision when unset. No sha in the answers when neither is known.
   */
  headSha?: string
  /** Omitted from the finished review when undefined. */
  result?: ReviewResultValue
  /** task.outcome once PROCESSED (default SUCCESS). */
  outcome?: string
  /** task.status of the trigger's answer (default ACCEPTED), and its outcome (default PENDING). */
  triggerStatus?: string
  triggerOutcome?: string
  /** task.status of unfinished polls, in order; the last one repeats. */
  pendingStatuses?: string[]
  /** Sent with every poll answer. */
  retryAfter?: string
  violations?: Record<string, number>
  /** A pull request's report has one policy object (the first); a scan has them all. */
  policies?: StandInPolicy[]
  /** A finished scan's status_check (default: PASSED unless the result is NOT_PASSED). */
  statusCheck?: StatusCheckValue
  /** status_check of successive finished scan answers; the last one repeats. */
  statusChecks?: StatusCheckValue[]
  /** The Legacy Code Filter's reference date (status_check_issue_behavior REFERENCE_DATE). */
  legacyCodeFilter?: string
  /** A finished pull request's approval; omitted when undefined. */
  approval?: 'PENDING' | 'APPROVED' | 'NOT_APPROVED'
  /**
   * `none`: no SARIF; `paywall`: withheld; else the findings, or a raw body: behind a Scan's
   * sarif_url, or for a pull request behind its head revision's scan (to_revision.last_scan).
   */
  sarif?: 'none' | 'paywall' | StandInFinding[] | { raw: string }
  /** Where sarif_url points (default this server); an origin without path. */
  sarifOrigin?: string
  /** 1-based poll numbers answered 401 invalid_token whatever the token. */
  rejectPolls?: number[]
}

export interface ReviewService {
  id: string
  triggers(): StandInRequest[]
  polls(): StandInRequest[]
  sarifDownloads(): StandInRequest[]
  /** Every review answer sent (each one valid against the schema). */
  answers(): unknown[]
  /** When the review became PROCESSED (ms since epoch), if it did. */
  readyAt(): number | undefined
  /** The SARIF body served, for a second origin to serve too. */
  sarifBody(): string
  sarifPath: string
  /** The signature in sarif_url's query: must never be printed. */
  signature: string
}

export const SAMPLE_FINDINGS: StandInFinding[]
export const EARLIER_SHA: string
export function sarifLog(findings: StandInFinding[]): unknown
export function schemaErrors(type: 'PullRequest' | 'Scan', body: unknown): string[]
export function takeSchemaViolations(): string[]
export function mountReviewService(server: StandInServer, opts: ReviewServiceOptions): ReviewService
