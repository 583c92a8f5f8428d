import { isAbsolute, relative } from 'node:path'
import type { Log, Result, Run } from 'sarif'
import type { Finding } from '../report/review-summary.js'
import { sanitize } from '../common/text.js'
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
    return { ok: false, why: `its version is ${JSON.stringify(log.version ?? null)}, not "2.1.0"` }
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

export interface CappedSarif {
  log: Log
  text: string
  kept: number
  total: number
}

/**
 * Keeps the most severe results: at most 25,000 per run, then fewer until the file is under
 * `maxBytes`. A report cut short says so in the summary; upload-sarif would refuse it whole.
 */
export function capSarif(log: Log, maxBytes = MAX_SARIF_BYTES): CappedSarif {
  const total = log.runs.reduce((sum, run) => sum + (run.results?.length ?? 0), 0)
  const sorted = log.runs.map(run => ({
    run,
    results: [...(run.results ?? [])].sort(
      (a, b) => severityRank(resultSeverity(a)) - severityRank(resultSeverity(b))
    )
  }))
  let limit = MAX_RESULTS_PER_RUN
  for (;;) {
    const runs: Run[] = sorted.map(({ run, results }) =>
      run.results === undefined ? run : { ...run, results: results.slice(0, limit) }
    )
    const capped: Log = { ...log, runs }
    const text = JSON.stringify(capped)
    const kept = runs.reduce((sum, run) => sum + (run.results?.length ?? 0), 0)
    if (Buffer.byteLength(text) <= maxBytes || limit === 0) {
      return { log: capped, text, kept, total }
    }
    limit = Math.floor(Math.min(limit, Math.max(...runs.map(r => r.results?.length ?? 0))) / 2)
  }
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
