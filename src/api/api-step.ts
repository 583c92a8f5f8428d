// Part api: the configured API call: request, JMESPath query/assert/wait, its outputs and summary.
import * as core from '@actions/core'
import type { Http } from '../http/http.js'
import type { Redactor } from '../report/redact.js'
import type { ApiSettings } from '../settings/api-settings.js'
import type { TokenResult } from '../token/token-client.js'
import { checkExpressions, newApiReport, runApiCall } from './api-call.js'
import { describeApiOutcome, publishApiReport, renderApiSummary } from './api-report.js'

/** The configured API call of one step: its request and wait, then its outputs and summary. */
export interface ApiStep {
  call(http: Http, token: TokenResult): Promise<void>
  /** Outputs and summary are written whether the call passed or not, for `if: failure()` steps. */
  publish(failure: string | undefined, redactor: Redactor): Promise<void>
}

/** Checks the expressions before any request is sent, so a typo costs no token. */
export async function prepareApiStep(settings: ApiSettings): Promise<ApiStep> {
  await checkExpressions(settings)
  const report = newApiReport(settings)
  let called = false
  return {
    async call(http, token) {
      called = true
      await runApiCall(http, settings, { value: token.accessToken, source: token.source }, report, {
        onPoll: message => core.info(message),
        onWarning: message => core.warning(message)
      })
    },
    async publish(failure, redactor) {
      // A step that failed before the call (the token request) has no API call to report.
      if (!called) return
      if (failure) report.failure = failure
      try {
        publishApiReport(report, settings, core)
        if (!report.failure) core.info(describeApiOutcome(report))
        await core.summary.addRaw(redactor.redact(renderApiSummary(report, settings))).write()
      } catch (error) {
        core.warning(
          `Could not write the API call's outputs or summary: ${redactor.redact(String(error))}`
        )
      }
    }
  }
}
