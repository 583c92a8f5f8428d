import type { ServerResponse } from 'node:http'
import type { FakeClayton, RecordedRequest } from './fake-clayton.js'

/**
 * The review part of the Code Reviews API as the service's CLI uses it: trigger a review, poll it
 * until `task.status` is PROCESSED, then read `result`. Mounted on the loopback stand-in.
 */
export interface ReviewApiOptions {
  /** GETs answered QUEUED/RUNNING before the review is PROCESSED. */
  pollsBeforeDone: number
  result: 'PASSED' | 'PASSED_WITH_WARNINGS' | 'NOT_PASSED'
  /** Sent with every unfinished poll. */
  retryAfter?: string
}

export interface ReviewApi {
  polls(): RecordedRequest[]
  /** When the review became PROCESSED (ms since epoch), if it did. */
  readyAt(): number | undefined
}

export function mountReviewApi(server: FakeClayton, opts: ReviewApiOptions): ReviewApi {
  const polls: RecordedRequest[] = []
  let readyAt: number | undefined
  const send = (res: ServerResponse, status: number, body: unknown, headers = {}): void => {
    const text = JSON.stringify(body)
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    res.end(text)
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
  server.route('POST', '/api/reviews', (req, res) => {
    if (!authorized(req, res)) return
    const body = JSON.parse(req.body) as Record<string, unknown>
    send(res, 201, { id: 'rev_42', request: body, task: { status: 'QUEUED' } })
  })
  server.route('GET', '/api/reviews/rev_42', (req, res) => {
    if (!authorized(req, res)) return
    polls.push(req)
    if (polls.length <= opts.pollsBeforeDone) {
      const headers = opts.retryAfter ? { 'Retry-After': opts.retryAfter } : {}
      send(
        res,
        200,
        { id: 'rev_42', task: { status: polls.length === 1 ? 'QUEUED' : 'RUNNING' } },
        headers
      )
      return
    }
    readyAt ??= Date.now()
    send(res, 200, { id: 'rev_42', task: { status: 'PROCESSED' }, result: opts.result, issues: 3 })
  })
  return { polls: () => polls, readyAt: () => readyAt }
}
