import { createHmac, randomBytes } from 'node:crypto'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readFileUpTo } from './bounded-file.js'
import { encodeSealContext, hkdf32, openState, sealState, type SealContext } from './sealing.js'
import type { TokenCache } from './token-cache.js'
import { parseState, serializeState, type TokenState } from './token-state.js'

export interface JobTokenStoreOptions {
  /** client_secret: the key of the sealing and of the file name. */
  secret: string
  context: SealContext
  /** The refresh_token input: a step with another input (another grant) never sees this state. */
  inputRefreshToken: string
  /** RUNNER_TEMP: private to the job, emptied by the runner when a job starts and ends. */
  runnerTemp: string
  log: { debug(message: string): void }
}

/** A sealed state is a few hundred bytes; anything much larger was not written by this store. */
export const MAX_JOB_STATE_BYTES = 64 * 1024
const NAME_SALT = Buffer.from('clayton-oauth-action/job-token-store')

/**
 * Hands the token state from one step of a job to the next, when the Actions cache is off. A
 * later step with the same client, token endpoint, scope and refresh_token input reuses the
 * access token while it has cache_min_ttl left, and otherwise refreshes with the newest refresh
 * token of the chain: a rotation by the first step does not make the second send a spent one.
 *
 * The file lives in RUNNER_TEMP (never the workspace), is sealed like a cache entry (it opens only
 * under the same client secret and context, and only under its own name), and its name is a keyed
 * hash that shows nothing of the token. Every failure to read or write is a miss, never an error:
 * the step then does what it would have done without it.
 */
export function createJobTokenStore(opts: JobTokenStoreOptions): TokenCache {
  const context = encodeSealContext(opts.context)
  const nameKey = hkdf32(opts.secret, NAME_SALT, context)
  const tag = createHmac('sha256', nameKey)
    .update(opts.inputRefreshToken, 'utf8')
    .digest('hex')
    .slice(0, 32)
  const name = `clayton-oauth-job-${tag}`
  const path = join(opts.runnerTemp, name)
  return {
    source: 'job',
    async restore() {
      // Not a link: a file put in its place by something else in the job is not followed.
      let read
      try {
        read = readFileUpTo(path, MAX_JOB_STATE_BYTES, { noFollow: true })
      } catch {
        return undefined
      }
      if (!read || !('data' in read)) return undefined
      const blob = read.data
      const plaintext = openState(blob, opts.secret, opts.context, name)
      const state = plaintext && parseState(plaintext)
      if (!state) {
        opts.log.debug(
          'The token state left by an earlier step of this job does not open: ignored.'
        )
        return undefined
      }
      opts.log.debug('Found the token state an earlier step of this job left.')
      return state
    },
    async save(state: TokenState) {
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
    }
  }
}
