import { gunzipSync, type ZstdOptions } from 'node:zlib'
import { Parser } from 'tar/parse'
import type { ReadEntry } from 'tar/read-entry'

/**
 * The one member our own saves put in a cache archive. GNU tar names it exactly so: @actions/cache
 * lists the path relative to the workspace and archives with -P, which keeps names as given.
 */
export const CACHE_PATH = '.clayton-oauth/state.bin'

/**
 * Limits far above what a sealed state needs (under 1 kB; a few kB with long JWTs), far below
 * what could hurt: an archive is refused before decompressing, a tar stream stops growing.
 * zlib decodes in 16 KiB chunks up to MAX_TAR_BYTES whatever the members claim, so a read holds
 * at most about twice MAX_TAR_BYTES; with the input capped too, it takes milliseconds.
 */
export const MAX_ARCHIVE_BYTES = 64 * 1024
export const MAX_TAR_BYTES = 1024 * 1024
export const MAX_STATE_BYTES = 64 * 1024

/** The sealed state, or why the archive was refused (for a debug line: nothing was written). */
export type ArchiveReading = { blob: Buffer } | { refused: string }

export type ZstdDecompress = (
  data: Buffer,
  options: Pick<ZstdOptions, 'maxOutputLength'>
) => Buffer | Promise<Buffer>

export interface ReadArchiveOptions {
  /** Default: zlib's (Node 22.15+), else the zstd program; undefined: zstd is refused. */
  zstdDecompress?: ZstdDecompress | undefined
}

/**
 * Reads a restored cache archive in memory, never on disk: @actions/cache would extract it with
 * `tar -P`, which writes absolute and `..` members wherever they point. Accepts exactly one
 * regular file named CACHE_PATH within MAX_STATE_BYTES; everything else is refused whole.
 *
 */
export async function readStateArchive(
  archive: Buffer,
  options: ReadArchiveOptions = { zstdDecompress: defaultZstd }
): Promise<ArchiveReading> {
  if (archive.length > MAX_ARCHIVE_BYTES) {
    return {
      refused: `the archive is ${archive.length} bytes, over the ${MAX_ARCHIVE_BYTES} a token state needs`
    }
  }
  const tar = await decompress(archive, options)
  if ('refused' in tar) return tar
  return readMembers(tar.blob)
}

async function defaultZstd(
  data: Buffer,
  options: Pick<ZstdOptions, 'maxOutputLength'>
): Promise<Buffer> {
  const zlib = await import('node:zlib')
  // Looked up, not imported by name: Node before 22.15 has no such export.
  return typeof zlib.zstdDecompressSync === 'function'
    ? zlib.zstdDecompressSync(data, options)
    : zstdProgram(data, options)
}

/**
 * Node before 22.15 has no zstd in zlib (the action runs on Node 24; self-hosted setups may run
 * it on older): the zstd program that made the archive reads it from stdin and writes the tar
 * stream to a pipe, never to disk.
 */
async function zstdProgram(
  data: Buffer,
  options: Pick<ZstdOptions, 'maxOutputLength'>
): Promise<Buffer> {
  const { execFileSync } = await import('node:child_process')
  try {
    return execFileSync('zstd', ['-d', '-c', '-q'], {
      input: data,
      maxBuffer: options.maxOutputLength,
      timeout: 10_000,
      stdio: ['pipe', 'pipe', 'ignore']
    })
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOBUFS') {
      throw new RangeError('output over maxOutputLength')
    }
    throw new Error(
      (error as { code?: string }).code === 'ENOENT'
        ? `this Node.js (${process.version}) has no zstd and no zstd program is on PATH`
        : 'zstd could not decompress it'
    )
  }
}

const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd])

async function decompress(archive: Buffer, options: ReadArchiveOptions): Promise<ArchiveReading> {
  try {
    if (archive.subarray(0, 4).equals(ZSTD_MAGIC)) {
      const zstd = options.zstdDecompress
      if (!zstd) {
        return {
          refused: `it is zstd-compressed and this Node.js (${process.version}) cannot decompress zstd; Node 24, the runtime of this action, can`
        }
      }
      return {
        // zstd's default window limit (128 MiB), as the library's own `unzstd`: it compresses
        // without --long. A frame asking for more is refused.
        blob: await zstd(archive, { maxOutputLength: MAX_TAR_BYTES })
      }
    }
    if (archive[0] === 0x1f && archive[1] === 0x8b) {
      return { blob: gunzipSync(archive, { maxOutputLength: MAX_TAR_BYTES }) }
    }
  } catch (error) {
    const tooBig =
      error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
    return {
      refused: tooBig
        ? `it decompresses to more than ${MAX_TAR_BYTES} bytes`
        : `it does not decompress (${error instanceof Error ? error.message : String(error)})`
    }
  }
  return { refused: 'it is neither zstd- nor gzip-compressed, as @actions/cache writes them' }
}

interface Member {
  path: string
  type: string
  size: number
  linkpath: string
  data: Buffer[]
}

function readMembers(tar: Buffer): ArchiveReading {
  const members: Member[] = []
  const problems: string[] = []
  // Synchronous: end() emits every entry and its data before it returns.
  const parser = new Parser({
    strict: true,
    onwarn: (_code, message) => problems.push(String(message))
  })
  parser.on('entry', (entry: ReadEntry) => {
    const member: Member = {
      path: entry.path,
      type: entry.type,
      size: entry.size,
      linkpath: entry.linkpath ?? '',
      data: []
    }
    members.push(member)
    // Only a member that may be the state is kept; the rest is counted and drained.
    if (members.length === 1 && member.size <= MAX_STATE_BYTES) {
      entry.on('data', (chunk: Buffer) => member.data.push(chunk))
    } else {
      entry.resume()
    }
  })
  parser.on('error', (error: Error) => problems.push(error.message))
  let ended = false
  parser.on('end', () => {
    ended = true
  })
  try {
    parser.end(tar)
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error))
  }
  if (problems.length > 0) {
    return { refused: `it is not a well-formed tar archive (${problems[0]})` }
  }
  if (!ended) return { refused: 'the tar archive ends early' }
  if (members.length === 0) return { refused: 'it holds no file' }
  for (const member of members) {
    const why = unsafe(member)
    if (why) return { refused: why }
  }
  if (members.length > 1) {
    return {
      refused: `it holds ${members.length} members where a token state is one file (${members
        .map(m => show(m.path))
        .slice(0, 3)
        .join(', ')})`
    }
  }
  const [state] = members
  if (state.path !== CACHE_PATH)
    return { refused: `member ${show(state.path)} is not ${CACHE_PATH}` }
  if (state.size > MAX_STATE_BYTES) {
    return {
      refused: `member ${show(state.path)} is ${state.size} bytes, over the ${MAX_STATE_BYTES} a token state needs`
    }
  }
  const blob = Buffer.concat(state.data)
  if (blob.length !== state.size) return { refused: 'the tar archive ends early' }
  return { blob }
}

/** Why a member could write outside the folder or be anything but a file; for the log. */
function unsafe(member: Member): string | undefined {
  const name = show(member.path)
  if (member.path.startsWith('/') || /^[A-Za-z]:/.test(member.path)) {
    return `member ${name} has an absolute path`
  }
  if (member.path.split(/[/\\]/).includes('..')) return `member ${name} has a ".." segment`
  switch (member.type) {
    case 'File':
    case 'OldFile':
      break
    case 'SymbolicLink':
      return `member ${name} is a symbolic link (to ${show(member.linkpath)})`
    case 'Link':
      return `member ${name} is a hard link (to ${show(member.linkpath)})`
    case 'CharacterDevice':
    case 'BlockDevice':
      return `member ${name} is a device`
    case 'FIFO':
      return `member ${name} is a FIFO`
    default:
      return `member ${name} is not a regular file (${member.type})`
  }
  return undefined
}

/** Member names come from whoever wrote the entry: quoted, escaped and short in the log. */
function show(text: string): string {
  const quoted = JSON.stringify(text)
  return quoted.length > 120 ? `${quoted.slice(0, 117)}..."` : quoted
}
