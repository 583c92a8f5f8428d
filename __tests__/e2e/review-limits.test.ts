import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { REPO_ROOT, type RunOptions, type RunResult } from '../support/action-runner.mjs'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'
import {
  mountReviewService,
  sarifLog,
  type ReviewServiceOptions
} from '../support/review-service.mjs'

// What a review does with a SARIF report whatever its size and shape: the file it writes, the
// lines it logs, and where it fetches it from.

let server: FakeClayton
const runner = useActionRunner(() => server?.secrets() ?? [])

beforeEach(async () => {
  server = await startFakeClayton()
})
afterEach(async () => {
  await server.close()
})

const MiB = 1024 * 1024
/** The documented cap of the file written for upload-sarif (src/review/sarif.ts). */
const SARIF_CAP = 8 * MiB

const onPullRequest: Partial<RunOptions> = {
  event: {
    number: 12,
    pull_request: {
      number: 12,
      head: { ref: 'feature/login', sha: '0123456789abcdef0123456789abcdef01234567' },
      base: { repo: { full_name: 'octo/repo' } }
    }
  },
  env: {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_HEAD_REF: 'feature/login',
    GITHUB_REF_NAME: '12/merge'
  }
}

function mount(opts: Partial<ReviewServiceOptions>) {
  const api = mountReviewService(server, { pollsBeforeDone: 1, result: 'PASSED', ...opts })
  runner.addSecret(api.signature)
  return api
}

// SARIF reports come with scans: a review of the pull request's head branch.
const reviewInputs = () =>
  server.refreshInputs({
    review: 'branch',
    workspace: 'ws_1',
    project: 'prj_1',
    review_poll_interval: '0.1'
  })

const PEAK_RSS = {
  script: fileURLToPath(new URL('../support/peak-rss.mjs', import.meta.url)),
  env: { PEAK_RSS_TARGET: join(REPO_ROOT, 'dist', 'index.js') }
}

function peakRssMiB(result: RunResult): number {
  const match = /peak-rss-kib=(\d+)/.exec(result.stderr)
  if (!match) throw new Error(`no peak-rss line in stderr:\n${result.stderr}`)
  return Number(match[1]) / 1024
}

const longestLine = (result: RunResult) =>
  Math.max(...result.stdout.split('\n').map(line => Buffer.byteLength(line)))

const finding = {
  severity: 'ERROR' as const,
  rule: 'ApexCRUDViolation',
  file: 'force-app/main/default/classes/A.cls',
  line: 3,
  message: 'Validate CRUD permission before SOQL/DML operation'
}

describe('the SARIF file is at most the cap, whatever part of the report is large', () => {
  test('a 60 MiB report with its bulk outside results: no file over the cap, memory bounded, a warning', async () => {
    const log = sarifLog([finding]) as { runs: Array<Record<string, unknown>> }
    // Many small rules: the bulk sits in the tool's driver, not in results.
    const rules = Array.from({ length: 600_000 }, (_, i) => ({
      id: `Rule${i}`,
      shortDescription: { text: `rule number ${i} of the bulk, kept outside results` }
    }))
    log.runs[0].tool = { driver: { name: 'Code Reviews', rules } }
    const raw = JSON.stringify(log)
    expect(raw.length).toBeGreaterThan(50 * MiB)
    expect(raw.length).toBeLessThan(64 * MiB)
    mount({ sarif: { raw }, result: 'NOT_PASSED', violations: { ERROR: 1 } })
    const result = await runner.run({
      ...onPullRequest,
      inputs: reviewInputs(),
      ...PEAK_RSS,
      env: { ...onPullRequest.env, ...PEAK_RSS.env },
      timeoutMs: 120_000
    })
    expect(result.exitCode).toBe(1)
    const file = result.outputs.sarif_file
    if (file) expect(statSync(file).size).toBeLessThanOrEqual(SARIF_CAP)
    else
      expect(result.warnings.join('\n')).toContain('cannot be cut to a file upload-sarif accepts')
    // The finding is still annotated from the report read in memory.
    expect(result.commands.some(c => c.command === 'error' && c.properties.file)).toBe(true)
    // The body (60 MiB), its text and its parsed form are needed; no text of the whole report is
    // built beyond that (measured here: about 465 MiB; 617 MiB when it was written whole).
    expect(peakRssMiB(result)).toBeLessThan(600)
  })

  test('bulk outside results under the cap: the file keeps it and the results that fit', async () => {
    const log = sarifLog(
      Array.from({ length: 3000 }, (_, i) => ({
        ...finding,
        line: i + 1,
        message: 'm'.repeat(2000)
      }))
    ) as { runs: Array<Record<string, unknown>> }
    log.runs[0].properties = { notes: 'n'.repeat(6 * MiB) }
    mount({
      sarif: { raw: JSON.stringify(log) },
      result: 'NOT_PASSED',
      violations: { ERROR: 3000 }
    })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    const file = result.outputs.sarif_file
    expect(file).not.toBe('')
    expect(statSync(file).size).toBeLessThanOrEqual(SARIF_CAP)
    expect(statSync(file).size).toBeGreaterThan(SARIF_CAP - 10_000)
  })
})

describe('server text is cut before it is logged', () => {
  test('a 50 MiB SARIF version: every log line stays short', async () => {
    const raw = JSON.stringify({ version: 'v'.repeat(50 * MiB), runs: [] })
    mount({ sarif: { raw }, result: 'PASSED' })
    const result = await runner.run({
      ...onPullRequest,
      inputs: reviewInputs(),
      timeoutMs: 120_000
    })
    expect(result.exitCode).toBe(0)
    expect(result.warnings.join('\n')).toContain('SARIF report is not usable: its version is')
    expect(longestLine(result)).toBeLessThan(8 * 1024)
    expect(Buffer.byteLength(result.summary)).toBeLessThan(64 * 1024)
  })
})

describe('loopback means the literal addresses', () => {
  test('a sarif_url on a host name starting with 127. is not fetched over plain http', async () => {
    // 127.evil.test resolves to 127.0.0.1 in the action's process (no DNS query leaves the
    // machine), and bypasses the proxy: only the action's own rule can keep it from being fetched.
    const api = mount({
      sarif: [finding],
      result: 'NOT_PASSED',
      violations: { ERROR: 1 },
      sarifOrigin: `http://127.evil.test:${server.origin.split(':').pop()}`
    })
    const dns = pathToFileURL(
      fileURLToPath(new URL('../support/test-tld-dns.mjs', import.meta.url))
    )
    const result = await runner.run({
      ...onPullRequest,
      inputs: reviewInputs(),
      env: {
        ...onPullRequest.env,
        NODE_OPTIONS: `--import=${dns.href}`,
        no_proxy: '127.0.0.1,localhost,::1,.test'
      }
    })
    expect(result.exitCode).toBe(1)
    expect(api.sarifDownloads()).toEqual([])
    expect(result.outputs.sarif_file).toBe('')
    expect(result.summary).toContain('over plain http: not downloaded')
  })
})
