// The one way test servers listen (HTTP, TLS, proxies, stand-ins). Free of jest, so that a
// stand-in built on it also runs outside the tests (the bench bundles the cache service's).
import type { Server, Socket } from 'node:net'

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
