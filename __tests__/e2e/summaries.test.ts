import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { RunOptions, RunResult } from '../support/action-runner.mjs'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'
import { SAMPLE_FINDINGS, mountReviewService } from '../support/review-service.mjs'

// Every run writes one summary section, headed by the step and a verdict: one snapshot of the
// rendered Markdown per outcome. Ports, times, durations, ids and folders are placeholders.
let server: FakeClayton
const runner = useActionRunner(() => server?.secrets() ?? [])

beforeEach(async () => {
  server = await startFakeClayton()
})
afterEach(async () => {
  await server.close()
})

const prEvent = {
  number: 12,
  pull_request: {
    number: 12,
    head: {
      ref: 'feature/login',
      sha: '0123456789abcdef0123456789abcdef01234567',
      repo: { full_name: 'octo/repo' }
    },
    base: { repo: { full_name: 'octo/repo' } }
  }
}
const step = (opts: RunOptions): RunOptions => ({
  event: prEvent,
  ...opts,
  env: {
    GITHUB_ACTION: 'gate',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_HEAD_REF: 'feature/login',
    ...opts.env
  }
})

/** A push to main: a branch review, a Scan, the only kind of answer with findings. */
const onPush = { GITHUB_EVENT_NAME: 'push', GITHUB_HEAD_REF: '', GITHUB_REF_NAME: 'main' }

function normalized(result: RunResult, opts: { polls?: boolean } = {}): string {
  const text = result.summary
    .split(server.origin)
    .join('<server>')
    // The same origin inside escaped text (an error naming the review's page).
    .split(server.origin.replace('http:', 'http\\:'))
    .join('<server>')
    .split(result.dirs.runnerTemp)
    .join('<runner_temp>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/\b\d+ ms\b|\b\d+\.\d s\b/g, '<duration>')
    .replace(/\| Attempts \| \d+ \|/g, '| Attempts | <n> |')
  // How many polls fit in a timeout depends on the machine's speed.
  return opts.polls
    ? text
        .replace(/\| Polls \| \d+ \|/g, '| Polls | <n> |')
        .replace(/\(\d+ polls;/g, '(<n> polls;')
        .replace(/· \d+ polls? in/g, '· <n> polls in')
    : text
}

const review = (extra: Record<string, string> = {}) =>
  server.refreshInputs({
    review: 'pull_request',
    workspace: 'ws_1',
    project: 'prj_1',
    review_poll_interval: '0.1',
    ...extra
  })

const findings = SAMPLE_FINDINGS

describe('the summary of every outcome', () => {
  test('token only', async () => {
    const result = await runner.run(
      step({ inputs: server.refreshInputs({ export_env: 'CLAYTON_TOKEN' }) })
    )
    expect(result.exitCode).toBe(0)
    expect(normalized(result)).toMatchSnapshot()
  })

  test('failure before any request', async () => {
    const result = await runner.run(step({ inputs: server.refreshInputs({ timeout: 'soon' }) }))
    expect(result.exitCode).toBe(1)
    // The same words as the error annotation, once.
    expect(result.summary.split('Input timeout is').length).toBe(2)
    expect(normalized(result)).toMatchSnapshot()
  })

  test('skipped on a fork, for a review', async () => {
    const result = await runner.run(
      step({
        event: {
          pull_request: {
            head: { repo: { full_name: 'someone/repo' } },
            base: { repo: { full_name: 'octo/repo' } },
            number: 12
          }
        },
        inputs: {
          base_url: server.url,
          on_missing_credentials: 'skip',
          review: 'pull_request',
          workspace: 'ws_1',
          project: 'prj_1'
        }
      })
    )
    expect(result.exitCode).toBe(0)
    expect(normalized(result)).toMatchSnapshot()
  })

  test('review passed', async () => {
    mountReviewService(server, {
      pollsBeforeDone: 1,
      result: 'PASSED',
      violations: { CRITICAL: 0, ERROR: 0, WARNING: 0 }
    })
    const result = await runner.run(step({ inputs: review() }))
    expect(result.exitCode).toBe(0)
    expect(result.summary).toMatch(/^### gate\n\n✅ \*\*Code Reviews: PASSED\*\*/)
    expect(normalized(result)).toMatchSnapshot()
  })

  test('review passed with warnings', async () => {
    mountReviewService(server, {
      pollsBeforeDone: 0,
      result: 'PASSED_WITH_WARNINGS',
      violations: { WARNING: 1 },
      sarif: findings.slice(3)
    })
    const result = await runner.run(step({ inputs: review({ review: 'branch' }), env: onPush }))
    expect(result.exitCode).toBe(0)
    expect(result.summary).toMatch(/⚠️ \*\*Code Reviews: PASSED\\_WITH\\_WARNINGS\*\* — 1 warning/)
    expect(normalized(result)).toMatchSnapshot()
  })

  test('pull request review not passed: counts and its policy, the findings on the review’s page', async () => {
    mountReviewService(server, {
      pollsBeforeDone: 1,
      headSha: prEvent.pull_request.head.sha,
      result: 'NOT_PASSED',
      violations: { CRITICAL: 1, ERROR: 2, WARNING: 5 },
      policies: [{ title: 'Security', result: 'NOT_PASSED', problems: 8 }]
    })
    const result = await runner.run(step({ inputs: review() }))
    expect(result.exitCode).toBe(1)
    expect(normalized(result)).toMatchSnapshot()
  })

  test('branch review not passed, with findings and policies', async () => {
    mountReviewService(server, {
      pollsBeforeDone: 1,
      result: 'NOT_PASSED',
      violations: { CRITICAL: 1, ERROR: 2, WARNING: 5 },
      policies: [
        { title: 'Security', result: 'NOT_PASSED', problems: 3 },
        { title: 'Maintainability', result: 'PASSED_WITH_WARNINGS', problems: 5 }
      ],
      sarif: findings
    })
    const result = await runner.run(step({ inputs: review({ review: 'branch' }), env: onPush }))
    expect(result.exitCode).toBe(1)
    expect(result.summary).toMatch(
      /❌ \*\*Code Reviews: NOT\\_PASSED\*\* — 1 critical, 2 errors, 5 warnings/
    )
    expect(normalized(result)).toMatchSnapshot()
  })

  test('review timed out', async () => {
    mountReviewService(server, { pollsBeforeDone: 1000, result: 'PASSED' })
    const result = await runner.run(step({ inputs: review({ review_timeout: '0.5' }) }))
    expect(result.exitCode).toBe(1)
    expect(normalized(result, { polls: true })).toMatchSnapshot()
  })

  test('generic API call: verdict first, no empty header row', async () => {
    const result = await runner.run(
      step({ inputs: server.refreshInputs({ api_url: '/api/workspaces', api_query: '[].name' }) })
    )
    expect(result.exitCode).toBe(0)
    expect(result.summary).not.toMatch(/^\| \| \|$/m)
    expect(normalized(result)).toMatchSnapshot()
  })
})

describe('text from the service is data in the summary', () => {
  const hostile =
    '<img src="https://tracker.example/p.gif"> [click me](https://evil.example/x) ``` ` | **bold** # heading https://bare.example www.bare.example'

  test('an API error body: no HTML, no link, no pixel', async () => {
    server.route('GET', '/api/broken', (_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' })
      res.end(hostile)
    })
    const result = await runner.run(
      step({ inputs: server.refreshInputs({ api_url: '/api/broken', max_attempts: '1' }) })
    )
    expect(result.exitCode).toBe(1)
    expectInert(result.summary)
    expect(result.summary).toContain('&lt;img src="https\\://tracker.example/p.gif"&gt;')
    expect(normalized(result)).toMatchSnapshot()
  })

  test('a review whose policy titles and findings carry markup', async () => {
    mountReviewService(server, {
      pollsBeforeDone: 0,
      result: 'NOT_PASSED',
      violations: { ERROR: 1 },
      policies: [{ title: hostile, result: 'NOT_PASSED', problems: 1 }],
      sarif: [{ severity: 'ERROR', rule: 'R``1', file: 'src/a`b.cls', line: 1, message: hostile }]
    })
    const result = await runner.run(step({ inputs: review({ review: 'branch' }), env: onPush }))
    expect(result.exitCode).toBe(1)
    expectInert(result.summary)
    // The rule survives its backticks inside a longer fence.
    expect(result.summary).toContain('``` R``1 ```')
  })
})

/** Nothing a renderer would turn into a tag, an image, a link or an autolink. */
function expectInert(summary: string): void {
  expect(summary).not.toMatch(/<img/i)
  expect(summary).not.toMatch(/(?<!\\)\[click me(?<!\\)\]\(/)
  expect(summary).not.toContain('](https://evil')
  expect(summary).not.toMatch(/(?<!\\)https:\/\/(bare|tracker|evil)/)
  expect(summary).not.toMatch(/(?<!\\)www\.bare/)
  expect(summary).not.toMatch(/(?<!\\)\*\*bold/)
  // Only our own tags.
  expect(
    summary.match(/<\/?[a-z][^>]*>/gi)?.filter(t => !/^<\/?(details|summary)>$/.test(t)) ?? []
  ).toEqual([])
}
