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
export interface StateKeys {
  prefix: string
  /** A key for a new state. */
  next(link: string, replaced: boolean, nowMs: number): string
  /** The prefix of every state that replaced the token with this link tag by another. */
  successorsOf(link: string): string
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
  const digest = createHash('sha256').update(encodeSealContext(ctx)).digest('hex')
  return `clayton-oauth-v1-${digest.slice(0, 16)}-`
}

export function stateKeys(ctx: SealContext): StateKeys {
  const prefix = cacheKeyPrefix(ctx)
  return {
    prefix,
    next: (link, replaced, nowMs) =>
      `${prefix}${link}${replaced ? 1 : 0}${nowMs}-${randomBytes(6).toString('hex')}`,
    successorsOf: link => `${prefix}${link}1`,
    linkIn: key => key.slice(prefix.length, prefix.length + LINK_DIGITS),
    replacedIn: key => key[prefix.length + LINK_DIGITS] === '1'
  }
}
