import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import { ActionError } from '../common/errors.js'

/**
 * What a sealed state belongs to. A blob opens only under the same client secret and the same
 * client, token endpoint and scope, so an entry can never be replayed for another configuration.
 */
export interface SealContext {
  clientId: string
  /** The token endpoint's full URL (`URL.href`), exactly as requests use it. */
  tokenUrl: string
  scope: string
}

const VERSION = 1
const NONCE_BYTES = 12
const TAG_BYTES = 16
const HEADER_BYTES = 1 + NONCE_BYTES
/** Fixed and public: HKDF's salt separates this use of the client secret from any other. */
const HKDF_SALT = Buffer.from('clayton-oauth-action/token-state-seal')

/**
 * Length-prefixed fields, so no choice of values can make two contexts encode alike
 * (a plain `a|b|c` join would let `a|b` + `c` collide with `a` + `b|c`).
 */
export function encodeSealContext(ctx: SealContext): Buffer {
  const parts = ['token-state/v1', ctx.clientId, ctx.tokenUrl, ctx.scope].map(part => {
    const bytes = Buffer.from(part, 'utf8')
    const length = Buffer.alloc(4)
    length.writeUInt32BE(bytes.length)
    return Buffer.concat([length, bytes])
  })
  return Buffer.concat(parts)
}

/**
 * Authenticated data: the version byte, the context and the cache key the state is saved under.
 * With the key in it, a genuine blob copied under another (newer) key does not open.
 */
function associatedData(version: Buffer, context: Buffer, cacheKey: string): Buffer {
  const key = Buffer.from(cacheKey, 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(key.length)
  return Buffer.concat([version, context, length, key])
}

/**
 * HKDF-SHA256 (RFC 5869) for a 32-byte key: extract, then the one expand block. The same bytes
 * as `crypto.hkdfSync('sha256', secret, salt, info, 32)` (a test holds them equal), from two
 * HMACs: hkdfSync first builds KeyObjects, whose machinery cost every refresh about 2 ms to load.
 */
export function hkdf32(secret: string, salt: Buffer, info: Buffer): Buffer {
  const prk = createHmac('sha256', salt).update(secret, 'utf8').digest()
  return createHmac('sha256', prk)
    .update(info)
    .update(Buffer.from([1]))
    .digest()
}

function deriveKey(secret: string, context: Buffer): Buffer {
  return hkdf32(secret, HKDF_SALT, context)
}

const LINK_SALT = Buffer.from('clayton-oauth-action/token-state-link')
export const LINK_DIGITS = 16

/**
 * A tag of the token a state was obtained with, for its cache key: a later run holding that
 * token finds the state that replaced it by prefix. Keyed by the client secret, so a key shows
 * nothing of the token and nobody without the secret can name a token's successor; decimal, as
 * the part of the key it sits in.
 */
export function linkTag(secret: string, ctx: SealContext, token: string): string {
  const key = hkdf32(secret, LINK_SALT, encodeSealContext(ctx))
  const mac = createHmac('sha256', key).update(token, 'utf8').digest()
  return (mac.readBigUInt64BE(0) % 10n ** BigInt(LINK_DIGITS)).toString().padStart(LINK_DIGITS, '0')
}

/** AES-256-GCM: version byte | 12-byte random nonce | ciphertext | 16-byte tag. */
export function sealState(
  plaintext: Buffer,
  secret: string,
  ctx: SealContext,
  cacheKey: string
): Buffer {
  // A key derived from an empty secret is public: anyone could read and forge the state.
  if (!secret) throw new ActionError('Cannot encrypt the token state without client_secret.')
  const context = encodeSealContext(ctx)
  const header = Buffer.concat([Buffer.from([VERSION]), randomBytes(NONCE_BYTES)])
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, context), header.subarray(1), {
    authTagLength: TAG_BYTES
  })
  // The context is also authenticated data: binding does not rest on the key derivation alone.
  cipher.setAAD(associatedData(header.subarray(0, 1), context, cacheKey))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([header, body, cipher.getAuthTag()])
}

/** The plaintext, or undefined for anything not authentic under this secret, context and key. */
export function openState(
  blob: Buffer,
  secret: string,
  ctx: SealContext,
  cacheKey: string
): Buffer | undefined {
  if (!secret || blob.length < HEADER_BYTES + TAG_BYTES || blob[0] !== VERSION) return undefined
  try {
    const context = encodeSealContext(ctx)
    const decipher = createDecipheriv(
      'aes-256-gcm',
      deriveKey(secret, context),
      blob.subarray(1, HEADER_BYTES),
      { authTagLength: TAG_BYTES }
    )
    decipher.setAAD(associatedData(blob.subarray(0, 1), context, cacheKey))
    decipher.setAuthTag(blob.subarray(blob.length - TAG_BYTES))
    return Buffer.concat([
      decipher.update(blob.subarray(HEADER_BYTES, blob.length - TAG_BYTES)),
      decipher.final()
    ])
  } catch {
    return undefined
  }
}
