// The body of a response read with bounded memory, whatever the server sends; optionally to a file.
import { closeSync, fchmodSync, mkdirSync, openSync, writeSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { dirname } from 'node:path'
import { ActionError, ResponseTooLargeError } from '../common/errors.js'
import { formatBytes, formatSize } from '../common/text.js'
import { describeUrl } from '../common/url.js'

/** Token, revocation and secret responses are small: a server sending more is broken or hostile. */
export const MAX_BODY_BYTES = 1024 * 1024

/** Where a body goes as it arrives (mode 0600), up to maxBytes; `input` names it in messages. */
export interface BodyFile {
  path: string
  maxBytes: number
  input: string
}

/** What reading a body needs of the request (see HttpRequest in client.ts). */
export interface BodyRequest {
  method: string
  url: URL
  label: string
  maxBodyBytes?: number
  bodyFile?: BodyFile
}

/**
 * Reads the body with memory bounded by maxBodyBytes whatever the server sends: over it, either
 * the request fails (the socket is dropped unread) or, with bodyFile, the rest only goes to disk.
 */
export async function readBody(
  message: IncomingMessage,
  request: BodyRequest
): Promise<{ head: Buffer; bytes: number }> {
  const keep = request.maxBodyBytes ?? MAX_BODY_BYTES
  const file = request.bodyFile
  // A HEAD answer declares the length of a body it does not send.
  const declared = request.method === 'HEAD' ? NaN : Number(message.headers['content-length'])
  // `length`: the size from Content-Length, before reading; else the limit was crossed mid-body.
  const tooLarge = (limit: number, what: string, length?: number) => {
    message.destroy()
    const size =
      length === undefined
        ? `over the ${formatBytes(limit)} limit ${what}; the rest was not read`
        : `${formatSize(length)} (Content-Length), over the ${formatBytes(limit)} limit ${what}; it was not read`
    return new ResponseTooLargeError(
      `${request.label} to ${describeUrl(request.url)} failed: the response body is ${size}. No token endpoint or API the action is meant for answers this much: check the URL.`
    )
  }
  if (!file && Number.isFinite(declared) && declared > keep) {
    throw tooLarge(keep, 'for this response', declared)
  }
  if (file && Number.isFinite(declared) && declared > file.maxBytes) {
    throw tooLarge(file.maxBytes, `for ${file.input}`, declared)
  }
  const chunks: Buffer[] = []
  let kept = 0
  let bytes = 0
  const fd = file ? openBodyFile(file, message) : undefined
  try {
    // Each chunk is in the file before the next is read: memory stays flat. The writes are
    // synchronous (a local file): async ones would start libuv's thread pool for them, a cost
    // measured on every run with an API call (README, Performance).
    await eachChunk(message, chunk => {
      bytes += chunk.length
      if (fd !== undefined && file) {
        if (bytes > file.maxBytes) {
          throw tooLarge(file.maxBytes, `for ${file.input}`)
        }
        writeWhole(fd, chunk, file)
      } else if (bytes > keep) {
        throw tooLarge(keep, 'for this response')
      }
      if (kept < keep) {
        const part = kept + chunk.length <= keep ? chunk : chunk.subarray(0, keep - kept)
        chunks.push(part)
        kept += part.length
      }
    })
  } catch (error) {
    if (error instanceof ActionError) {
      message.destroy()
      throw error
    }
    throw Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' })
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  // A body cut short of its Content-Length ends without an error event on some Node versions.
  if (!message.complete) {
    throw Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' })
  }
  return { head: Buffer.concat(chunks), bytes }
}

/**
 * Hands each chunk of the body to `take` as it arrives; resolves when the body ends or the
 * connection closes (the caller tells the two apart by `complete`), rejects with the error of the
 * stream or the first one `take` throws, after which no chunk is taken. Events rather than
 * `for await`: the async iterator's machinery cost about 0.5 ms of every run, for one chunk.
 */
function eachChunk(message: IncomingMessage, take: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      message.off('data', onData)
      reject(error)
    }
    const onData = (chunk: Buffer) => {
      try {
        take(chunk)
      } catch (error) {
        fail(error)
      }
    }
    message.on('data', onData)
    message.once('end', () => resolve())
    message.once('close', () => resolve())
    message.on('error', fail)
  })
}

/** Created 0600, and made so if it already existed: the body may hold what the token can read. */
function openBodyFile(file: BodyFile, message: IncomingMessage): number {
  let fd: number | undefined
  try {
    mkdirSync(dirname(file.path), { recursive: true })
    fd = openSync(file.path, 'w', 0o600)
    fchmodSync(fd, 0o600)
    return fd
  } catch (error) {
    if (fd !== undefined) closeSync(fd)
    message.destroy()
    throw fileError(file, error)
  }
}

/** writeSync may write less than it is given (a full disk, a signal): the rest goes after it. */
function writeWhole(fd: number, chunk: Buffer, file: BodyFile): void {
  try {
    for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at)
  } catch (error) {
    throw fileError(file, error)
  }
}

function fileError(file: BodyFile, error: unknown): ActionError {
  const code = (error as { code?: string }).code ?? String(error)
  return new ActionError(
    `Could not write the response body to ${file.path} (${code}). Check ${file.input}: its folder must be writable by the runner.`
  )
}
