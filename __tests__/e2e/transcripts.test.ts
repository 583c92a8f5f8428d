import { afterEach, beforeEach, expect, test } from '@jest/globals'
import type { RunResult } from '../support/action-runner.mjs'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'
import { SAMPLE_FINDINGS, mountReviewService } from '../support/review-service.mjs'

// The generic call against the review API's own endpoints (see support/review-service.mjs).
const SCAN_PATH = '/api/workspaces/ws_1/projects/prj_1/scans/rev_42'

// What the action prints and what it sends, per scenario, as reviewed snapshots: a change in a
// message, a workflow command or a request shows up in review. Secrets, ports, times and paths are
// replaced by stable placeholders (the leak check still runs on the raw output).
let server: FakeClayton
const runner = useActionRunner(() => server?.secrets() ?? [])

beforeEach(async () => {
  server = await startFakeClayton()
})
afterEach(async () => {
  await server.close()
})

function transcript(result: RunResult, inputs: Record<string, string>): string {
  const names = new Map<string, string>()
  for (const [name, value] of Object.entries(inputs)) {
    if (['client_secret', 'refresh_token', 'code', 'access_token'].includes(name)) {
      names.set(value, `<input ${name}>`)
    }
  }
  if (inputs.client_id) names.set(inputs.client_id, '<client_id>')
  let minted = 0
  for (const value of server.secrets())
    if (!names.has(value)) names.set(value, `<token ${++minted}>`)
  const normalize = (text: string): string => {
    let out = text
    for (const [value, name] of [...names].sort((a, b) => b[0].length - a[0].length)) {
      out = out.split(value).join(name)
    }
    return out
      .split(server.origin)
      .join('<server>')
      .split(server.origin.replace('http:', 'http\\:'))
      .join('<server>')
      .split(result.dirs.runnerTemp)
      .join('<runner_temp>')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
      .replace(/\b\d+ ms\b|\b\d+\.\d s\b/g, '<duration>')
  }
  const requests = server.requests.map(r => {
    const auth = r.headers.authorization?.split(' ')[0]
    const form = [...r.form.keys()].join(',')
    return `${r.method} ${r.path}${auth ? ` [${auth}]` : ''}${form ? ` form: ${form}` : ''}`
  })
  return [
    `exit ${result.exitCode}`,
    '--- stdout',
    normalize(result.stdout.trimEnd()),
    '--- requests',
    ...requests,
    '--- outputs',
    ...Object.keys(result.outputs)
      .sort()
      .map(name => `${name}=${normalize(result.outputs[name])}`),
    '--- summary',
    normalize(result.summary.trimEnd())
  ].join('\n')
}

test('refresh, then a gate on a review that passes', async () => {
  mountReviewService(server, { id: 'rev_42', pollsBeforeDone: 1, result: 'PASSED' })
  const inputs = server.refreshInputs({
    api_url: SCAN_PATH,
    api_wait_until: "task.status == 'PROCESSED'",
    api_wait_interval: '0.1',
    api_query: 'result',
    api_assert: "result != 'NOT_PASSED'"
  })
  expect(transcript(await runner.run({ inputs }), inputs)).toMatchSnapshot()
})

test('a gate on a review that does not pass', async () => {
  mountReviewService(server, { id: 'rev_42', pollsBeforeDone: 0, result: 'NOT_PASSED' })
  const inputs = server.refreshInputs({
    api_url: SCAN_PATH,
    api_query: 'result',
    api_assert: "result == 'PASSED'"
  })
  expect(transcript(await runner.run({ inputs }), inputs)).toMatchSnapshot()
})

test('a spent refresh token', async () => {
  const inputs = server.refreshInputs({ refresh_token: 'spent-refresh-token-value' })
  expect(transcript(await runner.run({ inputs }), inputs)).toMatchSnapshot()
})

test('a pull request from a fork, with on_missing_credentials: skip', async () => {
  const inputs = { base_url: server.url, on_missing_credentials: 'skip' }
  const result = await runner.run({
    inputs,
    event: {
      pull_request: {
        head: { repo: { full_name: 'someone/repo' } },
        base: { repo: { full_name: 'octo/repo' } }
      }
    }
  })
  expect(transcript(result, inputs)).toMatchSnapshot()
})

// Findings come from a Scan's SARIF report: a branch review.
test('the review gate on a branch that fails with findings', async () => {
  const review = mountReviewService(server, {
    pollsBeforeDone: 1,
    result: 'NOT_PASSED',
    violations: { CRITICAL: 1, ERROR: 1, WARNING: 0 },
    // The first two of the sample: one critical, one error.
    sarif: SAMPLE_FINDINGS.slice(0, 2)
  })
  runner.addSecret(review.signature)
  const inputs = server.refreshInputs({
    review: 'branch',
    branch: 'main',
    workspace: 'ws_1',
    project: 'prj_1',
    review_poll_interval: '0.1'
  })
  const text = transcript(await runner.run({ inputs }), inputs)
  expect(text.split(review.signature).join('<sig>')).toMatchSnapshot()
})
