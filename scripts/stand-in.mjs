// A minimal loopback stand-in of the Code Reviews service for `npm run demo` and `npm run bench`:
// the OAuth token endpoint (refresh and code grants, optional rotation), GET /api/workspaces, and
// a review that becomes PROCESSED at a chosen moment. The test suite has a stricter one in
// __tests__/support; this one is plain JavaScript so it runs on a fresh clone without a build.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'

const token = () => randomBytes(32).toString('base64url')

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
