import * as core from '@actions/core'
import { ActionError, MAX_ERROR_LENGTH, clip } from './errors.js'
import { describeMissingCredentials, secretsWithheldReason } from './credentials.js'
import { Http } from './http.js'
import { SECRET_INPUTS, parseInputs, type InputReader } from './inputs.js'
import { publishToken } from './outputs.js'
import { Redactor } from './redact.js'
import { basicCredential, requestToken } from './token-client.js'
import { describeUrl } from './url.js'
import { USER_AGENT } from './version.js'

/** Wires the modules together; every decision lives in them. */
export async function run(): Promise<void> {
  const redactor = new Redactor()
  const mask = (secret: string): void => {
    if (!secret) return
    core.setSecret(secret)
    redactor.add(secret)
  }
  const read: InputReader = name => core.getInput(name)
  let http: Http | undefined
  try {
    for (const name of SECRET_INPUTS) mask(read(name))
    const parsed = parseInputs(read)
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
    const { client } = settings.token
    if (client.auth === 'client_secret_basic') mask(basicCredential(client.id, client.secret))

    core.debug(
      `Token endpoint ${describeUrl(settings.token.tokenUrl)}, grant ${settings.token.grant.type}, client_auth ${client.auth}`
    )
    http = new Http(USER_AGENT, settings.http, message => core.info(message))
    const token = await requestToken(http, settings.token, mask)
    publishToken(token, { exportEnv: settings.exportEnv, nowMs: Date.now() }, core)
  } catch (error) {
    core.setFailed(clip(redactor.redact(describeFailure(error)), MAX_ERROR_LENGTH))
  } finally {
    http?.dispose()
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof ActionError) return error.message
  const message = error instanceof Error ? error.message : String(error)
  return `Unexpected error: ${message}. This is a bug in the action; please report it with the step's log.`
}
