import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import * as core from '@actions/core'
import { newApiReport, runApiCall, type ApiReport } from './api-call.js'
import { describeApiOutcome, publishApiReport, renderApiSummary } from './api-report.js'
import { describeMissingCredentials, secretsWithheldReason } from './credentials.js'
import { ActionError, MAX_ERROR_LENGTH, clip } from './errors.js'
import { checkExpressions } from './expressions.js'
import { Http } from './http.js'
import { SECRET_INPUTS, parseInputs, type InputReader, type Settings } from './inputs.js'
import { publishToken } from './outputs.js'
import { Redactor } from './redact.js'
import { basicCredential, requestToken, type Mask, type TokenResult } from './token-client.js'
import { describeUrl } from './url.js'
import { USER_AGENT } from './version.js'

/** Wires the modules together; every decision lives in them. */
export async function run(): Promise<void> {
  const redactor = new Redactor()
  const mask: Mask = secret => {
    if (!secret) return
    core.setSecret(secret)
    redactor.add(secret)
  }
  const read: InputReader = name => core.getInput(name)
  let http: Http | undefined
  let api: { settings: NonNullable<Settings['api']>; report: ApiReport } | undefined
  try {
    for (const name of SECRET_INPUTS) mask(read(name))
    const parsed = parseInputs(read, {
      runnerTemp: process.env.RUNNER_TEMP || tmpdir(),
      random: randomUUID()
    })
    if (parsed.kind === 'missing-credentials') {
      const explanation = describeMissingCredentials(
        parsed.detail,
        secretsWithheldReason({
          actor: process.env.GITHUB_ACTOR,
          eventPath: process.env.GITHUB_EVENT_PATH
        })
      )
      if (!parsed.detail.skip) throw new ActionError(explanation)
      core.setOutput('skipped', 'true')
      core.notice(`${explanation} Skipped: no token was requested and no API call was made.`)
      return
    }
    const { settings } = parsed
    if (settings.api) await checkExpressions(settings.api)

    http = new Http(USER_AGENT, settings.http, message => core.info(message))
    const token = await obtainToken(http, settings, mask)
    publishToken(token, { exportEnv: settings.exportEnv, nowMs: Date.now() }, core)

    if (settings.api) {
      api = { settings: settings.api, report: newApiReport(settings.api) }
      await runApiCall(
        http,
        settings.api,
        { value: token.accessToken, source: token.source },
        api.report,
        { onPoll: message => core.info(message) }
      )
      core.info(describeApiOutcome(api.report))
    }
  } catch (error) {
    const message = clip(redactor.redact(describeFailure(error)), MAX_ERROR_LENGTH)
    if (api) api.report.failure = message
    core.setFailed(message)
  } finally {
    http?.dispose()
    if (api) await reportApiCall(api.report, api.settings, redactor)
  }
}

async function obtainToken(http: Http, settings: Settings, mask: Mask): Promise<TokenResult> {
  if (settings.credential.kind === 'input') {
    return {
      accessToken: settings.credential.accessToken,
      tokenType: 'Bearer',
      scope: '',
      source: 'input',
      rotated: false
    }
  }
  const { token } = settings.credential
  if (token.client.auth === 'client_secret_basic') {
    mask(basicCredential(token.client.id, token.client.secret))
  }
  core.debug(
    `Token endpoint ${describeUrl(token.tokenUrl)}, grant ${token.grant.type}, client_auth ${token.client.auth}`
  )
  return requestToken(http, token, mask)
}

/** Outputs and summary are written whether the call passed or not, for `if: failure()` steps. */
async function reportApiCall(
  report: ApiReport,
  settings: NonNullable<Settings['api']>,
  redactor: Redactor
): Promise<void> {
  try {
    publishApiReport(report, settings, core)
    await core.summary.addRaw(redactor.redact(renderApiSummary(report, settings))).write()
  } catch (error) {
    core.warning(
      `Could not write the API call's outputs or summary: ${redactor.redact(String(error))}`
    )
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof ActionError) return error.message
  const message = error instanceof Error ? error.message : String(error)
  return `Unexpected error: ${message}. This is a bug in the action; please report it with the step's log.`
}
