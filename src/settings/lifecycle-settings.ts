import { InputError } from '../common/errors.js'
import type { InputReader } from './input-reader.js'
import { joinUrl, parseSecureUrl } from '../common/url.js'

/**
 * Issue 4's inputs: where the refresh chain is kept, and what happens at the end of the job.
 * An empty github_token next to refresh_token_secret is a missing credential (parseInputs), not
 * bad input: on a fork pull request it is empty like every other secret.
 */
export interface LifecycleSettings {
  cache: boolean
  cacheMinTtlMs: number
  /** Name of the secret to update with a newly issued refresh token; '' for none. */
  refreshTokenSecret: string
  secretEnvironment: string
  githubToken: string
  revoke: boolean
  revokeUrl: URL
  /** The provider rotates refresh tokens: never send one another job of the run may have spent. */
  refreshTokenRotates: boolean
  /**
   * How long a step waits for the state of another job of the run that claimed the same refresh:
   * as long as that job's token request may take with its retries (timeout × max_attempts).
   */
  claimWaitMs: number
}

export function parseLifecycleInputs(
  read: InputReader,
  baseUrl: URL,
  requestBoundMs: number
): LifecycleSettings {
  const refreshTokenSecret = read('refresh_token_secret')
  const secretEnvironment = read('secret_environment')
  const githubToken = read('github_token')
  if (refreshTokenSecret && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(refreshTokenSecret)) {
    throw new InputError(
      `Input refresh_token_secret is "${refreshTokenSecret}", which is not a valid secret name: use letters, digits and _ (for example CLAYTON_REFRESH_TOKEN).`
    )
  }
  if (/^GITHUB_/i.test(refreshTokenSecret)) {
    throw new InputError(
      `Input refresh_token_secret is "${refreshTokenSecret}": secret names must not start with GITHUB_. Use for example CLAYTON_REFRESH_TOKEN.`
    )
  }
  if (secretEnvironment && !refreshTokenSecret) {
    throw new InputError(
      'Input secret_environment is set but refresh_token_secret is empty: name the secret to update in that environment.'
    )
  }
  const revokeUrl = read('revoke_url')
  return {
    cache: flag(read, 'cache'),
    cacheMinTtlMs: ttlSeconds(read('cache_min_ttl')) * 1000,
    refreshTokenSecret,
    secretEnvironment,
    githubToken,
    revoke: flag(read, 'revoke'),
    refreshTokenRotates: flag(read, 'refresh_token_rotates'),
    claimWaitMs: requestBoundMs,
    revokeUrl: revokeUrl
      ? parseSecureUrl(revokeUrl, 'revoke_url')
      : joinUrl(baseUrl, '/oauth2/revoke')
  }
}

function flag(read: InputReader, name: string): boolean {
  const raw = read(name)
  const value = raw.toLowerCase()
  if (value === '' || value === 'false') return false
  if (value === 'true') return true
  throw new InputError(`Input ${name} is "${raw}"; it must be true or false.`)
}

function ttlSeconds(raw: string): number {
  if (!raw) return 300
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value > 86_400) {
    throw new InputError(
      `Input cache_min_ttl is "${raw}"; it must be a whole number of seconds from 0 to 86400 (default 300).`
    )
  }
  return value
}
