import { describe, expect, test } from '@jest/globals'
import { pollUrl, readReviewState, triggerRequest } from '../../src/review/review-api.js'
import type { ReviewSettings } from '../../src/settings/review-settings.js'

const BASE = new URL('https://app.clayton.io/prefix')
const settings = (extra: Partial<ReviewSettings>): ReviewSettings => ({
  kind: 'pull_request',
  workspace: 'ws',
  project: 'prj',
  pullRequestNumber: 12,
  failOn: 'not_passed',
  gateOn: 'result',
  policies: [],
  timeoutMs: 1000,
  pollIntervalMs: 100,
  sarifFile: '/tmp/x.sarif',
  ...extra
})

describe('the plugin’s endpoints', () => {
  test.each([
    [
      settings({}),
      '/prefix/api/workspaces/ws/projects/prj/scans/by_pull_request',
      { pull_request_number: 12, type: 'AUTO' },
      'pull request #12'
    ],
    [
      settings({ kind: 'branch', branch: 'main' }),
      '/prefix/api/workspaces/ws/projects/prj/scans/by_branch',
      { branch: 'main', type: 'AUTO' },
      'branch main'
    ],
    [
      settings({ kind: 'revision', branch: 'main', revision: '0123456789abcdef' }),
      '/prefix/api/workspaces/ws/projects/prj/scans/by_branch_and_revision',
      { branch: 'main', revision: '0123456789abcdef', type: 'AUTO' },
      'revision 0123456789ab on branch main'
    ]
  ])('trigger %#', (s, path, body, target) => {
    const request = triggerRequest(BASE, s)
    expect(request.url.pathname).toBe(path)
    expect(request.body).toEqual(body)
    expect(request.target).toBe(target)
  })

  test('polls the PullRequest by uuid, the Scan with legacy_code=true', () => {
    expect(pollUrl(BASE, settings({}), 'u-1').href).toBe(
      'https://app.clayton.io/prefix/api/workspaces/ws/projects/prj/pull-requests/u-1'
    )
    expect(pollUrl(BASE, settings({ kind: 'branch' }), 's/1').href).toBe(
      'https://app.clayton.io/prefix/api/workspaces/ws/projects/prj/scans/s%2F1?legacy_code=true'
    )
  })
})

describe('readReviewState', () => {
  test.each([['not a url'], ['javascript:alert(1)'], ['file:///etc/passwd'], [42]])(
    'an html_url that is not a web address (%p) is no review link',
    htmlUrl => {
      expect(readReviewState('branch', { html_url: htmlUrl }).htmlUrl).toBeUndefined()
    }
  )
  test('a PullRequest: the report’s result and metrics, falling back to last_review_result', () => {
    const state = readReviewState('pull_request', {
      id: 'u-1',
      html_url: 'https://app.clayton.io/x',
      is_processing: false,
      last_review_result: 'PASSED',
      last_pull_request_review_report: {
        result: 'NOT_PASSED',
        metrics: { violation_count_by_severity: { critical: 1, ERROR: 2, WARNING: 5 } },
        report_policies: { title: 'Security', result: 'NOT_PASSED', problems: 3 }
      },
      task: { status: 'PROCESSED', outcome: 'SUCCESS' }
    })
    expect(state).toMatchObject({
      id: 'u-1',
      htmlUrl: 'https://app.clayton.io/x',
      isProcessing: false,
      taskStatus: 'PROCESSED',
      taskOutcome: 'SUCCESS',
      result: 'NOT_PASSED',
      violations: { CRITICAL: 1, ERROR: 2, WARNING: 5 },
      policies: [{ title: 'Security', result: 'NOT_PASSED', problems: 3 }]
    })
    expect(readReviewState('pull_request', { last_review_result: 'PASSED' }).result).toBe('PASSED')
  })

  test('a Scan: result, metrics else problems_by_severity, policies, sarif_url', () => {
    const state = readReviewState('branch', {
      id: 's-1',
      result: 'PASSED_WITH_WARNINGS',
      problems_by_severity: { WARNING: 4 },
      scan_policies: [{ id: 'p1', result: 'PASSED_WITH_WARNINGS', issue_details: 'AVAILABLE' }],
      sarif_url: 'https://files.example/s-1.sarif?sig=x',
      task: { status: 'PROCESSED', outcome: 'SUCCESS' }
    })
    expect(state).toMatchObject({
      result: 'PASSED_WITH_WARNINGS',
      violations: { WARNING: 4 },
      policies: [{ title: 'p1', result: 'PASSED_WITH_WARNINGS' }],
      sarifUrl: 'https://files.example/s-1.sarif?sig=x'
    })
  })

  test('a policy’s sarif_url, and withheld details', () => {
    const state = readReviewState('revision', {
      scan_policies: [
        { title: 'A', issue_details: 'PAYWALL' },
        { title: 'B', sarif_url: 'https://x/b.sarif' }
      ]
    })
    expect(state.sarifUrl).toBe('https://x/b.sarif')
    expect(state.issueDetails).toBe('PAYWALL')
  })

  test('anything of the wrong type is unknown, not an error', () => {
    expect(
      readReviewState('pull_request', {
        id: 5,
        task: 'PROCESSED',
        result: 'GREAT',
        last_pull_request_review_report: {
          metrics: { violation_count_by_severity: { ERROR: 'x' } }
        }
      })
    ).toEqual({
      id: undefined,
      htmlUrl: undefined,
      taskStatus: undefined,
      taskOutcome: undefined,
      isProcessing: undefined,
      result: undefined,
      violations: {},
      policies: [],
      sarifUrl: undefined,
      issueDetails: undefined
    })
  })
})

describe('readReviewState reads only the schema’s fields', () => {
  const HEAD = '0123456789abcdef0123456789abcdef01234567'

  test('a PullRequest: the report’s commit and obsolete flag; invented sarif_url places ignored', () => {
    const state = readReviewState('pull_request', {
      id: 'pr-1',
      // None of these is in the plugin's types: a pull request has no SARIF report.
      sarif_url: 'https://app.clayton.io/a.sarif',
      last_pull_request_review_report: {
        id: 'r-1',
        sarif_url: 'https://app.clayton.io/b.sarif',
        to_revision: { id: 'rev', sha: HEAD.toUpperCase() },
        obsolete: true,
        report_policies: { id: 'p', title: 'Security', sarif_url: 'https://app.clayton.io/c.sarif' }
      },
      task: { id: 't', status: 'PROCESSED', outcome: 'SUCCESS' }
    })
    expect(state.revisionSha).toBe(HEAD)
    expect(state.obsolete).toBe(true)
    expect(state.sarifUrl).toBeUndefined()
    expect(state.policies.map(p => p.title)).toEqual(['Security'])
  })

  test('report_policies as one object or as a list', () => {
    const read = (policies: unknown) =>
      readReviewState('pull_request', {
        last_pull_request_review_report: { report_policies: policies }
      }).policies.map(p => p.title)
    expect(read({ id: 'p', title: 'One' })).toEqual(['One'])
    expect(read([{ title: 'A' }, { title: 'B' }])).toEqual(['A', 'B'])
  })

  test('a PullRequest whose head revision’s scan names a SARIF report: used, as head-scan', () => {
    const state = readReviewState('pull_request', {
      last_pull_request_review_report: {
        to_revision: {
          sha: HEAD,
          last_scan: {
            id: 's',
            scan_policies: [{ id: 'p', sarif_url: 'https://x.example/s.sarif' }]
          }
        }
      }
    })
    expect(state).toMatchObject({ sarifUrl: 'https://x.example/s.sarif', sarifSource: 'head-scan' })
  })

  test('a Scan: its revision’s commit and obsolete flag', () => {
    const state = readReviewState('branch', { revision: { id: 'r', sha: HEAD }, obsolete: false })
    expect(state).toMatchObject({ revisionSha: HEAD, obsolete: false })
    expect(
      readReviewState('branch', { revision: { sha: 'not a sha' } }).revisionSha
    ).toBeUndefined()
  })
})
