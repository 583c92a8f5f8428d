import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'

/** A file's bytes, or why it was not read: not a regular file, or over the bound. */
export type BoundedRead =
  { data: Buffer } | { refused: 'not a file' } | { refused: 'too large'; size: number }

/**
 * Reads a small file the action did not write itself (a restored archive, a job's token state)
 * with memory bounded by `maxBytes`: the size is checked on the open descriptor before anything
 * is read, and opening never blocks. Synchronous: a few hundred bytes, read while nothing else runs, and fs/promises would
 * cost more than the read. Undefined when the file cannot be opened (missing, or a link when
 * `noFollow`).
 */
export function readFileUpTo(
  path: string,
  maxBytes: number,
  opts: { noFollow?: boolean } = {}
): BoundedRead | undefined {
  let fd: number
  try {
    // Non-blocking: opening a FIFO put in place of the file would otherwise wait for a writer
    // (until the job's timeout); it opens at once and is refused below as not a file.
    const flags = constants.O_RDONLY | constants.O_NONBLOCK
    fd = openSync(path, flags | (opts.noFollow ? constants.O_NOFOLLOW : 0))
  } catch {
    return undefined
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) return { refused: 'not a file' }
    if (stats.size > maxBytes) return { refused: 'too large', size: stats.size }
    const data = Buffer.alloc(stats.size)
    let read = 0
    while (read < data.length) {
      const n = readSync(fd, data, read, data.length - read, read)
      if (n === 0) break
      read += n
    }
    return { data: data.subarray(0, read) }
  } finally {
    closeSync(fd)
  }
}
