// What a failed attempt looked like, in words for the person reading the failed job.

/** Our own deadline for one attempt (connect, send, read the last byte) ran out. */
export class DeadlineError extends Error {
  readonly code = 'DEADLINE'
}

export function describeNetworkError(error: unknown, url: URL, timeoutMs: number): string {
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  // The toolkit's proxy tunnel reports a dead proxy as a reset: name the proxy, not the host.
  if (message.startsWith('tunneling socket could not be established')) {
    const cause = message.replace(/^tunneling socket could not be established,\s*/, '')
    return `the proxy from https_proxy/http_proxy could not open a tunnel to ${url.host} (${cause}). Check the proxy settings, or add the host to no_proxy`
  }
  switch (code) {
    case 'DEADLINE':
      return `no complete answer within ${timeoutMs / 1000} s (timeout)`
    case 'ENOTFOUND':
      return `the host name ${url.hostname} does not resolve (ENOTFOUND). Check base_url / token_url for a typo`
    case 'ECONNREFUSED':
      return `connection refused by ${url.host} (ECONNREFUSED)`
    case 'ECONNRESET':
      return `the connection was closed before the answer was complete (ECONNRESET)`
    case undefined:
      return `network error (${(error as Error).message ?? String(error)})`
    default:
      return `network error ${code}`
  }
}
