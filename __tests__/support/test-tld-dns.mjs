// Preloaded into the action's process by the proxy tests (NODE_OPTIONS=--import): host names
// ending in `.test` (RFC 2606, never real) resolve to 127.0.0.1, so a request that bypasses the
// proxy (no_proxy) reaches the loopback TLS front without any DNS query leaving the machine.
import dns from 'node:dns'

const realLookup = dns.lookup
dns.lookup = function lookup(hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback
  const opts = typeof options === 'object' && options !== null ? options : {}
  if (typeof hostname === 'string' && hostname.endsWith('.test')) {
    process.nextTick(() =>
      opts.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)
    )
    return {}
  }
  return realLookup.call(this, hostname, options, callback)
}
