import { randomUUID } from 'node:crypto'
import * as core from '@actions/core'
import type { ApiStep } from './api/api-step.js'
import { ActionError, MAX_ERROR_LENGTH, clip, describeFailure } from './common/errors.js'
import { USER_AGENT } from './common/version.js'
import type { Http } from './http/http.js'
import { acquireToken } from './lifecycle/acquire-token.js'
import { markMainStepStarted } from './lifecycle/state.js'
import { createMask } from './report/mask.js'
import { publishSkipped, publishToken } from './report/outputs.js'
import { Redactor } from './report/redact.js'
import { describeMissingCredentials, secretsWithheldReason } from './settings/credentials.js'
import { readRunnerEnvironment } from './settings/environment.js'
import { readActionInput } from './settings/input-reader.js'
import { SECRET_INPUTS, parseInputs } from './settings/inputs.js'

export { runPost } from './post.js'

/** One run of the main step: settings, token, the optional API call, outputs and summary. */
export async function run(): Promise<void> {
  markMainStepStarted()
  const redactor = new Redactor()
  const mask = createMask(redactor)
  const read = readActionInput
  const env = readRunnerEnvironment()
  let http: Http | undefined
  let api: ApiStep | undefined
  let failure: string | undefined
  try {
    for (const name of SECRET_INPUTS) mask(read(name))
    const parsed = parseInputs(read, { runnerTemp: env.runnerTemp, random: randomUUID() })
    if (parsed.kind === 'missing-credentials') {
      const why = describeMissingCredentials(parsed.detail, secretsWithheldReason(env))
      if (!parsed.detail.skip) throw new ActionError(why)
      return publishSkipped(why, core)
    }
    const { settings } = parsed
    // Loaded only by runs that call the API; JMESPath itself only by runs with an expression.
    if (settings.api) api = await (await import('./api/api-step.js')).prepareApiStep(settings.api)

    // Loaded once a request is certain: a run that stops at its inputs never loads the client.
    const { Http } = await import('./http/http.js')
    http = new Http(USER_AGENT, settings.http, message => core.info(message))
    const { token, savedTo, secretError } = await acquireToken(http, settings.credential, mask, env)
    const secretWriteFailed = secretError !== undefined
    publishToken(
      token,
      { exportEnv: settings.exportEnv, nowMs: Date.now(), savedTo, secretWriteFailed },
      core
    )
    // Outputs and the cache are written first: a refused secret write must not lose the new token.
    if (secretError) throw secretError

    await api?.call(http, token)
  } catch (error) {
    failure = clip(redactor.redact(describeFailure(error)), MAX_ERROR_LENGTH)
    core.setFailed(failure)
  } finally {
    http?.dispose()
    await api?.publish(failure, redactor)
  }
}
