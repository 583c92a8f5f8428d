// Part settings: every reader of inputs and the runner environment; typed settings out, nothing sent.
import { parseApiInputs, type ApiSettings } from './api-settings.js'
import { InputError } from '../common/errors.js'
import { parseLifecycleInputs, type LifecycleSettings } from './lifecycle-settings.js'
import { joinUrl, parseSecureUrl } from '../common/url.js'
import type { GitContext } from './environment.js'
import { parseReviewInputs, type ReviewSettings } from './review-settings.js'
import { oneOf, positiveNumber, required, type InputReader } from './input-reader.js'
import { findBadHeaderCharacter } from './api-settings.js'
import { parseTrustedOrigins, requireTrustedOrigin } from './origins.js'

export type ClientAuth = 'client_secret_post' | 'client_secret_basic'

export type Grant =
  | { type: 'refresh_token'; refreshToken: string }
  | { type: 'authorization_code'; code: string; redirectUri: string }

export interface ClientSettings {
  id: string
  secret: string
  auth: ClientAuth
}

export interface TokenSettings {
  client: ClientSettings
  grant: Grant
  tokenUrl: URL
  /**
   * Undefined (the input's `auto`): the seed's requests, no scope with a refresh and `workspace`
   * with the code exchange. Empty: omitted from both. Anything else: sent with both.
   */
  scope?: string
}

/** Either the step requests a token, or it was handed one (access_token input). */
export type CredentialSource =
  | { kind: 'request'; token: TokenSettings; lifecycle: LifecycleSettings }
  | { kind: 'input'; accessToken: string }

export interface Settings {
  baseUrl: URL
  credential: CredentialSource
  http: { timeoutMs: number; maxAttempts: number }
  exportEnv: string
  /** Undefined when api_url is empty. */
  api?: ApiSettings
  /** Undefined when review is empty; never together with api. */
  review?: ReviewSettings
  /** base_url's origin and trusted_origins: where the token may go (a SARIF download, say). */
  trustedOrigins: Set<string>
}

/** What parsing needs from the runner's environment. */
export interface InputEnvironment {
  runnerTemp: string
  /** Makes the default response file name unique per run. */
  random: string
  /** The commit and pull request of the run: review defaults. */
  git?: GitContext
}

/** Credentials are empty: the step either fails explaining why, or skips on purpose. */
export interface MissingCredentials {
  missing: string[]
  skip: boolean
  /** The step was asked for a review: skipping means no review ran, and the summary says so. */
  review?: boolean
}

export type ParsedInputs =
  | { kind: 'ready'; settings: Settings }
  | { kind: 'missing-credentials'; detail: MissingCredentials }

/** Inputs whose values are secrets: masked before anything else happens. */
export const SECRET_INPUTS = [
  'client_secret',
  'refresh_token',
  'code',
  'access_token',
  'github_token'
] as const

const CLIENT_AUTH_VALUES: readonly ClientAuth[] = ['client_secret_post', 'client_secret_basic']

/**
 * Turns raw inputs into typed settings. Missing credentials are decided first (a fork pull
 * request skips, or fails explaining forks, whatever else is empty); then everything that does
 * not depend on a secret is checked before any request.
 */
export function parseInputs(read: InputReader, env: InputEnvironment): ParsedInputs {
  const onMissing = oneOf(read, 'on_missing_credentials', ['fail', 'skip'] as const, 'fail')
  // Decided first: on a fork pull request GitHub passes neither secrets nor variables (vars.*),
  // so the inputs built from variables are empty too, and the first thing to say is why.
  const missing = missingCredentials(read)
  if (missing.length > 0) {
    return {
      kind: 'missing-credentials',
      detail: { missing, skip: onMissing === 'skip', review: read('review') !== '' }
    }
  }
  const baseUrl = parseSecureUrl(required(read, 'base_url'), 'base_url')
  // token_url and revoke_url carry the client credentials: the same origin rule as api_url.
  const trusted = parseTrustedOrigins(read('trusted_origins'))
  const tokenUrlInput = read('token_url')
  const tokenUrl = tokenUrlInput
    ? requireTrustedOrigin(
        parseSecureUrl(tokenUrlInput, 'token_url'),
        'token_url',
        baseUrl,
        trusted,
        'the client credentials and the refresh token'
      )
    : joinUrl(baseUrl, '/oauth2/token')
  const auth = oneOf(read, 'client_auth', CLIENT_AUTH_VALUES, 'client_secret_post')
  const timeoutMs = positiveNumber(read, 'timeout', 30, { max: 3600 }) * 1000
  const maxAttempts = positiveNumber(read, 'max_attempts', 4, { integer: true, max: 20 })
  const exportEnv = read('export_env')
  validateEnvName(exportEnv)
  const code = read('code')
  const redirectUri = code ? required(read, 'redirect_uri') : read('redirect_uri')
  const api = parseApiInputs(read, baseUrl, env)
  const review = parseReviewInputs(read, { ...env, baseUrl }, api !== undefined)
  const trustedOrigins = new Set([baseUrl.origin, ...trusted])
  const lifecycle = parseLifecycleInputs(read, baseUrl, timeoutMs * maxAttempts)
  if (read('revoke_url')) {
    requireTrustedOrigin(
      lifecycle.revokeUrl,
      'revoke_url',
      baseUrl,
      trusted,
      'the access token and the client credentials'
    )
  }
  const http = { timeoutMs, maxAttempts }

  const accessToken = read('access_token')
  if (accessToken) {
    validateAccessToken(accessToken)
    // A handed-over token needs no client credentials: a second step reusing the first one's.
    return {
      kind: 'ready',
      settings: {
        baseUrl,
        credential: { kind: 'input', accessToken },
        http,
        exportEnv,
        api,
        review,
        trustedOrigins
      }
    }
  }

  const clientId = read('client_id')
  const clientSecret = read('client_secret')
  const refreshToken = read('refresh_token')

  // The code wins over a stored refresh token: a person running the bootstrap means to exchange it.
  const grant: Grant = code
    ? { type: 'authorization_code', code, redirectUri }
    : { type: 'refresh_token', refreshToken }
  return {
    kind: 'ready',
    settings: {
      baseUrl,
      credential: {
        kind: 'request',
        token: {
          client: { id: clientId, secret: clientSecret, auth },
          grant,
          tokenUrl,
          scope: parseScope(read('scope'))
        },
        lifecycle
      },
      http,
      exportEnv,
      api,
      review,
      trustedOrigins
    }
  }
}

/** The secrets the step needs to request a token, by input name; none when access_token is set. */
function missingCredentials(read: InputReader): string[] {
  if (read('access_token')) return []
  return [
    ...(read('client_id') ? [] : ['client_id']),
    ...(read('client_secret') ? [] : ['client_secret']),
    ...(read('refresh_token') || read('code') ? [] : ['refresh_token']),
    ...(read('refresh_token_secret') && !read('github_token') ? ['github_token'] : [])
  ]
}

/** `auto` (the default) leaves the choice to the grant; see TokenSettings.scope. */
export const AUTO_SCOPE = 'auto'

function parseScope(raw: string): string | undefined {
  return raw === AUTO_SCOPE ? undefined : raw
}

function validateEnvName(name: string): void {
  if (!name) return
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new InputError(
      `Input export_env is "${name}", which is not a valid environment variable name: use letters, digits and _ (for example CLAYTON_TOKEN).`
    )
  }
  const why = reservedEnvName(name)
  if (why) {
    throw new InputError(
      `Input export_env is "${name}": ${why}, so setting it to the access token would change how later steps run. Choose another name, for example CLAYTON_TOKEN.`
    )
  }
}

/**
 * Names that change how later steps run: the shell, the dynamic linker, interpreters, git, TLS and
 * proxies, the runner. Compared upper-cased, because Windows runners ignore case. Undefined when
 * the name is free.
 */
const RESERVED_ENV_NAMES = new Set([
  'PATH',
  'HOME',
  'SHELL',
  'TMPDIR',
  'TEMP',
  'TMP',
  'ENV',
  'BASH_ENV',
  'BASHOPTS',
  'SHELLOPTS',
  'CDPATH',
  'GLOBIGNORE',
  'IFS',
  'PS4',
  'PROMPT_COMMAND',
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_EXTRA_CA_CERTS',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'PYTHONPATH',
  'PYTHONSTARTUP',
  'PYTHONHOME',
  'PERL5LIB',
  'PERL5OPT',
  'PERLLIB',
  'RUBYOPT',
  'RUBYLIB',
  'JAVA_TOOL_OPTIONS',
  '_JAVA_OPTIONS',
  'JDK_JAVA_OPTIONS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'CURL_CA_BUNDLE',
  'REQUESTS_CA_BUNDLE',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'CI'
])
const RESERVED_ENV_PREFIXES = [
  'GITHUB_',
  'RUNNER_',
  'ACTIONS_',
  'LD_',
  'DYLD_',
  'BASH_FUNC_',
  'GIT_'
]

export function reservedEnvName(name: string): string | undefined {
  const upper = name.toUpperCase()
  const prefix = RESERVED_ENV_PREFIXES.find(start => upper.startsWith(start))
  if (prefix) return `names starting with ${prefix} are reserved`
  if (RESERVED_ENV_NAMES.has(upper)) return `${upper} is reserved`
  return undefined
}

/** The token goes into an Authorization header: Node would refuse it only after the refresh. */
function validateAccessToken(token: string): void {
  if (/[\r\n]/.test(token)) {
    throw new InputError(
      "Input access_token contains a line break. Pass exactly one token, the value of an earlier step's access_token output, and check that the secret or expression holds nothing else."
    )
  }
  // The value is a secret: name the kind of character, never the character itself.
  const bad = findBadHeaderCharacter(token)
  if (bad) {
    throw new InputError(
      `Input access_token contains ${bad.startsWith('the control') ? 'a control character' : 'a character beyond Latin-1'}, which an Authorization header cannot carry. Pass exactly one token, the value of an earlier step's access_token output.`
    )
  }
}

export type { InputReader } from './input-reader.js'
