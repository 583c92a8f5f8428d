import { cut } from './text.js'

/** A response body as a JSON object, or undefined for anything else (not JSON, an array, null). */
export function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'))
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** A value as it appears in messages: JSON, redacted, then cut short. */
export function previewJson(value: unknown, max = 200): string {
  return cut(value === undefined ? 'null' : JSON.stringify(value), max)
}
