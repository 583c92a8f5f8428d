import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { makeRunDirs, type RunOptions } from '../support/action-runner.mjs'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'
import {
  mountReviewService,
  type ReviewServiceOptions,
  type StandInFinding
} from '../support/review-service.mjs'

let server: FakeClayton
let other: FakeClayton | undefined
const runner = useActionRunner(() => [...(server?.secrets() ?? []), ...(other?.secrets() ?? [])])

beforeEach(async () => {
  server = await startFakeClayton()
})
afterEach(async () => {
  await server.close()
  await other?.close()
  other = undefined
})

const BASE = '/api/workspaces/ws_1/projects/prj_1'
const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567'
const prEvent = {
  number: 12,
  pull_request: {
    number: 12,
    head: { ref: 'feature/login', sha: HEAD_SHA, repo: { full_name: 'octo/repo' } },
    base: { repo: { full_name: 'octo/repo' } }
  }
}
const onPullRequest: Partial<RunOptions> = {
  event: prEvent,
  env: {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_HEAD_REF: 'feature/login',
    GITHUB_REF_NAME: '12/merge'
  }
}

function mount(opts: Partial<ReviewServiceOptions> = {}) {
  const api = mountReviewService(server, { pollsBeforeDone: 1, result: 'PASSED', ...opts })
  runner.addSecret(api.signature)
  return api
}

const reviewInputs = (extra: Record<string, string> = {}) =>
  server.refreshInputs({
    review: 'pull_request',
    workspace: 'ws_1',
    project: 'prj_1',
    review_poll_interval: '0.1',
    ...extra
  })

const findings = (severity: StandInFinding['severity'], n: number): StandInFinding[] =>
  Array.from({ length: n }, (_, i) => ({
    severity,
    rule: `Rule${severity}${i + 1}`,
    file: `force-app/main/default/classes/C${i + 1}.cls`,
    line: i + 1,
    message: `${severity.toLowerCase()} finding ${i + 1}`
  }))

// Findings come only from Scans (sarif_url, scan_policies[].sarif_url): a branch review.
const onBranch: Partial<RunOptions> = {
  env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' }
}
const branchInputs = (extra: Record<string, string> = {}) =>
  reviewInputs({ review: 'branch', ...extra })

const reviewRequests = () => server.requests.filter(r => r.routePath?.startsWith('/api/'))

describe('each review mode', () => {
  test('pull_request: the event’s number, the PullRequest polled by its uuid', async () => {
    const api = mount({ pollsBeforeDone: 2, violations: { CRITICAL: 0, ERROR: 0, WARNING: 0 } })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const [trigger] = api.triggers()
    expect(trigger.path).toBe(`${BASE}/scans/by_pull_request`)
    expect(JSON.parse(trigger.body)).toEqual({ pull_request_number: 12, type: 'AUTO' })
    expect(trigger.headers.authorization).toBe(`Bearer ${result.outputs.access_token}`)
    expect(api.polls().map(p => p.path)).toEqual(Array(3).fill(`${BASE}/pull-requests/${api.id}`))
    expect(result.outputs).toMatchObject({
      review_id: api.id,
      review_result: 'PASSED',
      review_passed: 'true',
      review_url: `${server.url}/workspaces/ws_1/projects/prj_1/pull-requests/${api.id}`,
      review_violations: '{"CRITICAL":0,"ERROR":0,"WARNING":0}',
      sarif_file: ''
    })
  })

  test('pull_request_number overrides the event', async () => {
    const api = mount()
    const result = await runner.run({ inputs: reviewInputs({ pull_request_number: '77' }) })
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(api.triggers()[0].body)).toEqual({ pull_request_number: 77, type: 'AUTO' })
  })

  test('branch: the pushed branch, the Scan polled with legacy_code=true', async () => {
    const api = mount()
    const result = await runner.run({
      inputs: reviewInputs({ review: 'branch' }),
      env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' }
    })
    expect(result.errors).toEqual([])
    expect(api.triggers()[0].path).toBe(`${BASE}/scans/by_branch`)
    expect(JSON.parse(api.triggers()[0].body)).toEqual({ branch: 'main', type: 'AUTO' })
    expect(api.polls()[0].path).toBe(`${BASE}/scans/${api.id}`)
    expect(api.polls()[0].query.get('legacy_code')).toBe('true')
  })

  test('revision: the pull request’s head branch and sha, not the merge commit', async () => {
    const api = mount()
    const result = await runner.run({
      ...onPullRequest,
      inputs: reviewInputs({ review: 'revision' }),
      env: { ...onPullRequest.env, GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff' }
    })
    expect(result.errors).toEqual([])
    expect(api.triggers()[0].path).toBe(`${BASE}/scans/by_branch_and_revision`)
    expect(JSON.parse(api.triggers()[0].body)).toEqual({
      branch: 'feature/login',
      revision: HEAD_SHA,
      type: 'AUTO'
    })
  })
})

describe('each result under each review_fail_on', () => {
  test.each([
    ['PASSED', 'not_passed', 0, 'true'],
    ['PASSED', 'warnings', 0, 'true'],
    ['PASSED', 'never', 0, 'true'],
    ['PASSED_WITH_WARNINGS', 'not_passed', 0, 'true'],
    ['PASSED_WITH_WARNINGS', 'warnings', 1, 'false'],
    ['PASSED_WITH_WARNINGS', 'never', 0, 'true'],
    ['NOT_PASSED', 'not_passed', 1, 'false'],
    ['NOT_PASSED', 'warnings', 1, 'false'],
    ['NOT_PASSED', 'never', 0, 'false']
  ] as const)(
    '%s with review_fail_on %s exits %d, review_passed=%s',
    async (res, failOn, exit, passed) => {
      mount({ result: res, violations: { ERROR: res === 'NOT_PASSED' ? 2 : 0, WARNING: 3 } })
      const result = await runner.run({
        ...onPullRequest,
        inputs: reviewInputs({ review_fail_on: failOn })
      })
      expect(result.exitCode).toBe(exit)
      expect(result.outputs.review_result).toBe(res)
      expect(result.outputs.review_passed).toBe(passed)
      if (exit === 1) {
        expect(result.errors).toHaveLength(1)
        expect(result.errors[0]).toContain(`is ${res}`)
        expect(result.errors[0]).toContain(`review_fail_on is ${failOn}`)
      } else expect(result.errors).toEqual([])
    }
  )

  test('PROCESSED with outcome ERROR is a failed review, not a pass; review_result is empty', async () => {
    mount({ result: 'PASSED', outcome: 'ERROR' })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/outcome ERROR/)
    expect(result.outputs.review_passed).toBe('false')
    // The answer still says PASSED; an `if:` on review_result must not read it.
    expect(result.outputs.review_result).toBe('')
    expect(result.summary).toMatch(/Code Reviews: no result\*\* \(outcome ERROR\)/)
  })

  test('outcome ERROR under review_fail_on never warns and passes', async () => {
    mount({ result: 'PASSED', outcome: 'ERROR' })
    const result = await runner.run({
      ...onPullRequest,
      inputs: reviewInputs({ review_fail_on: 'never' })
    })
    expect(result.exitCode).toBe(0)
    expect(result.warnings.join('\n')).toMatch(/outcome ERROR/)
    expect(result.outputs.review_passed).toBe('false')
    expect(result.outputs.review_result).toBe('')
  })
})

describe('the verdict is this commit’s', () => {
  test('a stale PROCESSED report of an earlier commit is passed over; this commit’s NOT_PASSED fails', async () => {
    const api = mount({
      staleFirst: 1,
      pollsBeforeDone: 1,
      headSha: HEAD_SHA,
      result: 'NOT_PASSED'
    })
    const result = await runner.run({
      ...onPullRequest,
      inputs: reviewInputs(),
      env: { ...onPullRequest.env, RUNNER_DEBUG: '1' }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/the review of pull request #12 is NOT_PASSED/)
    expect(result.outputs.review_result).toBe('NOT_PASSED')
    // The stale answer, one still processing, then this commit's.
    expect(api.polls()).toHaveLength(3)
    expect(result.stdout).toMatch(
      /::debug::Code Reviews: passed over a finished answer: its report is of commit 111111111111, not 0123456789ab/
    )
    expect(result.summary).toMatch(/Polls \| 3 \(1 passed over/)
  })

  test('review: revision: a stale scan of another commit is passed over too', async () => {
    const api = mount({ staleFirst: 2, pollsBeforeDone: 0, result: 'NOT_PASSED' })
    const result = await runner.run({
      ...onPullRequest,
      inputs: reviewInputs({ review: 'revision' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/is NOT_PASSED/)
    expect(api.polls()).toHaveLength(3)
  })

  test('a timeout while only stale reports were seen says so', async () => {
    mount({ staleFirst: 10_000, pollsBeforeDone: 0, headSha: HEAD_SHA, result: 'PASSED' })
    const result = await runner.run({
      ...onPullRequest,
      inputs: reviewInputs({ review_poll_interval: '0.3', review_timeout: '1.5' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(
      /no report of this commit \(0123456789ab\) for pull request #12 within review_timeout 1.5 s: \d+ of \d+ polls showed a finished report of an earlier commit/
    )
    expect(result.outputs.review_result).toBe('')
    expect(result.outputs.review_passed).toBe('false')
  })

  test('a pull request review in the schema’s exact shape: verdict and counts, the page, no annotations promised', async () => {
    const api = mount({
      headSha: HEAD_SHA,
      result: 'NOT_PASSED',
      violations: { CRITICAL: 1, ERROR: 2, WARNING: 1 },
      policies: [{ title: 'Salesforce security', result: 'NOT_PASSED', problems: 4 }]
    })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    // What the stand-in sent: one report_policies object, and no sarif_url anywhere.
    const last = api.answers().at(-1) as {
      last_pull_request_review_report: { report_policies: unknown }
    }
    expect(Array.isArray(last.last_pull_request_review_report.report_policies)).toBe(false)
    expect(JSON.stringify(api.answers())).not.toMatch(/sarif_url/)
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({
      review_result: 'NOT_PASSED',
      review_passed: 'false',
      review_violations: '{"CRITICAL":1,"ERROR":2,"WARNING":1}',
      sarif_file: ''
    })
    const page = `${server.url}/workspaces/ws_1/projects/prj_1/pull-requests/${api.id}`
    expect(result.errors[0]).toContain(`see them on the review's page, ${page}`)
    expect(result.errors[0]).not.toMatch(/annotation/)
    expect(result.commands.filter(c => c.properties.file)).toHaveLength(0)
    expect(result.summary).toMatch(/\| Salesforce security \| NOT\\_PASSED \| 4 \|/)
    expect(result.summary).toMatch(/verdict, counts and policies, not its findings/)
  })

  test('a pull request whose head revision’s scan has a SARIF report: used, and labelled so', async () => {
    mount({
      headSha: HEAD_SHA,
      result: 'NOT_PASSED',
      violations: { ERROR: 1 },
      sarif: findings('ERROR', 1)
    })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.sarif_file).not.toBe('')
    expect(result.errors.join('\n')).toMatch(/see the annotations of the scan of the head revision/)
    expect(result.summary).toMatch(/Top findings of the scan of the head revision/)
  })
})

describe('the wait', () => {
  test('THROTTLED polls, then ACCEPTED, then PROCESSED: waits through it', async () => {
    const api = mount({
      pollsBeforeDone: 3,
      pendingStatuses: ['THROTTLED', 'ACCEPTED', 'PROCESSING']
    })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    expect(result.errors).toEqual([])
    expect(api.polls()).toHaveLength(4)
    expect(result.stdout).toMatch(/queued \(task THROTTLED\) for \d+ s after 1 poll/)
  })

  test.each([
    ['PASSED', 0],
    ['NOT_PASSED', 1]
  ] as const)(
    'a trigger answered THROTTLED (outcome PENDING), then ACCEPTED, then PROCESSED %s: one trigger, exit %d',
    async (res, exit) => {
      const api = mount({
        triggerStatus: 'THROTTLED',
        triggerOutcome: 'PENDING',
        pollsBeforeDone: 2,
        pendingStatuses: ['THROTTLED', 'ACCEPTED'],
        headSha: HEAD_SHA,
        result: res
      })
      const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
      expect(result.exitCode).toBe(exit)
      expect(api.triggers()).toHaveLength(1)
      expect(api.polls()).toHaveLength(3)
      expect(result.outputs.review_result).toBe(res)
      expect(result.stdout).toMatch(
        /review of pull request #12 queued \(id [^)]*, task THROTTLED\)/
      )
      if (exit) expect(result.errors[0]).toMatch(/is NOT_PASSED/)
      else expect(result.errors).toEqual([])
    }
  )

  test.each(['CANCELLED', 'ABORTED', 'INTERRUPTED', 'ERROR'])(
    'a trigger with outcome %s is refused at once, named, and not resent',
    async outcome => {
      const api = mount({ triggerStatus: 'THROTTLED', triggerOutcome: outcome })
      const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
      expect(result.exitCode).toBe(1)
      expect(api.triggers()).toHaveLength(1)
      expect(api.polls()).toHaveLength(0)
      expect(result.errors[0]).toMatch(
        new RegExp(
          `did not accept the review of pull request #12: its task is THROTTLED \\(outcome ${outcome}\\)`
        )
      )
      expect(result.outputs.review_result).toBe('')
      expect(result.outputs.review_passed).toBe('false')
    }
  )

  test('the trigger POST is never resent after a 503; polls are retried', async () => {
    mount()
    server.fail(`${BASE}/scans/by_pull_request`, { status: 503 })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    expect(result.exitCode).toBe(1)
    expect(reviewRequests().filter(r => r.method === 'POST')).toHaveLength(1)
    expect(result.errors[0]).toMatch(/HTTP 503/)
  })

  test('a poll that fails transiently is retried and the wait goes on', async () => {
    const api = mount()
    server.fail(`${BASE}/pull-requests/${api.id}`, { status: 502 })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    expect(result.errors).toEqual([])
    expect(api.polls()).toHaveLength(2)
  })

  test('a review that does not finish fails at review_timeout and says so', async () => {
    const api = mount({ pollsBeforeDone: 10_000 })
    const result = await runner.run({
      ...onPullRequest,
      inputs: reviewInputs({ review_poll_interval: '0.3', review_timeout: '1.5' })
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/did not finish within review_timeout 1.5 s/)
    expect(result.errors[0]).toMatch(/Raise review_timeout/)
    expect(api.polls().length).toBeGreaterThanOrEqual(2)
    expect(api.polls().length).toBeLessThanOrEqual(6)
    expect(result.outputs.review_id).toBe(api.id)
    expect(result.outputs.review_result).toBe('')
  })

  test('polls no faster than Retry-After allows', async () => {
    const api = mount({ pollsBeforeDone: 1, retryAfter: '1' })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    expect(result.exitCode).toBe(0)
    const [first, second] = api.polls()
    expect(second.at - first.at).toBeGreaterThanOrEqual(900)
  })

  test('a 404 names the workspace when the workspace is unknown', async () => {
    mount({ workspace: 'ws_other' })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/no workspace "ws_1"/)
    expect(result.errors[0]).toMatch(/Check input workspace/)
  })

  test('a 404 names the project when only the project is unknown', async () => {
    mount({ project: 'prj_other' })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/no project "prj_1" in workspace "ws_1"/)
    expect(result.errors[0]).toMatch(/Check input project/)
  })
})

describe('bad input fails before any request', () => {
  test.each([
    [
      { review: 'commit' },
      /Input review is "commit"; it must be one of: pull_request, branch, revision/
    ],
    [{ workspace: '' }, /Input workspace is empty, and review: pull_request needs it/],
    [{ project: '' }, /Input project is empty/],
    [{ pull_request_number: 'twelve' }, /Input pull_request_number is "twelve"/],
    [{ review_timeout: 'soon' }, /Input review_timeout is "soon"/],
    [{ review_poll_interval: '0' }, /Input review_poll_interval is "0"/],
    [{ review_fail_on: 'errors' }, /Input review_fail_on is "errors"/],
    [{ api_url: '/api/workspaces' }, /Inputs review and api_url are both set/],
    [
      { review: 'revision', revision: 'main' },
      /Input revision is "main", which is not a commit sha/
    ]
  ])('%p', async (extra, message) => {
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs(extra) })
    expect(result.exitCode).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(message)
  })

  test('review: pull_request outside a pull-request event without pull_request_number', async () => {
    const result = await runner.run({ inputs: reviewInputs(), env: { GITHUB_EVENT_NAME: 'push' } })
    expect(result.exitCode).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(result.errors[0]).toMatch(/not for a pull request \(event push\)/)
    expect(result.errors[0]).toMatch(/set pull_request_number, or use review: branch/)
  })

  test('review inputs without review are refused', async () => {
    const result = await runner.run({ inputs: server.refreshInputs({ workspace: 'ws_1' }) })
    expect(result.exitCode).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(result.errors[0]).toMatch(/workspace is set but review is empty/)
  })
})

describe('a fork pull request: secrets and variables are both empty', () => {
  const forkEvent = {
    ...prEvent,
    pull_request: {
      ...prEvent.pull_request,
      head: { ...prEvent.pull_request.head, repo: { full_name: 'someone/repo' } }
    }
  }
  // What `workspace: ${{ vars.CLAYTON_WORKSPACE }}` and the secrets give on a fork.
  const forkInputs = (onMissing: string) => ({
    base_url: server.url,
    on_missing_credentials: onMissing,
    review: 'pull_request',
    workspace: '',
    project: ''
  })

  test('with skip: skipped, no request, and the summary says plainly that no review ran', async () => {
    const result = await runner.run({
      event: forkEvent,
      env: onPullRequest.env,
      inputs: forkInputs('skip')
    })
    expect(result.exitCode).toBe(0)
    expect(result.errors).toEqual([])
    expect(server.requests).toHaveLength(0)
    expect(result.outputs.skipped).toBe('true')
    expect(result.summary).toMatch(/Skipped: no Code Reviews review ran/)
    expect(result.summary).toMatch(/not a passed review/)
    expect(result.summary).toMatch(/fork someone\/repo/)
  })

  test('with fail: the first error explains forks, not an empty workspace', async () => {
    const result = await runner.run({
      event: forkEvent,
      env: onPullRequest.env,
      inputs: forkInputs('fail')
    })
    expect(result.exitCode).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      /^This run is for a pull request from the fork someone\/repo, and GitHub does not pass repository secrets, nor configuration variables \(vars\.\*\)/
    )
    expect(result.errors[0]).not.toMatch(/Input workspace/)
  })
})

describe('a service that echoes secrets back', () => {
  test('no fragment of them reaches an annotation, the log or the summary', async () => {
    const inputs = branchInputs({ review_fail_on: 'never' })
    const echoed = [server.clientSecret, inputs.refresh_token]
    mount({
      result: 'NOT_PASSED',
      violations: { CRITICAL: 1, ERROR: 1, WARNING: 0 },
      policies: [{ title: `Policy ${echoed[0]}`, result: 'NOT_PASSED', problems: 2 }],
      sarif: [
        {
          severity: 'CRITICAL',
          rule: `Rule${echoed[1]}`,
          file: 'force-app/classes/A.cls',
          line: 1,
          // base64url: a form the runner's masking misses, so only the redactor stands between.
          message: `leaked ${Buffer.from(echoed[0]).toString('base64url')} and ${echoed[1]}`
        },
        {
          severity: 'ERROR',
          rule: 'Plain',
          file: 'force-app/classes/B.cls',
          line: 2,
          // Cut by the annotation and summary limits only after redaction.
          message: `${'x'.repeat(190)}${echoed[0]}`
        }
      ]
    })
    const result = await runner.run({ ...onBranch, inputs })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.review_result).toBe('NOT_PASSED')
    // The leak check of every run (fragments of 8 characters included) is the assertion that
    // matters; these make sure the findings were shown at all.
    expect(result.errors.length + result.warnings.length).toBeGreaterThanOrEqual(2)
    // Redacted first, then escaped as Markdown: the stars are the redactor's, shown literally.
    expect(result.summary).toContain('leaked \\*\\*\\* and \\*\\*\\*')
  })
})

describe('SARIF and annotations', () => {
  test('written for upload-sarif, fetched with the token on a trusted origin', async () => {
    const api = mount({
      result: 'NOT_PASSED',
      violations: { CRITICAL: 1, ERROR: 2, WARNING: 1 },
      sarif: [...findings('CRITICAL', 1), ...findings('ERROR', 2), ...findings('WARNING', 1)]
    })
    const result = await runner.run({ ...onBranch, inputs: branchInputs() })
    expect(result.exitCode).toBe(1)
    const file = result.outputs.sarif_file
    expect(file.startsWith(result.dirs.runnerTemp)).toBe(true)
    const sarif = JSON.parse(readFileSync(file, 'utf8')) as {
      version: string
      runs: Array<{ results: unknown[] }>
    }
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results).toHaveLength(4)
    expect(api.sarifDownloads()[0].headers.authorization).toBe(
      `Bearer ${result.outputs.access_token}`
    )
    const errors = result.commands.filter(c => c.command === 'error' && c.properties.file)
    expect(errors.map(c => [c.properties.file, c.properties.line, c.properties.title])).toEqual([
      ['force-app/main/default/classes/C1.cls', '1', 'RuleCRITICAL1'],
      ['force-app/main/default/classes/C1.cls', '1', 'RuleERROR1'],
      ['force-app/main/default/classes/C2.cls', '2', 'RuleERROR2']
    ])
    const warnings = result.commands.filter(c => c.command === 'warning' && c.properties.file)
    expect(warnings).toHaveLength(1)
    expect(Object.keys(result.workspaceFiles)).toEqual([])
  })

  test('sarif_file puts it where asked', async () => {
    mount({ sarif: findings('WARNING', 2), result: 'PASSED_WITH_WARNINGS' })
    const dirs = makeRunDirs()
    const path = join(dirs.runnerTemp, 'reports', 'clayton.sarif')
    const result = await runner.run({
      ...onBranch,
      dirs,
      inputs: branchInputs({ sarif_file: path })
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.sarif_file).toBe(path)
    expect(statSync(path).size).toBeGreaterThan(0)
  })

  test('a SARIF URL on an untrusted origin is fetched without the token', async () => {
    other = await startFakeClayton()
    const api = mount({
      sarif: findings('ERROR', 1),
      result: 'NOT_PASSED',
      sarifOrigin: other.origin
    })
    other.route('GET', api.sarifPath, (req, res) => {
      downloads.push(req.headers.authorization)
      res.writeHead(200, { 'Content-Type': 'application/sarif+json' })
      res.end(api.sarifBody())
    })
    const downloads: Array<string | undefined> = []
    const result = await runner.run({ ...onBranch, inputs: branchInputs() })
    expect(downloads).toEqual([undefined])
    expect(result.outputs.sarif_file).not.toBe('')
  })

  test('10 most severe of each kind annotated; the rest counted in the summary', async () => {
    mount({
      result: 'NOT_PASSED',
      violations: { CRITICAL: 3, ERROR: 22, WARNING: 15 },
      sarif: [
        ...findings('WARNING', 15),
        ...findings('ERROR', 22),
        ...findings('CRITICAL', 3),
        ...findings('INFO', 4)
      ]
    })
    const result = await runner.run({ ...onBranch, inputs: branchInputs() })
    const annotated = (kind: string) =>
      result.commands.filter(c => c.command === kind && c.properties.file)
    expect(annotated('error')).toHaveLength(10)
    expect(annotated('warning')).toHaveLength(10)
    expect(annotated('notice')).toHaveLength(0)
    expect(
      annotated('error')
        .slice(0, 3)
        .map(c => c.properties.title)
    ).toEqual(['RuleCRITICAL1', 'RuleCRITICAL2', 'RuleCRITICAL3'])
    expect(result.summary).toMatch(/15 more errors and 5 more warnings are not annotated/)
  })

  test('a report over the cap keeps the most severe results and says so', async () => {
    const many = [...findings('WARNING', 26_000), ...findings('CRITICAL', 5)]
    mount({ result: 'NOT_PASSED', violations: { CRITICAL: 5, WARNING: 26_000 }, sarif: many })
    const result = await runner.run({
      ...onBranch,
      inputs: branchInputs(),
      timeoutMs: 120_000
    })
    const sarif = JSON.parse(readFileSync(result.outputs.sarif_file, 'utf8')) as {
      runs: Array<{ results: Array<{ properties: { severity: string } }> }>
    }
    expect(sarif.runs[0].results).toHaveLength(25_000)
    expect(sarif.runs[0].results.slice(0, 5).map(r => r.properties.severity)).toEqual(
      Array(5).fill('CRITICAL')
    )
    expect(result.summary).toMatch(/had 26005 results; .* keeps the 25000 most severe/)
    expect(result.summary.length).toBeLessThan(64 * 1024)
  }, 180_000)

  test('no SARIF (withheld): no file, no annotations, the summary says why', async () => {
    mount({
      result: 'NOT_PASSED',
      sarif: 'paywall',
      violations: { ERROR: 2 },
      policies: [{ title: 'Security', result: 'NOT_PASSED', problems: 2 }]
    })
    const result = await runner.run({ ...onBranch, inputs: branchInputs() })
    expect(result.outputs.sarif_file).toBe('')
    expect(result.commands.filter(c => c.properties.file)).toHaveLength(0)
    expect(result.summary).toMatch(/PAYWALL/)
  })
})

describe('the token outlives the wait', () => {
  test('refreshed before it expires mid-wait, with rotation: outputs hold the newest', async () => {
    await server.close()
    server = await startFakeClayton({ expiresIn: 2, rotate: true })
    const api = mount({ pollsBeforeDone: 12 })
    const result = await runner.run({
      ...onPullRequest,
      inputs: reviewInputs({ review_poll_interval: '0.25' }),
      timeoutMs: 60_000
    })
    expect(result.errors).toEqual([])
    expect(server.tokenRequests().length).toBeGreaterThanOrEqual(2)
    // Every poll carried a live token: none was refused.
    expect(api.polls()).toHaveLength(13)
    expect(result.outputs.refresh_token_rotated).toBe('true')
    const last = server.tokenRequests().at(-1)!
    expect(last.form.get('refresh_token')).not.toBe(reviewInputs().refresh_token)
    // The refresh token sent last is the one the previous refresh returned.
    expect(result.stdout).toMatch(/about to expire; refreshing it/)
    expect(result.summary).toMatch(/Refreshed while waiting \| [1-9]/)
  })

  test('a poll refused with 401 invalid_token: one refresh, and the wait goes on', async () => {
    const api = mount({ pollsBeforeDone: 2, rejectPolls: [2] })
    const result = await runner.run({ ...onPullRequest, inputs: reviewInputs() })
    expect(result.errors).toEqual([])
    expect(server.tokenRequests()).toHaveLength(2)
    // The refused poll, then the same poll again with the new token.
    expect(api.polls()).toHaveLength(3)
    expect(api.polls()[2].headers.authorization).toBe(`Bearer ${result.outputs.access_token}`)
    expect(api.polls()[1].headers.authorization).not.toBe(api.polls()[2].headers.authorization)
    expect(result.stdout).toMatch(/refused with HTTP 401; refreshing it/)
  })

  test('with access_token given, a token that expires mid-wait is explained', async () => {
    const token = server.issueAccessToken()
    mount({ pollsBeforeDone: 2, rejectPolls: [2] })
    const result = await runner.run({
      ...onPullRequest,
      inputs: {
        base_url: server.url,
        access_token: token,
        review: 'pull_request',
        workspace: 'ws_1',
        project: 'prj_1',
        review_poll_interval: '0.1'
      }
    })
    expect(result.exitCode).toBe(1)
    expect(server.tokenRequests()).toHaveLength(0)
    expect(result.errors[0]).toMatch(/access_token input expired or was revoked while waiting/)
    expect(result.errors[0]).toMatch(/Let this step request the token itself/)
  })
})
