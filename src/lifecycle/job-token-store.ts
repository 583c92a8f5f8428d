import { createHmac, randomBytes } from 'node:crypto'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readFileUpTo } from './bounded-file.js'
import { encodeSealContext, hkdf32, openState, sealState, type SealContext } from './sealing.js'
import { parseState, serializeState, type TokenState } from './token-state.js'

export interface JobTokenStoreOptions {
  /** client_secret: the key of the sealing and of the file names. */
  secret: string
  context: SealContext
  /**
   * RUNNER_TEMP as the runner set it: private to the job, emptied when a job starts and ends.
   * Never the system temp folder, which outlives the job.
   */
  runnerTemp: string
  log: { debug(message: string): void }
}

/** The token state steps of one job hand on to each other (see createJobTokenStore). */
export interface JobTokenStore {
  /**
   * The newest state reachable from the first of `tokens` that has a successor here, following
   * successors; undefined when none has one.
   */
  restore(tokens: Array<string | undefined>): TokenState | undefined
  /** Records `state` as what replaced `spent`, the refresh token sent to get it. Never throws. */
  save(state: TokenState, spent: string): boolean
  /**
   * After restore: true when a step of this job already exchanged `token` for another one (or
   * exchanged it and what it left no longer opens): sending it again may look like reuse.
   */
  knownSpent(token: string): boolean
}

/** A sealed state is a few hundred bytes; anything much larger was not written by this store. */
export const MAX_JOB_STATE_BYTES = 64 * 1024
/** More successors than any job makes (one per refresh); a bound on the files one restore opens. */
export const MAX_JOB_CHAIN = 256
const NAME_SALT = Buffer.from('clayton-oauth-action/job-token-store')

/**
 * Hands the token state from one step of a job to the next, whether the Actions cache is on or
 * off: a later step with the same client, token endpoint and scope reuses the access token while
 * it has cache_min_ttl left, and otherwise refreshes with the newest refresh token of the chain.
 *
 * Each state is filed under the refresh token it replaced: the file name is a keyed hash of that
 * token (nothing to learn from it, and nobody without the client secret can name a token's
 * successor), and the sealing binds the state to that name. A step starts from the refresh
 * tokens it holds and follows successors, so a file can only move it forward: a copy of an old
 * state put back in place still names its own successor, which the step then reads too. And a
 * token whose successor's name exists is never sent again, even when what is there does not open.
 *
 * Every failure to read or write is a miss, never an error: the step then does what it would
 * have done without it. Opening never blocks (a FIFO in place of a file is refused, not waited on).
 */
export function createJobTokenStore(opts: JobTokenStoreOptions): JobTokenStore {
  const nameKey = hkdf32(opts.secret, NAME_SALT, encodeSealContext(opts.context))
  const nameOf = (token: string) =>
    `clayton-oauth-job-${createHmac('sha256', nameKey).update(token, 'utf8').digest('hex').slice(0, 32)}`
  const spent = new Set<string>()

  /** The state filed as the successor of `token`: absent, or present but not usable. */
  function successor(token: string): { state: TokenState } | 'absent' | 'unusable' {
    const name = nameOf(token)
    const read = readFileUpTo(join(opts.runnerTemp, name), MAX_JOB_STATE_BYTES, {
      noFollow: true
    })
    if (read === undefined) return 'absent'
    const plaintext =
      'data' in read ? openState(read.data, opts.secret, opts.context, name) : undefined
    const state = plaintext && parseState(plaintext)
    return state ? { state } : 'unusable'
  }

  return {
    restore(tokens) {
      for (const start of new Set(tokens)) {
        if (start === undefined) continue
        let token = start
        let newest: TokenState | undefined
        for (let step = 0; ; step++) {
          if (step === MAX_JOB_CHAIN) {
            opts.log.debug(
              `More than ${MAX_JOB_CHAIN} token states follow one another in this job; not using any.`
            )
            return undefined
          }
          const next = successor(token)
          if (next === 'absent') break
          if (next === 'unusable') {
            spent.add(token)
            opts.log.debug(
              'An earlier step of this job exchanged the refresh token this step would send, but the state it left does not open: ignored, and that token is not sent.'
            )
            break
          }
          newest = next.state
          const advanced = newest.refreshToken !== undefined && newest.refreshToken !== token
          if (!advanced) break
          spent.add(token)
          token = newest.refreshToken!
        }
        if (newest) {
          opts.log.debug('Found the token state an earlier step of this job left.')
          return newest
        }
      }
      return undefined
    },
    save(state, spentToken) {
      const name = nameOf(spentToken)
      const path = join(opts.runnerTemp, name)
      const temporary = `${path}.${randomBytes(6).toString('hex')}`
      try {
        const blob = sealState(serializeState(state), opts.secret, opts.context, name)
        writeFileSync(temporary, blob, { mode: 0o600, flag: 'wx' })
        // A rename, so a later step never reads half a file.
        renameSync(temporary, path)
        return true
      } catch (error) {
        rmSync(temporary, { force: true })
        opts.log.debug(
          `Could not leave the token state for later steps of this job (${(error as NodeJS.ErrnoException).code ?? 'error'}).`
        )
        return false
      }
    },
    knownSpent: token => spent.has(token)
  }
}
