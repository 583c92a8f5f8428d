import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runInProcess } from 'exec-in-process'
import { readFileUpTo } from './bounded-file.js'
import { MAX_ARCHIVE_BYTES } from './state-archive.js'

/**
 * @actions/cache extracts a restored archive with `tar -xf <archive> -P -C <dir>`, which writes
 * absolute and `..` members wherever they point, before the caller can look at them. It finds
 * tar through PATH when it runs (`io.which`: `gtar`, then `tar`, on macOS; `tar` on Linux). So
 * during a restore this folder is the whole PATH, and its tar is a stand-in that keeps the
 * archive for readStateArchive and extracts nothing. Nothing else is on PATH, zstd included: the
 * library's `zstd --version` probe finds no program, so it runs none and takes gzip (as on a
 * runner without zstd), the compression our saves use too (see save-tools.ts).
 *
 * The library runs tar through @actions/exec, which is packages/exec-in-process for it: while
 * `inProcess()` holds, the stand-in runs as a function that reads the archive into memory, and no
 * process is spawned. The script stays for any call that function declines (a changed command
 * line): it does the same through a hard link or copy, or fails loudly.
 */
export interface TarCapture {
  /** The folder that is the whole PATH during the restore. */
  bin: string
  /** Where the script leaves the archive (hard link, else copy); absent if it never ran. */
  archive: string
  /** Environment for the restore: tells the script where to leave the archive. */
  env: Record<string, string>
  /** Runs the stand-in in this process until the returned function is called. */
  inProcess(): () => void
  /** The archive tar was given, read up to what a state archive can be; undefined if none. */
  read(): CapturedArchive | undefined
}

export type CapturedArchive = { data: Buffer } | { refused: string }

export const CAPTURE_VARIABLE = 'CLAYTON_OAUTH_CACHE_ARCHIVE'

// -xf <archive> is how @actions/cache 6 extracts and -tf how it lists (debug only). Anything else
// means the library changed: fail, so the restore fails loudly instead of doing something new.
// Programs by absolute path: PATH holds only this folder while the script runs.
const STAND_IN = `#!/bin/sh
# Stand-in for tar while the token cache restores: keeps the archive, extracts nothing.
case "$1" in
  -xf) [ -f "$2" ] && { /bin/ln -- "$2" "$${CAPTURE_VARIABLE}" 2>/dev/null || /bin/cp -- "$2" "$${CAPTURE_VARIABLE}"; } ;;
  -tf) exit 0 ;;
  *) echo "tar $1: not expected while restoring the token cache (only -xf and -tf are)" >&2; exit 2 ;;
esac
`

const NAMES = ['tar', 'gtar']

export async function installTarCapture(folder: string): Promise<TarCapture> {
  const bin = join(folder, 'bin')
  await mkdir(bin, { mode: 0o700 })
  for (const name of NAMES) {
    await writeFile(join(bin, name), STAND_IN, { mode: 0o700 })
  }
  const archive = join(folder, 'restored-archive')
  let taken: CapturedArchive | undefined
  // The script's rules, in process: -xf keeps a regular file, -tf succeeds, the rest is the
  // script's to refuse.
  const run = (args: string[]): number | undefined => {
    if (args[0] === '-tf') return 0
    if (args[0] !== '-xf' || args.length < 2) return undefined
    const read = readArchiveFile(args[1])
    if (read === undefined) return 1
    taken = read
    return 0
  }
  return {
    bin,
    archive,
    env: { [CAPTURE_VARIABLE]: archive },
    inProcess() {
      const releases = NAMES.map(name => runInProcess(join(bin, name), run))
      // The library asks `zstd --version` which compression to use. The restore's PATH holds no
      // zstd, so the answer is "not found" (what a shell says with 127, and what makes the
      // library pick gzip); given here, the real @actions/exec is never loaded for it.
      releases.push(runInProcess('zstd', () => 127))
      return () => {
        for (const release of releases) release()
      }
    },
    read: () => taken ?? readArchiveFile(archive)
  }
}

/**
 * An archive read only up to the size a state archive can have: the library downloads whatever
 * the entry holds before anyone can look at it. Undefined when there is none.
 */
function readArchiveFile(path: string): CapturedArchive | undefined {
  const read = readFileUpTo(path, MAX_ARCHIVE_BYTES)
  if (read === undefined || 'data' in read) return read
  return read.refused === 'not a file'
    ? { refused: 'the archive is not a regular file' }
    : {
        refused: `the archive is ${read.size} bytes, over the ${MAX_ARCHIVE_BYTES} a token state needs`
      }
}
