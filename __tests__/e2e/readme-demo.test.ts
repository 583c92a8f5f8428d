import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../support/action-runner.mjs'

// docs/review-gate.md's "What a run shows" quotes `npm run demo`: the quotes must stay what the
// built action prints, up to the clock (timestamps, durations).
const page = readFileSync(join(REPO_ROOT, 'docs', 'review-gate.md'), 'utf8')
const section = page.split('\n## What a run shows\n')[1]?.split('\n## ')[0] ?? ''
const quotedLogs = [...section.matchAll(/```text\n([\s\S]*?)```/g)].map(m => m[1].trim())
const quotedSummary = section
  .split('\n')
  .filter(line => /^\| [A-Z]/.test(line) || line.startsWith('| api_result'))
  .map(line =>
    line
      .split('|')
      .slice(1, -1)
      .map(cell => cell.trim())
      .join(' | ')
  )

const clockless = (text: string): string =>
  text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/\d+ ms/g, '<n> ms')
    // The stand-in listens on a port of its own each run.
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:PORT')

function demo(...args: string[]): { log: string; logs: string[]; summary: string[] } {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'demo.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000
  })
  const out = run.stdout
  // One log per step the demo runs: the API call, then (without --assert) the review gate.
  const logs = out
    .split('Step log (as the runner shows it, masked values as ***):\n')
    .slice(1)
    .map(part =>
      part
        .split('\n\nStep outputs')[0]
        .split('\n')
        .map(line => line.trim().replace(/^::error::/, 'Error: '))
        .join('\n')
    )
  const log = logs[0]
  // The first step's summary: what the demo prints up to that step's exit code.
  const summary = out
    .split('Job summary:\n')[1]
    .split('\nExit code')[0]
    .split('\n')
    .filter(line => /^\| [A-Za-z]/.test(line))
    .map(line =>
      line
        .split('|')
        .slice(1, -1)
        .map(cell => cell.trim())
        .join(' | ')
    )
  return { log, logs, summary }
}

describe('docs/review-gate.md quotes a real npm run demo', () => {
  test('there are three quoted logs and a summary', () => {
    expect(quotedLogs).toHaveLength(3)
    expect(quotedSummary.length).toBeGreaterThanOrEqual(6)
  })

  test('the passing gate: its log and its summary', () => {
    const run = demo()
    expect(clockless(run.log)).toBe(clockless(quotedLogs[0]))
    expect(run.summary.map(clockless)).toEqual(quotedSummary.map(clockless))
    // The same run's second step: the review gate failing with findings.
    expect(clockless(run.logs[1])).toBe(clockless(quotedLogs[2]))
  })

  test('the failing gate: its log', () => {
    const run = demo('--assert', 'length(@) > `5`')
    expect(clockless(run.log)).toBe(clockless(quotedLogs[1]))
  })
})
