import { InflateError, inflateRaw } from './inflate.js'

/**
 * gzip (RFC 1952) around inflate.ts, in memory: the members of a stream one after another, each
 * header read and its CRC-32 and length checked, as `gzip -d` does. Errors are InflateError, or
 * InflateLimitError when the output passes `limit`.
 */
export function gunzip(input: Uint8Array, limit: number): Buffer {
  const parts: Buffer[] = []
  let total = 0
  let position = 0
  do {
    const start = memberStart(input, position)
    // The last member's trailer says how long it is: a good first allocation for the one member
    // our saves write, capped by the limit whatever it claims.
    const claimed = input.length >= 4 ? readUint32(input, input.length - 4) : 0
    const { output, consumed } = inflateRaw(input, start, limit - total, claimed)
    if (consumed + 8 > input.length) throw new InflateError('the gzip trailer is missing')
    if (readUint32(input, consumed) !== crc32(output)) {
      throw new InflateError('the CRC-32 does not match (the data is corrupt)')
    }
    if (readUint32(input, consumed + 4) !== output.length % 2 ** 32) {
      throw new InflateError('the length in the gzip trailer does not match')
    }
    parts.push(output)
    total += output.length
    position = consumed + 8
  } while (position < input.length)
  return parts.length === 1 ? parts[0] : Buffer.concat(parts)
}

const FLAG_HEADER_CRC = 2
const FLAG_EXTRA = 4
const FLAG_NAME = 8
const FLAG_COMMENT = 16

/** Where the DEFLATE data of the member at `at` begins, after its header. */
function memberStart(input: Uint8Array, at: number): number {
  if (input.length < at + 10 || input[at] !== 0x1f || input[at + 1] !== 0x8b) {
    throw new InflateError(at === 0 ? 'not gzip data' : 'data after the gzip stream')
  }
  if (input[at + 2] !== 8) throw new InflateError('unknown compression method')
  const flags = input[at + 3]
  if (flags & 0xe0) throw new InflateError('reserved gzip header flags are set')
  let position = at + 10
  if (flags & FLAG_EXTRA) {
    if (position + 2 > input.length) throw new InflateError('the gzip header ends early')
    position += 2 + (input[position] | (input[position + 1] << 8))
  }
  for (const flag of [FLAG_NAME, FLAG_COMMENT]) {
    if (!(flags & flag)) continue
    while (position < input.length && input[position] !== 0) position++
    position++
  }
  if (flags & FLAG_HEADER_CRC) position += 2
  if (position > input.length) throw new InflateError('the gzip header ends early')
  return position
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0
}

let crcTable: Uint32Array | undefined

export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[n] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
