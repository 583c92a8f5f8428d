import { afterAll, afterEach } from '@jest/globals'
import { takeSchemaViolations } from './review-service.mjs'
import {
  cleanupRuns,
  parseWorkflowCommands,
  runAction,
  type RunOptions,
  type RunResult
} from './action-runner.mjs'

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

/** Fragments this long (consecutive characters of a secret) count as leaks, as the whole does. */
export const MIN_FRAGMENT = 8

/** RFC 3986 percent-encoding, as the runner's URI-escaped mask does it (.NET EscapeDataString). */
function strictUriEscape(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

function xmlEscape(s: string): string {
  return s.replace(
    /[&<>"']/g,
    c => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`
  )
}

/** What the runner hides once a value is masked: the value, each of its lines, and encodings. */
function runnerMaskedForms(value: string): string[] {
  return [
    value,
    ...value.split(/\r?\n/),
    Buffer.from(value).toString('base64'),
    JSON.stringify(value).slice(1, -1),
    strictUriEscape(value),
    xmlEscape(value)
  ].filter(f => f !== '')
}

/**
 * Stdout as a reader of the step's log sees it, one entry per line: workflow commands shown as
 * their message (and properties), `::add-mask::` lines hidden, and from each mask line on, the
 * masked values (and the forms the runner masks with them) replaced by `***`.
 */
export function shownStdout(stdout: string): Array<{ line: number; text: string }> {
  const commands = new Map(parseWorkflowCommands(stdout).map(c => [c.line, c]))
  const masked: string[] = []
  const shown: Array<{ line: number; text: string }> = []
  stdout.split('\n').forEach((raw, i) => {
    const command = commands.get(i + 1)
    if (command?.command === 'add-mask') {
      masked.push(...runnerMaskedForms(command.message))
      masked.sort((a, b) => b.length - a.length)
      return
    }
    let text = command
      ? [command.message, ...Object.values(command.properties)].join(' ')
      : raw.replace(/\r$/, '')
    for (const value of masked) text = text.split(value).join('***')
    shown.push({ line: i + 1, text })
  })
  return shown
}

/** `\/`, `\"` and `\\` read as the characters they escape, as a reader of JSON would. */
function jsonUnescaped(text: string): string {
  return text.replace(/\\(["\\/])/g, '$1')
}

/** Maximal runs of MIN_FRAGMENT or more characters of `text` that are consecutive characters of a form. */
function fragmentRuns(text: string, forms: string[]): string[] {
  const runs: string[] = []
  const index = new Map<string, Array<[string, number]>>()
  for (const form of forms) {
    for (let at = 0; at + MIN_FRAGMENT <= form.length; at++) {
      const piece = form.slice(at, at + MIN_FRAGMENT)
      index.set(piece, [...(index.get(piece) ?? []), [form, at]])
    }
  }
  let covered = 0
  for (let i = 0; i + MIN_FRAGMENT <= text.length; i++) {
    const hits = index.get(text.slice(i, i + MIN_FRAGMENT))
    if (!hits || i < covered) continue
    let end = i + MIN_FRAGMENT
    for (const [form, at] of hits) {
      let k = MIN_FRAGMENT
      while (i + k < text.length && at + k < form.length && text[i + k] === form[at + k]) k++
      end = Math.max(end, i + k)
    }
    runs.push(text.slice(i, end))
    covered = end
  }
  return runs
}

/**
 * Where each secret shows up where it must not. Stdout may hold a secret only on or after the
 * line that masks it (the runner masks from the moment it reads `::add-mask::`); stderr, the step
 * summary and workspace files never. Encodings the runner does not mask are banned everywhere.
 * A fragment (MIN_FRAGMENT or more consecutive characters of a secret, also JSON-escaped or with
 * its control characters turned into spaces) is a leak anywhere, the runner's masking
 * notwithstanding: it masks whole values only.
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
  const shown = shownStdout(result.stdout)
  const others: Place[] = [
    { name: 'stderr', text: result.stderr },
    { name: 'step summary', text: result.summary },
    ...Object.entries(result.workspaceFiles).map(([path, text]) => ({
      name: `workspace file ${JSON.stringify(path)}`,
      text
    }))
  ]
  // Stdout as the log shows it: the runner's own escaping (%25, %0A in commands) is undone.
  const everywhere: Place[] = [
    { name: 'stdout', text: shown.map(l => l.text).join('\n') },
    ...others
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
    for (const place of others) {
      for (const at of offsets(place.text, secret.value)) {
        leaks.push(`${who} appears in ${place.name} at offset ${at}`)
      }
    }
    for (const enc of UNMASKED_ENCODINGS) {
      const encoded = enc.encode(secret.value)
      if (encoded === secret.value) continue
      for (const place of everywhere) {
        for (const at of offsets(place.text, encoded, enc.ignoreCase)) {
          leaks.push(`${who} appears ${enc.name} in ${place.name} at offset ${at}`)
        }
      }
    }
    if (secret.value.length >= MIN_FRAGMENT) leaks.push(...fragmentLeaks(secret.value, who))
  })
  return leaks

  function fragmentLeaks(value: string, who: string): string[] {
    // eslint-disable-next-line no-control-regex
    const forms = [...new Set([value, value.replace(/[\u0000-\u001f\u007f]+/g, ' ')])]
    const found: string[] = []
    const places = [...shown.map(l => ({ name: `stdout line ${l.line}`, text: l.text })), ...others]
    for (const place of places) {
      const seen = new Set<string>()
      for (const [text, how] of [
        [place.text, ''],
        [jsonUnescaped(place.text), ' (JSON-unescaped)']
      ] as const) {
        for (const run of fragmentRuns(text, forms)) {
          // The whole value is the checks' above: they know where the runner masks it.
          if (seen.has(run)) continue
          seen.add(run)
          if (run === value && !how) continue
          found.push(
            `${who}: a fragment of ${run.length} characters appears in ${place.name}${how} at offset ${text.indexOf(run)}`
          )
        }
      }
    }
    return found
  }
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
    // The review stand-in answers 500 instead of an answer the schema does not have; a test that
    // expects a failure would not notice, this does.
    const invalid = takeSchemaViolations()
    if (invalid.length > 0) {
      throw new Error(`The review stand-in broke the schema:\n  ${invalid.join('\n  ')}`)
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
