// The one loopback-server helper of the tests: listenOnLoopback for every server (stand-ins,
// proxies, TLS), startServer for a recording HTTP server torn down after the test.
import { afterEach } from '@jest/globals'
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { Server, Socket } from 'node:net'

export interface RecordedCall {
  method?: string
  url?: string
  headers: IncomingHttpHeaders
  body: string
  /** Date.now() when the request arrived. */
  at: number
}

export interface LoopbackServer extends Listening {
  requests: RecordedCall[]
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

/** A server listening on loopback: where it is, and how to end it. */
export interface Listening {
  /** `http://127.0.0.1:<port>`: the origin of an HTTP server. */
  origin: string
  port: number
  /** TCP connections accepted so far. */
  connections: () => number
  /** Destroys every open socket (ending hanging or trickling responses), then closes; idempotent. */
  close: () => Promise<void>
}

/**
 * The one way test servers listen (HTTP, TLS, proxies, stand-ins): on 127.0.0.1, never any other
 * address, port 0 picking a free one; the sockets are tracked so that close() ends them too.
 */
export function listenOnLoopback(server: Server, port = 0): Promise<Listening> {
  const sockets = new Set<Socket>()
  let connections = 0
  server.on('connection', (socket: Socket) => {
    connections++
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= new Promise<void>(resolve => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    }))
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      const address = server.address()
      if (address === null || typeof address === 'string') return reject(new Error('no port'))
      resolve({
        origin: `http://127.0.0.1:${address.port}`,
        port: address.port,
        connections: () => connections,
        close
      })
    })
  })
}

/** A recording HTTP server on loopback (see listenOnLoopback), closed after the current test. */
export async function startServer(handler: Handler, port = 0): Promise<LoopbackServer> {
  const requests: RecordedCall[] = []
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
  const listening = await listenOnLoopback(server, port)
  afterThisTest(listening.close)
  return { ...listening, requests }
}
