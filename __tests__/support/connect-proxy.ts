// A loopback CONNECT proxy and a TLS front for end-to-end tests of proxy support: the action asks
// the proxy for a tunnel to an https host, the proxy connects every tunnel to the TLS front, and
// the front ends TLS with a self-signed certificate (trusted by the action through
// NODE_EXTRA_CA_CERTS) and pipes the plain bytes to a loopback HTTP server (the fake Clayton).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer as createTlsServer } from 'node:tls'
import { listenOnLoopback, type Listening } from './listen-on-loopback.js'

export interface TestCertificate {
  /** PEM file of the certificate: the value for NODE_EXTRA_CA_CERTS. */
  certFile: string
  cert: string
  key: string
  remove(): void
}

/** A self-signed certificate for `hostname`, made with openssl for this test run (1 day). */
export function makeTestCertificate(hostname: string): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'proxy-cert-'))
  const certFile = join(dir, 'cert.pem')
  const keyFile = join(dir, 'key.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      `/CN=${hostname}`,
      '-addext',
      `subjectAltName=DNS:${hostname}`
    ],
    { stdio: 'ignore' }
  )
  return {
    certFile,
    cert: readFileSync(certFile, 'utf8'),
    key: readFileSync(keyFile, 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Ends TLS on 127.0.0.1 and forwards every connection's plain bytes to 127.0.0.1:`targetPort`. */
export async function startTlsFront(
  certificate: TestCertificate,
  targetPort: number
): Promise<Listening> {
  // Closing destroys the connections; each one's end() then destroys its upstream.
  const server = createTlsServer({ cert: certificate.cert, key: certificate.key }, tls => {
    const upstream = connect(targetPort, '127.0.0.1')
    tls.pipe(upstream).pipe(tls)
    const end = () => {
      tls.destroy()
      upstream.destroy()
    }
    tls.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  })
  return listenOnLoopback(server)
}

export interface ConnectProxy extends Listening {
  /** The proxy URL, for https_proxy. */
  url: string
  /** Every CONNECT target asked for (`host:port`), in order. */
  tunnels: string[]
  /** Requests that were not CONNECT (plain-http proxying, which this proxy refuses). */
  refused: string[]
}

/** A CONNECT proxy on 127.0.0.1 that sends every tunnel, whatever its host, to `tunnelPort`. */
export async function startConnectProxy(tunnelPort: number): Promise<ConnectProxy> {
  const tunnels: string[] = []
  const refused: string[] = []
  const server = createHttpServer((req, res) => {
    refused.push(`${req.method} ${req.url}`)
    res.writeHead(405).end()
  })
  server.on('connect', (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '')
    const upstream = connect(tunnelPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client).pipe(upstream)
    })
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  })
  const listening = await listenOnLoopback(server)
  return { ...listening, url: listening.origin, tunnels, refused }
}
