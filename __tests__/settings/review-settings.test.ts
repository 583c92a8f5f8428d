import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import { InputError } from '../../src/common/errors.js'
import type { GitContext } from '../../src/settings/environment.js'
import { readGitContext } from '../../src/settings/environment.js'
import { parseReviewInputs } from '../../src/settings/review-settings.js'

const actionYml = parseYaml(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}
const DEFAULTS: Record<string, string> = Object.fromEntries(
  Object.entries(actionYml.inputs).map(([name, spec]) => [name, spec.default ?? ''])
)
const PR: GitContext = {
  eventName: 'pull_request',
  pullRequestNumber: 12,
  headRef: 'feature/x',
  headSha: 'abcdef1234567',
  refName: '12/merge',
  sha: 'fffffff0000000'
}
const PUSH: GitContext = { eventName: 'push', refName: 'main', sha: '1234567abcdef' }

const LOOPBACK = new URL('http://127.0.0.1:8080')

function parse(
  values: Record<string, string>,
  git: GitContext = PR,
  api = false,
  baseUrl = LOOPBACK
) {
  const read = (name: string) => ({ ...DEFAULTS, ...values })[name] ?? ''
  return parseReviewInputs(read, { runnerTemp: '/tmp/rt', random: 'r1', git, baseUrl }, api)
}
const base = { review: 'pull_request', workspace: 'ws', project: 'prj' }

function expectInputError(call: () => unknown, message: RegExp): void {
  expect(call).toThrow(InputError)
  expect(call).toThrow(message)
}

describe('parseReviewInputs', () => {
  test('empty review: no review', () => {
    expect(parse({})).toBeUndefined()
  })

  test('defaults from action.yml and the pull-request event', () => {
    expect(parse(base)).toEqual({
      kind: 'pull_request',
      workspace: 'ws',
      project: 'prj',
      pullRequestNumber: 12,
      headSha: 'abcdef1234567',
      failOn: 'not_passed',
      gateOn: 'result',
      policies: [],
      timeoutMs: 1_800_000,
      pollIntervalMs: 15_000,
      sarifFile: '/tmp/rt/clayton-review-r1.sarif'
    })
  })

  test.each([
    ['branch', PR, {}, { branch: 'feature/x' }],
    ['branch', PUSH, {}, { branch: 'main' }],
    ['branch', PUSH, { branch: 'release' }, { branch: 'release' }],
    ['revision', PR, {}, { branch: 'feature/x', revision: 'abcdef1234567' }],
    ['revision', PUSH, {}, { branch: 'main', revision: '1234567abcdef' }],
    ['revision', PUSH, { revision: 'ABCDEF0' }, { branch: 'main', revision: 'ABCDEF0' }]
  ] as const)('%s on %p with %p', (kind, git, extra, expected) => {
    expect(parse({ ...base, review: kind, ...extra }, git)).toMatchObject(expected)
  })

  test('the gate rules: review_gate_on, review_policies (comma or newline), review_fail_on_severity', () => {
    expect(
      parse({
        ...base,
        review_gate_on: 'status_check',
        review_policies: 'Security, Performance\n  Apex rules ,',
        review_fail_on_severity: 'Critical'
      })
    ).toMatchObject({
      gateOn: 'status_check',
      policies: ['Security', 'Performance', 'Apex rules'],
      failOnSeverity: 'critical'
    })
  })

  test('sub-second poll intervals are allowed against loopback (tests rely on it)', () => {
    expect(parse({ ...base, review_poll_interval: '0.1' })?.pollIntervalMs).toBe(100)
  })

  test('review_poll_interval has a floor of 5 s against the real service', () => {
    const service = new URL('https://app.clayton.io')
    expectInputError(
      () => parse({ ...base, review_poll_interval: '1' }, PR, false, service),
      /Input review_poll_interval is "1"; it must be at least 5 seconds/
    )
    expect(parse({ ...base, review_poll_interval: '5' }, PR, false, service)?.pollIntervalMs).toBe(
      5000
    )
  })

  test.each([
    ['the event’s head sha for the event’s pull request', {}, 'abcdef1234567'],
    ['the revision input wins', { revision: '7654321fedcba' }, '7654321fedcba'],
    ['none for another pull request than the event’s', { pull_request_number: '99' }, undefined]
  ])('headSha of a pull request review: %s', (_, extra, headSha) => {
    expect(parse({ ...base, ...extra })?.headSha).toBe(headSha)
  })

  test.each([
    [{ review: 'scan' }, /Input review is "scan"/],
    [{ workspace: '' }, /Input workspace is empty/],
    [{ project: '' }, /Input project is empty/],
    [{ workspace: '../x' }, /Input workspace is "\.\.\/x"/],
    [{ project: 'a/b' }, /Input project is "a\/b"/],
    [{ pull_request_number: '0' }, /Input pull_request_number is "0"/],
    [{ pull_request_number: '1.5' }, /Input pull_request_number is "1\.5"/],
    [{ review_fail_on: 'always' }, /Input review_fail_on is "always"/],
    [{ review_timeout: '-1' }, /Input review_timeout is "-1"/],
    [{ review_poll_interval: 'x' }, /Input review_poll_interval is "x"/],
    [{ review: 'revision', revision: 'HEAD' }, /Input revision is "HEAD"/],
    [
      { review_gate_on: 'status' },
      /Input review_gate_on is "status"; it must be one of: result, status_check/
    ],
    [
      { review_fail_on_severity: 'high' },
      /Input review_fail_on_severity is "high"; it must be one of: critical, error, warning/
    ]
  ])('%p is refused', (extra, message) => {
    expectInputError(() => parse({ ...base, ...extra }), message)
  })

  test('with api_url: one call per step', () => {
    expectInputError(() => parse(base, PR, true), /review and api_url are both set/)
  })

  test('pull_request outside a pull-request event needs pull_request_number', () => {
    expectInputError(() => parse(base, PUSH), /not for a pull request \(event push\)/)
    expect(parse({ ...base, pull_request_number: '5' }, PUSH)?.pullRequestNumber).toBe(5)
  })

  test('branch with no branch anywhere', () => {
    expectInputError(
      () => parse({ ...base, review: 'branch' }, { eventName: 'workflow_dispatch' }),
      /branch is empty and this run has no branch/
    )
  })

  test('review inputs without review', () => {
    expectInputError(() => parse({ project: 'p' }), /project is set but review is empty/)
  })
})

describe('readGitContext', () => {
  test('a pull_request event: number, head ref and sha from the payload', () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-settings-'))
    const path = join(dir, 'event.json')
    writeFileSync(
      path,
      JSON.stringify({ pull_request: { number: 7, head: { ref: 'topic', sha: 'abc1234' } } })
    )
    expect(
      readGitContext({
        GITHUB_EVENT_NAME: 'pull_request_target',
        GITHUB_EVENT_PATH: path,
        GITHUB_REF_NAME: '7/merge',
        GITHUB_SHA: 'ffff'
      })
    ).toEqual({
      eventName: 'pull_request_target',
      pullRequestNumber: 7,
      headRef: 'topic',
      headSha: 'abc1234',
      refName: '7/merge',
      sha: 'ffff'
    })
    rmSync(dir, { recursive: true, force: true })
  })

  test('a push: no pull request, even if the payload mentions one', () => {
    expect(readGitContext({ GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' })).toEqual({
      eventName: 'push',
      pullRequestNumber: undefined,
      headRef: undefined,
      headSha: undefined,
      refName: 'main',
      sha: undefined
    })
  })
})
