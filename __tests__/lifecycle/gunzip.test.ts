import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { constants, crc32 as zlibCrc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib'
import { crc32, gunzip } from '../../src/lifecycle/gunzip.js'
import { InflateError, InflateLimitError, inflateRaw } from '../../src/lifecycle/inflate.js'

const LIMIT = 1024 * 1024

/** A repeatable pseudo-random source, so a failure names inputs that can be rebuilt. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 2 ** 32
  }
}

function sample(kind: string, size: number, random: () => number): Buffer {
  const bytes = Buffer.alloc(size)
  for (let i = 0; i < size; i++) {
    if (kind === 'random') bytes[i] = Math.floor(random() * 256)
    else if (kind === 'text') bytes[i] = 'the token state of a job '.charCodeAt(i % 25)
    else if (kind === 'few symbols') bytes[i] = 'ab'.charCodeAt(Math.floor(random() * 2))
    else if (kind === 'runs') bytes[i] = Math.floor(i / 300) % 3
    // Mostly zeros with a little data: what a tar of one small file looks like.
    else bytes[i] = i < 600 && random() < 0.5 ? Math.floor(random() * 256) : 0
  }
  return bytes
}

const KINDS = ['random', 'text', 'few symbols', 'runs', 'tar-like']
const SIZES = [0, 1, 2, 257, 258, 259, 1023, 10240, 40000, 70000]
const STRATEGIES = [
  ['default', constants.Z_DEFAULT_STRATEGY],
  ['filtered', constants.Z_FILTERED],
  ['huffman only', constants.Z_HUFFMAN_ONLY],
  ['rle', constants.Z_RLE],
  ['fixed codes', constants.Z_FIXED]
] as const

describe('gunzip', () => {
  it('decodes what zlib writes, for every level, strategy and kind of data', () => {
    const random = seeded(7)
    let cases = 0
    for (const kind of KINDS) {
      for (const size of SIZES) {
        const data = sample(kind, size, random)
        for (let level = 0; level <= 9; level++) {
          for (const [, strategy] of STRATEGIES) {
            const archive = gzipSync(data, { level, strategy })
            const decoded = gunzip(archive, LIMIT)
            if (!decoded.equals(data)) {
              throw new Error(`${kind}, ${size} bytes, level ${level}, strategy ${strategy}`)
            }
            cases++
          }
        }
      }
    }
    expect(cases).toBe(KINDS.length * SIZES.length * 10 * STRATEGIES.length)
  })

  it('decodes what the gzip program writes, with the file name in its header', () => {
    const data = sample('tar-like', 10240, seeded(3))
    for (const flags of [['-c'], ['-c', '-9'], ['-c', '-1']]) {
      const archive = execFileSync('gzip', flags, { input: data })
      expect(gunzip(archive, LIMIT).equals(data)).toBe(true)
    }
    const dir = mkdtempSync(join(tmpdir(), 'gunzip-test-'))
    try {
      writeFileSync(join(dir, 'state.bin'), 'state')
      const named = execFileSync('gzip', ['-c', 'state.bin'], { cwd: dir })
      expect(named[3] & 8).toBe(8)
      expect(gunzip(named, LIMIT).toString()).toBe('state')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('skips the optional header fields: extra, name, comment and header CRC', () => {
    const data = Buffer.from('sealed state')
    const plain = gzipSync(data)
    const deflated = plain.subarray(10)
    const header = Buffer.from([0x1f, 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3])
    const extra = Buffer.from([4, 0, 1, 2, 3, 4])
    const name = Buffer.from('state.bin\0')
    const comment = Buffer.from('a comment\0')
    const headerCrc = Buffer.from([0xaa, 0xbb])
    const archive = Buffer.concat([header, extra, name, comment, headerCrc, deflated])
    expect(gunzip(archive, LIMIT).toString()).toBe('sealed state')
  })

  it('decodes members one after another, as gzip -d does', () => {
    const archive = Buffer.concat([gzipSync('first '), gzipSync(''), gzipSync('second')])
    expect(gunzip(archive, LIMIT).toString()).toBe('first second')
  })

  it('stops at the limit: exactly the limit is decoded, one byte more is refused', () => {
    const data = Buffer.alloc(5000, 7)
    expect(gunzip(gzipSync(data), 5000).length).toBe(5000)
    expect(() => gunzip(gzipSync(data), 4999)).toThrow(InflateLimitError)
    const twoMembers = Buffer.concat([gzipSync(Buffer.alloc(3000)), gzipSync(Buffer.alloc(3000))])
    expect(() => gunzip(twoMembers, 5000)).toThrow(InflateLimitError)
  })

  it('stops a bomb at the limit: a small stream that claims a small size but inflates hugely', () => {
    const bomb = gzipSync(Buffer.alloc(64 * LIMIT))
    bomb.writeUInt32LE(100, bomb.length - 4)
    expect(bomb.length).toBeLessThan(128 * 1024)
    expect(() => gunzip(bomb, LIMIT)).toThrow(InflateLimitError)
    expect(() => gunzip(bomb, LIMIT)).toThrow(/over 1048576 bytes/)
  })

  it.each<[string, (archive: Buffer) => Buffer, RegExp]>([
    ['not gzip', () => Buffer.from('plain text, not gzip'), /not gzip data/],
    ['another method', a => patch(a, 2, 7), /unknown compression method/],
    ['reserved flags', a => patch(a, 3, 0x20), /reserved gzip header flags/],
    ['a wrong CRC-32', a => patch(a, a.length - 8, a[a.length - 8] ^ 1), /CRC-32 does not match/],
    [
      'a wrong length',
      a => patch(a, a.length - 4, a[a.length - 4] ^ 1),
      /length in the gzip trailer/
    ],
    ['no trailer', a => a.subarray(0, a.length - 8), /trailer is missing|ends early/],
    [
      'data after the stream',
      a => Buffer.concat([a, Buffer.from('junk')]),
      /data after the gzip stream/
    ],
    ['a header cut short', a => a.subarray(0, 6), /not gzip data/],
    ['an empty input', () => Buffer.alloc(0), /not gzip data/]
  ])('refuses %s with an InflateError that says what', (_name, spoil, reason) => {
    const archive = spoil(gzipSync(sample('text', 3000, seeded(1))))
    expect(() => gunzip(archive, LIMIT)).toThrow(InflateError)
    expect(() => gunzip(archive, LIMIT)).toThrow(reason)
  })

  it('refuses every truncation of a stream with an InflateError', () => {
    const archive = gzipSync(sample('tar-like', 10240, seeded(5)))
    for (let length = 0; length < archive.length; length++) {
      expect(() => gunzip(archive.subarray(0, length), LIMIT)).toThrow(InflateError)
    }
  })

  it('on damaged streams either refuses with its own errors or returns exactly what zlib returns', () => {
    const random = seeded(11)
    const originals = [
      gzipSync(sample('tar-like', 10240, random)),
      gzipSync(sample('text', 4000, random), { strategy: constants.Z_FIXED }),
      gzipSync(sample('random', 700, random), { level: 0 })
    ]
    let accepted = 0
    let refused = 0
    for (let round = 0; round < 3000; round++) {
      const damaged = Buffer.from(originals[round % originals.length])
      const flips = 1 + Math.floor(random() * 3)
      for (let f = 0; f < flips; f++) {
        // The trailer is left alone for half of them, so the decoder's own checks are reached.
        const span = round % 2 ? damaged.length : damaged.length - 8
        damaged[10 + Math.floor(random() * (span - 10))] ^= 1 << Math.floor(random() * 8)
      }
      let ours: Buffer | undefined
      try {
        ours = gunzip(damaged, LIMIT)
      } catch (error) {
        if (!(error instanceof InflateError) && !(error instanceof InflateLimitError)) throw error
      }
      if (ours === undefined) {
        refused++
        continue
      }
      accepted++
      expect(ours.equals(gunzipSync(damaged))).toBe(true)
    }
    expect(refused).toBeGreaterThan(2500)
    expect(accepted + refused).toBe(3000)
  })
})

describe('inflateRaw', () => {
  it('reports how much input the stream took, so what follows can be read', () => {
    const stream = deflateRawSync('payload')
    const input = Buffer.concat([Buffer.from([9, 9]), stream, Buffer.from('after')])
    const { output, consumed } = inflateRaw(input, 2, LIMIT)
    expect(output.toString()).toBe('payload')
    expect(input.subarray(consumed).toString()).toBe('after')
  })

  it.each<[string, number[], RegExp]>([
    // BFINAL=1, BTYPE=11: the reserved block type.
    ['the reserved block type', [0b111], /invalid block type/],
    // A stored block whose length and complement disagree.
    [
      'a stored length without its complement',
      [0b001, 5, 0, 0, 0],
      /does not match its complement/
    ],
    // Fixed codes: a match at distance 1 before any literal (length code 257, distance code 0).
    ['a distance before the output', [0b00000011, 0b00000010, 0], /reaches before the output/],
    // Dynamic block header, then a code length code that over-subscribes (all lengths 1).
    [
      'an over-subscribed code',
      [0b101, 0, 0xf0, 0x24, 0x49, 0x92, 0x24, 0x49, 0x02],
      /incomplete code length code|invalid/
    ]
  ])('refuses %s', (_name, bytes, reason) => {
    expect(() => inflateRaw(Buffer.from(bytes), 0, LIMIT)).toThrow(InflateError)
    expect(() => inflateRaw(Buffer.from(bytes), 0, LIMIT)).toThrow(reason)
  })
})

describe('crc32', () => {
  it('is zlib’s CRC-32', () => {
    const random = seeded(2)
    for (const size of [0, 1, 7, 512, 10240]) {
      const data = sample('random', size, random)
      expect(crc32(data)).toBe(zlibCrc32(data))
    }
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
  })
})

function patch(archive: Buffer, at: number, value: number): Buffer {
  const copy = Buffer.from(archive)
  copy[at] = value
  return copy
}
