import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { FakeClayton, RecordedRequest } from './fake-clayton.js'

/**
 * The review API of Code Reviews as its SFDX plugin (spaceheroes/sfdx-clayton) uses it, with the
 * plugin's field names, mounted on the loopback stand-in: a trigger per kind
 * (`scans/by_pull_request`, `scans/by_branch`, `scans/by_branch_and_revision`), polls of the
 * PullRequest (`pull-requests/{uuid}`) or the Scan (`scans/{id}?legacy_code=true`) until
 * `task.status` is PROCESSED, and a SARIF report behind `sarif_url`.
 */
export type ReviewResultValue = 'PASSED' | 'PASSED_WITH_WARNINGS' | 'NOT_PASSED'

export interface StandInFinding {
  severity: 'CRITICAL' | 'ERROR' | 'WARNING' | 'INFO'
  rule: string
  file: string
  line: number
  message: string
}

/** Four findings, one of each kind the gate counts, with text that tests escaping. */
export const SAMPLE_FINDINGS: StandInFinding[] = [
  {
    severity: 'CRITICAL',
    rule: 'ApexSOQLInjection',
    file: 'force-app/classes/Search.cls',
    line: 42,
    message: 'User input reaches a dynamic SOQL query'
  },
  {
    severity: 'ERROR',
    rule: 'ApexCRUDViolation',
    file: 'force-app/classes/Account.cls',
    line: 7,
    message: 'Insert without a CRUD check'
  },
  {
    severity: 'ERROR',
    rule: 'HardcodedId',
    file: 'force-app/classes/Config.cls',
    line: 3,
    message: 'Hardcoded record id 001000000000001'
  },
  {
    severity: 'WARNING',
    rule: 'UnusedVariable',
    file: 'force-app/classes/Util.cls',
    line: 11,
    message: 'Variable `tmp` | is never used'
  }
]

export interface ReviewApiOptions {
  workspace?: string
  project?: string
  /** The review's id (a uuid in the service; any string here). */
  id?: string
  /** Polls answered before the review is PROCESSED. */
  pollsBeforeDone: number
  /** Omitted from the finished review when undefined. */
  result?: ReviewResultValue
  /** task.outcome once PROCESSED (default SUCCESS). */
  outcome?: string
  /** task.status of the trigger's answer (default ACCEPTED). */
  triggerStatus?: string
  /** task.status of unfinished polls, in order; the last one repeats. */
  pendingStatuses?: string[]
  /** Sent with every unfinished poll. */
  retryAfter?: string
  violations?: Record<string, number>
  policies?: Array<{ title: string; result: ReviewResultValue; problems: number }>
  /** `none`: no sarif_url; `paywall`: withheld; else the findings, or a raw body. */
  sarif?: 'none' | 'paywall' | StandInFinding[] | { raw: string }
  /** Where sarif_url points (default this server); an origin without path. */
  sarifOrigin?: string
  /** 1-based poll numbers answered 401 invalid_token whatever the token. */
  rejectPolls?: number[]
}

export interface ReviewApi {
  id: string
  triggers(): RecordedRequest[]
  polls(): RecordedRequest[]
  sarifDownloads(): RecordedRequest[]
  /** When the review became PROCESSED (ms since epoch), if it did. */
  readyAt(): number | undefined
  /** The SARIF body served, for a second origin to serve too. */
  sarifBody(): string
  sarifPath: string
  /** The signature in sarif_url's query: must never be printed. */
  signature: string
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function sarifLog(findings: StandInFinding[]): unknown {
  const level = (s: StandInFinding['severity']) =>
    s === 'CRITICAL' || s === 'ERROR' ? 'error' : s === 'WARNING' ? 'warning' : 'note'
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'Code Reviews', rules: [] } },
        results: findings.map(f => ({
          ruleId: f.rule,
          level: level(f.severity),
          message: { text: f.message },
          properties: { severity: f.severity },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file },
                region: { startLine: f.line }
              }
            }
          ]
        }))
      }
    ]
  }
}

export function mountReviewApi(server: FakeClayton, opts: ReviewApiOptions): ReviewApi {
  const workspace = opts.workspace ?? 'ws_1'
  const project = opts.project ?? 'prj_1'
  const id = opts.id ?? '3f2c8a9e-5b1d-4c7e-9a40-2d6b8e1f0c55'
  const base = `/api/workspaces/${workspace}/projects/${project}`
  const sarifPath = `/sarif/${id}.sarif`
  const sarifQuery = `?sig=${randomBytes(12).toString('hex')}`
  const triggers: RecordedRequest[] = []
  const polls: RecordedRequest[] = []
  const downloads: RecordedRequest[] = []
  let kind: 'pull_request' | 'scan' = 'scan'
  let prNumber = 0
  let readyAt: number | undefined
  const sarifBody =
    opts.sarif === undefined || opts.sarif === 'none' || opts.sarif === 'paywall'
      ? ''
      : 'raw' in opts.sarif
        ? opts.sarif.raw
        : JSON.stringify(sarifLog(opts.sarif))

  const send = (res: ServerResponse, status: number, body: unknown, headers = {}): void => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const authorized = (req: RecordedRequest, res: ServerResponse): boolean => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (token && server.isValidAccessToken(token)) return true
    send(
      res,
      401,
      { error: 'invalid_token' },
      { 'WWW-Authenticate': 'Bearer error="invalid_token"' }
    )
    return false
  }
  const html = (path: string) => `${server.url}/workspaces/${workspace}/projects/${project}${path}`
  const task = (status: string, outcome?: string) => ({
    id: `task-${id}`,
    status,
    ...(outcome && { outcome })
  })
  const violations = opts.violations ?? {}
  const total = Object.values(opts.violations ?? {}).reduce((a, b) => a + b, 0)
  // A review always has its project's default policy; tests may name others.
  const policyList = opts.policies ?? [
    { title: 'Default policy', result: opts.result ?? 'PASSED', problems: total }
  ]
  const policies = policyList.map((p, i) => ({
    id: `policy-${i + 1}`,
    title: p.title,
    result: p.result,
    problems: p.problems,
    problems_by_severity: {},
    issue_details: opts.sarif === 'paywall' ? 'PAYWALL' : 'AVAILABLE',
    ...(sarifBody &&
      i === 0 && { sarif_url: `${opts.sarifOrigin ?? server.origin}${sarifPath}${sarifQuery}` })
  }))
  const sarifUrl = sarifBody
    ? `${opts.sarifOrigin ?? server.origin}${sarifPath}${sarifQuery}`
    : undefined

  /** The review as it stands: a PullRequest or a Scan with the plugin's field names. */
  const body = (status: string, done: boolean): Record<string, unknown> => {
    const outcome = done ? (opts.outcome ?? 'SUCCESS') : 'PENDING'
    if (kind === 'pull_request') {
      return {
        id,
        number: prNumber,
        html_url: html(`/pull-requests/${id}`),
        is_processing: !done,
        ...(done && opts.result && { last_review_result: opts.result }),
        last_pull_request_review_report: {
          id: `report-${id}`,
          default_report_policy_id: 'policy-1',
          report_type: 'DIFF',
          status: done ? 'READY' : 'PROCESSING',
          ...(done && opts.result && { result: opts.result }),
          metrics: done ? { violation_count_by_severity: violations } : {},
          report_policies: done ? policies : [],
          task: task(status, outcome)
        },
        task: task(status, outcome)
      }
    }
    return {
      id,
      type: 'AUTO',
      html_url: html(`/scans/${id}`),
      status: done ? 'READY' : 'PROCESSING',
      ...(done && opts.result && { result: opts.result, status_check: opts.result }),
      problems: Object.values(violations).reduce((a, b) => a + b, 0),
      problems_by_severity: done ? violations : {},
      metrics: done ? { violation_count_by_severity: violations } : {},
      scan_policies: done ? policies : [],
      default_scan_policy_id: 'policy-1',
      ...(done && sarifUrl && { sarif_url: sarifUrl }),
      task: task(status, outcome)
    }
  }

  const trigger =
    (which: 'pull_request' | 'branch' | 'revision') =>
    (req: RecordedRequest, res: ServerResponse) => {
      if (!authorized(req, res)) return
      triggers.push(req)
      let payload: Record<string, unknown>
      try {
        payload = JSON.parse(req.body) as Record<string, unknown>
      } catch {
        send(res, 400, { message: 'body is not JSON' })
        return
      }
      const missing =
        which === 'pull_request'
          ? typeof payload.pull_request_number !== 'number'
          : typeof payload.branch !== 'string' ||
            (which === 'revision' && typeof payload.revision !== 'string')
      if (missing) {
        send(res, 400, { message: `missing fields for ${which}` })
        return
      }
      kind = which === 'pull_request' ? 'pull_request' : 'scan'
      prNumber = typeof payload.pull_request_number === 'number' ? payload.pull_request_number : 0
      send(res, 201, body(opts.triggerStatus ?? 'ACCEPTED', false))
    }
  server.route('POST', `${base}/scans/by_pull_request`, trigger('pull_request'))
  server.route('POST', `${base}/scans/by_branch`, trigger('branch'))
  server.route('POST', `${base}/scans/by_branch_and_revision`, trigger('revision'))

  const poll = (which: 'pull_request' | 'scan') => (req: RecordedRequest, res: ServerResponse) => {
    if (which === 'pull_request') kind = 'pull_request'
    const n = polls.length + 1
    if (opts.rejectPolls?.includes(n)) {
      polls.push(req)
      send(
        res,
        401,
        { error: 'invalid_token' },
        { 'WWW-Authenticate': 'Bearer error="invalid_token"' }
      )
      return
    }
    if (!authorized(req, res)) return
    polls.push(req)
    if (n <= opts.pollsBeforeDone) {
      const pending = opts.pendingStatuses ?? ['ACCEPTED', 'PROCESSING']
      const headers = opts.retryAfter ? { 'Retry-After': opts.retryAfter } : {}
      send(res, 200, body(pending[Math.min(n - 1, pending.length - 1)], false), headers)
      return
    }
    readyAt ??= Date.now()
    send(res, 200, body('PROCESSED', true))
  }
  server.route('GET', `${base}/pull-requests/${id}`, poll('pull_request'))
  server.route('GET', `${base}/scans/${id}`, poll('scan'))
  server.route('GET', base, (req, res) => {
    if (authorized(req, res)) send(res, 200, { id: project, name: 'Demo project' })
  })
  server.route('GET', `/api/workspaces/${workspace}`, (req, res) => {
    if (authorized(req, res)) send(res, 200, { id: workspace, name: 'Demo' })
  })
  server.route('GET', new RegExp(`^${escape(sarifPath)}$`), (req, res) => {
    downloads.push(req)
    if (req.query.get('sig') !== sarifQuery.slice(5)) {
      send(res, 403, { message: 'bad signature' })
      return
    }
    res.writeHead(200, { 'Content-Type': 'application/sarif+json' })
    res.end(sarifBody)
  })
  return {
    id,
    triggers: () => triggers,
    polls: () => polls,
    sarifDownloads: () => downloads,
    readyAt: () => readyAt,
    sarifBody: () => sarifBody,
    sarifPath,
    signature: sarifQuery.slice(5)
  }
}
