import { AsyncLocalStorage } from 'node:async_hooks'
import { subscribe } from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'

/**
 * A call into a library that takes no AbortSignal and reports failure only by printing
 * (@actions/cache, and the Azure SDK under it). Everything the call does is recognised by the
 * async context it runs in: its HTTP requests, announced by node:http on a diagnostics channel,
 * and its writes to stdout.
 */
export interface LibraryCall<T> {
  result: Promise<T>
  /** What the call printed so far instead of stdout. */
  output(): HeldOutput
  /**
   * The status of each HTTP response the call received, by request path: the library turns most
   * failures into the same return value, and the status is what tells them apart.
   */
  responses(): Array<{ path: string; status: number }>
  /**
   * Stop waiting for the call: its requests in flight and any it starts later are destroyed, so
   * it cannot hang on a dead server or keep the process alive for long. What it prints from now
   * on (the failures we caused) is still held, and never reported.
   */
  abandon(errorFor: (request: ClientRequest) => Error): void
}

/**
 * @actions/cache answers a failure like a miss after a core.warning or core.error, so the caller
 * could not tell a dead service from an empty cache, and the person reading the log would get the
 * library's words without what they mean for this step. Those are held here to be reported once,
 * by the caller; plain progress lines are held as detail. Other workflow commands (add-mask above
 * all) go through untouched.
 */
export interface HeldOutput {
  /** First line of each warning or error, unescaped. */
  problems: string[]
  lines: string[]
}

interface Call {
  requests: Set<ClientRequest>
  held: HeldOutput
  responses: Array<{ path: string; status: number }>
  errorFor?: (request: ClientRequest) => Error
}

const calls = new AsyncLocalStorage<Call>()
// A response is announced from the socket's parser, outside the call's async context.
const owners = new WeakMap<ClientRequest, Call>()
let listening = false
let stdoutWrite: typeof process.stdout.write | undefined

export function startLibraryCall<T>(work: () => Promise<T>): LibraryCall<T> {
  if (!listening) {
    subscribe('http.client.request.start', onRequestStart)
    subscribe('http.client.response.finish', onResponse)
    listening = true
  }
  // Checked on every call: something else (a test's spy) may have replaced stdout.write since.
  if (process.stdout.write !== stdoutWrite) stdoutWrite = holdWrites(process.stdout.write)
  const call: Call = { requests: new Set(), held: { problems: [], lines: [] }, responses: [] }
  return {
    result: calls.run(call, work),
    output: () => ({ problems: [...call.held.problems], lines: [...call.held.lines] }),
    responses: () => [...call.responses],
    abandon(errorFor) {
      if (call.errorFor) return
      call.errorFor = errorFor
      for (const request of call.requests) request.destroy(errorFor(request))
      call.requests.clear()
    }
  }
}

function onRequestStart(message: unknown): void {
  const call = calls.getStore()
  if (!call) return
  const request = (message as { request: ClientRequest }).request
  const errorFor = call.errorFor
  if (errorFor) {
    // Announced from inside the request's constructor: let the caller attach its error handler.
    process.nextTick(() => request.destroy(errorFor(request)))
    return
  }
  call.requests.add(request)
  owners.set(request, call)
  request.once('close', () => call.requests.delete(request))
}

function onResponse(message: unknown): void {
  const { request, response } = message as {
    request: ClientRequest
    response: { statusCode?: number }
  }
  const call = owners.get(request)
  if (call && !call.errorFor && response.statusCode !== undefined) {
    call.responses.push({ path: request.path, status: response.statusCode })
  }
}

const PROBLEM = /^::(?:warning|error)(?: [^:]*)?::(.*)$/s

function holdWrites(original: typeof process.stdout.write): typeof process.stdout.write {
  const stdout = process.stdout
  const write = function (chunk: unknown, ...rest: unknown[]): boolean {
    const call = calls.getStore()
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString()
    const line = text.replace(/\r?\n$/, '')
    const problem = PROBLEM.exec(line)
    if (!call || (!problem && line.startsWith('::'))) {
      return (original as (...args: unknown[]) => boolean).call(stdout, chunk, ...rest)
    }
    if (problem) call.held.problems.push(unescapeData(problem[1]).split('\n')[0].trim())
    else call.held.lines.push(...line.split(/\r?\n/).filter(part => part.trim() !== ''))
    const callback = rest.find(arg => typeof arg === 'function') as (() => void) | undefined
    if (callback) process.nextTick(callback)
    return true
  }
  stdout.write = write as typeof stdout.write
  return stdout.write
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}
