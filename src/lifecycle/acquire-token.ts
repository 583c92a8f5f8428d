import { ActionError } from '../common/errors.js'
import type { HttpSender } from '../http/client.js'
import { describeUrl, parseSecureUrl } from '../common/url.js'
import type { Log } from '../report/log.js'
import type { RunnerEnvironment } from '../settings/environment.js'
import { AUTO_SCOPE, type CredentialSource, type TokenSettings } from '../settings/inputs.js'
import type { LifecycleSettings } from '../settings/lifecycle-settings.js'
import {
  basicCredential,
  requestToken,
  type Mask,
  type TokenResult
} from '../token/token-client.js'
import { createJobTokenStore, type JobTokenStore } from './job-token-store.js'
import { rememberTokenToRevoke } from './state.js'
import type { TokenCache } from './token-cache.js'
import { obtainToken, type LifecycleResult } from './token-lifecycle.js'

/**
 * The step's access token: the one handed over in access_token, or one obtained through the
 * lifecycle (cache, refresh or code exchange, secret write-back), remembered for revocation.
 * With `replacing`, a fresh token in place of that one (a review outlasting it): a refresh with
 * the newest refresh token known, never the cached access token, under the same rules.
 */
export async function acquireToken(
  http: HttpSender,
  credential: CredentialSource,
  mask: Mask,
  env: RunnerEnvironment,
  log: Pick<Log, 'info' | 'debug' | 'warning'>,
  replacing?: TokenResult
): Promise<LifecycleResult> {
  let inputRefreshToken: string | undefined
  if (replacing && credential.kind === 'request') {
    ;({ credential, inputRefreshToken } = refreshOf(credential, replacing))
  }
  if (credential.kind === 'input') {
    if (replacing) {
      throw new ActionError(
        'The access_token input cannot be refreshed: let this step request the token itself (client_id, client_secret, refresh_token) so it can refresh during a long wait.'
      )
    }
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
  log.debug(
    `Token endpoint ${describeUrl(tokenSettings.tokenUrl)}, grant ${tokenSettings.grant.type}, client_auth ${client.auth}, cache ${lifecycle.cache}`
  )
  const result = await obtainToken(tokenSettings, lifecycle, {
    inputRefreshToken,
    requestToken: request => requestToken(http, request, mask, log.debug),
    ...(await stateStores(tokenSettings, lifecycle, env, log)),
    writeSecret: lifecycle.refreshTokenSecret
      ? value => writeSecret(http, lifecycle, env, value)
      : undefined,
    mask,
    now: Date.now,
    log: { info: log.info, debug: log.debug }
  })
  // Never a cached token (other jobs use it) nor one handed over in access_token. One an earlier
  // step of this job obtained is: posts run after every step, and revoking twice is harmless
  // (RFC 7009 answers 200 for a token already revoked).
  if (lifecycle.revoke && result.token.source !== 'cache') {
    rememberTokenToRevoke(result.token.accessToken)
  }
  return result
}

/**
 * Where the token state lives: the Actions cache between runs when it is on (its module, and
 * @actions/cache behind it, load only then), and in every case a sealed chain of files that
 * hands it to later steps of this job, so steps see each other's newest state whatever their
 * cache setting. The job's files need RUNNER_TEMP (emptied by the runner when the job ends), a
 * refresh grant (a code exchange bootstraps on purpose) and a client secret (to seal with).
 */
async function stateStores(
  settings: TokenSettings,
  lifecycle: LifecycleSettings,
  env: RunnerEnvironment,
  log: Pick<Log, 'info' | 'debug' | 'warning'>
): Promise<{ cache?: TokenCache; job?: JobTokenStore }> {
  const { client, grant } = settings
  const context = {
    clientId: client.id,
    tokenUrl: settings.tokenUrl.href,
    scope: settings.scope ?? AUTO_SCOPE
  }
  const cache = lifecycle.cache
    ? (await import('./token-cache.js')).createTokenCache({
        secret: client.secret,
        context,
        runnerTemp: env.runnerTemp,
        log: { info: log.info, debug: log.debug, warning: log.warning },
        run: env.run,
        claimWaitMs: lifecycle.claimWaitMs
      })
    : undefined
  if (grant.type !== 'refresh_token' || !client.secret) return { cache }
  if (!env.jobTemp) {
    log.debug(
      'RUNNER_TEMP is not set: no token state is handed to later steps of this job (the system temp folder would outlive the job).'
    )
    return { cache }
  }
  const job = createJobTokenStore({
    secret: client.secret,
    context,
    runnerTemp: env.jobTemp,
    log: { debug: log.debug }
  })
  return { cache, job }
}

/**
 * The credential of a refresh mid-run. The token being replaced carries the newest refresh token
 * (after a rotation the input's is spent); a cached access token is never taken back (it is the
 * one about to expire, or the one just refused); the cache keeps remembering the input's
 * fingerprint, so the next run still knows which refresh token is newer.
 */
function refreshOf(
  credential: Extract<CredentialSource, { kind: 'request' }>,
  replacing: TokenResult
): { credential: CredentialSource; inputRefreshToken?: string } {
  const { grant } = credential.token
  const input = grant.type === 'refresh_token' ? grant.refreshToken : undefined
  const newest = replacing.refreshToken ?? input
  if (!newest) {
    throw new ActionError(
      'The access token needs refreshing, but the provider issued no refresh token with it: the wait cannot outlast the token. Lower review_timeout, or ask the provider for a refresh token (offline access).'
    )
  }
  return {
    credential: {
      kind: 'request',
      token: { ...credential.token, grant: { type: 'refresh_token', refreshToken: newest } },
      lifecycle: { ...credential.lifecycle, cacheMinTtlMs: Number.POSITIVE_INFINITY }
    },
    inputRefreshToken: input
  }
}

async function writeSecret(
  http: HttpSender,
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
