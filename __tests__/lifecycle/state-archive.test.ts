import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import {
  CACHE_PATH,
  MAX_ARCHIVE_BYTES,
  MAX_STATE_BYTES,
  MAX_TAR_BYTES,
  readStateArchive
} from '../../src/lifecycle/state-archive.js'
import { buildArchive, type PlantedMember } from '../support/cache-archive.js'

const STATE = Buffer.from('sealed state bytes \x00\x01\x02 as our save writes them')

/** What GNU tar writes for our save: `tar --posix -cf … -P -C <workspace> .clayton-oauth/state.bin`. */
function gnuTarArchive(flags: string[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'state-archive-'))
  try {
    mkdirSync(join(dir, 'ws', '.clayton-oauth'), { recursive: true })
    writeFileSync(join(dir, 'ws', CACHE_PATH), STATE)
    writeFileSync(join(dir, 'manifest.txt'), CACHE_PATH)
    execFileSync(
      'tar',
      ['--posix', '-cf', 'out', '-P', '-C', 'ws', '--files-from', 'manifest.txt', ...flags],
      {
        cwd: dir
      }
    )
    return readFileSync(join(dir, 'out'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const refusal = async (archive: Buffer): Promise<string> => {
  const reading = await readStateArchive(archive)
  if (!('refused' in reading)) throw new Error('test: the archive was accepted')
  return reading.refused
}

describe('readStateArchive', () => {
  it('reads the state from the gzip archive GNU tar writes for our save', async () => {
    expect(await readStateArchive(gnuTarArchive(['-z']))).toEqual({ blob: STATE })
  })

  it('reads the state from a hand-built archive of the same one member', async () => {
    expect(
      await readStateArchive(buildArchive([{ path: CACHE_PATH, body: STATE }], 'gzip'))
    ).toEqual({
      blob: STATE
    })
  })

  it('reads the zstd archive GNU tar writes (zlib, or the zstd program on an older Node.js)', async () => {
    expect(await readStateArchive(gnuTarArchive(['--use-compress-program', 'zstdmt']))).toEqual({
      blob: STATE
    })
  })

  it('stops decompressing zstd at the cap', async () => {
    const bomb = execFileSync('zstd', ['-q', '-c'], { input: Buffer.alloc(MAX_TAR_BYTES * 8) })
    expect(bomb.length).toBeLessThan(MAX_ARCHIVE_BYTES)
    expect(await refusal(bomb)).toMatch(/decompresses to more than 1048576 bytes/)
  })

  it('refuses a zstd archive on a Node.js without zstd, naming why', async () => {
    const archive = buildArchive([{ path: CACHE_PATH, body: STATE }], 'zstd')
    const reading = await readStateArchive(archive, { zstdDecompress: undefined })
    expect(reading).toEqual({ refused: expect.stringMatching(/cannot decompress zstd/) })
  })

  it.each<[string, PlantedMember[], RegExp]>([
    ['an absolute path', [{ path: '/tmp/clayton-planted', body: 'x' }], /absolute path/],
    ['a ".." segment', [{ path: '../../clayton-planted', body: 'x' }], /"\.\." segment/],
    [
      'a ".." inside the expected folder',
      [{ path: '.clayton-oauth/../../clayton-planted', body: 'x' }],
      /"\.\." segment/
    ],
    [
      'a symbolic link as the state',
      [{ path: CACHE_PATH, type: 'SymbolicLink', linkpath: '/etc/passwd' }],
      /symbolic link/
    ],
    [
      'a symbolic link folder, then the state through it',
      [
        { path: '.clayton-oauth', type: 'SymbolicLink', linkpath: '/tmp' },
        { path: CACHE_PATH, body: STATE }
      ],
      /symbolic link/
    ],
    [
      'a hard link as the state',
      [{ path: CACHE_PATH, type: 'Link', linkpath: '/etc/passwd' }],
      /hard link/
    ],
    ['a device', [{ path: CACHE_PATH, type: 'CharacterDevice' }], /is a device/],
    ['a FIFO', [{ path: CACHE_PATH, type: 'FIFO' }], /is a FIFO/],
    ['a folder', [{ path: '.clayton-oauth/', type: 'Directory' }], /not a regular file/],
    ['another name', [{ path: 'state.bin', body: STATE }], /is not \.clayton-oauth\/state\.bin/],
    [
      'an extra member after the state',
      [
        { path: CACHE_PATH, body: STATE },
        { path: 'extra', body: 'x' }
      ],
      /2 members/
    ],
    [
      'an oversized state',
      [{ path: CACHE_PATH, body: Buffer.alloc(MAX_STATE_BYTES + 1) }],
      /over the 65536/
    ]
  ])('refuses %s, whole, with the reason', async (_name, members, reason) => {
    expect(await refusal(buildArchive(members, 'gzip'))).toMatch(reason)
  })

  it('refuses an archive over the cap before decompressing it', async () => {
    const archive = Buffer.concat([Buffer.from([0x1f, 0x8b]), randomBytes(MAX_ARCHIVE_BYTES)])
    expect(await refusal(archive)).toMatch(/over the 65536 a token state needs/)
  })

  it('stops decompressing at the cap (a small archive that inflates hugely)', async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_TAR_BYTES * 8))
    expect(bomb.length).toBeLessThan(MAX_ARCHIVE_BYTES)
    expect(await refusal(bomb)).toMatch(/decompresses to more than 1048576 bytes/)
  })

  it('refuses an uncompressed tar, a truncated one, and noise', async () => {
    const tarStream = gnuTarArchive([])
    expect(await refusal(tarStream)).toMatch(/neither zstd- nor gzip-compressed/)
    const whole = buildArchive([{ path: CACHE_PATH, body: Buffer.alloc(2000, 1) }], 'gzip')
    const truncated = gzipSync(
      Buffer.from(execFileSync('gzip', ['-dc'], { input: whole }).subarray(0, 1024))
    )
    expect(await refusal(truncated)).toMatch(/truncated|ends early|not a well-formed/)
    expect(await refusal(gzipSync(randomBytes(2048)))).toMatch(/not a well-formed|holds no file/)
  })

  it('quotes a planted member name escaped and short in its reason', async () => {
    const name = `/tmp/${'a'.repeat(150)}\n::warning::injected`
    const reason = await refusal(buildArchive([{ path: name, body: 'x' }], 'gzip'))
    expect(reason).not.toMatch(/\n/)
    expect(reason.length).toBeLessThan(200)
  })
})
