// A loopback stand-in of the Code Reviews service for `npm run demo`, `npm run bench` and the CI
// job that runs the action: the OAuth token endpoint (refresh and code grants, optional rotation),
// GET /api/workspaces, and the review API, mounted from the one review stand-in the tests use too
// (__tests__/support/review-service.mjs, every answer validated against the plugin's schema): a
// pull-request review that ends NOT_PASSED, and a scan that becomes PROCESSED at a chosen moment.
// Plain JavaScript, so it runs on a fresh clone without a build.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { mountReviewService } from '../__tests__/support/review-service.mjs'

const token = () => randomBytes(32).toString('base64url')

/** The demo's pull request: its head commit is the one the review's report is of. */
export const DEMO_PULL_REQUEST = {
  number: 12,
  headRef: 'feature/search',
  headSha: 'c0ffee0123456789abcdef0123456789abcdef01'
}
/** The scan the bench's gate polls: it turns PROCESSED at setReviewReadyAt's moment. */
export const BENCH_SCAN_ID = '6b1f3c2e-8d4a-4f0b-9e6c-1a2b3c4d5e6f'
export const BENCH_SCAN_PATH = `/api/workspaces/ws_1/projects/prj_1/scans/${BENCH_SCAN_ID}`

export async function startStandIn({ rotate = false } = {}) {
  const clientId = `demo-client-${randomBytes(4).toString('hex')}`
  const clientSecret = token()
  const refreshTokens = new Set()
  const accessTokens = new Set()
  const stats = { tokenRequests: 0, apiRequests: 0, connections: 0 }
  let reviewReadyAt = Infinity
  const sockets = new Set()
  const routes = []

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
      const route = routes.find(
        r =>
          r.method === req.method &&
          (typeof r.path === 'string' ? r.path === url.pathname : r.path.test(url.pathname))
      )
      if (route) {
        return route.handler(
          {
            method: req.method,
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            at: Date.now()
          },
          res
        )
      }
      send(res, 404, { error: 'not_found' })
    })
  })

  server.on('connection', socket => {
    stats.connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  const mountable = {
    url: `http://127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    route: (method, path, handler) => routes.push({ method, path, handler }),
    isValidAccessToken: bearer => accessTokens.has(bearer)
  }
  // The demo's gate: a pull request review in the schema's shape, NOT_PASSED after two polls. A
  // pull request's answer carries verdict, counts and one policy, not findings.
  mountReviewService(mountable, {
    pollsBeforeDone: 2,
    headSha: DEMO_PULL_REQUEST.headSha,
    result: 'NOT_PASSED',
    violations: { CRITICAL: 1, ERROR: 2, WARNING: 1 },
    policies: [{ title: 'Salesforce security', result: 'NOT_PASSED', problems: 4 }]
  })
  // The bench's gate (an API call with api_wait_until): a scan PROCESSED from a chosen moment.
  mountReviewService(mountable, {
    id: BENCH_SCAN_ID,
    pollsBeforeDone: 0,
    readyAt: () => reviewReadyAt,
    result: 'PASSED'
  })
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
    /** The scan at BENCH_SCAN_PATH reports PROCESSED from this moment on. */
    setReviewReadyAt(ms) {
      reviewReadyAt = ms
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    }
  }
}
