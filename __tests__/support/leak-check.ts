import { afterAll, afterEach } from '@jest/globals'
import {
  cleanupRuns,
  parseWorkflowCommands,
  runAction,
  type RunOptions,
  type RunResult
} from './action-runner.js'

/** A secret with a label naming where it came from; the label must not contain the secret. */
export interface LabelledSecret {
  value: string
  label: string
}

type SecretInput = string | LabelledSecret

interface Place {
  name: string
  text: string
}

// The runner masks base64, JSON-, URI- and XML-escaped forms, but not these.
const UNMASKED_ENCODINGS: { name: string; encode: (s: string) => string; ignoreCase?: boolean }[] =
  [
    { name: 'form-urlencoded', encode: s => new URLSearchParams({ x: s }).toString().slice(2) },
    { name: 'hex-encoded', encode: s => Buffer.from(s, 'utf8').toString('hex'), ignoreCase: true },
    { name: 'base64url-encoded', encode: s => Buffer.from(s, 'utf8').toString('base64url') }
  ]

function offsets(haystack: string, needle: string, ignoreCase = false): number[] {
  const h = ignoreCase ? haystack.toLowerCase() : haystack
  const n = ignoreCase ? needle.toLowerCase() : needle
  const found: number[] = []
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) found.push(i)
  return found
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** 1-based line number of a character offset. */
function lineOf(starts: number[], offset: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid] <= offset) lo = mid
    else hi = mid - 1
  }
  return lo + 1
}

function normalise(secrets: Iterable<SecretInput>): LabelledSecret[] {
  const seen = new Set<string>()
  const list: LabelledSecret[] = []
  for (const s of secrets) {
    const item = typeof s === 'string' ? { value: s, label: '' } : s
    if (item.value === '' || seen.has(item.value)) continue
    seen.add(item.value)
    list.push(item)
  }
  return list
}

/**
 * Where each secret shows up where it must not. Stdout may hold a secret only on or after the
 * line that masks it (the runner masks from the moment it reads `::add-mask::`); stderr, the step
 * summary and workspace files never. Encodings the runner does not mask are banned everywhere.
 */
export function findLeaks(
  result: Pick<RunResult, 'stdout' | 'stderr' | 'summary' | 'workspaceFiles'>,
  secrets: Iterable<SecretInput>
): string[] {
  const leaks: string[] = []
  const stdoutLines = lineStarts(result.stdout)
  const rawLines = result.stdout.split('\n')
  const commands = parseWorkflowCommands(result.stdout)
  const maskCommandLines = new Set(commands.filter(c => c.command === 'add-mask').map(c => c.line))
  const everywhere: Place[] = [
    { name: 'stdout', text: result.stdout },
    { name: 'stderr', text: result.stderr },
    { name: 'step summary', text: result.summary },
    ...Object.entries(result.workspaceFiles).map(([path, text]) => ({
      name: `workspace file ${JSON.stringify(path)}`,
      text
    }))
  ]

  normalise(secrets).forEach((secret, index) => {
    const who = `secret #${index + 1}${secret.label ? ` (${secret.label})` : ''} (length ${secret.value.length})`
    const maskLine = commands.find(
      c =>
        c.command === 'add-mask' &&
        (c.message === secret.value || c.message.split(/\r?\n/).includes(secret.value))
    )?.line

    for (const at of offsets(result.stdout, secret.value)) {
      const line = lineOf(stdoutLines, at)
      if (maskLine !== undefined && line >= maskLine) continue
      // The runner never echoes ::add-mask:: lines to the log.
      if (maskCommandLines.has(line)) continue
      const why =
        maskLine === undefined ? 'and is never masked' : `before its mask on line ${maskLine}`
      leaks.push(`${who} appears in stdout at offset ${at} (line ${line}) ${why}`)
    }
    // The runner shows command messages unescaped, so an escaped secret leaks there too.
    for (const c of commands) {
      if (c.command === 'add-mask' || (maskLine !== undefined && c.line >= maskLine)) continue
      if (rawLines[c.line - 1].includes(secret.value)) continue // reported above
      if ([c.message, ...Object.values(c.properties)].some(t => t.includes(secret.value))) {
        leaks.push(
          `${who} appears escaped in the ::${c.command}:: command on stdout line ${c.line}`
        )
      }
    }
    for (const place of everywhere.slice(1)) {
      for (const at of offsets(place.text, secret.value)) {
        leaks.push(`${who} appears in ${place.name} at offset ${at}`)
      }
    }
    for (const enc of UNMASKED_ENCODINGS) {
      const encoded = enc.encode(secret.value)
      if (encoded === secret.value) continue
      for (const place of everywhere) {
        for (const at of offsets(place.text, encoded, enc.ignoreCase)) {
          // The runner never echoes ::add-mask:: lines, whose escaping (%0A) can look form-encoded.
          if (place.name === 'stdout' && maskCommandLines.has(lineOf(stdoutLines, at))) continue
          leaks.push(`${who} appears ${enc.name} in ${place.name} at offset ${at}`)
        }
      }
    }
  })
  return leaks
}

/** Inputs and outputs of the action that hold credentials: checked without a test asking. */
export const SECRET_INPUTS = [
  'client_secret',
  'refresh_token',
  'code',
  'access_token',
  'github_token'
]
export const SECRET_OUTPUTS = ['access_token', 'refresh_token']

export interface RecordedRun {
  opts: RunOptions
  result: RunResult
}

/** Leak descriptions for a test's runs; every run is checked against the secrets of all of them. */
export function leakReport(
  runs: RecordedRun[],
  extra: Iterable<SecretInput>,
  sources: Iterable<SecretInput>
): string[] {
  const secrets: LabelledSecret[] = []
  const add = (items: Iterable<SecretInput>, label: string): void => {
    for (const s of items) secrets.push(typeof s === 'string' ? { value: s, label } : s)
  }
  add(sources, 'from secretSources')
  add(extra, 'from addSecret')
  runs.forEach(({ opts, result }, i) => {
    for (const name of SECRET_INPUTS) {
      const value = opts.inputs?.[name]
      if (value) secrets.push({ value, label: `input ${name} of run ${i + 1}` })
    }
    for (const name of SECRET_OUTPUTS) {
      const value = result.outputs[name]
      if (value) secrets.push({ value, label: `output ${name} of run ${i + 1}` })
    }
  })
  const report: string[] = []
  runs.forEach(({ result }, i) => {
    for (const leak of findLeaks(result, secrets)) report.push(`run ${i + 1}: ${leak}`)
  })
  return report
}

export interface ActionRunner {
  run(opts?: RunOptions): Promise<RunResult>
  addSecret(...values: string[]): void
}

/**
 * Call at the top of a test file or describe block. Every run is leak-checked after each test,
 * so no test can forget it; folders are removed after all tests.
 */
export function useActionRunner(secretSources: () => Iterable<string>): ActionRunner {
  let runs: RecordedRun[] = []
  let extra: string[] = []

  afterEach(() => {
    const these = runs
    const added = extra
    runs = []
    extra = []
    if (these.length === 0) return
    const report = leakReport(these, added, secretSources())
    if (report.length > 0) {
      throw new Error(`Secrets leaked (${report.length}):\n  ${report.join('\n  ')}`)
    }
  })
  afterAll(() => cleanupRuns())

  return {
    async run(opts: RunOptions = {}): Promise<RunResult> {
      const result = await runAction(opts)
      runs.push({ opts, result })
      return result
    },
    addSecret(...values: string[]): void {
      extra.push(...values)
    }
  }
}
