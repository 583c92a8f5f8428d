/**
 * Raw DEFLATE (RFC 1951) decoding of a whole buffer in memory, after Mark Adler's puff: a
 * restored cache entry is one small gzip member, and loading node:zlib for it cost a warm run
 * more than decoding it here (README, Performance). Written for inputs from anyone: every read is
 * bounds-checked, every code table is validated as puff validates it, a distance may not reach
 * before the output, and the output stops at a limit, so a hostile stream ends in an error, never
 * in a hang or in memory beyond the limit.
 */

/** The stream is not valid DEFLATE (or ends early); the message says how. */
export class InflateError extends Error {}

/** The stream decodes to more than the limit; decoding stopped there. */
export class InflateLimitError extends RangeError {}

export interface Inflated {
  output: Buffer
  /** Bytes of input the stream took, up to and including the byte its last bit is in. */
  consumed: number
}

const MAX_BITS = 15
const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258
]
const LENGTH_EXTRA = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
]
const DISTANCE_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577
]
const DISTANCE_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
]
/** The order code length code lengths are sent in. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
  count: Uint16Array
  symbol: Uint16Array
}

/**
 * The code for `lengths`, and what is left of the code space: 0 for a complete code, more for
 * an incomplete one, negative for an over-subscribed one (which no encoder can produce).
 */
function buildCode(lengths: ArrayLike<number>): { code: Huffman; left: number } {
  const count = new Uint16Array(MAX_BITS + 1)
  const symbol = new Uint16Array(lengths.length)
  for (let s = 0; s < lengths.length; s++) count[lengths[s]]++
  const code = { count, symbol }
  if (count[0] === lengths.length) return { code, left: 0 }
  let left = 1
  for (let length = 1; length <= MAX_BITS; length++) {
    left = left * 2 - count[length]
    if (left < 0) return { code, left }
  }
  const offsets = new Uint16Array(MAX_BITS + 1)
  for (let length = 1; length < MAX_BITS; length++) {
    offsets[length + 1] = offsets[length] + count[length]
  }
  for (let s = 0; s < lengths.length; s++) {
    if (lengths[s] !== 0) symbol[offsets[lengths[s]]++] = s
  }
  return { code, left }
}

let fixedCodes: { lengths: Huffman; distances: Huffman } | undefined

function fixed(): { lengths: Huffman; distances: Huffman } {
  if (!fixedCodes) {
    const lengths = new Uint8Array(288)
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288)
    fixedCodes = {
      lengths: buildCode(lengths).code,
      distances: buildCode(new Uint8Array(30).fill(5)).code
    }
  }
  return fixedCodes
}

class Decoder {
  private position: number
  private bitBuffer = 0
  private bitCount = 0
  private out: Uint8Array
  private written = 0

  constructor(
    private readonly input: Uint8Array,
    start: number,
    private readonly limit: number,
    sizeHint: number
  ) {
    this.position = start
    this.out = new Uint8Array(Math.min(limit, Math.max(1024, sizeHint)))
  }

  run(): Inflated {
    let last = 0
    while (last === 0) {
      last = this.bits(1)
      const type = this.bits(2)
      if (type === 0) this.stored()
      else if (type === 1) this.codes(fixed().lengths, fixed().distances)
      else if (type === 2) this.dynamic()
      else throw new InflateError('invalid block type')
    }
    return {
      output: Buffer.from(this.out.buffer, this.out.byteOffset, this.written),
      consumed: this.position
    }
  }

  private bits(need: number): number {
    let value = this.bitBuffer
    while (this.bitCount < need) {
      if (this.position >= this.input.length) throw new InflateError('the stream ends early')
      value |= this.input[this.position++] << this.bitCount
      this.bitCount += 8
    }
    this.bitBuffer = value >>> need
    this.bitCount -= need
    return value & ((1 << need) - 1)
  }

  private emit(byte: number): void {
    if (this.written === this.out.length) this.grow()
    this.out[this.written++] = byte
  }

  private grow(): void {
    if (this.out.length >= this.limit) {
      throw new InflateLimitError(`output over ${this.limit} bytes`)
    }
    const bigger = new Uint8Array(Math.min(this.limit, this.out.length * 2))
    bigger.set(this.out.subarray(0, this.written))
    this.out = bigger
  }

  private stored(): void {
    // A stored block starts at the next byte: the bits left of this one are padding.
    this.bitBuffer = 0
    this.bitCount = 0
    if (this.position + 4 > this.input.length) throw new InflateError('the stream ends early')
    const input = this.input
    const length = input[this.position] | (input[this.position + 1] << 8)
    const check = input[this.position + 2] | (input[this.position + 3] << 8)
    this.position += 4
    if (length !== (~check & 0xffff)) {
      throw new InflateError('a stored block length does not match its complement')
    }
    if (this.position + length > input.length) throw new InflateError('the stream ends early')
    for (let i = 0; i < length; i++) this.emit(input[this.position + i])
    this.position += length
  }

  /** One symbol, bit by bit (puff's decode), with the bit buffer in locals: the hot loop. */
  private decode(code: Huffman): number {
    let buffer = this.bitBuffer
    let left = this.bitCount
    let value = 0
    let first = 0
    let index = 0
    for (let length = 1; length <= MAX_BITS; length++) {
      if (left === 0) {
        if (this.position >= this.input.length) throw new InflateError('the stream ends early')
        buffer = this.input[this.position++]
        left = 8
      }
      value |= buffer & 1
      buffer >>>= 1
      left--
      const count = code.count[length]
      if (value - count < first) {
        this.bitBuffer = buffer
        this.bitCount = left
        return code.symbol[index + (value - first)]
      }
      index += count
      first = (first + count) << 1
      value <<= 1
    }
    throw new InflateError('a code is not in its table')
  }

  private codes(lengths: Huffman, distances: Huffman): void {
    for (;;) {
      let symbol = this.decode(lengths)
      if (symbol < 256) {
        this.emit(symbol)
        continue
      }
      if (symbol === 256) return
      symbol -= 257
      if (symbol >= 29) throw new InflateError('invalid length code')
      const length = LENGTH_BASE[symbol] + this.bits(LENGTH_EXTRA[symbol])
      const distanceSymbol = this.decode(distances)
      if (distanceSymbol >= 30) throw new InflateError('invalid distance code')
      const distance = DISTANCE_BASE[distanceSymbol] + this.bits(DISTANCE_EXTRA[distanceSymbol])
      if (distance > this.written) throw new InflateError('a distance reaches before the output')
      this.copy(distance, length)
    }
  }

  /** A match: `length` bytes from `distance` back, which may overlap what it writes. */
  private copy(distance: number, length: number): void {
    while (this.out.length - this.written < length) this.grow()
    const out = this.out
    let to = this.written
    if (distance >= length) out.copyWithin(to, to - distance, to - distance + length)
    else for (let from = to - distance, end = to + length; to < end;) out[to++] = out[from++]
    this.written += length
  }

  private dynamic(): void {
    const lengthCount = this.bits(5) + 257
    const distanceCount = this.bits(5) + 1
    const codeLengthCount = this.bits(4) + 4
    if (lengthCount > 286 || distanceCount > 30) throw new InflateError('too many codes')
    const codeLengths = new Uint8Array(19)
    for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]] = this.bits(3)
    const codeLengthCode = buildCode(codeLengths)
    if (codeLengthCode.left !== 0) throw new InflateError('invalid code length code')

    const lengths = new Uint8Array(lengthCount + distanceCount)
    for (let index = 0; index < lengths.length;) {
      const symbol = this.decode(codeLengthCode.code)
      if (symbol < 16) {
        lengths[index++] = symbol
        continue
      }
      let repeated = 0
      let times: number
      if (symbol === 16) {
        if (index === 0) throw new InflateError('a length repeat has no length before it')
        repeated = lengths[index - 1]
        times = 3 + this.bits(2)
      } else if (symbol === 17) times = 3 + this.bits(3)
      else times = 11 + this.bits(7)
      if (index + times > lengths.length) throw new InflateError('too many code lengths')
      lengths.fill(repeated, index, index + times)
      index += times
    }
    if (lengths[256] === 0) throw new InflateError('no end-of-block code')

    // An incomplete code is allowed only as a single code of one bit (puff's rule, zlib's too).
    const literal = buildCode(lengths.subarray(0, lengthCount))
    if (literal.left < 0 || (literal.left > 0 && lengthCount !== single(literal.code))) {
      throw new InflateError('invalid literal/length code')
    }
    const distance = buildCode(lengths.subarray(lengthCount))
    if (distance.left < 0 || (distance.left > 0 && distanceCount !== single(distance.code))) {
      throw new InflateError('invalid distance code table')
    }
    this.codes(literal.code, distance.code)
  }
}

function single(code: Huffman): number {
  return code.count[0] + code.count[1]
}

/**
 * Decodes the raw DEFLATE stream that starts at `start`, up to `limit` bytes of output.
 * `sizeHint`: the expected output size, for the first allocation only.
 */
export function inflateRaw(
  input: Uint8Array,
  start: number,
  limit: number,
  sizeHint = 0
): Inflated {
  return new Decoder(input, start, limit, sizeHint).run()
}
