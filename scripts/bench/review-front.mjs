// A loopback front for the Code Reviews stand-in, used by the gate measurements of `npm run bench`:
// forwards every request to the stand-in, notes when each poll of a scan arrives, and can
// add a Retry-After header to those answers (to check that the wait honours it).
import { Agent, createServer, request } from 'node:http'
import { performance } from 'node:perf_hooks'

export async function startReviewFront(targetUrl) {
  const target = new URL(targetUrl)
  const agent = new Agent({ keepAlive: true })
  const sockets = new Set()
  /** performance.now() of each review poll since the last reset(). */
  let polls = []
  let retryAfter

  const server = createServer((req, res) => {
    const isReview = req.method === 'GET' && /\/scans\/[^/?]+/.test(req.url)
    if (isReview) polls.push(performance.now())
    const chunks = []
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
          agent
        },
        answer => {
          const body = []
          answer.on('data', chunk => body.push(chunk))
          answer.on('end', () => {
            const headers = { 'content-type': answer.headers['content-type'] ?? 'text/plain' }
            if (answer.headers['www-authenticate']) {
              headers['www-authenticate'] = answer.headers['www-authenticate']
            }
            if (isReview && retryAfter !== undefined) headers['retry-after'] = String(retryAfter)
            res.writeHead(answer.statusCode, headers)
            res.end(Buffer.concat(body))
          })
        }
      )
      upstream.on('error', () => res.destroy())
      upstream.end(Buffer.concat(chunks))
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Forget earlier polls; answer reviews with this Retry-After (seconds), or none. */
    reset(seconds) {
      polls = []
      retryAfter = seconds
    },
    polls: () => polls,
    close() {
      for (const socket of sockets) socket.destroy()
      agent.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    }
  }
}
