import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

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
