import { randomUUID } from 'node:crypto'
import * as core from '@actions/core'
import type { ApiStep } from './api/api-step.js'
import { ActionError } from './common/errors.js'
import { redactBeforeCutting } from './common/text.js'
import { USER_AGENT } from './common/version.js'
import { httpOnDemand, type HttpOnDemand } from './http/on-demand.js'
import { markMainStepStarted } from './lifecycle/state.js'
import { openTokenSession } from './lifecycle/token-session.js'
import { createLog } from './report/log.js'
import { createMask } from './report/mask.js'
import { createTokenPublisher, publishSkipped, tokenOutputSink } from './report/outputs.js'
import { Redactor } from './report/redact.js'
import { writeStepSummary, type StepSummaryInput } from './report/summary.js'
import type { ReviewStep } from './review/review-step.js'
import { describeMissingCredentials, secretsWithheldReason } from './settings/credentials.js'
import { readRunnerEnvironment } from './settings/environment.js'
import { readActionInput } from './settings/input-reader.js'
import { SECRET_INPUTS, parseInputs } from './settings/inputs.js'

export { runPost } from './post.js'

/** One run of the main step: settings, token, the API call or the review, outputs, summary. */
export async function run(): Promise<void> {
  markMainStepStarted()
  const redactor = new Redactor()
  redactBeforeCutting(text => redactor.redact(text))
  const mask = createMask(redactor)
  // Everything printed from here on goes through the redactor, secrets registered later included.
  const log = createLog(redactor)
  const read = readActionInput
  const env = readRunnerEnvironment()
  const summary: StepSummaryInput = { step: env.stepName }
  let http: HttpOnDemand | undefined
  let api: ApiStep | undefined
  let review: ReviewStep | undefined
  let tokens: ReturnType<typeof createTokenPublisher> | undefined
  try {
    for (const name of SECRET_INPUTS) mask(read(name))
    const parsed = parseInputs(read, {
      runnerTemp: env.runnerTemp,
      random: randomUUID(),
      git: env.git
    })
    if (parsed.kind === 'missing-credentials') {
      const why = describeMissingCredentials(parsed.detail, secretsWithheldReason(env))
      if (!parsed.detail.skip) throw new ActionError(why)
      summary.skipped = { why, review: parsed.detail.review === true }
      return publishSkipped(why, core)
    }
    const { settings } = parsed
    // Loaded only by runs that call the API or review; JMESPath only by runs with an expression.
    if (settings.api) {
      api = await (await import('./api/api-step.js')).prepareApiStep(settings.api, redactor)
    }
    if (settings.review) {
      const { createReviewSink, prepareReviewStep } = await import('./review/review-step.js')
      const context = { ...settings, workspace: env.workspace }
      const sink = createReviewSink(log, text => redactor.redact(text))
      review = prepareReviewStep(settings.review, context, sink)
    }

    // Loaded with the first request: a run that stops at its inputs, or is served by an earlier
    // step of the job, never loads the client.
    http = httpOnDemand(USER_AGENT, settings.http, log.info)
    tokens = createTokenPublisher(settings.exportEnv, tokenOutputSink(log))
    const session = openTokenSession({ ...settings, http, mask, env, log, publisher: tokens })
    const token = await session.start()
    await api?.call(http, token)
    // A review can outlast the token: refreshing mid-wait goes through the same lifecycle.
    await review?.run({ http, token, refresh: session.refresh })
    session.finish()
  } catch (error) {
    summary.failure = log.failure(error)
    core.setFailed(summary.failure)
  } finally {
    http?.dispose()
    summary.token = tokens?.facts()
    summary.section =
      (await api?.publish(summary.failure)) ??
      review?.publish(summary.failure, redactor, summary.token)
    writeStepSummary(summary, redactor, log)
  }
}
