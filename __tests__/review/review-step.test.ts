import { describe, expect, test } from '@jest/globals'
import type { Http, HttpRequest, HttpResponse } from '../../src/http/client.js'
import { Redactor } from '../../src/report/redact.js'
import { prepareReviewStep, type ReviewSink } from '../../src/review/review-step.js'
import type { Annotation } from '../../src/review/annotations.js'
import type { ReviewSettings } from '../../src/settings/review-settings.js'
import type { TokenResult } from '../../src/token/token-client.js'

// The review loop with a scripted service and a fake clock: no real waiting, every delay seen.
const BASE = new URL('https://app.clayton.io')
const SETTINGS: ReviewSettings = {
  kind: 'branch',
  workspace: 'ws',
  project: 'prj',
  branch: 'main',
  failOn: 'not_passed',
  gateOn: 'result',
  policies: [],
  timeoutMs: 1_800_000,
  pollIntervalMs: 15_000,
  sarifFile: '/nonexistent/never-written.sarif'
}
const TOKEN: TokenResult = {
  accessToken: 'at-1',
  tokenType: 'Bearer',
  expiresIn: 5399,
  scope: 'workspace',
  refreshToken: 'rt-1',
  source: 'refresh',
  rotated: false
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> }

const scan = (status: string, extra: Record<string, unknown> = {}) => ({
  status: 200,
  body: {
    id: 's-1',
    html_url: 'https://app.clayton.io/s-1',
    task: { status, outcome: 'SUCCESS' },
    ...extra
  }
})

function harness(answers: Answer[], opts: { token?: TokenResult; refresh?: boolean } = {}) {
  let clock = 1_000_000
  const waits: number[] = []
  const sent: HttpRequest[] = []
  const http = {
    async send(request: HttpRequest): Promise<HttpResponse> {
      sent.push(request)
      const answer = answers.shift()
      if (!answer)
        throw new Error(`test: no answer left for ${request.method} ${request.url.pathname}`)
      return {
        status: answer.status,
        headers: Object.fromEntries(
          Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])
        ),
        body: Buffer.from(answer.body === undefined ? '' : JSON.stringify(answer.body)),
        attempts: 1,
        earlierAttemptMayHaveLanded: false
      }
    }
  } as unknown as Http
  const log: string[] = []
  const outputs: Record<string, string> = {}
  const annotations: Annotation[] = []
  const sink: ReviewSink = {
    info: m => log.push(m),
    warning: m => log.push(`warning: ${m}`),
    debug: m => log.push(`debug: ${m}`),
    setOutput: (name, value) => (outputs[name] = value),
    annotate: a => annotations.push(a)
  }
  let refreshed = 0
  const step = prepareReviewStep(
    SETTINGS,
    { baseUrl: BASE, trustedOrigins: new Set([BASE.origin]), workspace: '/w' },
    sink
  )
  const run = () =>
    step.run({
      http,
      token: opts.token ?? TOKEN,
      refresh:
        opts.refresh === false
          ? undefined
          : async () => ({ ...TOKEN, accessToken: `at-${++refreshed + 1}` }),
      now: () => clock,
      wait: async ms => {
        waits.push(ms)
        clock += ms
      }
    })
  const publish = (failure?: string) => step.publish(failure, new Redactor())
  return { run, publish, waits, sent, log, outputs, annotations, refreshes: () => refreshed }
}

describe('the review loop', () => {
  test('trigger never retried once sent; polls retried; the interval between polls', async () => {
    const h = harness([
      scan('ACCEPTED'),
      scan('PROCESSING'),
      scan('PROCESSED', { result: 'PASSED' })
    ])
    await h.run()
    expect(h.sent.map(r => [r.method, r.retry])).toEqual([
      ['POST', 'unsent'],
      ['GET', 'always'],
      ['GET', 'always']
    ])
    expect(h.waits).toEqual([15_000, 15_000])
  })

  test('Retry-After longer than the interval sets the pace', async () => {
    const h = harness([
      { ...scan('ACCEPTED'), headers: { 'Retry-After': '40' } },
      scan('PROCESSED', { result: 'PASSED' })
    ])
    await h.run()
    expect(h.waits).toEqual([40_000])
  })

  test('a 429 with a long Retry-After on a poll: the wait goes on at that pace', async () => {
    const h = harness([
      scan('ACCEPTED'),
      { status: 429, headers: { 'Retry-After': '120' } },
      scan('PROCESSED', { result: 'PASSED' })
    ])
    await h.run()
    expect(h.waits).toEqual([15_000, 120_000])
    h.publish()
    expect(h.outputs.review_result).toBe('PASSED')
  })

  test('a 500 on a poll (after the client’s retries) fails with the status', async () => {
    const h = harness([scan('ACCEPTED'), { status: 500, body: { message: 'boom' } }])
    await expect(h.run()).rejects.toThrow(/HTTP 500/)
  })

  test('review_timeout on the fake clock: fails without waiting past it', async () => {
    const pending = Array.from({ length: 200 }, () => scan('PROCESSING'))
    const h = harness([scan('ACCEPTED'), ...pending])
    await expect(h.run()).rejects.toThrow(/did not finish within review_timeout 1800 s \(120 polls/)
    expect(h.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(SETTINGS.timeoutMs)
  })

  test('the token is refreshed before it expires, and the next poll carries the new one', async () => {
    const h = harness(
      [
        scan('ACCEPTED'),
        scan('PROCESSING'),
        scan('PROCESSING'),
        scan('PROCESSED', { result: 'PASSED' })
      ],
      { token: { ...TOKEN, expiresIn: 40 } }
    )
    await h.run()
    // 40 s token, margin 10 s: after the second 15 s wait only 10 s are left.
    expect(h.refreshes()).toBe(1)
    expect(h.sent.map(r => r.headers.Authorization)).toEqual([
      'Bearer at-1',
      'Bearer at-1',
      'Bearer at-2',
      'Bearer at-2'
    ])
  })

  test('a 401 on a poll: one refresh, the same poll again; a second 401 fails', async () => {
    const h = harness([scan('ACCEPTED'), { status: 401 }, { status: 401 }])
    await expect(h.run()).rejects.toThrow(/HTTP 401/)
    expect(h.refreshes()).toBe(1)
  })

  test('without a refresh (access_token input), a 401 mid-wait says what to do', async () => {
    const h = harness([scan('ACCEPTED'), { status: 401 }], {
      token: { ...TOKEN, source: 'input', refreshToken: undefined },
      refresh: false
    })
    await expect(h.run()).rejects.toThrow(/access_token input expired or was revoked while waiting/)
  })

  test('outputs are published for a failed step too', async () => {
    const h = harness([
      scan('ACCEPTED'),
      scan('PROCESSED', {
        result: 'NOT_PASSED',
        metrics: { violation_count_by_severity: { ERROR: 2 } }
      })
    ])
    await expect(h.run()).rejects.toThrow(/is NOT_PASSED — 2 errors; review_fail_on is not_passed/)
    const section = h.publish('failed')
    expect(h.outputs).toMatchObject({
      review_id: 's-1',
      review_result: 'NOT_PASSED',
      review_passed: 'false',
      review_url: 'https://app.clayton.io/s-1',
      review_violations: '{"CRITICAL":0,"ERROR":2,"WARNING":0}',
      sarif_file: ''
    })
    expect(section).toMatch(/^❌ \*\*Code Reviews: NOT\\_PASSED\*\* — 2 errors/)
  })
})
