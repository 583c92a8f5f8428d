import { randomUUID } from 'node:crypto'
import * as core from '@actions/core'
import type { Http } from './http/http.js'
import { readRunnerEnvironment } from './settings/environment.js'
import { readActionInput } from './settings/input-reader.js'
import { parseInputs } from './settings/inputs.js'
import { Redactor } from './report/redact.js'
import { revokeAccessToken } from './lifecycle/revoke.js'
import { tokenToRevoke } from './lifecycle/state.js'
import { basicCredential } from './token/token-client.js'
import { USER_AGENT } from './common/version.js'

/**
 * The post step: revokes the access token this job obtained (RFC 7009) when `revoke: true`.
 * Revocation is hygiene, not the job's purpose: any failure is a warning and the step exits 0.
 */
export async function runPost(): Promise<void> {
  const token = tokenToRevoke()
  if (!token) return
  core.setSecret(token)
  const redactor = new Redactor()
  redactor.add(token)
  let http: Http | undefined
  try {
    const read = readActionInput
    const secret = read('client_secret')
    if (secret) redactor.add(secret)
    const parsed = parseInputs(read, {
      runnerTemp: readRunnerEnvironment().runnerTemp,
      random: randomUUID()
    })
    if (parsed.kind !== 'ready' || parsed.settings.credential.kind !== 'request') return
    const { token: tokenSettings, lifecycle } = parsed.settings.credential
    const { client } = tokenSettings
    if (client.auth === 'client_secret_basic') {
      const basic = basicCredential(client.id, client.secret)
      core.setSecret(basic)
      redactor.add(basic)
    }
    // Loaded once a request is certain: a run that stops at its inputs never loads the client.
    const { Http } = await import('./http/http.js')
    http = new Http(USER_AGENT, parsed.settings.http, message => core.info(message))
    const outcome = await revokeAccessToken(http, { revokeUrl: lifecycle.revokeUrl, client, token })
    if (outcome.ok) core.info('Revoked the access token this job obtained.')
    else {
      core.warning(
        `Could not revoke the access token: ${redactor.redact(outcome.reason)}. It stays valid until it expires.`
      )
    }
  } catch (error) {
    core.warning(
      `Could not revoke the access token: ${redactor.redact(error instanceof Error ? error.message : String(error))}. It stays valid until it expires.`
    )
  } finally {
    http?.dispose()
  }
}
