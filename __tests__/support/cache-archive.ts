import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { Header } from 'tar'

/** Reads and rewrites files inside the archives @actions/cache uploads (tar, zstd or gzip). */

function compression(archive: Buffer): string[] {
  if (archive.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) {
    return ['--use-compress-program', 'zstd']
  }
  if (archive[0] === 0x1f && archive[1] === 0x8b) return ['-z']
  return []
}

function withArchive<T>(archive: Buffer, work: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'cache-archive-'))
  try {
    const file = join(dir, 'archive')
    writeFileSync(file, archive)
    mkdirSync(join(dir, 'root'))
    execFileSync('tar', [...compression(archive), '-xf', file, '-C', join(dir, 'root')])
    return work(join(dir, 'root'), file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function readArchiveFile(archive: Buffer, path: string): Buffer {
  return withArchive(archive, root => readFileSync(join(root, path)))
}

/** The same archive (same compression, so the cache version still matches) with one file changed. */
export function rewriteArchiveFile(archive: Buffer, path: string, content: Buffer): Buffer {
  return withArchive(archive, (root, file) => {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
    rmSync(file)
    execFileSync('tar', [...compression(archive), '-cf', file, '-C', root, path])
    return readFileSync(file)
  })
}

/** One member of a hand-built archive; `type` as node-tar names them. */
export interface PlantedMember {
  path: string
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'FIFO'
  body?: Buffer | string
  linkpath?: string
}

/**
 * A tar stream built header by header with node-tar's Header, so it can hold what GNU tar
 * would not write from a real tree (absolute names, `..`, devices), compressed with zstd as
 * @actions/cache archives are on runners that have it (or gzip).
 */
export function buildArchive(
  members: PlantedMember[],
  compression: 'zstd' | 'gzip' = 'zstd'
): Buffer {
  const blocks: Buffer[] = []
  for (const member of members) {
    const body = Buffer.from(member.body ?? '')
    const type = member.type ?? 'File'
    const header = new Header({
      path: member.path,
      type,
      mode: type === 'Directory' ? 0o755 : 0o644,
      size: type === 'File' ? body.length : 0,
      mtime: new Date('2026-11-01T00:00:00Z'),
      linkpath: member.linkpath,
      uid: 1000,
      gid: 1000,
      ...(type === 'CharacterDevice' && { devmaj: 1, devmin: 3 })
    })
    const block = Buffer.alloc(512)
    header.encode(block, 0)
    blocks.push(block)
    if (type === 'File' && body.length > 0) {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512))
    }
  }
  blocks.push(Buffer.alloc(1024))
  const tarStream = Buffer.concat(blocks)
  if (compression === 'gzip') return gzipSync(tarStream)
  return execFileSync('zstd', ['-q', '-c'], { input: tarStream })
}
