import * as core from '@actions/core'
import type { Http } from '../http/http.js'
import { describeUrl, parseSecureUrl } from '../http/url.js'
import type { RunnerEnvironment } from '../settings/environment.js'
import type { CredentialSource } from '../settings/inputs.js'
import type { LifecycleSettings } from '../settings/lifecycle-settings.js'
import {
  basicCredential,
  requestToken,
  type Mask,
  type TokenResult
} from '../token/token-client.js'
import { rememberTokenToRevoke } from './state.js'
import { obtainToken, type LifecycleResult } from './token-lifecycle.js'

/**
 * The step's access token: the one handed over in access_token, or one obtained through the
 * lifecycle (cache, refresh or code exchange, secret write-back), remembered for revocation.
 */
export async function acquireToken(
  http: Http,
  credential: CredentialSource,
  mask: Mask,
  env: RunnerEnvironment
): Promise<LifecycleResult> {
  if (credential.kind === 'input') {
    const token: TokenResult = {
      accessToken: credential.accessToken,
      tokenType: 'Bearer',
      scope: '',
      source: 'input',
      rotated: false
    }
    return { token, savedTo: [] }
  }
  const { token: tokenSettings, lifecycle } = credential
  const { client } = tokenSettings
  if (client.auth === 'client_secret_basic') mask(basicCredential(client.id, client.secret))
  core.debug(
    `Token endpoint ${describeUrl(tokenSettings.tokenUrl)}, grant ${tokenSettings.grant.type}, client_auth ${client.auth}, cache ${lifecycle.cache}`
  )
  const result = await obtainToken(tokenSettings, lifecycle, {
    requestToken: request => requestToken(http, request, mask, core.debug),
    // The cache module (and @actions/cache behind it) is loaded only when the cache is on.
    cache: lifecycle.cache
      ? (await import('./token-cache.js')).createTokenCache({
          secret: client.secret,
          context: {
            clientId: client.id,
            tokenUrl: tokenSettings.tokenUrl.href,
            scope: tokenSettings.scope
          },
          runnerTemp: env.runnerTemp,
          log: { debug: core.debug, warning: core.warning }
        })
      : undefined,
    writeSecret: lifecycle.refreshTokenSecret
      ? value => writeSecret(http, lifecycle, env, value)
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

async function writeSecret(
  http: Http,
  lifecycle: LifecycleSettings,
  env: RunnerEnvironment,
  value: string
): Promise<void> {
  const apiUrl = parseSecureUrl(env.githubApiUrl, 'GITHUB_API_URL')
  // Loaded only when a secret is written (it brings libsodium).
  const { writeRepositorySecret } = await import('./secret-writer.js')
  await writeRepositorySecret(http, {
    apiUrl: apiUrl.href,
    repository: env.repository,
    repositoryId: env.repositoryId,
    environment: lifecycle.secretEnvironment || undefined,
    token: lifecycle.githubToken,
    name: lifecycle.refreshTokenSecret,
    value
  })
}
