import type { IncomingHttpHeaders } from 'node:http'
import { ActionError } from '../common/errors.js'
import { parseJsonObject } from '../common/json.js'
import { sanitize } from '../common/text.js'
import type { HttpResponse } from '../http/client.js'
import { parseRetryAfterMs } from '../http/retry-after.js'
import { joinUrl } from '../common/url.js'
import type { ReviewReport } from '../report/review-summary.js'
import type { TokenResult } from '../token/token-client.js'
import {
  isCheckPending,
  isQueued,
  isReviewDone,
  judgePoll,
  judgeTrigger,
  nextPollDelay
} from './decisions.js'
import {
  pollUrl,
  projectPath,
  readReviewState,
  triggerRequest,
  type ReviewState
} from './review-api.js'
import { MAX_REVIEW_BODY_BYTES, type RunContext } from './run-context.js'

/** The trigger and the wait: from the POST to the answer that is this commit's verdict. */

export interface TriggerAnswer {
  state: ReviewState
  /** The service's Retry-After, if it sent one. */
  retryAfterMs?: number
}

/** POSTs the trigger once; the answer, accepted or queued, or an error naming the refusal. */
export async function triggerReview(ctx: RunContext): Promise<TriggerAnswer> {
  const { settings, report, tokens } = ctx
  const trigger = triggerRequest(ctx.service.baseUrl, settings)
  const label = `Code Reviews: triggering the review of ${ctx.target}`
  const response = await ctx.http.send({
    method: 'POST',
    url: trigger.url,
    headers: { ...tokens.headers(), 'Content-Type': 'application/json' },
    body: JSON.stringify(trigger.body),
    label,
    maxBodyBytes: MAX_REVIEW_BODY_BYTES,
    // A second POST would start a second review: never resent once it may have arrived.
    retry: 'unsent'
  })
  report.attempts += response.attempts
  if (response.status === 404) await explainNotFound(ctx)
  checkStatus(response, `${label} (POST ${trigger.url.pathname})`, tokens.current)
  const state = readState(ctx, response, label)
  apply(report, state)
  const judged = judgeTrigger(state)
  if (judged === 'refused') {
    throw new ActionError(
      `Code Reviews did not accept the review of ${ctx.target}: its task is ${state.taskStatus ?? 'missing'}${state.taskOutcome ? ` (outcome ${state.taskOutcome})` : ''}. Retry later, or check the project in Code Reviews: the plan may not allow more reviews.`
    )
  }
  if (!state.id) {
    throw new ActionError(
      `${label}: the answer has no review id, so the review cannot be followed. Check base_url: it should be Code Reviews (https://app.clayton.io).`
    )
  }
  ctx.sink.info(
    judged === 'queued'
      ? `Code Reviews: review of ${ctx.target} queued (id ${sanitize(state.id, 80)}, task ${state.taskStatus}); waiting for it.`
      : `Code Reviews: review of ${ctx.target} accepted (id ${sanitize(state.id, 80)}); waiting for it.`
  )
  return { state, retryAfterMs: retryAfter(response.headers, ctx.now()) }
}

/**
 * Polls until the review of this commit is finished (or refused), within review_timeout. A
 * finished report of another commit, or an obsolete one, is passed over and said so in debug.
 */
export async function waitForReview(ctx: RunContext, trigger: TriggerAnswer): Promise<ReviewState> {
  const { settings, report, tokens, sink } = ctx
  const url = pollUrl(ctx.service.baseUrl, settings, trigger.state.id!)
  const label = `Code Reviews: polling the review of ${ctx.target}`
  let state = trigger.state
  let retryAfterMs = trigger.retryAfterMs
  let judged = judgePoll(state, settings.headSha, settings.gateOn === 'status_check')
  let queuedSince: number | undefined = isQueued(state) ? ctx.now() : undefined
  while (!judged.done) {
    if (judged.staleWhy) {
      report.staleAnswers += 1
      sink.debug(`Code Reviews: passed over a finished answer: ${judged.staleWhy}.`)
    }
    const decision = nextPollDelay({
      intervalMs: settings.pollIntervalMs,
      retryAfterMs: retryAfterMs,
      elapsedMs: ctx.now() - ctx.startedAt,
      timeoutMs: settings.timeoutMs
    })
    if (!decision.wait) throw timeoutError(ctx, state)
    sink.info(
      `${describeTask(ctx, state, queuedSince)}; next poll in ${(decision.delayMs / 1000).toFixed(1)} s`
    )
    await ctx.wait(decision.delayMs)
    if (tokens.expiring()) await tokens.refresh('the access token is about to expire', sink)
    let poll = await sendPoll(ctx, url, label)
    if (poll.status === 401 && tokens.canRefresh()) {
      await tokens.refresh('a poll was refused with HTTP 401', sink)
      poll = await sendPoll(ctx, url, label)
    }
    if (poll.status === 401 && tokens.current.source === 'input') {
      throw new ActionError(
        `${label} returned HTTP 401 after ${Math.round((ctx.now() - ctx.startedAt) / 1000)} s: the access_token input expired or was revoked while waiting for the review. Let this step request the token itself (client_id, client_secret, refresh_token instead of access_token), so it can refresh during the wait, or pass a token with more life left.`
      )
    }
    retryAfterMs = retryAfter(poll.headers, ctx.now())
    if (isBusy(poll.status) && retryAfterMs !== undefined) {
      // Rate-limited for longer than the client's own retries wait: the review goes on, and
      // so does the wait, at the pace the service asks for (within review_timeout).
      sink.info(
        `${label}: HTTP ${poll.status}, the service asks to wait ${Math.round(retryAfterMs / 1000)} s`
      )
      continue
    }
    checkStatus(poll, `${label} (GET ${url.pathname})`, tokens.current)
    state = readState(ctx, poll, label)
    apply(report, state)
    if (isQueued(state)) queuedSince ??= ctx.now()
    else queuedSince = undefined
    judged = judgePoll(state, settings.headSha, settings.gateOn === 'status_check')
  }
  return state
}

function describeTask(ctx: RunContext, state: ReviewState, queuedSince?: number): string {
  const polls = `${ctx.report.polls} poll${ctx.report.polls === 1 ? '' : 's'}`
  const task = sanitize(state.taskStatus ?? 'unknown', 40)
  if (queuedSince !== undefined) {
    const waited = Math.round((ctx.now() - queuedSince) / 1000)
    return `Code Reviews: queued (task ${task}) for ${waited} s after ${polls}`
  }
  const still = state.taskStatus === 'PROCESSED' && state.isProcessing ? ' (still processing)' : ''
  return `Code Reviews: task ${task}${still} after ${polls}`
}

function timeoutError(ctx: RunContext, state: ReviewState): ActionError {
  const { report, settings } = ctx
  const polls = `${report.polls} poll${report.polls === 1 ? '' : 's'}`
  const seconds = settings.timeoutMs / 1000
  if (report.staleAnswers > 0) {
    const commit = settings.headSha ? ` (${settings.headSha.slice(0, 12)})` : ''
    return new ActionError(
      `Code Reviews: no report of this commit${commit} for ${ctx.target} within review_timeout ${seconds} s: ${report.staleAnswers} of ${polls} showed a finished report of an earlier commit or an obsolete one, which is not this commit's verdict. Look at the review in Code Reviews, or raise review_timeout if reviews of this project take longer.`
    )
  }
  if (settings.gateOn === 'status_check' && isReviewDone(state) && isCheckPending(state)) {
    return new ActionError(
      `Code Reviews: the status check of ${ctx.target} was still PENDING at review_timeout ${seconds} s (${polls}): review_gate_on is status_check, so the gate waits for Code Reviews to publish it. Raise review_timeout, or look at the review in Code Reviews.`
    )
  }
  return new ActionError(
    `Code Reviews: the review of ${ctx.target} did not finish within review_timeout ${seconds} s (${polls}; task ${state.taskStatus ?? 'unknown'}). Raise review_timeout if reviews of this project take longer, or look at the review in Code Reviews.`
  )
}

async function sendPoll(ctx: RunContext, url: URL, label: string): Promise<HttpResponse> {
  const response = await ctx.http.send({
    method: 'GET',
    url,
    headers: ctx.tokens.headers(),
    label,
    maxBodyBytes: MAX_REVIEW_BODY_BYTES,
    retry: 'always'
  })
  ctx.report.polls += 1
  ctx.report.attempts += response.attempts
  return response
}

/** What the summary shows while waiting: the latest answer's task, id and page. */
function apply(report: ReviewReport, state: ReviewState): void {
  report.id = state.id ?? report.id
  report.url = state.htmlUrl ?? report.url
  report.taskStatus = state.taskStatus
  report.taskOutcome = state.taskOutcome
}

function readState(ctx: RunContext, response: HttpResponse, label: string): ReviewState {
  const body = parseJsonObject(response.body)
  if (!body) {
    throw new ActionError(
      `${label}: HTTP ${response.status} with a body that is not a JSON object (${response.body.length} bytes). Check base_url: it should be Code Reviews (https://app.clayton.io).`
    )
  }
  return readReviewState(ctx.settings.kind, body)
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
async function explainNotFound(ctx: RunContext): Promise<never> {
  const { settings } = ctx
  const get = async (path: string): Promise<number | undefined> => {
    try {
      const r = await ctx.http.send({
        method: 'GET',
        url: joinUrl(ctx.service.baseUrl, path),
        headers: ctx.tokens.headers(),
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
      : `${ctx.target} (has Code Reviews seen this branch or commit? push it first, or check branch and revision)`
  throw new ActionError(
    `Code Reviews answered HTTP 404 to the review of ${subject}; workspace "${settings.workspace}" and project "${settings.project}" exist.`
  )
}

/** 429 and 503 with Retry-After: the service is busy, not the review broken. */
function isBusy(status: number): boolean {
  return status === 429 || status === 503
}

function retryAfter(headers: IncomingHttpHeaders, nowMs: number): number | undefined {
  const value = headers['retry-after']
  return parseRetryAfterMs(Array.isArray(value) ? value[0] : value, nowMs)
}
