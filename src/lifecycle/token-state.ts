import { createHash } from 'node:crypto'
import type { TokenResult } from '../token/token-client.js'

/** What the Actions cache keeps between runs and jobs (always sealed, see sealing.ts). */
export interface TokenState {
  v: 1
  accessToken?: string
  tokenType?: string
  /** Absent when the provider did not say when the access token expires. */
  expiresAtMs?: number
  scope: string
  /** The newest refresh token of the chain: the one the next refresh must send. */
  refreshToken?: string
  /**
   * Fingerprint of the refresh_token input of the run that saved this state. When a later run's
   * input differs, the secret was updated after this entry was written (re-consent, or a run on
   * another branch that rotated the token and stored it): the input is then the newer token.
   */
  inputFingerprint?: string
  savedAtMs: number
}

/** SHA-256 of a refresh token: enough to tell two apart, nothing to learn from. */
export function fingerprint(refreshToken: string): string {
  return createHash('sha256').update(refreshToken, 'utf8').digest('hex')
}

export function serializeState(state: TokenState): Buffer {
  // Listed field by field so nothing but the state itself can end up in the cache.
  const plain: TokenState = {
    v: 1,
    accessToken: state.accessToken,
    tokenType: state.tokenType,
    expiresAtMs: state.expiresAtMs,
    scope: state.scope,
    refreshToken: state.refreshToken,
    inputFingerprint: state.inputFingerprint,
    savedAtMs: state.savedAtMs
  }
  return Buffer.from(JSON.stringify(plain), 'utf8')
}

/**
 * The state, or undefined for anything that is not a well-formed version 1 state. Whatever this
 * accepts, a later run must be able to use: times within the Date range, tokens that fit an HTTP
 * header, no control characters.
 */
export function parseState(data: Buffer | string): TokenState | undefined {
  let value: unknown
  try {
    value = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'))
  } catch {
    return undefined
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const o = value as Record<string, unknown>
  if (o.v !== 1 || !isText(o.scope) || !isTime(o.savedAtMs)) return undefined
  if (!optional(o.accessToken, isToken) || !optional(o.refreshToken, isToken)) return undefined
  if (!optional(o.tokenType, isToken) || !optional(o.expiresAtMs, isTime)) return undefined
  if (!optional(o.inputFingerprint, isToken)) return undefined
  return {
    v: 1,
    ...(o.accessToken !== undefined && { accessToken: o.accessToken as string }),
    ...(o.tokenType !== undefined && { tokenType: o.tokenType as string }),
    ...(o.expiresAtMs !== undefined && { expiresAtMs: o.expiresAtMs as number }),
    scope: o.scope as string,
    ...(o.refreshToken !== undefined && { refreshToken: o.refreshToken as string }),
    ...(o.inputFingerprint !== undefined && { inputFingerprint: o.inputFingerprint as string }),
    savedAtMs: o.savedAtMs as number
  }
}

/**
 * A cached access token is reused only with at least `minTtlMs` left, so the job using it does not
 * see it expire midway. One without a known expiry is never reused: it may already be dead.
 */
export function isReusable(state: TokenState, nowMs: number, minTtlMs: number): boolean {
  return (
    state.accessToken !== undefined &&
    state.accessToken !== '' &&
    state.expiresAtMs !== undefined &&
    state.expiresAtMs - nowMs >= minTtlMs
  )
}

/**
 * The state to save after a token request. A response without a refresh token leaves the one sent
 * in force, so the chain keeps it. `includeAccessToken: false` when the token is revoked at the end
 * of this job: other jobs must not pick up a token that is about to die.
 */
export function stateFromTokenResult(
  result: TokenResult,
  opts: {
    nowMs: number
    refreshTokenSent?: string
    includeAccessToken: boolean
    /** The refresh_token input of this run, if any. */
    inputRefreshToken?: string
  }
): TokenState {
  const refreshToken = result.refreshToken ?? opts.refreshTokenSent
  const expiresAtMs =
    result.expiresIn === undefined ? undefined : opts.nowMs + result.expiresIn * 1000
  return {
    v: 1,
    ...(opts.includeAccessToken && {
      accessToken: result.accessToken,
      tokenType: result.tokenType,
      ...(expiresAtMs !== undefined && { expiresAtMs })
    }),
    scope: result.scope,
    ...(refreshToken && { refreshToken }),
    ...(opts.inputRefreshToken && { inputFingerprint: fingerprint(opts.inputRefreshToken) }),
    savedAtMs: opts.nowMs
  }
}

function optional(value: unknown, check: (v: unknown) => boolean): boolean {
  return value === undefined || check(value)
}

/** Printable ASCII (RFC 6749's VSCHAR): what a token request and an Authorization header carry. */
function isToken(value: unknown): boolean {
  return typeof value === 'string' && /^[\x20-\x7e]+$/.test(value) && value.length <= 16_384
}

function isText(value: unknown): boolean {
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' && !/[\x00-\x1f\x7f-\x9f]/.test(value) && value.length <= 4096
}

/** The last millisecond of the year 9999: dates after it are not printable as ISO 8601. */
export const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

function isTime(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TIME_MS
}
