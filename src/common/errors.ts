// Part common: what every part shares: error values, text and JSON helpers, URL rules, the version. Imports nothing of ours.
import { cut } from './text.js'

/**
 * A failure explained for the person reading the failed job: what failed, why, and what to do.
 * Anything thrown that is not an ActionError is a bug and is reported as such.
 */
export class ActionError extends Error {
  override readonly name = 'ActionError'
}

/** The token endpoint refused the request; `oauthError` is RFC 6749's `error` code, if any. */
export class TokenEndpointError extends ActionError {
  constructor(
    message: string,
    readonly oauthError?: string
  ) {
    super(message)
  }
}

/** A response over the size this request may read; never retried. */
export class ResponseTooLargeError extends ActionError {}

/** Bad input, found before any request was sent. The message names the input and the fix. */
export class InputError extends ActionError {}

/** GitHub truncates annotations; keep the whole explanation visible. */
export const MAX_ERROR_LENGTH = 1000

/** Text cut to `max` characters and redacted (see `cut`). */
export function clip(text: string, max: number): string {
  return cut(text, max)
}

/** The message for the failed job: an ActionError as written, anything else as the bug it is. */
export function describeFailure(error: unknown): string {
  if (error instanceof ActionError) return error.message
  const message = error instanceof Error ? error.message : String(error)
  return `Unexpected error: ${message}. This is a bug in the action; please report it with the step's log.`
}
