import * as core from '@actions/core'
import { MAX_ERROR_LENGTH, describeFailure } from '../common/errors.js'
import { cut, logLine } from '../common/text.js'
import type { Redactor } from './redact.js'

/** The step's log, seen through the redactor: every line that may carry response data goes here. */
export interface Log {
  info(message: string): void
  debug(message: string): void
  warning(message: string): void
  notice(message: string): void
  /** The failed job's message: redacted, then cut to what an annotation shows. */
  failure(error: unknown): string
}

/** No line of the log is longer (in characters), whatever a server sent. */
export const MAX_LOG_LINE = 4000

/** The slice of @actions/core a Log writes to. */
export type LogSink = Pick<typeof core, 'info' | 'debug' | 'warning' | 'notice'>

/**
 * Cut to MAX_LOG_LINE, redact, then print on one line. Lines are flattened and may not start with `::`
 * so that text from a server (a scope, an error_description) can never become a workflow command;
 * the annotation commands escape line breaks themselves, and keep them for readability.
 */
export function createLog(redactor: Redactor, sink: LogSink = core): Log {
  const redact = (text: string) => redactor.redact(text)
  // Cut before redacting: a message can carry a long value from a server.
  const clean = (message: string) => cut(message, MAX_LOG_LINE, redact)
  return {
    info: message => sink.info(logLine(clean(message))),
    debug: message => sink.debug(logLine(clean(message))),
    warning: message => sink.warning(clean(message)),
    notice: message => sink.notice(clean(message)),
    failure: error => cut(describeFailure(error), MAX_ERROR_LENGTH, redact)
  }
}
