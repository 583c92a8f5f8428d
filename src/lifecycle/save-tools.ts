import { accessSync, constants, statSync } from 'node:fs'
import { mkdir, symlink } from 'node:fs/promises'
import { delimiter, join } from 'node:path'

/**
 * The programs @actions/cache may run to save: tar (`gtar` first on macOS) and gzip, which tar
 * runs for `-z`. zstd is left out on purpose: the library compresses with zstd whenever its
 * `zstd --version` probe finds the program, and that choice is part of the cache version. A
 * restore finds no zstd either (see tar-capture.ts), so both sides agree on gzip without spawning
 * the probe, and a token state of a few hundred bytes gains nothing from zstd.
 */
export const SAVE_PROGRAMS = ['gtar', 'tar', 'gzip'] as const

export interface SaveTools {
  /** The folder that is the whole PATH during the save. */
  bin: string
  /** The programs linked into it, by name. */
  found: string[]
}

/** Links the first `name` on `path` (as PATH lookup finds it) for each of SAVE_PROGRAMS. */
export async function installSaveTools(
  folder: string,
  path = process.env.PATH ?? ''
): Promise<SaveTools> {
  const bin = join(folder, 'save-bin')
  await mkdir(bin, { mode: 0o700 })
  const found: string[] = []
  for (const name of SAVE_PROGRAMS) {
    const program = findOnPath(name, path)
    if (!program) continue
    await symlink(program, join(bin, name))
    found.push(name)
  }
  return { bin, found }
}

export function findOnPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not here
    }
  }
  return undefined
}
