import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { installTarCapture } from '../../src/lifecycle/tar-capture.js'
import { REPO_ROOT } from '../support/action-runner.mjs'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

async function setUp() {
  const folder = mkdtempSync(join(tmpdir(), 'tar-capture-'))
  folders.push(folder)
  const capture = await installTarCapture(folder)
  const archive = join(folder, 'cache.tzst')
  writeFileSync(archive, 'archive bytes')
  const work = join(folder, 'work')
  const run = (name: string, args: string[]) =>
    spawnSync(join(capture.bin, name), args, {
      env: { ...process.env, ...capture.env },
      encoding: 'utf8'
    })
  return { capture, archive, work, run }
}

describe('the tar stand-in of a restore', () => {
  it.each(['tar', 'gtar'])('%s -xf keeps the archive and extracts nothing', async name => {
    const { capture, archive, work, run } = await setUp()
    // The command line @actions/cache 6 runs to extract.
    const result = run(name, ['-xf', archive, '-P', '-C', work, '--use-compress-program', 'unzstd'])
    expect(result.status).toBe(0)
    expect(readFileSync(capture.archive, 'utf8')).toBe('archive bytes')
    expect(existsSync(work)).toBe(false)
  })

  it('-tf (the debug listing) succeeds and prints nothing', async () => {
    const { archive, run } = await setUp()
    const result = run('tar', ['-tf', archive, '-P'])
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('')
  })

  it('anything else fails, so a changed library fails the restore loudly', async () => {
    const { folder, archive, run } = { ...(await setUp()), folder: folders[0] }
    const before = readdirSync(folder).sort()
    for (const args of [
      ['-cf', archive, '-P'],
      ['-x', '-f', archive],
      ['-xf', join(folder, 'missing')]
    ]) {
      expect(run('tar', args).status).not.toBe(0)
    }
    expect(readdirSync(folder).sort()).toEqual(before)
  })
})

describe('the tar stand-in run in process (through packages/exec-in-process)', () => {
  // The module @actions/cache gets as @actions/exec (package.json overrides).
  const load = async () =>
    (await import('exec-in-process')) as {
      exec(command: string, args?: string[], options?: object): Promise<number>
    }

  it.each(['tar', 'gtar'])(
    '%s -xf reads the archive into memory: no file kept, nothing extracted',
    async name => {
      const { capture, archive, work } = await setUp()
      const { exec } = await load()
      const release = capture.inProcess()
      try {
        // The command line @actions/cache 6 runs to extract a gzip archive.
        const command = `"${join(capture.bin, name)}" -xf ${archive} -P -C ${work} -z`
        expect(await exec(command, undefined, { silent: true })).toBe(0)
      } finally {
        release()
      }
      expect(capture.read()).toEqual({ data: Buffer.from('archive bytes') })
      expect(existsSync(capture.archive)).toBe(false)
      expect(existsSync(work)).toBe(false)
    }
  )

  it('an archive over the size a state can have is refused, not read', async () => {
    const { capture, archive } = await setUp()
    writeFileSync(archive, Buffer.alloc(64 * 1024 + 1))
    const { exec } = await load()
    const release = capture.inProcess()
    try {
      await exec(join(capture.bin, 'tar'), ['-xf', archive], { silent: true })
    } finally {
      release()
    }
    expect(capture.read()).toEqual({ refused: expect.stringMatching(/over the 65536/) })
  })

  it('a missing archive fails; another command falls to the script, which fails loudly', async () => {
    const { capture, archive } = await setUp()
    const { exec } = await load()
    const release = capture.inProcess()
    try {
      await expect(
        exec(join(capture.bin, 'tar'), ['-xf', join(folders[0], 'missing')], { silent: true })
      ).rejects.toThrow(/failed with exit code 1/)
      await expect(
        exec(join(capture.bin, 'tar'), ['-cf', archive], {
          silent: true,
          env: { ...process.env, ...capture.env }
        })
      ).rejects.toThrow(/failed with exit code 2/)
    } finally {
      release()
    }
    expect(capture.read()).toBeUndefined()
  })

  it('after release, the script runs instead and read() finds what it kept', async () => {
    const { capture, archive, work } = await setUp()
    const { exec } = await load()
    capture.inProcess()()
    await exec(`"${join(capture.bin, 'tar')}" -xf ${archive} -P -C ${work} -z`, undefined, {
      silent: true,
      env: { ...process.env, ...capture.env }
    })
    expect(readFileSync(capture.archive, 'utf8')).toBe('archive bytes')
    expect(capture.read()).toEqual({ data: Buffer.from('archive bytes') })
  })

  it("the library's zstd probe finds none while in process, even with a zstd on PATH", async () => {
    const { capture } = await setUp()
    // A zstd that answers like the real one: without the registration the library would use it.
    const programs = mkdtempSync(join(tmpdir(), 'zstd-on-path-'))
    folders.push(programs)
    writeFileSync(join(programs, 'zstd'), '#!/bin/sh\necho "*** Zstandard CLI (64-bit) v1.5.6"\n', {
      mode: 0o700
    })
    const utils = (await import(
      pathToFileURL(join(REPO_ROOT, 'node_modules/@actions/cache/lib/internal/cacheUtils.js')).href
    )) as { getCompressionMethod(): Promise<string> }
    const path = process.env.PATH
    process.env.PATH = `${programs}:${path}`
    // The library reports the probe through @actions/core's debug lines: kept here, not printed.
    const printed: string[] = []
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      printed.push(String(chunk))
      return true
    })
    try {
      const release = capture.inProcess()
      try {
        expect(await utils.getCompressionMethod()).toBe('gzip')
      } finally {
        release()
      }
      expect(printed.join('')).not.toContain('Zstandard CLI')
      expect(await utils.getCompressionMethod()).toBe('zstd-without-long')
      expect(printed.join('')).toContain('::debug::*** Zstandard CLI')
    } finally {
      write.mockRestore()
      process.env.PATH = path
    }
  })
})
