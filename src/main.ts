import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import * as core from '@actions/core'
import type { ApiReport } from './api/api-call.js'
import type { ApiSettings } from './settings/api-settings.js'
import { describeMissingCredentials, secretsWithheldReason } from './settings/credentials.js'
import { ActionError, MAX_ERROR_LENGTH, clip } from './common/errors.js'
import { Http } from './http/http.js'
import { SECRET_INPUTS, parseInputs, type InputReader, type Settings } from './settings/inputs.js'
import type { LifecycleSettings } from './settings/lifecycle-settings.js'
import { publishToken } from './report/outputs.js'
import { Redactor } from './report/redact.js'
import { markMainStepStarted, rememberTokenToRevoke } from './lifecycle/state.js'
import { basicCredential, requestToken, type Mask, type TokenResult } from './token/token-client.js'
import { obtainToken, type LifecycleResult } from './lifecycle/token-lifecycle.js'
import { describeUrl, parseSecureUrl } from './http/url.js'
import { USER_AGENT } from './common/version.js'

export { runPost } from './post.js'

/** Wires the modules together; every decision lives in them. */
export async function run(): Promise<void> {
  markMainStepStarted()
  const redactor = new Redactor()
  const masked = new Set<string>()
  const mask: Mask = secret => {
    // Once is enough: the runner masks a value for the rest of the job.
    if (!secret || masked.has(secret)) return
    masked.add(secret)
    core.setSecret(secret)
    redactor.add(secret)
  }
  const read: InputReader = name => core.getInput(name)
  const runnerTemp = process.env.RUNNER_TEMP || tmpdir()
  let http: Http | undefined
  let api: { settings: ApiSettings; report: ApiReport } | undefined
  try {
    for (const name of SECRET_INPUTS) mask(read(name))
    const parsed = parseInputs(read, { runnerTemp, random: randomUUID() })
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
    // Loaded only by runs that call the API; JMESPath itself only by runs with an expression.
    const apiModule = settings.api ? await import('./api/api-call.js') : undefined
    if (settings.api && apiModule) await apiModule.checkExpressions(settings.api)

    http = new Http(USER_AGENT, settings.http, message => core.info(message))
    const { token, savedTo, secretError } = await acquire(http, settings, mask, runnerTemp)
    publishToken(
      token,
      {
        exportEnv: settings.exportEnv,
        nowMs: Date.now(),
        savedTo,
        secretWriteFailed: secretError !== undefined
      },
      core
    )
    // Outputs and the cache are written first: a refused secret write must not lose the new token.
    if (secretError) throw secretError

    if (settings.api && apiModule) {
      api = { settings: settings.api, report: apiModule.newApiReport(settings.api) }
      await apiModule.runApiCall(
        http,
        settings.api,
        { value: token.accessToken, source: token.source },
        api.report,
        { onPoll: message => core.info(message) }
      )
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

async function acquire(
  http: Http,
  settings: Settings,
  mask: Mask,
  runnerTemp: string
): Promise<LifecycleResult> {
  if (settings.credential.kind === 'input') {
    const token: TokenResult = {
      accessToken: settings.credential.accessToken,
      tokenType: 'Bearer',
      scope: '',
      source: 'input',
      rotated: false
    }
    return { token, savedTo: [] }
  }
  const { token: tokenSettings, lifecycle } = settings.credential
  const { client } = tokenSettings
  if (client.auth === 'client_secret_basic') mask(basicCredential(client.id, client.secret))
  core.debug(
    `Token endpoint ${describeUrl(tokenSettings.tokenUrl)}, grant ${tokenSettings.grant.type}, client_auth ${client.auth}, cache ${lifecycle.cache}`
  )
  const result = await obtainToken(tokenSettings, lifecycle, {
    requestToken: request => requestToken(http, request, mask),
    // The cache module (and @actions/cache behind it) is loaded only when the cache is on.
    cache: lifecycle.cache
      ? (await import('./lifecycle/token-cache.js')).createTokenCache({
          secret: client.secret,
          context: {
            clientId: client.id,
            tokenUrl: tokenSettings.tokenUrl.href,
            scope: tokenSettings.scope
          },
          runnerTemp,
          log: { debug: core.debug, warning: core.warning }
        })
      : undefined,
    writeSecret: lifecycle.refreshTokenSecret
      ? value => writeSecret(http, lifecycle, value)
      : undefined,
    mask,
    now: Date.now,
    log: { info: core.info, debug: core.debug }
  })
  // Never a cached token (other jobs use it) nor one handed over in access_token.
  if (lifecycle.revoke && result.token.source !== 'cache') {
    rememberTokenToRevoke(result.token.accessToken)
  }
  return result
}

async function writeSecret(http: Http, lifecycle: LifecycleSettings, value: string): Promise<void> {
  const apiUrl = parseSecureUrl(
    process.env.GITHUB_API_URL || 'https://api.github.com',
    'GITHUB_API_URL'
  )
  // Loaded only when a secret is written (it brings libsodium).
  const { writeRepositorySecret } = await import('./lifecycle/secret-writer.js')
  await writeRepositorySecret(http, {
    apiUrl: apiUrl.href,
    repository: process.env.GITHUB_REPOSITORY ?? '',
    repositoryId: process.env.GITHUB_REPOSITORY_ID,
    environment: lifecycle.secretEnvironment || undefined,
    token: lifecycle.githubToken,
    name: lifecycle.refreshTokenSecret,
    value
  })
}

/** Outputs and summary are written whether the call passed or not, for `if: failure()` steps. */
async function reportApiCall(
  report: ApiReport,
  settings: ApiSettings,
  redactor: Redactor
): Promise<void> {
  try {
    // Loaded only by runs that make an API call.
    const { describeApiOutcome, publishApiReport, renderApiSummary } =
      await import('./api/api-report.js')
    publishApiReport(report, settings, core)
    if (!report.failure) core.info(describeApiOutcome(report))
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
