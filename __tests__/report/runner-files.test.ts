import {
  accessSync,
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'
import * as core from '@actions/core'
import { appendStepSummary, setOutputs, type RunnerFs } from '../../src/report/runner-files.js'

const dir = mkdtempSync(join(tmpdir(), 'runner-files-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const saved = { ...process.env }
beforeEach(() => {
  delete process.env.GITHUB_OUTPUT
  delete process.env.GITHUB_STEP_SUMMARY
})
afterEach(() => {
  process.env = { ...saved }
  jest.restoreAllMocks()
})

let files = 0
function emptyFile(): string {
  const path = join(dir, `file-${files++}`)
  writeFileSync(path, '')
  return path
}

const DELIMITER = /ghadelimiter_[0-9a-f-]{36}/g
const sameDelimiters = (text: string) => text.replace(DELIMITER, 'ghadelimiter_<uuid>')

/** A file system that appends for real and notes every append. */
function countingFs(): RunnerFs & { appends: string[] } {
  const appends: string[] = []
  return {
    appends,
    existsSync,
    accessSync,
    appendFileSync(path, data, options) {
      appends.push(data)
      appendFileSync(path, data, options)
    }
  }
}

const OUTPUTS = {
  access_token: 'at-value-1',
  expires_in: '',
  scope: 'read write',
  multi: 'line one\nline two\n',
  unicode: 'é ✓ 𝄞',
  skipped: 'false'
}

describe('setOutputs', () => {
  test('writes the bytes core.setOutput writes for each output in turn', () => {
    const byCore = emptyFile()
    process.env.GITHUB_OUTPUT = byCore
    for (const [name, value] of Object.entries(OUTPUTS)) core.setOutput(name, value)
    const ours = emptyFile()
    process.env.GITHUB_OUTPUT = ours
    setOutputs(OUTPUTS)

    const written = readFileSync(ours, 'utf8')
    expect(sameDelimiters(written)).toBe(sameDelimiters(readFileSync(byCore, 'utf8')))
    // Each output has a random delimiter of its own, opening and closing it, as core gives it.
    const delimiters = written.match(DELIMITER) ?? []
    expect(delimiters).toHaveLength(2 * Object.keys(OUTPUTS).length)
    expect(new Set(delimiters).size).toBe(Object.keys(OUTPUTS).length)
  })

  test('appends once for all the outputs it is given', () => {
    process.env.GITHUB_OUTPUT = emptyFile()
    const fs = countingFs()
    setOutputs(OUTPUTS, fs)
    expect(fs.appends).toHaveLength(1)
    expect(fs.appends[0].match(DELIMITER)).toHaveLength(2 * Object.keys(OUTPUTS).length)
  })

  test('appends to what the file already holds', () => {
    const path = emptyFile()
    writeFileSync(path, 'earlier<<EOF\nx\nEOF\n')
    process.env.GITHUB_OUTPUT = path
    setOutputs({ skipped: 'false' })
    expect(readFileSync(path, 'utf8')).toMatch(/^earlier<<EOF\nx\nEOF\nskipped<<ghadelimiter_/)
  })

  test('without GITHUB_OUTPUT: the workflow commands core prints, in the same order', () => {
    const printed: string[] = []
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk))
      return true
    })
    for (const [name, value] of Object.entries(OUTPUTS)) core.setOutput(name, value)
    const byCore = printed.splice(0)
    setOutputs(OUTPUTS)
    expect(printed).toEqual(byCore)
    expect(printed.join('')).toContain('::set-output name=access_token::at-value-1')
  })

  test("a missing output file fails with core's error, and nothing is written", () => {
    const missing = join(dir, 'no-such-output')
    process.env.GITHUB_OUTPUT = missing
    expect(() => core.setOutput('skipped', 'false')).toThrow(`Missing file at path: ${missing}`)
    expect(() => setOutputs(OUTPUTS)).toThrow(`Missing file at path: ${missing}`)
    expect(existsSync(missing)).toBe(false)
  })
})

/** A Summary of its own, like core.summary before its first write (which caches the path). */
const freshCoreSummary = () => new (core.summary.constructor as new () => typeof core.summary)()

describe('appendStepSummary', () => {
  const TEXT = '### step\n\n✅ **Access token refreshed.**\n\n| Token |  |\n|---|---|\n'

  test('appends what core.summary.addRaw(text).write() appends, before it returns', async () => {
    const byCore = emptyFile()
    writeFileSync(byCore, '### an earlier step\n')
    process.env.GITHUB_STEP_SUMMARY = byCore
    await freshCoreSummary().addRaw(TEXT).write()
    const ours = emptyFile()
    writeFileSync(ours, '### an earlier step\n')
    process.env.GITHUB_STEP_SUMMARY = ours
    appendStepSummary(TEXT)
    expect(readFileSync(ours, 'utf8')).toBe(readFileSync(byCore, 'utf8'))
  })

  test('appends once, synchronously', () => {
    process.env.GITHUB_STEP_SUMMARY = emptyFile()
    const fs = countingFs()
    appendStepSummary(TEXT, fs)
    expect(fs.appends).toEqual([TEXT])
  })

  test("no GITHUB_STEP_SUMMARY: core's error", async () => {
    const byCore = await freshCoreSummary()
      .addRaw(TEXT)
      .write()
      .then(
        () => 'no error',
        (error: Error) => error.message
      )
    expect(byCore).toMatch(/^Unable to find environment variable for \$GITHUB_STEP_SUMMARY/)
    expect(() => appendStepSummary(TEXT)).toThrow(byCore)
  })

  test("a summary file that cannot be accessed: core's error, and nothing is written", async () => {
    const missing = join(dir, 'no-such-summary')
    process.env.GITHUB_STEP_SUMMARY = missing
    const byCore = await freshCoreSummary()
      .addRaw(TEXT)
      .write()
      .then(
        () => 'no error',
        (error: Error) => error.message
      )
    expect(byCore).toBe(
      `Unable to access summary file: '${missing}'. Check if the file has correct read/write permissions.`
    )
    expect(() => appendStepSummary(TEXT)).toThrow(byCore)
    expect(existsSync(missing)).toBe(false)
  })
})
