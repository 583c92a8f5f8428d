// Part api: the configured API call: request, JMESPath query/assert/wait, its outputs and summary.
import * as core from '@actions/core'
import type { HttpSender } from '../http/client.js'
import { createLog } from '../report/log.js'
import type { Redactor } from '../report/redact.js'
import { setOutputs } from '../report/runner-files.js'
import type { ApiSettings } from '../settings/api-settings.js'
import type { TokenResult } from '../token/token-client.js'
import { checkExpressions, newApiReport, runApiCall } from './api-call.js'
import { describeApiOutcome, publishApiReport, renderApiSummary } from './api-report.js'

/** The configured API call of one step: its request and wait, then its outputs and summary. */
export interface ApiStep {
  call(http: HttpSender, token: TokenResult): Promise<void>
  /**
   * Outputs are written whether the call passed or not, for `if: failure()` steps; returns the
   * call's summary section (undefined when no call was made).
   */
  publish(failure: string | undefined): Promise<string | undefined>
}

/**
 * Checks the expressions before any request is sent, so a typo costs no token. What the step
 * prints and summarises passes the redactor; the outputs hold the response as it came.
 */
export async function prepareApiStep(settings: ApiSettings, redactor: Redactor): Promise<ApiStep> {
  await checkExpressions(settings)
  const log = createLog(redactor)
  const report = newApiReport(settings)
  let called = false
  return {
    async call(http, token) {
      called = true
      await runApiCall(
        http,
        settings,
        { value: token.accessToken, source: token.source, scope: token.scope },
        report,
        { onPoll: log.info, onWarning: log.warning, responseFile: settings.responseFile }
      )
    },
    async publish(failure) {
      // A step that failed before the call (the token request) has no API call to report.
      if (!called) return undefined
      if (failure) report.failure = failure
      try {
        publishApiReport(report, settings, {
          setOutputs: outputs => setOutputs(outputs),
          notice: core.notice
        })
        if (!report.failure) log.info(describeApiOutcome(report))
      } catch (error) {
        log.warning(`Could not write the API call's outputs: ${String(error)}`)
      }
      return redactor.redact(renderApiSummary(report, settings))
    }
  }
}
