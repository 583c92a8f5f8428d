// A recording HTTP server on loopback for unit tests, torn down after the test; it listens the
// way every test server does (listen-on-loopback.ts).
import { afterEach } from '@jest/globals'
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import { listenOnLoopback, type Listening } from './listen-on-loopback.js'

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
