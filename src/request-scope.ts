import { AsyncLocalStorage } from 'node:async_hooks'
import { subscribe } from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'

/**
 * A call into a library that takes no AbortSignal (@actions/cache, and the Azure SDK under it)
 * whose HTTP requests can still be torn down: they all go through node:http, which announces each
 * request on a diagnostics channel in the async context of the code that made it.
 */
export interface RequestScope<T> {
  result: Promise<T>
  /**
   * Destroys the requests in flight and every request the call starts from now on, so a call we
   * stopped waiting for cannot hang on a dead server or keep the process alive for long.
   */
  abandon(errorFor: (request: ClientRequest) => Error): void
}

interface Scope {
  requests: Set<ClientRequest>
  errorFor?: (request: ClientRequest) => Error
}

const scopes = new AsyncLocalStorage<Scope>()
let listening = false

function onRequestStart(message: unknown): void {
  const scope = scopes.getStore()
  if (!scope) return
  const request = (message as { request: ClientRequest }).request
  const errorFor = scope.errorFor
  if (errorFor) {
    // Announced from inside the request's constructor: let the caller attach its error handler.
    process.nextTick(() => request.destroy(errorFor(request)))
    return
  }
  scope.requests.add(request)
  request.once('close', () => scope.requests.delete(request))
}

export function runInRequestScope<T>(work: () => Promise<T>): RequestScope<T> {
  if (!listening) {
    subscribe('http.client.request.start', onRequestStart)
    listening = true
  }
  const scope: Scope = { requests: new Set() }
  const result = scopes.run(scope, work)
  return {
    result,
    abandon(errorFor) {
      if (scope.errorFor) return
      scope.errorFor = errorFor
      for (const request of scope.requests) request.destroy(errorFor(request))
      scope.requests.clear()
    }
  }
}
