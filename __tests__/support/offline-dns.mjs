// Preloaded into the action's process by tests (NODE_OPTIONS=--import): host names ending in
// `.invalid` fail with ENOTFOUND here, so the "typo in base_url" path is tested without any DNS
// query leaving the machine. Every other name goes to the real lookup (loopback names only, in tests).
import dns from 'node:dns'

const realLookup = dns.lookup
dns.lookup = function lookup(hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback
  if (typeof hostname === 'string' && hostname.endsWith('.invalid')) {
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: 'ENOTFOUND',
      errno: -3008,
      syscall: 'getaddrinfo',
      hostname
    })
    process.nextTick(() => cb(error))
    return {}
  }
  return realLookup.call(this, hostname, options, callback)
}
