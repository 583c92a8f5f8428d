// Part review: the Code Reviews review gate: trigger, wait (refreshing the token), gate, SARIF, annotations.
import * as core from '@actions/core'
import { setTimeout as sleep } from 'node:timers/promises'
import { ActionError } from '../common/errors.js'
import { sanitize } from '../common/text.js'
import { describeUrl } from '../common/url.js'
import type { Log } from '../report/log.js'
import type { Redactor } from '../report/redact.js'
import { renderReviewSection, type ReviewReport } from '../report/review-summary.js'
import type { TokenFacts } from '../report/summary.js'
import type { ReviewSettings } from '../settings/review-settings.js'
import { describeViolations, violationCounts } from './decisions.js'
import { collectFindings, whereFindingsAre } from './findings.js'
import { decideGate, type GateDecision } from './gate.js'
import { triggerRequest, type ReviewState } from './review-api.js'
import {
  TokenHolder,
  type ReviewContext,
  type ReviewRun,
  type ReviewSink,
  type RunContext
} from './run-context.js'
import { triggerReview, waitForReview } from './wait.js'

export { SUMMARY_FINDINGS } from './findings.js'
export type { ReviewContext, ReviewRun, ReviewSink } from './run-context.js'

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
  log: Pick<Log, 'info' | 'warning' | 'debug'>,
  redact: (text: string) => string
): ReviewSink {
  return {
    info: log.info,
    warning: log.warning,
    debug: log.debug,
    setOutput: core.setOutput,
    annotate: ({ kind, message, title, ...properties }) =>
      core[kind](redact(message), { ...properties, title: redact(title) })
  }
}

export function prepareReviewStep(
  settings: ReviewSettings,
  service: ReviewContext,
  sink: ReviewSink
): ReviewStep {
  const { target } = triggerRequest(service.baseUrl, settings)
  const report: ReviewReport = {
    target,
    kind: settings.kind,
    failOn: settings.failOn,
    gate: describeRules(settings),
    violations: {},
    policies: [],
    findings: [],
    findingsTotal: 0,
    annotated: { errors: 0, warnings: 0, hiddenErrors: 0, hiddenWarnings: 0 },
    sarif: {},
    polls: 0,
    staleAnswers: 0,
    attempts: 0,
    durationMs: 0,
    refreshes: 0
  }
  let started = false
  return {
    async run(run) {
      started = true
      const now = run.now ?? Date.now
      const ctx: RunContext = {
        settings,
        service,
        http: run.http,
        tokens: new TokenHolder(run.token, run.refresh, now),
        sink,
        report,
        target,
        now,
        wait: run.wait ?? (ms => sleep(ms)),
        startedAt: now()
      }
      try {
        await runReview(ctx)
      } finally {
        report.durationMs = now() - ctx.startedAt
        report.refreshes = ctx.tokens.refreshes
      }
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

/** `review_gate_on: status_check · review_policies: Security · review_fail_on_severity: critical`. */
function describeRules(settings: ReviewSettings): string {
  return [
    `review_gate_on: ${settings.gateOn}`,
    `review_fail_on: ${settings.failOn}`,
    ...(settings.policies.length > 0 ? [`review_policies: ${settings.policies.join(', ')}`] : []),
    ...(settings.failOnSeverity ? [`review_fail_on_severity: ${settings.failOnSeverity}`] : [])
  ].join(' · ')
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
  sink.setOutput('review_status_check', report.statusCheck ?? '')
}

/** Trigger, wait for this commit's verdict, take its findings, then gate. */
async function runReview(ctx: RunContext): Promise<void> {
  const trigger = await triggerReview(ctx)
  const state = await waitForReview(ctx, trigger)
  const { report, settings, sink, target } = ctx
  const gate = decideGate({ ...state, kind: settings.kind }, settings)
  report.passed = gate.passed
  record(report, state, gate)
  await collectFindings(ctx, state)
  const counts = describeViolations(report.violations)
  const shown = report.result ?? `has no result (outcome ${state.taskOutcome ?? 'unknown'})`
  const line = `Code Reviews: ${target} ${shown}${counts ? ` — ${counts}` : ''}${report.url ? ` (${describeUrl(new URL(report.url))})` : ''}.`
  sink.info(sanitize(line, 500))
  if (gate.why === 'outcome' || gate.why === 'no_result') {
    const why =
      gate.why === 'outcome'
        ? `the review finished with outcome ${state.taskOutcome}, so it has no trustworthy result`
        : 'the review finished without a result'
    const message = `Code Reviews: ${why} (${target}). Re-run the review, or look at it in Code Reviews.`
    if (gate.failsStep) throw new ActionError(message)
    sink.warning(`${message} review_fail_on is never, so the step passes.`)
  } else if (gate.why === 'unknown_policies') {
    throw new ActionError(
      `Code Reviews: the review of ${target} ${gate.reasons.join('; ')}. Set review_policies to titles as Code Reviews shows them (case does not matter).`
    )
  } else if (gate.failsStep) {
    throw new ActionError(
      `Code Reviews: the review of ${target} ${gate.reasons.join('; ')}. Fix the findings (${whereFindingsAre(ctx)}) and push again.`
    )
  } else if (!gate.passed) {
    sink.warning(
      `Code Reviews: the review of ${target} ${gate.reasons.join('; ')}. review_fail_on is never, so the step passes.`
    )
  }
}

/**
 * The finished review's verdict, counts and policies. The result only when the review finished
 * with a trustworthy outcome: an `if:` on review_result must not read a stale PASSED.
 */
function record(report: ReviewReport, state: ReviewState, gate: GateDecision): void {
  report.result = gate.why === 'outcome' ? undefined : state.result
  report.statusCheck = state.statusCheck
  report.violations = state.violations
  report.policies = state.policies
  report.gatedPolicies = gate.gated.map(p => p.title)
  report.gateNotes = gate.notes
  if (state.statusCheckBehavior === 'REFERENCE_DATE' && state.referenceDate) {
    report.referenceDate = state.referenceDate
  }
}
