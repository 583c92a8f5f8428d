// Preloaded into the action's process by tests that hand out github.com-style cache download URLs
// (NODE_OPTIONS=--import): those hosts must be reached through the test's loopback proxy, never
// looked up. A lookup of a name under blob.core.windows.net fails here with ENOTFOUND, so a request
// that bypassed the proxy fails the test instead of sending a DNS query off the machine.
import dns from 'node:dns'

const realLookup = dns.lookup
dns.lookup = function lookup(hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback
  if (typeof hostname === 'string' && /(^|\.)blob\.core\.windows\.net\.?$/i.test(hostname)) {
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
