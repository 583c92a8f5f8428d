import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readlinkSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { findOnPath, installSaveTools } from '../../src/lifecycle/save-tools.js'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function tree() {
  const root = mkdtempSync(join(tmpdir(), 'save-tools-'))
  folders.push(root)
  const dir = (name: string) => {
    const path = join(root, name)
    mkdirSync(path)
    return path
  }
  const program = (folder: string, name: string, mode = 0o755) => {
    writeFileSync(join(folder, name), '#!/bin/sh\n', { mode })
    return join(folder, name)
  }
  return { root, dir, program }
}

describe('the programs a token-cache save may run', () => {
  it('links the first tar, gtar and gzip on PATH, and never zstd', async () => {
    const { root, dir, program } = tree()
    const first = dir('first')
    const second = dir('second')
    const tar = program(first, 'tar')
    program(second, 'tar')
    const gzip = program(second, 'gzip')
    program(first, 'zstd')
    const work = dir('work')
    const tools = await installSaveTools(work, [first, second].join(delimiter))
    expect(tools.found).toEqual(['tar', 'gzip'])
    expect(readdirSync(tools.bin).sort()).toEqual(['gzip', 'tar'])
    expect(readlinkSync(join(tools.bin, 'tar'))).toBe(tar)
    expect(readlinkSync(join(tools.bin, 'gzip'))).toBe(gzip)
    expect(tools.bin.startsWith(root)).toBe(true)
  })

  it('skips what is not an executable file, as a PATH lookup does', () => {
    const { dir, program } = tree()
    const a = dir('a')
    const b = dir('b')
    program(a, 'tar', 0o644)
    mkdirSync(join(a, 'gzip'))
    const tar = program(b, 'tar')
    expect(findOnPath('tar', ['', a, b].join(delimiter))).toBe(tar)
    expect(findOnPath('gzip', a)).toBeUndefined()
  })
})
