import { createHash, randomBytes } from 'node:crypto'
import { encodeSealContext, LINK_DIGITS, type SealContext } from './sealing.js'

/**
 * The names of the token states in the Actions cache. Keys are immutable: every save gets a key
 * of its own, and restores match a prefix.
 *
 * `<prefix><link tag><1|0><time>-<random>`: the prefix names the client, token endpoint and scope;
 * the link tag is a keyed tag of the token the state was obtained with (sealing.ts); `1` when the
 * state holds another refresh token (the one it was obtained with is spent), else `0`. The state
 * that replaced a refresh token is found by `prefix + linkTag(token) + 1`. The sealing binds the
 * key, so a genuine state's key says truly what it replaced.
 */
/** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT. */
export interface RunId {
  id: string
  attempt: string
}

export interface StateKeys {
  prefix: string
  /** A key for a new state. */
  next(link: string, replaced: boolean, nowMs: number): string
  /** The prefix of every state that replaced the token with this link tag by another. */
  successorsOf(link: string): string
  /** The prefix of every state obtained with the token of this link tag, replaced or not. */
  obtainedWith(link: string): string
  /**
   * The key of the claim on one refresh (single-flight.ts): the token to send, the state it would
   * replace (none: ''), and the run and attempt, so a later refresh, a re-run or another run
   * claims anew. Hashed: the key shows that it is a claim of this client, nothing more.
   */
  claim(link: string, replacedKey: string, run: RunId): string
  /** The link tag in a state's key. */
  linkIn(key: string): string
  /** Whether the state under this key replaced the token it was obtained with. */
  replacedIn(key: string): boolean
}

/**
 * Entries of one client, token endpoint and scope share this prefix. It is a hash, so the key
 * shows nothing but that the entries belong together.
 */
export function cacheKeyPrefix(ctx: SealContext): string {
  return `clayton-oauth-v1-${settingsDigest(ctx)}-`
}

function settingsDigest(ctx: SealContext): string {
  return createHash('sha256').update(encodeSealContext(ctx)).digest('hex').slice(0, 16)
}

export function stateKeys(ctx: SealContext): StateKeys {
  const prefix = cacheKeyPrefix(ctx)
  // Not under the prefix of states: no restore of a state ever matches a claim.
  const claimPrefix = `clayton-oauth-claim-v1-${settingsDigest(ctx)}-`
  return {
    prefix,
    next: (link, replaced, nowMs) =>
      `${prefix}${link}${replaced ? 1 : 0}${nowMs}-${randomBytes(6).toString('hex')}`,
    successorsOf: link => `${prefix}${link}1`,
    obtainedWith: link => `${prefix}${link}`,
    claim(link, replacedKey, run) {
      const what = JSON.stringify([link, replacedKey, run.id, run.attempt])
      return `${claimPrefix}${createHash('sha256').update(what).digest('hex').slice(0, 32)}`
    },
    linkIn: key => key.slice(prefix.length, prefix.length + LINK_DIGITS),
    replacedIn: key => key[prefix.length + LINK_DIGITS] === '1'
  }
}
