// Part report: what the step shows: outputs, masking and redaction, the job summary. Sends nothing.
import * as core from '@actions/core'
import type { Log } from './log.js'
import { flatten } from '../common/text.js'
import type { TokenResult } from '../token/token-client.js'
import { setOutputs } from './runner-files.js'
import type { TokenFacts } from './summary.js'

/** The slice of @actions/core that publishing needs, so tests can see exactly what is written. */
export interface OutputSink {
  /** All outputs of one token at once: the step writes them to GITHUB_OUTPUT in one append. */
  setOutputs(outputs: Record<string, string>): void
  exportVariable(name: string, value: string): void
  info(message: string): void
  warning(message: string): void
}

/**
 * ISO 8601 UTC without milliseconds, e.g. 2026-11-28T07:35:12Z. Built from the UTC fields:
 * toISOString first loads the host's time zone (reads /etc/localtime), about 0.6 ms of every
 * run's start-up, for a string that does not depend on it.
 */
export function expiresAt(expiresIn: number | undefined, nowMs: number): string {
  if (expiresIn === undefined) return ''
  const at = new Date(nowMs + expiresIn * 1000)
  const year = at.getUTCFullYear()
  // toISOString writes other years with a sign and six digits; expires_in never gets there.
  if (year < 0 || year > 9999) return at.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const two = (n: number) => String(n).padStart(2, '0')
  const date = `${String(year).padStart(4, '0')}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}`
  return `${date}T${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}Z`
}

const SOURCE_WORDING: Record<TokenResult['source'], string> = {
  refresh: 'obtained by refresh',
  code: 'obtained by code exchange',
  input: 'taken from the access_token input',
  cache: 'reused from the cache',
  job: 'reused from an earlier step of this job'
}

export function publishToken(
  token: TokenResult,
  opts: {
    exportEnv: string
    nowMs: number
    savedTo?: ReadonlyArray<'secret' | 'cache'>
    /** The secret write was refused: its error follows, and says more than a warning could. */
    secretWriteFailed?: boolean
  },
  sink: OutputSink
): void {
  const savedTo = opts.savedTo ?? []
  const at = expiresAt(token.expiresIn, opts.nowMs)
  sink.setOutputs({
    access_token: token.accessToken,
    token_type: token.tokenType,
    expires_in: token.expiresIn === undefined ? '' : String(token.expiresIn),
    expires_at: at,
    scope: token.scope,
    refresh_token: token.refreshToken ?? '',
    refresh_token_rotated: String(token.rotated),
    token_source: token.source,
    refresh_token_saved_to: savedTo.join(','),
    skipped: 'false'
  })
  if (opts.exportEnv) sink.exportVariable(opts.exportEnv, token.accessToken)

  const lifetime = at ? `, expires in ${token.expiresIn} s at ${at}` : ''
  // The scope is the provider's text: on one line, so it can never become a workflow command.
  const scope = token.scope ? `, scope "${flatten(token.scope)}"` : ''
  const env = opts.exportEnv ? `; later steps get it in $${opts.exportEnv}` : ''
  sink.info(`Access token ${SOURCE_WORDING[token.source]}${lifetime}${scope}${env}.`)
  const warning = unsavedRefreshTokenWarning(token, savedTo, opts.secretWriteFailed === true)
  if (warning) sink.warning(warning)
}

/**
 * A new refresh token (a rotation, or the one a code exchange issues) that reaches no secret is
 * one the workflow loses: the output is masked, so nobody can copy it from the log, and the cache
 * forgets entries unused for 7 days. Says what to set; undefined when nothing is at risk.
 */
export function unsavedRefreshTokenWarning(
  token: Pick<TokenResult, 'source' | 'rotated' | 'refreshToken'>,
  savedTo: ReadonlyArray<'secret' | 'cache'>,
  secretWriteFailed: boolean
): string | undefined {
  // A refused write fails the step with its own error, which says more than a warning could.
  if (savedTo.includes('secret') || secretWriteFailed) return undefined
  const inCache = savedTo.includes('cache')
  if (token.rotated) {
    return inCache
      ? 'The provider rotated the refresh token: the new one is saved in the Actions cache, where later runs find it, but the secret that holds refresh_token is now spent. If the cache entry is evicted (7 days unused), runs fail with invalid_grant: set refresh_token_secret and github_token so the action also stores it in the secret (see README: Rotating refresh tokens).'
      : 'The provider rotated the refresh token: the one this step sent is now spent, and the next run will fail with invalid_grant unless the secret is updated. Store the new one from the step output refresh_token, or let the action do it with refresh_token_secret and github_token (see README: Rotating refresh tokens).'
  }
  if (token.source === 'code' && token.refreshToken) {
    return inCache
      ? 'The code exchange issued a refresh token, and it is saved only in the Actions cache, which evicts entries unused for 7 days; then the next run has no refresh token and you must consent again. Set refresh_token_secret (e.g. CLAYTON_REFRESH_TOKEN) and github_token, and run the bootstrap again with a new code, to keep it in a secret (see README: One-time setup).'
      : 'The code exchange issued a refresh token, but it is saved nowhere: the refresh_token output is masked, so no log shows it, and the code cannot be exchanged twice. Set refresh_token_secret (e.g. CLAYTON_REFRESH_TOKEN) and github_token so the action writes it into a secret, then consent again and rerun with the new code (see README: One-time setup).'
  }
  return undefined
}

/** Secrets were empty and on_missing_credentials is skip: the step passes, saying why. */
export function publishSkipped(
  explanation: string,
  sink: { setOutput(name: string, value: string): void; notice(message: string): void }
): void {
  sink.setOutput('skipped', 'true')
  sink.notice(`${explanation} Skipped: no token was requested and no API call was made.`)
}

/** A token the lifecycle produced, with where its refresh token went. */
export interface AcquiredToken {
  token: TokenResult
  savedTo: ReadonlyArray<'secret' | 'cache'>
  secretError?: unknown
}

/**
 * Publishes every token of the step (the first, then any refreshed during a review's wait: the
 * outputs always hold the newest) and keeps the facts the job summary shows.
 */
export function createTokenPublisher(exportEnv: string, sink: OutputSink, now = Date.now) {
  let facts: TokenFacts | undefined
  // A review that refreshes under rotation would repeat the same advice at every refresh.
  const warned = new Set<string>()
  const once: OutputSink = {
    ...sink,
    warning(message) {
      if (warned.has(message)) return
      warned.add(message)
      sink.warning(message)
    }
  }
  return {
    publish(acquired: AcquiredToken): TokenResult {
      const { token, savedTo } = acquired
      const nowMs = now()
      const secretWriteFailed = acquired.secretError !== undefined
      publishToken(token, { exportEnv, nowMs, savedTo: [...savedTo], secretWriteFailed }, once)
      facts = {
        source: token.source,
        expiresAt: expiresAt(token.expiresIn, nowMs),
        rotated: token.rotated || (facts?.rotated ?? false),
        savedTo: [...new Set([...(facts?.savedTo ?? []), ...savedTo])],
        exportEnv,
        refreshes: facts === undefined ? 0 : facts.refreshes + 1
      }
      return token
    },
    facts: (): TokenFacts | undefined => facts
  }
}

/** Token outputs go to the step, its lines through the redacting log. */
export function tokenOutputSink(log: Pick<Log, 'info' | 'warning'>): OutputSink {
  return {
    setOutputs: outputs => setOutputs(outputs),
    exportVariable: core.exportVariable,
    info: log.info,
    warning: log.warning
  }
}
