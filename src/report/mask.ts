import * as core from '@actions/core'
import type { Mask } from '../token/token-client.js'
import type { Redactor } from './redact.js'

/**
 * Registers a secret with the runner (masked in the log for the rest of the job) and with the
 * redactor (scrubbed from text we build, in the encodings the runner misses).
 */
export function createMask(redactor: Redactor): Mask {
  const masked = new Set<string>()
  return secret => {
    // Once is enough: the runner masks a value for the rest of the job.
    if (!secret || masked.has(secret)) return
    masked.add(secret)
    core.setSecret(secret)
    redactor.add(secret)
  }
}
