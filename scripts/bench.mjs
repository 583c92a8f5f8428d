// `npm run bench`: start-up, requests and waiting of the bundled action, against budgets.
//
// Loopback only. Every timing spawns the action (dist/index.js) with Node 24, the runtime GitHub
// uses for `node24` actions, interleaved (A B A B ...) with bare Node 24 (`node -e 0`) in the same
// group, and reports median and min–max of the wall time from spawn to exit. Prints the tables
// and writes them as Markdown to .bench/results.md for the README's Performance section. Exits 0
// when every figure was measured (budgets missed included: they are shown, not hidden), 1 when a
// scenario could not run as expected.
import { execFile, execFileSync, spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { renderMarkdown, renderText } from './bench/report.mjs'
import { startReviewFront } from './bench/review-front.mjs'
import { NODE24, ROOT, inputDefaults, runAction } from './run-action.mjs'
import { startStandIn } from './stand-in.mjs'

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 20)
const SEQUENTIAL_RUNS = 10
const BUDGET = {
  loadOverFloorMs: 10,
  refreshOverheadMs: 100,
  connections: 1,
  warmTokenRequests: 0,
  cacheOnTokenRequests: 1,
  gateIntervalS: 1,
  retryAfterS: 2
}
/** Moments (s after the step starts) at which the gate's review becomes ready, one per repetition. */
const GATE_READY_AT_S = [2.5, 2.2, 2.8, 2.5]
/** Timer slack allowed when checking poll spacing, in ms. */
const SPACING_SLACK_MS = 5
const DIST = join(ROOT, 'dist')
const FAKE_CACHE_SOURCE = join(ROOT, '__tests__', 'support', 'fake-cache-service.ts')
const HERE = join(ROOT, 'scripts', 'bench')

/** Code that must load only when the run uses it, found in dist/ by a string only it contains. */
const LAZY_FEATURES = [
  { key: 'cache', label: '@actions/cache', marker: 'github.actions.results.api.v1.CacheService' },
  { key: 'sodium', label: 'libsodium', marker: '_crypto_box_sealbytes' },
  { key: 'jmespath', label: 'JMESPath library', marker: 'TYPE_ARRAY_NUMBER' },
  { key: 'summary', label: 'job summary code', marker: '### API call' }
]

const execFileAsync = promisify(execFile)
const errors = []
const budgets = []
const log = text => process.stderr.write(`${text}\n`)

// ---------------------------------------------------------------------------------------------
// Small helpers

const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const ms = value => (value === undefined ? '—' : `${value.toFixed(1)} ms`)
const signed = value => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} ms`
const kB = bytes => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`)
const verdict = ok => (ok ? 'PASS' : 'MISS')
const clip = (text, max = 160) => {
  const line = String(text).replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

class ScenarioError extends Error {}

/** Why a run did not do what the scenario expects, from what it printed. */
function failure(result, expected) {
  const stderr = result.stderr.trim().split('\n')
  const error =
    /^::error::(.*)$/m.exec(result.stdout)?.[1] ??
    stderr.find(line => /\b\w*Error\b/.test(line)) ??
    stderr.pop()
  return new ScenarioError(`${expected}, but it exited ${result.exitCode}: ${clip(error ?? '')}`)
}

function budget(name, status, figure) {
  budgets.push({ name, status, figure })
}

function hasCommand(name) {
  try {
    execFileSync('bash', ['-c', `command -v ${name}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Spawns a process the way runAction does (piped output, wall time from spawn to close). */
function timeProcess(command, args, { env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    child.on('close', exitCode =>
      resolve({
        exitCode,
        stdout,
        stderr,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6
      })
    )
  })
}

const baseEnv = () => ({ PATH: process.env.PATH, HOME: process.env.HOME })

/**
 * Runs each contender once untimed (warm-up), then RUNS rounds of all of them in order
 * (A B C A B C ...). A contender whose run throws is dropped with its error; the others go on.
 * @param {{ key: string, run: () => Promise<number> }[]} contenders
 */
async function interleaved(label, contenders) {
  const started = process.hrtime.bigint()
  const times = Object.fromEntries(contenders.map(c => [c.key, []]))
  const failed = {}
  for (let round = -1; round < RUNS; round++) {
    for (const c of contenders) {
      if (failed[c.key]) continue
      try {
        const duration = await c.run()
        if (round >= 0) times[c.key].push(duration)
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error
        failed[c.key] = error.message
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  log(`  ${label}: ${contenders.length} × ${RUNS} runs interleaved, ${seconds.toFixed(1)} s`)
  const stats = {}
  for (const c of contenders) {
    if (failed[c.key]) stats[c.key] = { error: failed[c.key] }
    else {
      const t = times[c.key]
      stats[c.key] = { median: median(t), min: Math.min(...t), max: Math.max(...t), n: t.length }
    }
  }
  return stats
}

// ---------------------------------------------------------------------------------------------
// Building the floor bundle and the cache service stand-in, in the bench's temp folder

async function ncc(entry, outDir, extra = []) {
  try {
    await execFileAsync('npx', ['ncc', 'build', entry, '-o', outDir, ...extra], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024
    })
  } catch (error) {
    throw new Error(`npx ncc build ${relative(ROOT, entry)} failed: ${clip(error.stderr || error)}`)
  }
}

/** @actions/core + @actions/http-client alone, bundled as the action is: the start-up floor. */
async function buildFloor(tmp) {
  const src = join(tmp, 'floor-src')
  mkdirSync(src)
  // The entry lives outside the repository; let the bundler resolve packages from its modules.
  symlinkSync(join(ROOT, 'node_modules'), join(tmp, 'node_modules'), 'dir')
  writeFileSync(join(src, 'package.json'), '{"type":"module"}\n')
  writeFileSync(
    join(src, 'index.js'),
    [
      "import * as core from '@actions/core'",
      "import { HttpClient } from '@actions/http-client'",
      '',
      "const client = new HttpClient('bench-floor')",
      "core.getInput('client_id')",
      'client.dispose()',
      ''
    ].join('\n')
  )
  const out = join(tmp, 'floor')
  await ncc(join(src, 'index.js'), out, ['--license', 'licenses.txt'])
  return join(out, 'index.js')
}

/** Why the warm-cache figures cannot be taken yet, or undefined when they can. */
function cacheUnavailable(defaults) {
  if (!('cache' in defaults)) return 'not available yet: action.yml declares no `cache` input'
  if (!existsSync(FAKE_CACHE_SOURCE)) {
    return `not available yet: no ${relative(ROOT, FAKE_CACHE_SOURCE)} (cache service stand-in)`
  }
  if (!hasCommand('tar')) return 'not available: @actions/cache needs tar on PATH'
  return undefined
}

async function buildFakeCache(tmp) {
  const out = join(tmp, 'fake-cache-service')
  await ncc(FAKE_CACHE_SOURCE, out)
  const module = await import(pathToFileURL(join(out, 'index.js')).href)
  if (typeof module.startFakeCacheService !== 'function') {
    throw new Error(
      `the bundle of ${relative(ROOT, FAKE_CACHE_SOURCE)} has no startFakeCacheService`
    )
  }
  return module.startFakeCacheService
}

// ---------------------------------------------------------------------------------------------
// The scenarios

function folderSummary(path) {
  let files = 0
  let bytes = 0
  const walk = dir => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else {
        files++
        bytes += statSync(full).size
      }
    }
  }
  walk(path)
  return { files, bytes }
}

async function main() {
  const benchStarted = process.hrtime.bigint()
  const defaults = inputDefaults()
  const node24Version = execFileSync(NODE24, ['--version'], { encoding: 'utf8' }).trim()
  let gitState = ''
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8'
    })
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'dist', 'action.yml'], {
      cwd: ROOT,
      encoding: 'utf8'
    })
    gitState = `commit ${head.trim()}${dirty.trim() ? ' (dist/ or action.yml with uncommitted changes)' : ''}`
  } catch {
    gitState = 'not a git checkout'
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'CPU'}`
  const header = [
    `Node 24: ${node24Version} (${relative(ROOT, NODE24) || NODE24}); ${machine}; ${gitState}.`,
    `Each timing: ${RUNS} runs after one untimed warm-up, interleaved with bare \`node -e 0\` in the same group; wall time from spawn to exit; "overhead" is the median minus the group's bare median.`
  ]
  log(`Benchmark of dist/ — ${header[0]}`)

  const tmp = mkdtempSync(join(tmpdir(), 'clayton-bench-'))
  const closers = []
  const onSignal = () => {
    rmSync(tmp, { recursive: true, force: true })
    process.exit(130)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return await measure({ tmp, closers, defaults, header, benchStarted })
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {})
    rmSync(tmp, { recursive: true, force: true })
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

async function measure({ tmp, closers, defaults, header, benchStarted }) {
  // Build what the comparisons need.
  let cacheWhy = cacheUnavailable(defaults)
  log(
    `Building in the temp folder: the core + http-client floor bundle${cacheWhy ? '' : ', the cache service stand-in'}`
  )
  const [floorBundle, startFakeCacheService] = await Promise.all([
    buildFloor(tmp),
    cacheWhy
      ? undefined
      : buildFakeCache(tmp).catch(error => {
          cacheWhy = `could not be measured: ${error.message}`
          errors.push(cacheWhy)
          return undefined
        })
  ])

  const service = await startStandIn()
  closers.push(() => service.close())
  const refreshToken = service.issueRefreshToken()
  const credentials = {
    client_id: service.clientId,
    client_secret: service.clientSecret,
    refresh_token: refreshToken,
    base_url: service.url
  }
  const withApi = { ...credentials, api_url: '/api/workspaces' }

  const bare = async () => {
    const result = await timeProcess(NODE24, ['-e', '0'], { env: baseEnv(), cwd: tmp })
    if (result.exitCode !== 0) throw failure(result, 'bare node should exit 0')
    return result.durationMs
  }
  /** Runs the action; `check` throws a ScenarioError when the run is not what the scenario expects. */
  const action = (opts, check) => async () => {
    const result = await runAction(opts)
    check(result)
    return result.durationMs
  }
  const succeeded = result => {
    if (result.exitCode !== 0 || !result.outputs.access_token) {
      throw failure(result, 'the action should succeed and output access_token')
    }
  }

  const timing = []
  const timingNotes = []
  const row = (scenario, stats, bareStats, budgetText = '—', result = 'info') => {
    if (stats.error) {
      errors.push(`${scenario}: ${stats.error}`)
      timing.push([scenario, 'ERROR (see below)', '', '', '', budgetText, 'ERROR'])
      return
    }
    const overhead = bareStats?.median === undefined ? undefined : stats.median - bareStats.median
    timing.push([
      scenario,
      ms(stats.median),
      `${stats.min.toFixed(1)}–${stats.max.toFixed(1)}`,
      ms(bareStats?.median),
      overhead === undefined ? '—' : signed(overhead),
      budgetText,
      result
    ])
  }
  const unavailableRow = (scenario, why, budgetText) => {
    timing.push([scenario, why.split(':')[0], '', '', '', budgetText, 'n/a'])
    timingNotes.push(`${scenario}: ${why}.`)
  }

  log('Timing')
  // Load: the action with no inputs (loads, then fails input validation) next to the floor.
  const load = await interleaved('load', [
    { key: 'bare', run: bare },
    {
      key: 'floor',
      run: async () => {
        const result = await timeProcess(NODE24, [floorBundle], { env: baseEnv(), cwd: tmp })
        if (result.exitCode !== 0) throw failure(result, 'the floor bundle should exit 0')
        return result.durationMs
      }
    },
    {
      key: 'action',
      run: action({}, result => {
        if (result.exitCode !== 1 || !/^::error::/m.test(result.stdout)) {
          throw failure(result, 'with no inputs the action should fail input validation')
        }
      })
    }
  ])
  row('floor: ncc bundle of @actions/core + @actions/http-client', load.floor, load.bare)
  if (load.action.error || load.floor.error) {
    row('load: action with no inputs (fails validation)', load.action, load.bare)
    budget(
      `Load overhead within ${BUDGET.loadOverFloorMs} ms of the floor bundle`,
      'ERROR',
      'not measured'
    )
  } else {
    const overFloor = load.action.median - load.floor.median
    const ok = overFloor <= BUDGET.loadOverFloorMs
    row(
      'load: action with no inputs (fails validation)',
      load.action,
      load.bare,
      `≤ floor + ${BUDGET.loadOverFloorMs} ms`,
      `${verdict(ok)} (${signed(overFloor)} vs floor)`
    )
    budget(
      `Load overhead within ${BUDGET.loadOverFloorMs} ms of the core + http-client floor`,
      verdict(ok),
      `${signed(overFloor)} (action ${ms(load.action.median)}, floor ${ms(load.floor.median)})`
    )
  }

  // Plain refresh, next to the shell alternative.
  const shellMissing = ['curl', 'jq', 'bash'].filter(name => !hasCommand(name))
  const shellOutput = join(tmp, 'shell-output')
  const refreshContenders = [
    { key: 'bare', run: bare },
    { key: 'refresh', run: action({ inputs: credentials }, succeeded) }
  ]
  if (!shellMissing.length) {
    refreshContenders.push({
      key: 'shell',
      run: async () => {
        writeFileSync(shellOutput, '')
        const result = await timeProcess('bash', [join(HERE, 'refresh.sh')], {
          cwd: tmp,
          env: {
            ...baseEnv(),
            BASE_URL: service.url,
            CLIENT_ID: service.clientId,
            CLIENT_SECRET: service.clientSecret,
            REFRESH_TOKEN: refreshToken,
            GITHUB_OUTPUT: shellOutput
          }
        })
        const token = /^access_token=(.+)$/m.exec(readFileSync(shellOutput, 'utf8'))?.[1]
        if (result.exitCode !== 0 || !token || token === 'null') {
          throw failure(result, 'the shell refresh should write access_token')
        }
        return result.durationMs
      }
    })
  }
  const refresh = await interleaved('plain refresh', refreshContenders)
  if (refresh.refresh.error) {
    row('plain refresh', refresh.refresh, refresh.bare, `≤ bare + ${BUDGET.refreshOverheadMs} ms`)
    budget(
      `Plain refresh overhead over bare Node 24 ≤ ${BUDGET.refreshOverheadMs} ms`,
      'ERROR',
      'not measured'
    )
  } else {
    const overhead = refresh.refresh.median - refresh.bare.median
    const ok = overhead <= BUDGET.refreshOverheadMs
    row(
      'plain refresh',
      refresh.refresh,
      refresh.bare,
      `≤ bare + ${BUDGET.refreshOverheadMs} ms`,
      verdict(ok)
    )
    budget(
      `Plain refresh overhead over bare Node 24 ≤ ${BUDGET.refreshOverheadMs} ms`,
      verdict(ok),
      signed(overhead)
    )
  }
  if (shellMissing.length) {
    unavailableRow(
      'shell alternative: curl + jq + ::add-mask::',
      `skipped: ${shellMissing.join(', ')} not on PATH`,
      '—'
    )
  } else {
    row('shell alternative: curl + jq + ::add-mask::', refresh.shell, refresh.bare, '—', 'info')
    if (!refresh.shell.error && !refresh.refresh.error) {
      timingNotes.push(
        `Shell alternative (scripts/bench/refresh.sh): ${ms(refresh.shell.median)}; the action's plain refresh takes ${ms(refresh.refresh.median - refresh.shell.median)} more (Node's start-up is most of it).`
      )
    }
  }

  // Refresh + API call, counting connections per run.
  const connectionsPerRun = []
  const api = await interleaved('refresh + API call', [
    { key: 'bare', run: bare },
    {
      key: 'api',
      run: async () => {
        const before = service.stats.connections
        const result = await runAction({ inputs: withApi })
        succeeded(result)
        if (result.outputs.api_status !== '200') {
          throw failure(result, `the API call should answer 200 (got ${result.outputs.api_status})`)
        }
        connectionsPerRun.push(service.stats.connections - before)
        return result.durationMs
      }
    }
  ])
  row('refresh + API call (api_url: /api/workspaces)', api.api, api.bare)

  // Refresh + API call with a warm cache.
  let cacheService
  let warmTokenRequests
  let warmHits = 0
  let warmRuns = 0
  if (!cacheWhy && startFakeCacheService) {
    cacheService = await startFakeCacheService()
    closers.push(() => cacheService.close())
    const cached = { inputs: { ...withApi, cache: 'true' }, env: cacheService.env() }
    const prime = await runAction(cached)
    if (prime.exitCode !== 0 || cacheService.entries().length === 0) {
      cacheWhy = `could not be measured: the first run with cache: true ${prime.exitCode !== 0 ? `exited ${prime.exitCode}: ${clip(/^::error::(.*)$/m.exec(prime.stdout)?.[1] ?? prime.stderr)}` : 'saved no cache entry'}`
      errors.push(`warm cache: ${cacheWhy}`)
    } else {
      const tokensBefore = service.stats.tokenRequests
      const warm = await interleaved('refresh + API call, warm cache', [
        { key: 'bare', run: bare },
        {
          key: 'warm',
          run: async () => {
            const result = await runAction(cached)
            succeeded(result)
            warmRuns++
            if (result.outputs.token_source === 'cache') warmHits++
            return result.durationMs
          }
        }
      ])
      warmTokenRequests = service.stats.tokenRequests - tokensBefore
      row(
        'refresh + API call, cache: true, warm cache',
        warm.warm,
        warm.bare,
        '0 token requests',
        warm.warm.error ? 'ERROR' : verdict(warmTokenRequests === 0)
      )
      if (!warm.warm.error) {
        timingNotes.push(
          `Warm cache: ${warmHits} of ${warmRuns} runs had token_source=cache; ${warmTokenRequests} token requests over those runs.`
        )
      }
    }
  }
  if (cacheWhy) {
    unavailableRow('refresh + API call, cache: true, warm cache', cacheWhy, '0 token requests')
  }
  if (cacheWhy) budget('Warm cache: zero token requests', 'n/a', cacheWhy)
  else if (warmTokenRequests !== undefined) {
    budget(
      'Warm cache: zero token requests',
      verdict(warmTokenRequests === 0),
      `${warmTokenRequests} over ${warmRuns} runs (${warmHits} served from the cache)`
    )
  }

  // A second run in the same job: the same RUNNER_TEMP, so a compile cache there can be reused.
  let runnerTemp
  const appeared = new Map()
  const second = await interleaved('second run, same RUNNER_TEMP', [
    {
      key: 'first',
      run: async () => {
        runnerTemp = mkdtempSync(join(tmp, 'runner-temp-'))
        const result = await runAction({ inputs: credentials, runnerTemp })
        succeeded(result)
        for (const name of readdirSync(runnerTemp)) {
          appeared.set(name, folderSummary(join(runnerTemp, name)))
        }
        return result.durationMs
      }
    },
    {
      key: 'later',
      run: async () => {
        const result = await runAction({ inputs: credentials, runnerTemp })
        rmSync(runnerTemp, { recursive: true, force: true })
        succeeded(result)
        return result.durationMs
      }
    },
    { key: 'bare', run: bare }
  ])
  row('plain refresh, first run with a fresh RUNNER_TEMP', second.first, second.bare, '—', 'info')
  row('plain refresh, later run with the same RUNNER_TEMP', second.later, second.bare, '—', 'info')
  const compileCache = [...appeared.keys()].filter(name => /compile/i.test(name))
  if (compileCache.length) {
    const { files, bytes } = appeared.get(compileCache[0])
    timingNotes.push(
      `Compile cache: yes, the first run left ${compileCache[0]}/ under RUNNER_TEMP (${files} files, ${kB(bytes)}).` +
        (second.first.error || second.later.error
          ? ''
          : ` Later run vs first: ${signed(second.later.median - second.first.median)}.`)
    )
  } else {
    timingNotes.push(
      `Compile cache: no compile cache folder appeared under RUNNER_TEMP after a first run${appeared.size ? ` (found: ${[...appeared.keys()].join(', ')})` : ''}.`
    )
  }

  // Requests.
  log('Requests')
  const requests = []
  let before = service.stats.tokenRequests
  let sequentialError
  for (let i = 0; i < SEQUENTIAL_RUNS && !sequentialError; i++) {
    const result = await runAction({ inputs: credentials })
    try {
      succeeded(result)
    } catch (error) {
      sequentialError = error.message
    }
  }
  if (sequentialError) {
    errors.push(`10 runs, cache off: ${sequentialError}`)
    requests.push([
      `token requests, ${SEQUENTIAL_RUNS} sequential runs, cache off`,
      'ERROR',
      '—',
      'ERROR'
    ])
  } else {
    requests.push([
      `token requests, ${SEQUENTIAL_RUNS} sequential runs, cache off`,
      String(service.stats.tokenRequests - before),
      '— (one per run)',
      'info'
    ])
  }
  if (cacheWhy || !startFakeCacheService) {
    requests.push([
      `token requests, ${SEQUENTIAL_RUNS} sequential runs, cache on`,
      cacheWhy.split(':')[0],
      '1',
      'n/a'
    ])
    budget(`${SEQUENTIAL_RUNS} runs with cache on: one token request`, 'n/a', cacheWhy)
  } else {
    const fresh = await startFakeCacheService()
    closers.push(() => fresh.close())
    before = service.stats.tokenRequests
    let cacheOnError
    for (let i = 0; i < SEQUENTIAL_RUNS && !cacheOnError; i++) {
      const result = await runAction({
        inputs: { ...credentials, cache: 'true' },
        env: fresh.env()
      })
      try {
        succeeded(result)
      } catch (error) {
        cacheOnError = error.message
      }
    }
    const count = service.stats.tokenRequests - before
    if (cacheOnError) {
      errors.push(`10 runs, cache on: ${cacheOnError}`)
      requests.push([
        `token requests, ${SEQUENTIAL_RUNS} sequential runs, cache on`,
        'ERROR',
        '1',
        'ERROR'
      ])
      budget(
        `${SEQUENTIAL_RUNS} runs with cache on: one token request`,
        'ERROR',
        clip(cacheOnError)
      )
    } else {
      const ok = count <= BUDGET.cacheOnTokenRequests
      requests.push([
        `token requests, ${SEQUENTIAL_RUNS} sequential runs, cache on (empty cache at first)`,
        String(count),
        String(BUDGET.cacheOnTokenRequests),
        verdict(ok)
      ])
      budget(`${SEQUENTIAL_RUNS} runs with cache on: one token request`, verdict(ok), String(count))
    }
  }
  if (warmTokenRequests !== undefined) {
    requests.push([
      `token requests over ${warmRuns} runs with a warm cache`,
      String(warmTokenRequests),
      String(BUDGET.warmTokenRequests),
      verdict(warmTokenRequests === 0)
    ])
  }
  if (connectionsPerRun.length) {
    const most = Math.max(...connectionsPerRun)
    const fewest = Math.min(...connectionsPerRun)
    const ok = most <= BUDGET.connections
    requests.push([
      `connections opened for a refresh + API call (${connectionsPerRun.length} runs)`,
      most === fewest ? String(most) : `${fewest}–${most}`,
      `≤ ${BUDGET.connections}`,
      verdict(ok)
    ])
    budget(
      'One connection for the token request and the API call',
      verdict(ok),
      most === fewest ? `${most} in every run` : `${fewest}–${most} per run`
    )
  } else {
    requests.push([
      'connections opened for a refresh + API call',
      'ERROR',
      `≤ ${BUDGET.connections}`,
      'ERROR'
    ])
    budget('One connection for the token request and the API call', 'ERROR', 'not measured')
  }

  // Gate latency: a review that becomes ready at a known moment.
  log('Gate')
  const front = await startReviewFront(service.url)
  closers.push(() => front.close())
  const gateInputs = {
    ...credentials,
    base_url: front.url,
    api_url: '/api/reviews/rev_1',
    api_wait_until: "task.status == 'PROCESSED'",
    api_wait_interval: String(BUDGET.gateIntervalS),
    api_wait_timeout: '30'
  }
  const gateRuns = GATE_READY_AT_S.map(readyAtS => ({ readyAtS }))
  gateRuns.push({ readyAtS: 2.5, retryAfterS: BUDGET.retryAfterS })
  const gate = []
  const latencies = []
  const spacings = { plain: [], retryAfter: [] }
  let gateError
  for (const run of gateRuns) {
    front.reset(run.retryAfterS)
    const readyAt = Date.now() + run.readyAtS * 1000
    service.setReviewReadyAt(readyAt)
    const result = await runAction({ inputs: gateInputs })
    const returnedAfterMs = Date.now() - readyAt
    service.setReviewReadyAt(Infinity)
    const polls = front.polls()
    const gaps = polls.slice(1).map((at, i) => at - polls[i])
    const closest = gaps.length ? Math.min(...gaps) : undefined
    if (result.exitCode !== 0) {
      gateError = failure(result, 'the gate should succeed once the review is ready').message
      gate.push([
        `${run.readyAtS.toFixed(1)} s`,
        run.retryAfterS ? `${run.retryAfterS} s` : '—',
        'ERROR',
        '',
        '',
        'ERROR'
      ])
      break
    }
    if (run.retryAfterS) {
      if (closest !== undefined) spacings.retryAfter.push(closest)
    } else {
      latencies.push(returnedAfterMs)
      if (closest !== undefined) spacings.plain.push(closest)
    }
    const withinInterval = returnedAfterMs <= BUDGET.gateIntervalS * 1000
    gate.push([
      `${run.readyAtS.toFixed(1)} s`,
      run.retryAfterS ? `${run.retryAfterS} s` : '—',
      String(polls.length),
      closest === undefined ? '—' : ms(closest),
      ms(returnedAfterMs),
      run.retryAfterS
        ? verdict(closest === undefined || closest >= run.retryAfterS * 1000 - SPACING_SLACK_MS) +
          ' (spacing ≥ Retry-After)'
        : verdict(withinInterval)
    ])
  }
  if (gateError) errors.push(`gate: ${gateError}`)
  if (latencies.length && !gateError) {
    const worst = Math.max(...latencies)
    budget(
      `Gate returns within one api_wait_interval (${BUDGET.gateIntervalS} s) of the review being ready`,
      verdict(worst <= BUDGET.gateIntervalS * 1000),
      `${ms(Math.min(...latencies))}–${ms(worst)} after ready over ${latencies.length} runs`
    )
  } else {
    budget(
      `Gate returns within one api_wait_interval (${BUDGET.gateIntervalS} s)`,
      'ERROR',
      clip(gateError ?? 'not measured')
    )
  }
  if (spacings.retryAfter.length && !gateError) {
    const closest = Math.min(...spacings.retryAfter)
    budget(
      `Gate never polls faster than Retry-After (${BUDGET.retryAfterS} s, interval ${BUDGET.gateIntervalS} s)`,
      verdict(closest >= BUDGET.retryAfterS * 1000 - SPACING_SLACK_MS),
      `closest polls ${ms(closest)} apart`
    )
  } else if (!gateError) {
    budget(`Gate never polls faster than Retry-After`, 'n/a', 'too few polls to tell')
  }
  const gateNotes = [
    `Review /api/reviews/rev_1 turns PROCESSED at the moment shown; api_wait_interval: ${BUDGET.gateIntervalS}; "returned after ready" is measured from that moment to the step's exit (an upper bound: it includes the harness's clean-up of a few ms).`,
    `The last row answers every poll with Retry-After: ${BUDGET.retryAfterS}; the wait must then space polls by at least ${BUDGET.retryAfterS} s (the interval budget does not apply to it).`
  ]
  if (spacings.plain.length) {
    gateNotes.push(`Closest polls without Retry-After: ${ms(Math.min(...spacings.plain))} apart.`)
  }

  // Which dist/ files each scenario loads.
  log('Loaded files')
  const loadedRows = []
  const loadedNotes = []
  const distJs = readdirSync(DIST).filter(name => name.endsWith('.js'))
  const featureFiles = Object.fromEntries(
    LAZY_FEATURES.map(f => [
      f.key,
      distJs.filter(name => readFileSync(join(DIST, name), 'utf8').includes(f.marker))
    ])
  )
  const scenarios = [
    { name: 'no inputs (fails validation)', uses: [], opts: {}, expectExit: 1 },
    { name: 'plain refresh', uses: [], opts: { inputs: credentials } },
    { name: 'refresh + API call', uses: ['summary'], opts: { inputs: withApi } },
    {
      name: 'refresh + API call + api_query',
      uses: ['summary', 'jmespath'],
      opts: { inputs: { ...withApi, api_query: '[].name' } }
    }
  ]
  if (cacheService && !cacheWhy) {
    scenarios.push({
      name: 'refresh + API call, cache: true (warm)',
      uses: ['summary', 'cache'],
      opts: { inputs: { ...withApi, cache: 'true' }, env: cacheService.env() }
    })
  }
  const preload = pathToFileURL(join(HERE, 'loaded-files.mjs')).href
  const loadedBy = {}
  for (const scenario of scenarios) {
    const list = join(tmp, 'loaded-files.txt')
    rmSync(list, { force: true })
    const result = await runAction({
      ...scenario.opts,
      env: { ...scenario.opts.env, NODE_OPTIONS: `--import=${preload}`, BENCH_LOADED_FILES: list }
    })
    const expected = scenario.expectExit ?? 0
    if (result.exitCode !== expected || !existsSync(list)) {
      loadedRows.push([
        scenario.name,
        scenario.uses.join(', ') || '—',
        `could not tell (exit ${result.exitCode})`
      ])
      continue
    }
    const files = readFileSync(list, 'utf8')
      .split('\n')
      .filter(url => url.startsWith('file:'))
      .map(url => fileURLToPath(url))
      .filter(path => relative(DIST, path) && !relative(DIST, path).startsWith('..'))
      .map(path => relative(DIST, path))
    loadedBy[scenario.name] = { uses: scenario.uses, files }
    loadedRows.push([scenario.name, scenario.uses.join(', ') || '—', files.join(', ')])
  }
  const lazyRows = []
  const lazyMisses = []
  for (const feature of LAZY_FEATURES) {
    const files = featureFiles[feature.key]
    if (!files.length) {
      lazyRows.push([feature.label, 'not in dist/', '—', 'n/a'])
      continue
    }
    const offenders = Object.entries(loadedBy)
      .filter(([, s]) => !s.uses.includes(feature.key) && s.files.some(f => files.includes(f)))
      .map(([name]) => name)
    const users = Object.entries(loadedBy).filter(([, s]) => s.uses.includes(feature.key)).length
    lazyRows.push([
      feature.label,
      files.join(', '),
      offenders.length ? offenders.join('; ') : 'none',
      users || offenders.length
        ? verdict(!offenders.length)
        : `${verdict(!offenders.length)} (no run uses it)`
    ])
    if (offenders.length)
      lazyMisses.push(`${feature.label} (in ${files.join(', ')}) loads in: ${offenders.join('; ')}`)
  }
  loadedNotes.push(
    'Files seen by an ES module loader hook (scripts/bench/loaded-files.mjs, preloaded with --import) in one untimed run each. A feature is found in dist/ by a string only its code contains; the check is per file, so code sharing a chunk with code every run needs counts as loaded.'
  )
  if (Object.keys(loadedBy).length) {
    budget(
      'Nothing loaded before needed (cache, sodium, JMESPath, summary code)',
      lazyMisses.length ? 'MISS' : 'PASS',
      lazyMisses.length
        ? lazyMisses.join(' | ')
        : `checked: ${
            lazyRows
              .filter(r => r[3] !== 'n/a')
              .map(r => r[0])
              .join(', ') || 'nothing in dist/ yet'
          }`
    )
  } else {
    budget(
      'Nothing loaded before needed (cache, sodium, JMESPath, summary code)',
      'n/a',
      'could not tell'
    )
  }

  // Sizes.
  const sizes = readdirSync(DIST)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map(name => [
      `dist/${name}`,
      String(statSync(join(DIST, name)).size),
      kB(statSync(join(DIST, name)).size)
    ])
  const total = sizes.reduce((sum, r) => sum + Number(r[1]), 0)
  sizes.push(['dist/ total', String(total), kB(total)])
  const floorSize = statSync(floorBundle).size
  sizes.push([
    'floor bundle index.js (core + http-client, for reference)',
    String(floorSize),
    kB(floorSize)
  ])

  // Output.
  const seconds = Number(process.hrtime.bigint() - benchStarted) / 1e9
  const tables = [
    {
      title: 'Timings (Node 24, median of each group; min–max in ms)',
      headers: ['scenario', 'median', 'min–max', 'bare node', 'overhead', 'budget', 'result'],
      rows: timing,
      notes: timingNotes
    },
    {
      title: 'Requests (counted at the loopback stand-in)',
      headers: ['figure', 'value', 'budget', 'result'],
      rows: requests
    },
    {
      title: `Gate latency (api_wait_interval: ${BUDGET.gateIntervalS})`,
      headers: [
        'ready at',
        'Retry-After',
        'polls',
        'closest polls',
        'returned after ready',
        'result'
      ],
      rows: gate,
      notes: gateNotes
    },
    {
      title: 'dist/ files loaded per scenario',
      headers: ['scenario', 'uses', 'dist/ files loaded'],
      rows: loadedRows
    },
    {
      title: 'Lazy loading: code that must load only when used',
      headers: ['code', 'in', 'loaded by runs that do not use it', 'result'],
      rows: lazyRows,
      notes: loadedNotes
    },
    { title: 'Sizes', headers: ['file', 'bytes', 'size'], rows: sizes }
  ]
  const summary = {
    title: 'Budgets',
    headers: ['result', 'budget', 'figure'],
    rows: budgets.map(b => [b.status, b.name, b.figure])
  }
  const footer = `Bench ran in ${seconds.toFixed(1)} s.${errors.length ? ` ${errors.length} scenario(s) could not be measured: see ERROR above.` : ''}`

  console.log(`\n${header.join('\n')}\n`)
  for (const table of [...tables, summary]) console.log(`${renderText(table)}\n`)
  for (const error of errors) console.log(`ERROR ${error}`)
  console.log(footer)

  const markdown = [
    '## Benchmark results',
    '',
    `Generated by \`npm run bench\` on ${new Date().toISOString()}.`,
    '',
    ...header.map(line => `${line}  `),
    '',
    ...[...tables, summary].flatMap(table => [renderMarkdown(table), '']),
    ...errors.map(error => `- ERROR ${error}`),
    footer,
    ''
  ].join('\n')
  mkdirSync(join(ROOT, '.bench'), { recursive: true })
  writeFileSync(join(ROOT, '.bench', 'results.md'), markdown)
  console.log('Markdown written to .bench/results.md')
  return errors.length ? 1 : 0
}

try {
  process.exitCode = await main()
} catch (error) {
  console.error(`The bench itself failed: ${error?.stack ?? error}`)
  process.exitCode = 1
}
