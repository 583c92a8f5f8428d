// The one loopback stand-in of Code Reviews' review API, shared by the tests (mounted on
// fake-clayton.ts) and `npm run demo` / `npm run bench` (mounted on scripts/stand-in.mjs). Plain
// JavaScript, so the demo runs on a fresh clone without a build; review-service.d.mts types it.
//
// It answers with the plugin's field names (github.com/spaceheroes/sfdx-clayton, src/config.ts and
// src/types.d.ts at commit e15700e): a trigger per kind (`scans/by_pull_request`, `scans/by_branch`,
// `scans/by_branch_and_revision`), polls of the PullRequest (`pull-requests/{uuid}`) or the Scan
// (`scans/{id}?legacy_code=true`) until `task.status` is PROCESSED, and a SARIF report behind a
// Scan's `sarif_url` (or, for a pull request, behind the scan of its head revision). Every JSON
// answer is validated against review-api.schema.json before it is sent: an answer with a field the
// schema does not have is never sent, it becomes an HTTP 500 and a recorded violation.
import Ajv from 'ajv'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'

const SCHEMA = JSON.parse(
  readFileSync(new URL('./review-api.schema.json', import.meta.url), 'utf8')
)
const ajv = new Ajv({ allErrors: true, strict: true, validateFormats: false })
ajv.addSchema(SCHEMA)
const validators = {
  PullRequest: ajv.getSchema('code-reviews-review-api#/definitions/PullRequest'),
  Scan: ajv.getSchema('code-reviews-review-api#/definitions/Scan')
}

/** Every violation any stand-in met, for the test that looks (takeSchemaViolations). */
const violations = []

/** The schema violations recorded since the last call; empty when every answer fitted. */
export function takeSchemaViolations() {
  return violations.splice(0)
}

/** Validates one answer against a type of the schema; the errors as text, or []. */
export function schemaErrors(type, body) {
  const validate = validators[type]
  if (!validate) throw new Error(`review-service: no schema type ${type}`)
  return validate(body)
    ? []
    : validate.errors.map(
        e =>
          `${type}${e.instancePath} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`
      )
}

/** Four findings, one of each kind the gate counts, with text that tests escaping. */
export const SAMPLE_FINDINGS = [
  {
    severity: 'CRITICAL',
    rule: 'ApexSOQLInjection',
    file: 'force-app/main/default/classes/AccountSearch.cls',
    line: 42,
    message: 'User input reaches a dynamic SOQL query'
  },
  {
    severity: 'ERROR',
    rule: 'ApexCRUDViolation',
    file: 'force-app/main/default/classes/AccountService.cls',
    line: 17,
    message: 'Insert without a CRUD/FLS check'
  },
  {
    severity: 'ERROR',
    rule: 'HardcodedId',
    file: 'force-app/main/default/classes/Config.cls',
    line: 3,
    message: 'Hardcoded record id 001000000000001'
  },
  {
    severity: 'WARNING',
    rule: 'UnusedLocalVariable',
    file: 'force-app/main/default/classes/Util.cls',
    line: 11,
    message: 'Variable `tmp` | is never used'
  }
]

export function sarifLog(findings) {
  const level = s =>
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

const escape = s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** The commit an earlier (webhook) review was of: never the head of a test. */
export const EARLIER_SHA = '1111111111111111111111111111111111111111'

/**
 * Mounts the review API on `server` ({ origin, url, route(method, path, handler),
 * isValidAccessToken(token) }); see review-service.d.mts for the options.
 */
export function mountReviewService(server, opts) {
  const workspace = opts.workspace ?? 'ws_1'
  const project = opts.project ?? 'prj_1'
  const id = opts.id ?? '3f2c8a9e-5b1d-4c7e-9a40-2d6b8e1f0c55'
  const base = `/api/workspaces/${workspace}/projects/${project}`
  const sarifPath = `/sarif/${id}.sarif`
  const signature = randomBytes(12).toString('hex')
  const triggers = []
  const polls = []
  const downloads = []
  const answered = []
  let kind = 'scan'
  let prNumber = 0
  let revision = opts.headSha
  let readyAt
  let finishedPolls = 0
  let pollsBefore = 0
  const sarifBody =
    opts.sarif === undefined || opts.sarif === 'none' || opts.sarif === 'paywall'
      ? ''
      : 'raw' in opts.sarif
        ? opts.sarif.raw
        : JSON.stringify(sarifLog(opts.sarif))
  const sarifUrl = sarifBody
    ? `${opts.sarifOrigin ?? server.origin}${sarifPath}?sig=${signature}`
    : undefined

  const sendJson = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  /** A review answer: validated against the schema, never sent when it does not fit. */
  const answer = (res, status, type, body, headers = {}) => {
    const errors = schemaErrors(type, body)
    if (errors.length > 0) {
      violations.push(...errors)
      sendJson(res, 500, { message: `stand-in answer breaks the schema: ${errors.join('; ')}` })
      return
    }
    answered.push(body)
    sendJson(res, status, body, headers)
  }
  const refuse = res =>
    sendJson(
      res,
      401,
      { error: 'invalid_token' },
      { 'WWW-Authenticate': 'Bearer error="invalid_token"' }
    )
  const authorized = (req, res) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (token && server.isValidAccessToken(token)) return true
    refuse(res)
    return false
  }
  const html = path => `${server.url}/workspaces/${workspace}/projects/${project}${path}`
  const task = (status, outcome) => ({
    id: `7a1e0c52-0000-4000-a000-${id.slice(-12).padStart(12, '0')}`,
    status,
    ...(outcome && { outcome })
  })
  const violationsBySeverity = opts.violations ?? {}
  const total = Object.values(violationsBySeverity).reduce((a, b) => a + b, 0)
  // A review always has its project's default policy; tests may name others.
  const policyList = opts.policies ?? [
    { title: 'Default policy', result: opts.result ?? 'PASSED', problems: total }
  ]
  const policyId = i => `9c0d${String(i + 1).padStart(4, '0')}-0000-4000-a000-000000000000`
  const policyCore = (p, i) => ({
    id: policyId(i),
    title: p.title,
    result: p.result,
    problems: p.problems,
    problems_by_severity: p.problemsBySeverity ?? {},
    issue_details: opts.sarif === 'paywall' ? 'PAYWALL' : 'AVAILABLE'
  })
  const scanPolicy = (p, i) => ({
    ...policyCore(p, i),
    ...(p.statusCheck && { status_check: p.statusCheck }),
    ...(sarifUrl && i === 0 && { sarif_url: sarifUrl })
  })
  /** What the provider publishes to GitHub for a finished scan (status_checks may change it). */
  const statusCheckOf = done => {
    if (!done || !opts.result) return undefined
    return opts.statusCheck ?? (opts.result === 'NOT_PASSED' ? 'NOT_PASSED' : 'PASSED')
  }
  const revisionOf = (sha, extra = {}) => ({
    id: `5e7a0000-0000-4000-a000-${sha.slice(0, 12)}`,
    sha,
    short_sha: sha.slice(0, 7),
    ...extra
  })

  /** The finished report of an earlier commit, as the webhook review left it: PASSED, obsolete. */
  const staleBody = status => {
    const outcome = 'SUCCESS'
    if (kind === 'pull_request') {
      return {
        id,
        number: prNumber,
        html_url: html(`/pull-requests/${id}`),
        is_processing: false,
        last_review_result: 'PASSED',
        last_pull_request_review_report: {
          id: `01d00000-0000-4000-a000-${id.slice(-12)}`,
          default_report_policy_id: policyId(0),
          to_revision: revisionOf(EARLIER_SHA, { is_scanned: true }),
          report_type: 'DIFF',
          status: 'READY',
          obsolete: true,
          result: 'PASSED',
          metrics: { violation_count_by_severity: {} },
          report_policies: policyCore(
            { title: 'Default policy', result: 'PASSED', problems: 0 },
            0
          ),
          task: task(status, outcome)
        },
        task: task(status, outcome)
      }
    }
    return {
      id,
      type: 'AUTO',
      html_url: html(`/scans/${id}`),
      status: 'READY',
      result: 'PASSED',
      status_check: 'PASSED',
      obsolete: true,
      revision: revisionOf(EARLIER_SHA),
      default_scan_policy_id: policyId(0),
      task: task(status, outcome)
    }
  }

  /** The review as it stands: a PullRequest or a Scan with the plugin's field names. */
  const body = (status, done, outcomeBefore = 'PENDING') => {
    const outcome = done ? (opts.outcome ?? 'SUCCESS') : outcomeBefore
    if (kind === 'pull_request') {
      const report = {
        id: `2b9e0000-0000-4000-a000-${id.slice(-12)}`,
        default_report_policy_id: policyId(0),
        ...(revision && {
          to_revision: revisionOf(revision, {
            is_scanned: done,
            // The scan of the head revision, when the test gives it findings: the only place a
            // pull request's answer can name a SARIF report.
            ...(done &&
              sarifUrl && {
                last_scan: {
                  id: `5ca70000-0000-4000-a000-${id.slice(-12)}`,
                  html_url: html(`/scans/head-${id}`),
                  result: opts.result,
                  scan_policies: policyList.map(scanPolicy)
                }
              })
          })
        }),
        report_type: 'DIFF',
        status: done ? 'READY' : 'PROCESSING',
        obsolete: false,
        ...(done && opts.result && { result: opts.result }),
        metrics: done ? { violation_count_by_severity: violationsBySeverity } : {},
        // One policy object, as the plugin's types have it.
        ...(done && { report_policies: policyCore(policyList[0], 0) }),
        task: task(status, outcome)
      }
      return {
        id,
        number: prNumber,
        html_url: html(`/pull-requests/${id}`),
        is_processing: !done,
        ...(done && opts.approval && { approval: opts.approval }),
        ...(done && opts.result && { last_review_result: opts.result }),
        last_pull_request_review_report: report,
        task: task(status, outcome)
      }
    }
    const statusCheck = statusCheckOf(done)
    return {
      id,
      type: 'AUTO',
      html_url: html(`/scans/${id}`),
      status: done ? 'READY' : 'PROCESSING',
      ...(done && opts.result && { result: opts.result }),
      ...(statusCheck && { status_check: statusCheck }),
      ...(opts.legacyCodeFilter && {
        status_check_issue_behavior: 'REFERENCE_DATE',
        status_check_issue_reference_date: opts.legacyCodeFilter
      }),
      obsolete: false,
      ...(revision && { revision: revisionOf(revision, { is_scanned: done }) }),
      problems: total,
      problems_by_severity: done ? violationsBySeverity : {},
      metrics: done ? { violation_count_by_severity: violationsBySeverity } : {},
      scan_policies: done ? policyList.map(scanPolicy) : [],
      default_scan_policy_id: policyId(0),
      ...(done && sarifUrl && { sarif_url: sarifUrl }),
      task: task(status, outcome)
    }
  }
  const typeOf = () => (kind === 'pull_request' ? 'PullRequest' : 'Scan')

  const trigger = which => (req, res) => {
    if (!authorized(req, res)) return
    triggers.push(req)
    let payload
    try {
      payload = JSON.parse(req.body)
    } catch {
      return sendJson(res, 400, { message: 'body is not JSON' })
    }
    const missing =
      which === 'pull_request'
        ? typeof payload.pull_request_number !== 'number'
        : typeof payload.branch !== 'string' ||
          (which === 'revision' && typeof payload.revision !== 'string')
    if (missing) return sendJson(res, 400, { message: `missing fields for ${which}` })
    kind = which === 'pull_request' ? 'pull_request' : 'scan'
    prNumber = typeof payload.pull_request_number === 'number' ? payload.pull_request_number : 0
    // Each trigger starts a review: the demo's long-lived stand-in serves several runs.
    pollsBefore = polls.length
    finishedPolls = 0
    if (which === 'revision') revision = opts.headSha ?? payload.revision
    answer(res, 201, typeOf(), body(opts.triggerStatus ?? 'ACCEPTED', false, opts.triggerOutcome))
  }
  server.route('POST', `${base}/scans/by_pull_request`, trigger('pull_request'))
  server.route('POST', `${base}/scans/by_branch`, trigger('branch'))
  server.route('POST', `${base}/scans/by_branch_and_revision`, trigger('revision'))

  const poll = which => (req, res) => {
    if (which === 'pull_request') kind = 'pull_request'
    const n = polls.length - pollsBefore + 1
    if (opts.rejectPolls?.includes(n)) {
      polls.push(req)
      return refuse(res)
    }
    if (!authorized(req, res)) return
    polls.push(req)
    const headers = opts.retryAfter ? { 'Retry-After': opts.retryAfter } : {}
    if (n <= (opts.staleFirst ?? 0))
      return answer(res, 200, typeOf(), staleBody('PROCESSED'), headers)
    const clockReady = opts.readyAt !== undefined && Date.now() >= opts.readyAt()
    if (opts.readyAt ? !clockReady : n - (opts.staleFirst ?? 0) <= opts.pollsBeforeDone) {
      const pending = opts.pendingStatuses ?? ['ACCEPTED', 'PROCESSING']
      return answer(
        res,
        200,
        typeOf(),
        body(pending[Math.min(n - 1, pending.length - 1)], false),
        headers
      )
    }
    readyAt ??= Date.now()
    finishedPolls += 1
    const finished = body('PROCESSED', true)
    // statusChecks: what successive finished answers say, the last one repeating (a check the
    // service publishes after the scan is PROCESSED: PENDING first).
    const checks = opts.statusChecks
    if (checks) finished.status_check = checks[Math.min(finishedPolls - 1, checks.length - 1)]
    answer(res, 200, typeOf(), finished)
  }
  server.route('GET', `${base}/pull-requests/${id}`, poll('pull_request'))
  server.route('GET', `${base}/scans/${id}`, poll('scan'))
  // The 404 explanation only reads statuses: nothing of these answers is in the plugin's types.
  server.route('GET', base, (req, res) => {
    if (authorized(req, res)) res.writeHead(200).end()
  })
  server.route('GET', `/api/workspaces/${workspace}`, (req, res) => {
    if (authorized(req, res)) res.writeHead(200).end()
  })
  server.route('GET', new RegExp(`^${escape(sarifPath)}$`), (req, res) => {
    downloads.push(req)
    if (req.query.get('sig') !== signature) return sendJson(res, 403, { message: 'bad signature' })
    res.writeHead(200, { 'Content-Type': 'application/sarif+json' })
    res.end(sarifBody)
  })
  return {
    id,
    triggers: () => triggers,
    polls: () => polls,
    sarifDownloads: () => downloads,
    answers: () => answered,
    readyAt: () => readyAt,
    sarifBody: () => sarifBody,
    sarifPath,
    signature
  }
}
