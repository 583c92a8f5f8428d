import type { HttpSender } from '../http/client.js'
import type { ReviewReport } from '../report/review-summary.js'
import type { ReviewSettings } from '../settings/review-settings.js'
import type { TokenResult } from '../token/token-client.js'
import type { Annotation } from './annotations.js'
import { isTokenExpiring } from './decisions.js'

/** What the review writes to: @actions/core in the action, a recorder in tests. */
export interface ReviewSink {
  info(message: string): void
  warning(message: string): void
  /** Why an answer was passed over: for the person who turns on debug logging. */
  debug(message: string): void
  setOutput(name: string, value: string): void
  annotate(annotation: Annotation): void
}

/** Where the service is, and what the findings are relative to. */
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

/** One run of the review, handed from the step to the wait and the findings. */
export interface RunContext {
  settings: ReviewSettings
  service: ReviewContext
  http: HttpSender
  tokens: TokenHolder
  sink: ReviewSink
  /** Filled as the run goes; rendered into outputs and the summary, failed runs included. */
  report: ReviewReport
  /** `pull request #12`, `branch main`. */
  target: string
  now: () => number
  wait: (ms: number) => Promise<void>
  startedAt: number
}

/** A review (trigger answer or poll) held in memory: far larger than any real one. */
export const MAX_REVIEW_BODY_BYTES = 16 * 1024 * 1024

/** The access token of the wait: refreshed before it expires, or once after a 401. */
export class TokenHolder {
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

  headers(): Record<string, string> {
    return { Accept: 'application/json', Authorization: `Bearer ${this.current.accessToken}` }
  }

  private track(): void {
    const seconds = this.current.expiresIn
    this.lifetimeMs = seconds === undefined ? undefined : seconds * 1000
    this.expiresAtMs = seconds === undefined ? undefined : this.now() + seconds * 1000
  }
}
