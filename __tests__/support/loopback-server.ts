import { afterEach } from '@jest/globals'
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { Socket } from 'node:net'

/** A plain loopback HTTP server for unit tests of the HTTP shells, torn down after each test. */
export interface RecordedCall {
  method?: string
  url?: string
  headers: IncomingHttpHeaders
  body: string
  /** Date.now() when the request arrived. */
  at: number
}

export interface LoopbackServer {
  origin: string
  port: number
  requests: RecordedCall[]
  /** TCP connections accepted so far. */
  connections: () => number
  close: () => Promise<void>
}

/** Called once the request body has been read; `index` counts requests from 0. */
export type Handler = (req: IncomingMessage, res: ServerResponse, index: number) => void

const cleanups: Array<() => Promise<void> | void> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Runs after the current test, newest first: for servers, clients and anything else opened. */
export function afterThisTest(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup)
}

/** Listens on 127.0.0.1 (never any other address); `port` 0 picks a free one. */
export function startServer(handler: Handler, port = 0): Promise<LoopbackServer> {
  const requests: RecordedCall[] = []
  const sockets = new Set<Socket>()
  let connections = 0
  const server = createServer((req, res) => {
    const index = requests.length
    const record: RecordedCall = {
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: '',
      at: Date.now()
    }
    requests.push(record)
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      record.body = Buffer.concat(chunks).toString('utf8')
      handler(req, res, index)
    })
  })
  server.on('connection', socket => {
    connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    // Destroying the sockets also ends hanging or trickling responses.
    for (const socket of sockets) socket.destroy()
    await new Promise<void>(resolve => server.close(() => resolve()))
  }
  afterThisTest(close)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') return reject(new Error('no port'))
      resolve({
        origin: `http://127.0.0.1:${address.port}`,
        port: address.port,
        requests,
        connections: () => connections,
        close
      })
    })
  })
}
