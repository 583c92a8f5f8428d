import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Header, Parser, type ReadEntry } from 'tar'
import { listTarMembers, type TarMember } from '../../src/lifecycle/tar-members.js'

interface Listed {
  path: string
  type: string
  size: number
  linkpath: string
  data: string
}

/** node-tar's reading of the same stream (strict, any warning fails it): the reference. */
function nodeTarListing(tar: Buffer): Listed[] | undefined {
  const listed: Listed[] = []
  let problem = false
  const parser = new Parser({ strict: true, onwarn: () => (problem = true) })
  parser.on('entry', (entry: ReadEntry) => {
    const chunks: Buffer[] = []
    const item: Listed = {
      path: entry.path,
      type: entry.type === 'OldFile' ? 'File' : entry.type,
      size: entry.size,
      linkpath: entry.linkpath ?? '',
      data: ''
    }
    listed.push(item)
    entry.on('data', (chunk: Buffer) => chunks.push(chunk))
    entry.on('end', () => (item.data = Buffer.concat(chunks).toString('hex')))
  })
  parser.on('error', () => (problem = true))
  try {
    parser.end(tar)
  } catch {
    return undefined
  }
  return problem ? undefined : listed
}

function ours(tar: Buffer): Listed[] | undefined {
  const listing = listTarMembers(tar)
  if (!('members' in listing)) return undefined
  return listing.members.map((m: TarMember) => ({
    path: m.path,
    type: m.type === 'OldFile' ? 'File' : m.type,
    size: m.size,
    linkpath: m.linkpath,
    data: m.data ? m.data.toString('hex') : ''
  }))
}

type Tree = Record<string, string | { symlink: string } | { dir: true }>

/** What GNU tar writes for `tree` in `format`, the members in the order given. */
function gnuTar(tree: Tree, format: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'tar-members-'))
  try {
    const root = join(dir, 'root')
    mkdirSync(root)
    for (const [name, what] of Object.entries(tree)) {
      mkdirSync(dirname(join(root, name)), { recursive: true })
      if (typeof what === 'string') writeFileSync(join(root, name), what)
      else if ('symlink' in what) symlinkSync(what.symlink, join(root, name))
      else mkdirSync(join(root, name), { recursive: true })
    }
    writeFileSync(join(dir, 'list'), Object.keys(tree).join('\n'))
    execFileSync('tar', [
      `--format=${format}`,
      '--no-recursion',
      '-cf',
      join(dir, 'out.tar'),
      '-C',
      root,
      '--files-from',
      join(dir, 'list')
    ])
    return readFileSync(join(dir, 'out.tar'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const FILES: Tree = {
  '.clayton-oauth/state.bin': 'sealed state\0\x01\x02',
  empty: '',
  'block-511': 'a'.repeat(511),
  'block-512': 'b'.repeat(512),
  'block-513': 'c'.repeat(513),
  'dix-mille': 'd'.repeat(10000),
  'ünïcödé name': 'utf-8 names',
  [`${'p'.repeat(90)}/${'n'.repeat(60)}`]: 'a name ustar splits into prefix and name'
}

/** A header with every field set by hand; `edit` may change it before the checksum. */
function header(
  fields: Partial<{ path: string; type: string; size: number; linkpath: string }>,
  edit?: (block: Buffer) => void
): Buffer {
  const block = Buffer.alloc(512)
  new Header({
    path: fields.path ?? 'file',
    type: (fields.type ?? 'File') as 'File',
    size: fields.size ?? 0,
    mode: 0o644,
    mtime: new Date('2026-11-01T00:00:00Z'),
    linkpath: fields.linkpath
  }).encode(block, 0)
  if (edit) {
    edit(block)
    fixChecksum(block)
  }
  return block
}

function fixChecksum(block: Buffer): void {
  block.fill(0x20, 148, 156)
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
}

function body(text: string): Buffer {
  const data = Buffer.from(text)
  return Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)])
}

/** One pax record, its length counted as the format wants. */
function record(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`
  let length = rest.length + 1
  while (String(length).length + rest.length !== length) length++
  return `${length}${rest}`
}

function pax(records: string[]): Buffer {
  const data = records.join('')
  return Buffer.concat([
    header({ path: 'PaxHeader', type: 'ExtendedHeader', size: data.length }),
    body(data)
  ])
}

const END = Buffer.alloc(1024)

describe('listTarMembers', () => {
  it.each(['posix', 'ustar', 'gnu', 'v7'])(
    'lists what GNU tar writes in the %s format as node-tar reads it',
    format => {
      const tree = { ...FILES }
      if (format === 'gnu' || format === 'v7') delete tree[Object.keys(tree).at(-1) as string]
      const tar = gnuTar(tree, format)
      const listed = ours(tar)
      expect(listed).toEqual(nodeTarListing(tar))
      expect(listed?.map(m => m.path)).toEqual(Object.keys(tree))
      expect(listed?.[0].data).toBe(
        Buffer.from(FILES['.clayton-oauth/state.bin'] as string).toString('hex')
      )
    }
  )

  it('takes a long name from its pax header (GNU tar --posix)', () => {
    const long = `${'x'.repeat(120)}/${'y'.repeat(150)}`
    const tar = gnuTar({ [long]: 'long' }, 'posix')
    expect(ours(tar)).toEqual(nodeTarListing(tar))
    expect(ours(tar)?.[0].path).toBe(long)
  })

  it.each<[string, Tree, string]>([
    ['a symbolic link', { state: 'x', link: { symlink: '/etc/passwd' } }, 'SymbolicLink'],
    ['a folder', { folder: { dir: true }, 'folder/state': 'x' }, 'Directory']
  ])('stops at %s, listed with its type and target', (_name, tree, type) => {
    const tar = gnuTar(tree, 'posix')
    const listed = ours(tar)
    expect(listed?.at(-1)?.type).toBe(type)
    expect(listed).toEqual(nodeTarListing(tar)?.slice(0, listed?.length))
  })

  it('lists a GNU long-name header as a member of its own, for the caller to refuse', () => {
    const tar = gnuTar({ [`${'z'.repeat(150)}`]: 'long' }, 'gnu')
    const listing = listTarMembers(tar)
    expect(listing).toEqual({ members: [expect.objectContaining({ type: 'NextFileHasLongPath' })] })
  })

  it('reads pax path and size records over the header fields, for the next member only', () => {
    const tar = Buffer.concat([
      pax([record('path', 'from/pax/state'), record('size', '12')]),
      header({ path: 'header-name', size: 3 }),
      body('twelve bytes'),
      header({ path: 'header-name-2', size: 2 }),
      body('hi'),
      END
    ])
    expect(ours(tar)).toEqual([
      expect.objectContaining({
        path: 'from/pax/state',
        size: 12,
        data: Buffer.from('twelve bytes').toString('hex')
      }),
      expect.objectContaining({ path: 'header-name-2', size: 2 })
    ])
    expect(ours(tar)).toEqual(nodeTarListing(tar))
  })

  it('reads a base-256 size, as GNU tar writes sizes past 8 GiB', () => {
    const tar = Buffer.concat([
      header({ path: 'state', size: 5 }, block => {
        block.fill(0, 124, 136)
        block[124] = 0x80
        block[135] = 5
      }),
      body('hello'),
      END
    ])
    expect(ours(tar)).toEqual([expect.objectContaining({ path: 'state', size: 5 })])
    expect(ours(tar)).toEqual(nodeTarListing(tar))
  })

  it('accepts one end-of-archive block, and zeros after it up to the record size', () => {
    const member = Buffer.concat([header({ path: 'state', size: 2 }), body('hi')])
    for (const end of [Buffer.alloc(512), Buffer.alloc(1024), Buffer.alloc(10240 - 1024)]) {
      expect(listTarMembers(Buffer.concat([member, end]))).toEqual({
        members: [expect.objectContaining({ path: 'state' })]
      })
    }
  })

  it.each<[string, () => Buffer, RegExp]>([
    [
      'a header whose checksum does not match',
      () => {
        const block = header({ path: 'state', size: 2 })
        block[0] ^= 1
        return Buffer.concat([block, body('hi'), END])
      },
      /checksum does not match/
    ],
    [
      'a size that is not an octal number',
      () =>
        Buffer.concat([
          header({ path: 'state' }, block => block.write('00000000009\0', 124, 'latin1')),
          END
        ]),
      /size is not a number/
    ],
    [
      'a negative base-256 size',
      () => Buffer.concat([header({ path: 'state' }, block => block.fill(0xff, 124, 136)), END]),
      /size is not a number/
    ],
    [
      'an mtime that is not a number',
      () => Buffer.concat([header({ path: 'state' }, block => (block[136] = 0xab)), END]),
      /mtime is not a number/
    ],
    [
      'bytes after the end of a ustar name prefix (star and node-tar read times there)',
      () => Buffer.concat([header({ path: 'state' }, block => (block[480] = 0x31)), END]),
      /after the end of its name prefix/
    ],
    [
      'a file with a link target',
      () => Buffer.concat([header({ path: 'state', linkpath: '/etc/passwd' }), END]),
      /a file names a link target/
    ],
    [
      'a member without a name',
      () => Buffer.concat([header({ path: 'state' }, block => block.fill(0, 0, 100)), END]),
      /no name/
    ],
    [
      'data after the end-of-archive block',
      () =>
        Buffer.concat([
          header({ path: 'state', size: 2 }),
          body('hi'),
          END,
          header({ path: 'hidden' })
        ]),
      /data follows the end-of-archive block/
    ],
    [
      'a pax record without a length',
      () => Buffer.concat([pax(['path=x\n']), header({}), END]),
      /no length/
    ],
    ['a pax record cut short', () => Buffer.concat([pax(['30 path=x\n']), header({}), END]), /cut/],
    [
      'a pax record without a key',
      () => Buffer.concat([pax([record('', 'abc')]), header({}), END]),
      /no key/
    ],
    [
      'an empty pax path (POSIX and node-tar read it differently)',
      () => Buffer.concat([pax([record('path', '')]), header({}), END]),
      /pax path record is empty/
    ],
    [
      'a pax size that is not a number',
      () => Buffer.concat([pax([record('size', '0x10')]), header({}), END]),
      /pax size/
    ]
  ])('refuses %s as malformed, saying so', (_name, build, reason) => {
    const listing = listTarMembers(build())
    expect(listing).toEqual({ malformed: expect.stringMatching(reason) })
  })

  it('says a stream ends early when it is cut anywhere before its end block', () => {
    const tar = gnuTar({ a: 'x'.repeat(700), b: 'y' }, 'posix')
    let endOfMembers = tar.length
    while (tar[endOfMembers - 1] === 0) endOfMembers--
    for (let length = 0; length < endOfMembers; length += 37) {
      expect(listTarMembers(tar.subarray(0, length))).toEqual({ endsEarly: true })
    }
    expect(
      listTarMembers(Buffer.concat([pax([record('path', 'abc')]), END.subarray(0, 512)]))
    ).toEqual({
      endsEarly: true
    })
  })

  it('whatever it accepts of a damaged stream, node-tar reads the same way', () => {
    let state = 12345
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31
      return state / 2 ** 31
    }
    const original = gnuTar(
      { '.clayton-oauth/state.bin': 'sealed', second: 'z'.repeat(600) },
      'posix'
    )
    let accepted = 0
    for (let round = 0; round < 3000; round++) {
      const damaged = Buffer.from(original)
      // Mostly header bytes, with the checksum made right again, so the fields are what is tested.
      const headerStarts = [0, 512, 1536, 2048]
      const start = headerStarts[Math.floor(random() * headerStarts.length)]
      const at =
        round % 5 === 0 ? Math.floor(random() * damaged.length) : start + Math.floor(random() * 512)
      damaged[at] = Math.floor(random() * 256)
      if (round % 5 !== 0 && at - start < 512) {
        const block = damaged.subarray(start, start + 512)
        if (!block.every(byte => byte === 0)) fixChecksum(block)
      }
      const listed = ours(damaged)
      // A listing that ends in a link, folder or other non-file is refused by its caller.
      if (listed === undefined || listed.some(m => m.type !== 'File')) continue
      accepted++
      const reference = nodeTarListing(damaged)
      expect(reference?.slice(0, listed.length)).toEqual(listed)
    }
    expect(accepted).toBeGreaterThan(100)
  })
})
