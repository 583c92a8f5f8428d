import { afterEach, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { installTarCapture } from '../../src/lifecycle/tar-capture.js'

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
