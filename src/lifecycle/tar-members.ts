/**
 * The members of a tar stream held in memory (ustar, pax and old GNU headers, as GNU tar and
 * bsdtar write them), read without writing anything anywhere. It only lists: what a member may
 * be is for the caller to decide. Strict where readers differ, so that what this accepts other
 * readers read the same way (the tests hold it to node-tar): each header's checksum must match,
 * every number field must be a number, pax records must be well formed, and after the
 * end-of-archive block nothing but zeros may follow.
 * GNU long-name headers and global pax headers are listed as members of their own, which the
 * caller refuses: no tar our saves run writes them for a short name.
 */
export interface TarMember {
  path: string
  /** As node-tar names the type flags: File, OldFile, SymbolicLink, Link, Directory, ... */
  type: string
  size: number
  linkpath: string
  /** The member's bytes (a view into the stream), for File, OldFile and ContiguousFile. */
  data?: Buffer
}

export type TarListing = { members: TarMember[] } | { malformed: string } | { endsEarly: true }

const BLOCK = 512

const TYPES: Record<string, string> = {
  '0': 'File',
  '\0': 'OldFile',
  '1': 'Link',
  '2': 'SymbolicLink',
  '3': 'CharacterDevice',
  '4': 'BlockDevice',
  '5': 'Directory',
  '6': 'FIFO',
  '7': 'ContiguousFile',
  g: 'GlobalExtendedHeader',
  x: 'ExtendedHeader',
  A: 'SolarisACL',
  D: 'GNUDumpDir',
  I: 'Inode',
  K: 'NextFileHasLongLinkpath',
  L: 'NextFileHasLongPath',
  M: 'ContinuationFile',
  N: 'OldGnuLongPath',
  S: 'SparseFile',
  V: 'TapeVolumeHeader',
  X: 'OldExtendedHeader'
}

const WITH_DATA = new Set(['File', 'OldFile', 'ContiguousFile'])

class Malformed extends Error {}

/** Stops at the first member that is not a file, pax header included: the caller refuses it. */
export function listTarMembers(tar: Buffer): TarListing {
  const members: TarMember[] = []
  let pax: Partial<Pick<TarMember, 'path' | 'linkpath' | 'size'>> | undefined
  let position = 0
  try {
    for (;;) {
      if (position + BLOCK > tar.length) return { endsEarly: true }
      const header = tar.subarray(position, position + BLOCK)
      if (isZero(header)) {
        if (pax) return { endsEarly: true }
        if (!isZero(tar.subarray(position))) {
          throw new Malformed('data follows the end-of-archive block')
        }
        return { members }
      }
      checkSum(header)
      checkFields(header)
      const flag = String.fromCharCode(header[156])
      const type = TYPES[flag] ?? `unknown type ${JSON.stringify(flag)}`
      const size = number(header, 124, 12, 'size')
      position += BLOCK
      if (type === 'ExtendedHeader') {
        if (position + size > tar.length) return { endsEarly: true }
        pax = { ...pax, ...paxRecords(tar.subarray(position, position + size)) }
        position += padded(size)
        continue
      }
      const member: TarMember = {
        path: pax?.path ?? headerPath(header),
        type,
        size: pax?.size ?? size,
        linkpath: pax?.linkpath ?? text(header, 157, 100)
      }
      pax = undefined
      if (member.path === '') throw new Malformed('a member has no name')
      members.push(member)
      if (!WITH_DATA.has(type)) return { members }
      if (member.linkpath !== '') throw new Malformed('a file names a link target')
      if (position + member.size > tar.length) return { endsEarly: true }
      member.data = tar.subarray(position, position + member.size)
      position += padded(member.size)
    }
  } catch (error) {
    if (error instanceof Malformed) return { malformed: error.message }
    throw error
  }
}

const ZERO_BLOCK = Buffer.alloc(BLOCK)

/** Compared a block at a time in native code: the end of an archive is kilobytes of zeros. */
function isZero(bytes: Buffer): boolean {
  for (let at = 0; at < bytes.length; at += BLOCK) {
    const part = bytes.subarray(at, at + BLOCK)
    if (!part.equals(part.length === BLOCK ? ZERO_BLOCK : ZERO_BLOCK.subarray(0, part.length))) {
      return false
    }
  }
  return true
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK
}

/** POSIX sums the header's bytes as unsigned, the checksum field counted as spaces. */
function checkSum(header: Buffer): void {
  const stored = number(header, 148, 8, 'checksum')
  let sum = 8 * 0x20
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += header[i]
  if (stored !== sum) throw new Malformed('a header checksum does not match')
}

/**
 * The fields this listing does not use must still be what tar readers agree on: numbers that
 * are numbers, and nothing after the end of a ustar prefix (where star and node-tar read times).
 */
function checkFields(header: Buffer): void {
  for (const [at, length, what] of [
    [100, 8, 'mode'],
    [108, 8, 'uid'],
    [116, 8, 'gid'],
    [136, 12, 'mtime'],
    [329, 8, 'device number'],
    [337, 8, 'device number']
  ] as const) {
    number(header, at, length, what)
  }
  if (isUstar(header)) {
    const prefix = header.subarray(345, 500)
    const end = prefix.indexOf(0)
    if (end !== -1 && !isZero(prefix.subarray(end))) {
      throw new Malformed('a header has data after the end of its name prefix')
    }
  }
}

function isUstar(header: Buffer): boolean {
  return header.toString('latin1', 257, 265) === 'ustar\u000000'
}

/** ustar keeps long names in two fields, prefix and name; old GNU and v7 headers in one. */
function headerPath(header: Buffer): string {
  const name = text(header, 0, 100)
  const prefix = isUstar(header) ? text(header, 345, 155) : ''
  return prefix ? `${prefix}/${name}` : name
}

function text(header: Buffer, at: number, length: number): string {
  const field = header.subarray(at, at + length)
  const end = field.indexOf(0)
  return field.toString('utf8', 0, end === -1 ? length : end)
}

/**
 * An octal number, up to its first NUL and between spaces; or base-256 (GNU, for sizes past
 * 8 GiB): a first byte of 0x80, then big-endian bytes. Anything else (0xff, negative base-256,
 * included) is malformed.
 */
function number(header: Buffer, at: number, length: number, what: string): number {
  const field = header.subarray(at, at + length)
  if (field[0] === 0x80) {
    let value = 0
    for (let i = 1; i < length; i++) value = value * 256 + field[i]
    return value
  }
  const end = field.indexOf(0)
  const digits = field.toString('latin1', 0, end === -1 ? length : end).replace(/^ +| +$/g, '')
  if (!/^[0-7]*$/.test(digits)) throw new Malformed(`a header ${what} is not a number`)
  return digits === '' ? 0 : parseInt(digits, 8)
}

/** Records of `<length> <key>=<value>\n`, the length counting the whole record. */
function paxRecords(data: Buffer): Partial<Pick<TarMember, 'path' | 'linkpath' | 'size'>> {
  const found: Partial<Pick<TarMember, 'path' | 'linkpath' | 'size'>> = {}
  let position = 0
  while (position < data.length) {
    const space = data.indexOf(0x20, position)
    const lengthText = space === -1 ? '' : data.toString('latin1', position, space)
    if (!/^[1-9][0-9]*$/.test(lengthText)) throw new Malformed('a pax record has no length')
    const end = position + Number(lengthText)
    if (end > data.length || data[end - 1] !== 0x0a) throw new Malformed('a pax record is cut')
    const record = data.toString('utf8', space + 1, end - 1)
    const equals = record.indexOf('=')
    if (equals <= 0) throw new Malformed('a pax record has no key')
    const key = record.slice(0, equals)
    const value = record.slice(equals + 1)
    // POSIX reads an empty value as "use the header's field", node-tar as an empty one: refused.
    if ((key === 'path' || key === 'linkpath' || key === 'size') && value === '') {
      throw new Malformed(`a pax ${key} record is empty`)
    }
    if (key === 'path') found.path = value
    else if (key === 'linkpath') found.linkpath = value
    else if (key === 'size') {
      if (!/^[0-9]+$/.test(value)) throw new Malformed('a pax size is not a number')
      found.size = Number(value)
    }
    position = end
  }
  return found
}
