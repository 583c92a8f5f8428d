import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * @actions/cache extracts a restored archive with `tar -xf <archive> -P -C <dir>`, which writes
 * absolute and `..` members wherever they point, before the caller can look at them. It finds
 * tar through PATH when it runs (`io.which`: `gtar`, then `tar`, on macOS; `tar` on Linux). So
 * during a restore this folder is the whole PATH, and its tar is a stand-in: it keeps the
 * archive for readStateArchive and extracts nothing. Nothing else is on PATH, zstd included: the
 * library's `zstd --version` probe finds no program, so it runs none and takes gzip (as on a
 * runner without zstd), the compression our saves use too (see save-tools.ts). A warm run
 * spawns one small shell script and nothing else.
 */
export interface TarCapture {
  /** The folder that is the whole PATH during the restore. */
  bin: string
  /** Where the stand-in leaves the archive (hard link, else copy); absent if tar was never run. */
  archive: string
  /** Environment for the restore: tells the stand-in where to leave the archive. */
  env: Record<string, string>
}

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

export async function installTarCapture(folder: string): Promise<TarCapture> {
  const bin = join(folder, 'bin')
  await mkdir(bin, { mode: 0o700 })
  for (const name of ['tar', 'gtar']) {
    await writeFile(join(bin, name), STAND_IN, { mode: 0o700 })
  }
  const archive = join(folder, 'restored-archive')
  return { bin, archive, env: { [CAPTURE_VARIABLE]: archive } }
}
