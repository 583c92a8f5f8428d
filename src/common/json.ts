import { cut, cutWindow } from './text.js'

/**
 * A body as JSON text. A leading UTF-8 byte order mark is dropped: some servers (often on Windows)
 * send one, RFC 8259 §8.1 lets a parser ignore it, and JSON.parse would refuse it.
 */
export function jsonText(body: Buffer): string {
  const text = body.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** A response body as a JSON object, or undefined for anything else (not JSON, an array, null). */
export function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(jsonText(body))
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** A value as it appears in messages: JSON, cut short and redacted. */
export function previewJson(value: unknown, max = 200): string {
  // A long string shows only its start: quote that, not a copy of the whole (a 50 MiB value).
  const shown = typeof value === 'string' ? cutWindow(value, max) : value
  return cut(shown === undefined ? 'null' : JSON.stringify(shown), max)
}
