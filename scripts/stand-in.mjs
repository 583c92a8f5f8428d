// A minimal loopback stand-in of the Code Reviews service for `npm run demo` and `npm run bench`:
// the OAuth token endpoint (refresh and code grants, optional rotation), GET /api/workspaces, a
// review that becomes PROCESSED at a chosen moment, and the review API of Code Reviews' SFDX plugin
// (a pull-request review that fails with findings, and its SARIF report). The test suite has a stricter one in
// __tests__/support; this one is plain JavaScript so it runs on a fresh clone without a build.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'

const token = () => randomBytes(32).toString('base64url')

const PR_ID = '3f2c8a9e-5b1d-4c7e-9a40-2d6b8e1f0c55'
const finding = (severity, ruleId, uri, startLine, text) => ({
  ruleId,
  level: severity === 'WARNING' ? 'warning' : 'error',
  message: { text },
  properties: { severity },
  locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine } } }]
})
const DEMO_SARIF = {
  version: '2.1.0',
  runs: [
    {
      tool: { driver: { name: 'Code Reviews' } },
      results: [
        finding(
          'CRITICAL',
          'ApexSOQLInjection',
          'force-app/main/default/classes/AccountSearch.cls',
          42,
          'User input reaches a dynamic SOQL query'
        ),
        finding(
          'ERROR',
          'ApexCRUDViolation',
          'force-app/main/default/classes/AccountService.cls',
          17,
          'Insert without a CRUD/FLS check'
        ),
        finding(
          'ERROR',
          'HardcodedId',
          'force-app/main/default/classes/Config.cls',
          3,
          'Hardcoded record id'
        ),
        finding(
          'WARNING',
          'UnusedLocalVariable',
          'force-app/main/default/classes/Util.cls',
          11,
          'Variable tmp is never used'
        )
      ]
    }
  ]
}

export async function startStandIn({ rotate = false } = {}) {
  const clientId = `demo-client-${randomBytes(4).toString('hex')}`
  const clientSecret = token()
  const refreshTokens = new Set()
  const accessTokens = new Set()
  const stats = { tokenRequests: 0, apiRequests: 0, connections: 0 }
  let reviewReadyAt = Infinity
  const sockets = new Set()

  const send = (res, status, body, headers = {}) => {
    const text = JSON.stringify(body)
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    res.end(text)
  }

  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url, 'http://stand-in')
      if (req.method === 'POST' && url.pathname === '/oauth2/token') {
        stats.tokenRequests++
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
        if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
          return send(res, 401, { error: 'invalid_client' })
        }
        const grant = form.get('grant_type')
        let refresh = form.get('refresh_token')
        if (grant === 'refresh_token') {
          if (!refreshTokens.has(refresh)) return send(res, 400, { error: 'invalid_grant' })
          if (rotate) {
            refreshTokens.delete(refresh)
            refresh = token()
            refreshTokens.add(refresh)
          }
        } else if (grant === 'authorization_code') {
          refresh = token()
          refreshTokens.add(refresh)
        } else return send(res, 400, { error: 'unsupported_grant_type' })
        const access = token()
        accessTokens.add(access)
        return send(res, 200, {
          access_token: access,
          refresh_token: refresh,
          scope: 'workspace',
          token_type: 'Bearer',
          expires_in: 5399
        })
      }
      stats.apiRequests++
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1]
      if (!bearer || !accessTokens.has(bearer)) {
        return send(
          res,
          401,
          { error: 'invalid_token' },
          { 'WWW-Authenticate': 'Bearer error="invalid_token"' }
        )
      }
      if (req.method === 'GET' && url.pathname === '/api/workspaces') {
        return send(res, 200, [
          { id: 'ws_1', name: 'Salesforce Core' },
          { id: 'ws_2', name: 'Marketing Cloud' }
        ])
      }
      if (req.method === 'GET' && url.pathname === '/api/reviews/rev_1') {
        const done = Date.now() >= reviewReadyAt
        return send(res, 200, {
          id: 'rev_1',
          task: { status: done ? 'PROCESSED' : 'RUNNING' },
          ...(done ? { result: 'PASSED' } : {})
        })
      }
      const review = /^\/api\/workspaces\/([^/]+)\/projects\/([^/]+)\/(.+)$/.exec(url.pathname)
      if (review) return pullRequestReview(req, res, url, review[3])
      if (req.method === 'GET' && url.pathname === `/sarif/${PR_ID}.sarif`) {
        res.writeHead(200, { 'Content-Type': 'application/sarif+json' })
        return res.end(JSON.stringify(DEMO_SARIF))
      }
      send(res, 404, { error: 'not_found' })
    })
  })

  // The plugin's PullRequest: accepted by the trigger, PROCESSED after two polls, NOT_PASSED.
  let polls = 0
  const pullRequestReview = (req, res, url, rest) => {
    const base = `http://127.0.0.1:${server.address().port}`
    const done = polls > 2
    const body = () => ({
      id: PR_ID,
      number: 12,
      html_url: `${base}/workspaces/ws_1/projects/prj_1/pull-requests/${PR_ID}`,
      is_processing: !done,
      ...(done && { last_review_result: 'NOT_PASSED' }),
      last_pull_request_review_report: done
        ? {
            id: 'report-1',
            result: 'NOT_PASSED',
            metrics: { violation_count_by_severity: { CRITICAL: 1, ERROR: 2, WARNING: 1 } },
            report_policies: [
              {
                id: 'policy-1',
                title: 'Salesforce security',
                result: 'NOT_PASSED',
                problems: 4,
                issue_details: 'AVAILABLE',
                sarif_url: `${base}/sarif/${PR_ID}.sarif`
              }
            ]
          }
        : {},
      task: {
        id: 'task-1',
        status: done ? 'PROCESSED' : 'PROCESSING',
        outcome: done ? 'SUCCESS' : 'PENDING'
      }
    })
    if (req.method === 'POST' && rest === 'scans/by_pull_request') {
      polls = 0
      return send(res, 201, { ...body(), task: { id: 'task-1', status: 'ACCEPTED' } })
    }
    if (req.method === 'GET' && rest === `pull-requests/${PR_ID}`) {
      polls++
      return send(res, 200, body())
    }
    send(res, 404, { error: 'not_found' })
  }
  server.on('connection', socket => {
    stats.connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    stats,
    issueRefreshToken() {
      const t = token()
      refreshTokens.add(t)
      return t
    },
    /** The review at /api/reviews/rev_1 reports PROCESSED from this moment on. */
    setReviewReadyAt(ms) {
      reviewReadyAt = ms
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    }
  }
}
