import { isAbsolute, relative } from 'node:path'
import type { Log, Result, Run } from 'sarif'
import type { Finding } from '../report/review-summary.js'
import { previewJson } from '../common/json.js'
import { formatBytes, sanitize } from '../common/text.js'
import { severityRank } from './decisions.js'

/**
 * The review's SARIF 2.1.0 report, typed by @types/sarif, checked, capped for
 * github/codeql-action/upload-sarif (10 MB gzipped, 25,000 results per run), and read for findings.
 */

/** Far under upload-sarif's 10 MB gzip limit even for incompressible text. */
export const MAX_SARIF_BYTES = 8 * 1024 * 1024
/** upload-sarif refuses a run with more. */
export const MAX_RESULTS_PER_RUN = 25_000

export type ParsedSarif = { ok: true; log: Log } | { ok: false; why: string }

export function parseSarif(body: Buffer): ParsedSarif {
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch {
    return { ok: false, why: `it is not JSON (${body.length} bytes)` }
  }
  const log = value as Partial<Log> | null
  if (log === null || typeof log !== 'object' || Array.isArray(log)) {
    return { ok: false, why: 'it is not a JSON object' }
  }
  if (log.version !== '2.1.0') {
    // Server text: a preview, however long the value.
    return { ok: false, why: `its version is ${previewJson(log.version ?? null, 40)}, not "2.1.0"` }
  }
  if (!Array.isArray(log.runs)) return { ok: false, why: 'it has no runs' }
  return { ok: true, log: log as Log }
}

/** Severity of one result: Code Reviews' own (properties.severity), else from its SARIF level. */
export function resultSeverity(result: Result): string {
  const own = result.properties?.severity
  if (typeof own === 'string' && own.trim() !== '') return own.trim().toUpperCase()
  switch (result.level) {
    case 'error':
      return 'ERROR'
    case 'note':
      return 'INFO'
    case 'none':
      return 'NONE'
    default:
      // SARIF's default level is warning.
      return 'WARNING'
  }
}

export type CappedSarif =
  | { ok: true; log: Log; text: string; kept: number; total: number }
  | { ok: false; why: string; total: number }

/**
 * Keeps the most severe results: at most 25,000 per run, and no more than fit in `maxBytes`
 * with the rest of the document, which is kept whole. When the rest alone is over the cap there
 * is no file to write (upload-sarif would refuse it, and which parts a reader needs is not ours
 * to guess). Sizes are counted without building the text, which is built once, at most
 * `maxBytes` long: memory stays bounded whatever part of the report is large.
 */
export function capSarif(log: Log, maxBytes = MAX_SARIF_BYTES): CappedSarif {
  const total = log.runs.reduce((sum, run) => sum + (run.results?.length ?? 0), 0)
  try {
    return capWithin(log, maxBytes, total)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    // Nested deeper than the stack allows (JSON.stringify would fail the same way).
    return { ok: false, why: 'it is nested too deeply to write out', total }
  }
}

function capWithin(log: Log, maxBytes: number, total: number): CappedSarif {
  const tooLarge = {
    ok: false as const,
    why: `it is over ${formatBytes(maxBytes)} without its results`,
    total
  }
  const withoutResults: Log = {
    ...log,
    runs: log.runs.map(run => (run.results === undefined ? run : { ...run, results: [] }))
  }
  let room = maxBytes - jsonBytesUpTo(withoutResults, maxBytes)
  if (room < 0) return tooLarge
  const ranked = log.runs
    .flatMap((run, index) => (run.results ?? []).map(result => ({ index, result })))
    .map(entry => ({ ...entry, rank: severityRank(resultSeverity(entry.result)) }))
    .sort((a, b) => a.rank - b.rank)
  const kept: Result[][] = log.runs.map(() => [])
  for (const { index, result } of ranked) {
    const results = kept[index]
    if (results.length === MAX_RESULTS_PER_RUN) continue
    const bytes = jsonBytesUpTo(result, room) + (results.length > 0 ? 1 : 0)
    // The most severe first, without gaps: a summary can then say "the N most severe".
    if (bytes > room) break
    results.push(result)
    room -= bytes
  }
  const runs: Run[] = log.runs.map((run, index) =>
    run.results === undefined ? run : { ...run, results: kept[index] }
  )
  const capped: Log = { ...log, runs }
  const text = JSON.stringify(capped)
  if (Buffer.byteLength(text) > maxBytes) return tooLarge
  return { ok: true, log: capped, text, kept: kept.reduce((sum, r) => sum + r.length, 0), total }
}

/**
 * The UTF-8 length of `JSON.stringify(value)` for parsed JSON, or a number over `budget` as soon
 * as it is known to be over: no string longer than the budget is built to find out.
 */
export function jsonBytesUpTo(value: unknown, budget: number): number {
  let used = 0
  const over = () => used > budget
  const visit = (v: unknown): void => {
    if (over()) return
    if (typeof v === 'string') {
      // Every character takes at least one byte: a longer string cannot fit.
      used += v.length > budget ? v.length : Buffer.byteLength(JSON.stringify(v))
    } else if (Array.isArray(v)) {
      used += 2 + Math.max(0, v.length - 1)
      for (const item of v) {
        if (over()) return
        if (item === undefined || typeof item === 'function') used += 4
        else visit(item)
      }
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).filter(
        ([, item]) => item !== undefined && typeof item !== 'function'
      )
      used += 2 + Math.max(0, entries.length - 1)
      for (const [key, item] of entries) {
        if (over()) return
        visit(key)
        used += 1
        visit(item)
      }
    } else {
      used += String(JSON.stringify(v ?? null)).length
    }
  }
  visit(value)
  return used
}

/** Every result as a finding with a path relative to the repository root, most severe first. */
export function sarifFindings(log: Log, workspace: string): Finding[] {
  const findings: Finding[] = []
  for (const run of log.runs) {
    for (const result of run.results ?? []) {
      const location = result.locations?.[0]?.physicalLocation
      const rule = result.ruleId ?? result.rule?.id ?? 'unknown rule'
      const message = result.message?.text ?? result.message?.markdown ?? ''
      const line = location?.region?.startLine
      findings.push({
        severity: resultSeverity(result),
        rule: sanitize(rule, 100),
        message: sanitize(message, 500),
        file: repositoryPath(location?.artifactLocation?.uri, workspace),
        line: typeof line === 'number' && Number.isInteger(line) && line > 0 ? line : undefined
      })
    }
  }
  return findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
}

/** `file:///work/repo/src/a.cls`, `/src/a.cls`, `./src/a.cls` → `src/a.cls`. */
export function repositoryPath(uri: string | undefined, workspace: string): string | undefined {
  if (!uri) return undefined
  let path = uri.replace(/[?#].*$/, '')
  if (/^file:/i.test(path)) {
    try {
      path = decodeURIComponent(new URL(path).pathname)
    } catch {
      return undefined
    }
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    return undefined
  } else {
    try {
      path = decodeURIComponent(path)
    } catch {
      // keep it as written
    }
  }
  if (isAbsolute(path) && workspace && path.startsWith(`${workspace.replace(/\/+$/, '')}/`)) {
    path = relative(workspace, path)
  }
  path = path.replace(/^(\.\/)+/, '').replace(/^\/+/, '')
  if (path === '' || path.split('/').includes('..')) return undefined
  return sanitize(path, 300)
}
