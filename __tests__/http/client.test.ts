import dns from 'node:dns'
import type { ServerResponse } from 'node:http'
import { describe, expect, jest, test } from '@jest/globals'
import { ActionError, ResponseTooLargeError } from '../../src/common/errors.js'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatBytes, formatSize } from '../../src/common/text.js'
import { MAX_BODY_BYTES } from '../../src/http/body.js'
import { Http, type HttpRequest, type HttpSettings, type Logger } from '../../src/http/client.js'
import {
  afterThisTest,
  startServer,
  type Handler,
  type LoopbackServer
} from '../support/loopback-server.js'

/** The token endpoint of a loopback server. */
function tokenUrl(server: LoopbackServer): URL {
  return new URL(`${server.origin}/oauth2/token`)
}

function newHttp(settings: Partial<HttpSettings> = {}, random: () => number = () => 0) {
  const log = jest.fn<Logger>()
  const http = new Http(
    'clayton-oauth-action/0.0.0-test',
    { timeoutMs: 5000, maxAttempts: 4, ...settings },
    log,
    random
  )
  afterThisTest(() => http.dispose())
  return { http, log }
}

function tokenRequest(url: URL, retry: HttpRequest['retry'] = 'always'): HttpRequest {
  return {
    method: 'POST',
    url,
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=refresh_token&refresh_token=rt-1',
    label: 'Token request',
    retry
  }
}

function reply(res: ServerResponse, status: number, body: unknown = {}, headers = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

/** Status codes to answer with, in order; the last one repeats. */
function sequence(...statuses: Array<number | 'reset'>): Handler {
  return (req, res, index) => {
    const step = statuses[Math.min(index, statuses.length - 1)]
    if (step === 'reset') req.socket.destroy()
    else reply(res, step, { n: index })
  }
}

async function closedPort(): Promise<number> {
  const server = await startServer(() => {})
  await server.close()
  return server.port
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

describe('Http.send: what goes out', () => {
  test('sends method, path, query, headers, User-Agent and body as given', async () => {
    const server = await startServer(sequence(200))
    const { http } = newHttp()
    const url = new URL(tokenUrl(server).href)
    url.searchParams.set('code', 'c1')
    const response = await http.send(tokenRequest(url))
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body.toString())).toEqual({ n: 0 })
    expect(response.headers['content-type']).toBe('application/json')
    const [request] = server.requests
    expect(request.method).toBe('POST')
    expect(request.url).toBe('/oauth2/token?code=c1')
    expect(request.body).toBe('grant_type=refresh_token&refresh_token=rt-1')
    expect(request.headers).toMatchObject({
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'clayton-oauth-action/0.0.0-test'
    })
  })

  test('keep-alive: two sequential sends share one TCP connection', async () => {
    const server = await startServer(sequence(200))
    const { http } = newHttp()
    await http.send(tokenRequest(tokenUrl(server)))
    await http.send(tokenRequest(tokenUrl(server)))
    expect(server.requests).toHaveLength(2)
    expect(server.connections()).toBe(1)
  })

  test('a redirect is returned as is, not followed (it would resend credentials)', async () => {
    const server = await startServer((req, res) =>
      reply(res, 302, {}, { Location: 'http://127.0.0.1:1/elsewhere' })
    )
    const { http, log } = newHttp()
    const response = await http.send(tokenRequest(tokenUrl(server)))
    expect(response.status).toBe(302)
    expect(server.requests).toHaveLength(1)
    expect(log).not.toHaveBeenCalled()
  })
})

describe('Http.send: retries on transient statuses', () => {
  test('a 503 then 200 is retried, and the attempt is logged', async () => {
    const server = await startServer(sequence(503, 200))
    const { http, log } = newHttp()
    const response = await http.send(tokenRequest(tokenUrl(server)))
    expect(response).toMatchObject({ status: 200, attempts: 2 })
    expect(server.requests).toHaveLength(2)
    expect(log.mock.calls).toEqual([
      ['Token request: attempt 1 of 4 failed (HTTP 503); retrying in 0.0 s']
    ])
  })

  test('a 400 is not retried', async () => {
    const server = await startServer(sequence(400, 200))
    const { http, log } = newHttp()
    const response = await http.send(tokenRequest(tokenUrl(server)))
    expect(response).toMatchObject({ status: 400, attempts: 1, earlierAttemptMayHaveLanded: false })
    expect(server.requests).toHaveLength(1)
    expect(log).not.toHaveBeenCalled()
  })

  test('every attempt counts: after max_attempts the last response is returned', async () => {
    const server = await startServer(sequence(500))
    const { http, log } = newHttp({ maxAttempts: 3 })
    const response = await http.send(tokenRequest(tokenUrl(server)))
    expect(response).toMatchObject({ status: 500, attempts: 3, earlierAttemptMayHaveLanded: true })
    expect(response.retryAfterMs).toBeUndefined()
    expect(server.requests).toHaveLength(3)
    expect(log).toHaveBeenCalledTimes(2)
  })

  test('429 with Retry-After: 1 waits about a second before the next attempt', async () => {
    const server = await startServer((req, res, index) =>
      index === 0 ? reply(res, 429, {}, { 'Retry-After': '1' }) : reply(res, 200)
    )
    const { http, log } = newHttp()
    const started = Date.now()
    const response = await http.send(tokenRequest(tokenUrl(server)))
    const elapsed = Date.now() - started
    expect(response).toMatchObject({ status: 200, attempts: 2 })
    expect(elapsed).toBeGreaterThanOrEqual(900)
    expect(elapsed).toBeLessThan(10_000)
    expect(log.mock.calls).toEqual([
      ['Token request: attempt 1 of 4 failed (HTTP 429); retrying in 1.0 s']
    ])
  })

  test('Retry-After of 120 s stops the retries and returns the response with retryAfterMs', async () => {
    const server = await startServer((req, res) => reply(res, 429, {}, { 'Retry-After': '120' }))
    const { http, log } = newHttp()
    const started = Date.now()
    const response = await http.send(tokenRequest(tokenUrl(server)))
    expect(Date.now() - started).toBeLessThan(5000)
    expect(response).toMatchObject({ status: 429, attempts: 1, retryAfterMs: 120_000 })
    expect(server.requests).toHaveLength(1)
    expect(log).not.toHaveBeenCalled()
  })
})

describe('Http.send: deadline per attempt', () => {
  test('a hanging server fails after timeoutMs with a timeout message, retried up to maxAttempts', async () => {
    const server = await startServer(() => {
      // never answers
    })
    const { http, log } = newHttp({ timeoutMs: 300, maxAttempts: 3 })
    const started = Date.now()
    const error = await rejection(http.send(tokenRequest(tokenUrl(server))))
    const elapsed = Date.now() - started
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toBe(
      `Token request to ${tokenUrl(server).href} failed after 3 attempts: no complete answer within 0.3 s (timeout). Check that the service is reachable from the runner; raise max_attempts or timeout if it is slow.`
    )
    expect(server.requests).toHaveLength(3)
    expect(log).toHaveBeenCalledTimes(2)
    expect(log.mock.calls[0][0]).toContain('(no complete answer within 0.3 s (timeout))')
    expect(elapsed).toBeGreaterThanOrEqual(850)
    expect(elapsed).toBeLessThan(10_000)
  })

  test('a trickling body (one byte every 100 ms, forever) is cut by the deadline', async () => {
    let responseClosed: Promise<void> = Promise.resolve()
    const server = await startServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' })
      res.write('{')
      const timer = setInterval(() => res.write(' '), 100)
      responseClosed = new Promise(resolve =>
        res.on('close', () => {
          clearInterval(timer)
          resolve()
        })
      )
    })
    const { http } = newHttp({ timeoutMs: 300, maxAttempts: 1 })
    const started = Date.now()
    const error = await rejection(http.send(tokenRequest(tokenUrl(server))))
    const elapsed = Date.now() - started
    expect(error.message).toContain(
      'failed after 1 attempt: no complete answer within 0.3 s (timeout)'
    )
    expect(elapsed).toBeGreaterThanOrEqual(250)
    expect(elapsed).toBeLessThan(5000)
    // The client tore the connection down: the server sees the response close.
    await responseClosed
  })
})

describe('Http.send: network failures', () => {
  test('a reset connection is retried, and the earlier attempt may have landed', async () => {
    const server = await startServer(sequence('reset', 200))
    const { http, log } = newHttp()
    const response = await http.send(tokenRequest(tokenUrl(server)))
    expect(response).toMatchObject({ status: 200, attempts: 2, earlierAttemptMayHaveLanded: true })
    expect(log.mock.calls[0][0]).toMatch(/^Token request: attempt 1 of 4 failed \(.*\); retrying/)
  })

  test('a body cut short of its Content-Length is retried', async () => {
    const server = await startServer((req, res, index) => {
      if (index > 0) return reply(res, 200, { ok: true })
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' })
      res.write('{"access_token":"trun', () => req.socket.destroy())
    })
    const { http } = newHttp()
    const response = await http.send(tokenRequest(tokenUrl(server)))
    expect(response).toMatchObject({ status: 200, attempts: 2 })
    expect(JSON.parse(response.body.toString())).toEqual({ ok: true })
  })

  test('earlierAttemptMayHaveLanded is true after a reset then a 400', async () => {
    const server = await startServer(sequence('reset', 400))
    const { http } = newHttp()
    const response = await http.send(tokenRequest(tokenUrl(server)))
    expect(response).toMatchObject({ status: 400, attempts: 2, earlierAttemptMayHaveLanded: true })
  })

  test('earlierAttemptMayHaveLanded is false after ECONNREFUSED then a 400', async () => {
    const port = await closedPort()
    let serverUp: Promise<LoopbackServer> | undefined
    // The server comes up during the 200 ms backoff after the refused attempt.
    const { http, log } = newHttp({}, () => 0.2)
    log.mockImplementation(() => {
      serverUp ??= startServer(sequence(400), port)
    })
    const response = await http.send(tokenRequest(new URL(`http://127.0.0.1:${port}/token`)))
    expect(response).toMatchObject({ status: 400, attempts: 2, earlierAttemptMayHaveLanded: false })
    expect((await serverUp)?.requests).toHaveLength(1)
    expect(log.mock.calls[0][0]).toContain(
      `(connection refused by 127.0.0.1:${port} (ECONNREFUSED)); retrying in 0.2 s`
    )
  })

  test('ECONNREFUSED on every attempt: the error names the URL without its query string', async () => {
    const port = await closedPort()
    const { http, log } = newHttp({ maxAttempts: 3 })
    const url = new URL(`http://127.0.0.1:${port}/oauth2/token?code=SECRET-CODE`)
    const error = await rejection(http.send(tokenRequest(url)))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toMatch(
      new RegExp(
        `^Token request to http://127\\.0\\.0\\.1:${port}/oauth2/token failed after 3 attempts: connection refused by 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)\\.`
      )
    )
    expect(error.message).not.toContain('SECRET-CODE')
    expect(log).toHaveBeenCalledTimes(2)
  })

  test('ENOTFOUND is not retried and names the host', async () => {
    // A real lookup would send a DNS query off the machine: answer it here instead.
    const realLookup = dns.lookup
    const lookups: string[] = []
    dns.lookup = ((hostname: string, _options: unknown, callback?: unknown) => {
      lookups.push(hostname)
      const cb = (typeof _options === 'function' ? _options : callback) as (e: Error) => void
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND'
      })
      process.nextTick(() => cb(error))
    }) as typeof dns.lookup
    try {
      const { http, log } = newHttp()
      const error = await rejection(
        http.send(tokenRequest(new URL('http://nosuchhost.invalid/oauth2/token')))
      )
      expect(lookups).toEqual(['nosuchhost.invalid'])
      expect(error).toBeInstanceOf(ActionError)
      expect(error.message).toBe(
        'Token request failed: the host name nosuchhost.invalid does not resolve (ENOTFOUND). Check base_url / token_url for a typo'
      )
      expect(log).not.toHaveBeenCalled()
    } finally {
      dns.lookup = realLookup
    }
  })
})

describe("Http.send: the 'unsent' retry policy", () => {
  // A 503 is an answer: the request reached the server, which may have acted on it.
  test('does not retry a 503', async () => {
    const server = await startServer(sequence(503, 200))
    const { http, log } = newHttp()
    const response = await http.send(tokenRequest(tokenUrl(server), 'unsent'))
    expect(server.requests).toHaveLength(1)
    expect(response).toMatchObject({ status: 503, attempts: 1 })
    expect(log).not.toHaveBeenCalled()
  })

  test('does not retry a reset connection', async () => {
    const server = await startServer(sequence('reset', 200))
    const { http, log } = newHttp()
    const error = await rejection(http.send(tokenRequest(tokenUrl(server), 'unsent')))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(
      'failed (not retried: the request may already have been processed)'
    )
    expect(server.requests).toHaveLength(1)
    expect(log).not.toHaveBeenCalled()
  })

  test('retries ECONNREFUSED, which cannot have reached the server', async () => {
    const port = await closedPort()
    const { http, log } = newHttp({ maxAttempts: 3 })
    const error = await rejection(
      http.send(tokenRequest(new URL(`http://127.0.0.1:${port}/api`), 'unsent'))
    )
    expect(error.message).toContain('failed after 3 attempts: connection refused')
    expect(log).toHaveBeenCalledTimes(2)
  })

  test('a 400 is returned, not retried', async () => {
    const server = await startServer(sequence(400, 200))
    const { http } = newHttp()
    const response = await http.send(tokenRequest(tokenUrl(server), 'unsent'))
    expect(response).toMatchObject({ status: 400, attempts: 1 })
    expect(server.requests).toHaveLength(1)
  })
})

/** Answers `bytes` bytes of `x`, chunked (no Content-Length) unless `declare` is set. */
function bigBody(bytes: number, opts: { declare?: boolean; status?: number } = {}): Handler {
  return (_req, res) => {
    res.writeHead(opts.status ?? 200, {
      'Content-Type': 'application/json',
      ...(opts.declare ? { 'Content-Length': String(bytes) } : {})
    })
    const chunk = Buffer.alloc(64 * 1024, 'x')
    let left = bytes
    const pump = (): void => {
      while (left > 0) {
        const part = chunk.subarray(0, Math.min(left, chunk.length))
        left -= part.length
        if (!res.write(part)) {
          res.once('drain', pump)
          return
        }
      }
      res.end()
    }
    pump()
  }
}

function tempFile(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'http-test-'))
  afterThisTest(() => rmSync(folder, { recursive: true, force: true }))
  return join(folder, name)
}

describe('Http.send: body limits (security issue, finding 6)', () => {
  test('limits read as the README states them; sizes to the byte', () => {
    expect(MAX_BODY_BYTES).toBe(1024 * 1024)
    expect(formatBytes(MAX_BODY_BYTES)).toBe('1 MiB')
    expect(formatBytes(16 * 1024 * 1024)).toBe('16 MiB')
    expect(formatBytes(1024 ** 3)).toBe('1 GiB')
    expect(formatBytes(1000)).toBe('1,000 bytes')
    expect(formatSize(600_000_000)).toBe('600,000,000 bytes')
  })

  test('a body of exactly 1 MiB is read whole', async () => {
    const server = await startServer(bigBody(MAX_BODY_BYTES))
    const { http } = newHttp()
    const response = await http.send(tokenRequest(tokenUrl(server)))
    expect(response.body.length).toBe(MAX_BODY_BYTES)
    expect(response.bodyBytes).toBeUndefined()
  })

  test('a chunked body over 1 MiB fails once, naming the limit, and is not retried', async () => {
    const server = await startServer(bigBody(MAX_BODY_BYTES + 1))
    const { http, log } = newHttp()
    const error = await rejection(http.send(tokenRequest(tokenUrl(server))))
    expect(error).toBeInstanceOf(ResponseTooLargeError)
    expect(error.message).toBe(
      `Token request to ${tokenUrl(server).href} failed: the response body is over the 1 MiB limit for this response; the rest was not read. No token endpoint or API the action is meant for answers this much: check the URL.`
    )
    expect(server.requests).toHaveLength(1)
    expect(log).not.toHaveBeenCalled()
  })

  test('a Content-Length over the limit fails before the body is read', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '600000000' })
      res.write('{')
    })
    const { http } = newHttp()
    const error = await rejection(http.send(tokenRequest(tokenUrl(server))))
    expect(error.message).toContain(
      'failed: the response body is 600,000,000 bytes (Content-Length), over the 1 MiB limit for this response; it was not read.'
    )
  })

  test('maxBodyBytes raises the limit for one request', async () => {
    const server = await startServer(bigBody(2 * MAX_BODY_BYTES))
    const { http } = newHttp()
    const response = await http.send({
      ...tokenRequest(tokenUrl(server)),
      maxBodyBytes: 4 * MAX_BODY_BYTES
    })
    expect(response.body.length).toBe(2 * MAX_BODY_BYTES)
  })

  test('a HEAD answer declaring a large body is fine: it sends none', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(10 * MAX_BODY_BYTES) })
      res.end()
    })
    const { http } = newHttp()
    const response = await http.send({ ...tokenRequest(tokenUrl(server)), method: 'HEAD' })
    expect(response.status).toBe(200)
  })

  test('bodyFile: the whole body goes to the file (0600), only its start to memory', async () => {
    const file = tempFile('deep/body.json')
    const server = await startServer(bigBody(3 * MAX_BODY_BYTES))
    const { http } = newHttp()
    const response = await http.send({
      ...tokenRequest(tokenUrl(server)),
      maxBodyBytes: 1000,
      bodyFile: { path: file, maxBytes: 10 * MAX_BODY_BYTES, input: 'api_response_file' }
    })
    expect(response.body.length).toBe(1000)
    expect(response.bodyBytes).toBe(3 * MAX_BODY_BYTES)
    expect(statSync(file).size).toBe(3 * MAX_BODY_BYTES)
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  test('bodyFile: a small body is in memory whole and in the file; an existing file becomes 0600', async () => {
    const file = tempFile('body.json')
    writeFileSync(file, 'older and longer content', { mode: 0o644 })
    const server = await startServer(sequence(200))
    const { http } = newHttp()
    const response = await http.send({
      ...tokenRequest(tokenUrl(server)),
      bodyFile: { path: file, maxBytes: 1000, input: 'api_response_file' }
    })
    expect(response.body.toString()).toBe('{"n":0}')
    expect(response.bodyBytes).toBeUndefined()
    expect(readFileSync(file, 'utf8')).toBe('{"n":0}')
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  test('bodyFile: over its own limit the download stops, naming the input', async () => {
    const file = tempFile('body.json')
    const server = await startServer(bigBody(2 * MAX_BODY_BYTES))
    const { http } = newHttp()
    const error = await rejection(
      http.send({
        ...tokenRequest(tokenUrl(server)),
        bodyFile: { path: file, maxBytes: MAX_BODY_BYTES, input: 'api_response_file' }
      })
    )
    expect(error).toBeInstanceOf(ResponseTooLargeError)
    expect(error.message).toContain('over the 1 MiB limit for api_response_file')
    expect(server.requests).toHaveLength(1)
  })

  test('bodyFile: a file that cannot be written is named, not reported as a network error', async () => {
    const blocker = tempFile('not-a-folder')
    writeFileSync(blocker, '')
    const server = await startServer(sequence(200))
    const { http } = newHttp()
    const error = await rejection(
      http.send({
        ...tokenRequest(tokenUrl(server)),
        bodyFile: { path: join(blocker, 'body.json'), maxBytes: 1000, input: 'api_response_file' }
      })
    )
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toMatch(
      /^Could not write the response body to .*body\.json \(E\w+\)\. Check api_response_file/
    )
    expect(server.requests).toHaveLength(1)
  })
})

describe('Http.send: one bound for the request and its retries (security issue, finding 7)', () => {
  test('a Retry-After longer than the time left is not waited: the response comes back with the limit', async () => {
    const server = await startServer((_req, res) => reply(res, 503, {}, { 'Retry-After': '5' }))
    const { http, log } = newHttp({ timeoutMs: 2000, maxAttempts: 2 })
    const response = await http.send(tokenRequest(tokenUrl(server)))
    expect(response).toMatchObject({ status: 503, attempts: 1, retryAfterMs: 5000 })
    expect(response.retryAfterLimitMs).toBeGreaterThan(2000)
    expect(response.retryAfterLimitMs).toBeLessThanOrEqual(3000)
    expect(server.requests).toHaveLength(1)
    expect(log).not.toHaveBeenCalled()
  })

  test('hanging attempts stop at the bound, which the message names', async () => {
    const server = await startServer(() => {
      // never answers
    })
    // 2 s in all. Backoff at half its ceiling: attempt 1 (0.5 s), wait 0.5 s, attempt 2 (0.5 s);
    // a wait of 1 s would leave no room for attempt 3.
    const { http } = newHttp({ timeoutMs: 500, maxAttempts: 4 }, () => 0.5)
    const started = Date.now()
    const error = await rejection(http.send(tokenRequest(tokenUrl(server))))
    expect(error.message).toMatch(
      /failed after 2 attempts in \d+\.\d s \(the limit for one request with its retries is timeout × max_attempts, 2 s\): no complete answer within 0\.5 s \(timeout\)/
    )
    expect(server.requests).toHaveLength(2)
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})
