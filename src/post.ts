import { randomUUID } from 'node:crypto'
import * as core from '@actions/core'
import type { Http } from './http/client.js'
import { readRunnerEnvironment } from './settings/environment.js'
import { readActionInput } from './settings/input-reader.js'
import { SECRET_INPUTS, parseInputs } from './settings/inputs.js'
import { createLog } from './report/log.js'
import { Redactor } from './report/redact.js'
import { revokeAccessToken } from './lifecycle/revoke.js'
import { tokenToRevoke } from './lifecycle/state.js'
import { basicCredential } from './token/token-client.js'
import { redactBeforeCutting } from './common/text.js'
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
  redactBeforeCutting(text => redactor.redact(text))
  redactor.add(token)
  const log = createLog(redactor)
  // The reason is a sentence or more of its own, ending in a full stop (or cut short with …).
  const warn = (reason: string) =>
    log.warning(
      `Could not revoke the access token: ${reason.replace(/[.\s]+$/, '')}. It stays valid until it expires.`
    )
  let http: Http | undefined
  try {
    const read = readActionInput
    // The runner masks these since the main step; the redactor needs them for their other forms.
    for (const name of SECRET_INPUTS) redactor.add(read(name))
    const env = readRunnerEnvironment()
    // The same inputs as the main step, so the same environment (a review's defaults come from it).
    const parsed = parseInputs(read, {
      runnerTemp: env.runnerTemp,
      random: randomUUID(),
      git: env.git
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
    const { Http } = await import('./http/client.js')
    http = new Http(USER_AGENT, parsed.settings.http, log.info)
    const outcome = await revokeAccessToken(http, { revokeUrl: lifecycle.revokeUrl, client, token })
    if (outcome.ok) log.info('Revoked the access token this job obtained.')
    else warn(outcome.reason)
  } catch (error) {
    warn(error instanceof Error ? error.message : String(error))
  } finally {
    http?.dispose()
  }
}
