// `npm run bench`: start-up, requests and waiting of the bundled action, against budgets.
//
// Loopback only. Every timing spawns the action (dist/index.js) with Node 24, the runtime GitHub
// uses for `node24` actions, interleaved (A B A B ...) with bare Node 24 (`node -e 0`) in the same
// group, and reports median and min–max of the wall time from spawn to exit. Prints the tables
// and writes them as Markdown to .bench/results.md (docs/development.md, Performance). Exits 0
// when every budget is met (within its noise margin), 2 when one is missed (shown, not hidden),
// 1 when a scenario could not run as expected.
//
// This file only builds the shared context, runs the scenario groups of scripts/bench/ in order and
// reports. Each group is `async (ctx) => ({ tables, budgets, errors })`; a new figure is a new
// group file added to GROUPS (timing helpers and budgets: scripts/bench/measure.mjs).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { buildCacheFloor, buildFakeCache, buildFloor, cacheUnavailable } from './bench/builds.mjs'
import { gate } from './bench/gate.mjs'
import { loading } from './bench/loading.mjs'
import { RUNS, bareNode, log } from './bench/measure.mjs'
import { renderMarkdown, renderText } from './bench/report.mjs'
import { requests } from './bench/requests.mjs'
import { sizes } from './bench/sizes.mjs'
import { startup } from './bench/startup.mjs'
import { work } from './bench/work.mjs'
import {
  NODE24,
  REPO_ROOT as ROOT,
  cleanupRuns,
  inputDefaults
} from '../__tests__/support/action-runner.mjs'
import { startStandIn } from './stand-in.mjs'

/**
 * The scenario groups, in the order their tables and budgets are reported. BENCH_GROUPS (names,
 * comma-separated) runs only some, e.g. BENCH_GROUPS=work; requests needs startup's figures.
 */
const ALL_GROUPS = [startup, requests, gate, work, loading, sizes]
const GROUPS = process.env.BENCH_GROUPS
  ? ALL_GROUPS.filter(group => process.env.BENCH_GROUPS.split(',').includes(group.name))
  : ALL_GROUPS

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
    cleanupRuns()
    rmSync(tmp, { recursive: true, force: true })
    process.exit(130)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return await measure({ tmp, closers, defaults, header, benchStarted })
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {})
    cleanupRuns()
    rmSync(tmp, { recursive: true, force: true })
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

async function measure({ tmp, closers, defaults, header, benchStarted }) {
  const errors = []
  const budgets = []
  const tables = []

  // Build what the comparisons need.
  let cacheWhy = cacheUnavailable(defaults)
  log(
    `Building in the temp folder: the core + http-client floor bundle${cacheWhy ? '' : ', the cache service stand-in, the cache library floor'}`
  )
  const [floorBundle, startFakeCacheService, cacheFloor] = await Promise.all([
    buildFloor(tmp),
    cacheWhy
      ? undefined
      : buildFakeCache(tmp).catch(error => {
          cacheWhy = `could not be measured: ${error.message}`
          errors.push(cacheWhy)
          return undefined
        }),
    cacheWhy
      ? undefined
      : buildCacheFloor(tmp).catch(error => {
          errors.push(`cache library floor: ${error.message}`)
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

  /** What every group gets; a group may leave figures here for later ones (see startup.mjs). */
  const ctx = {
    tmp,
    defaults,
    service,
    refreshToken,
    credentials,
    withApi: { ...credentials, api_url: '/api/workspaces' },
    floorBundle,
    /** @actions/core + @actions/cache and one lookup (scripts/bench/cache-floor.mjs), if built. */
    cacheFloor,
    /** Starts a cache service stand-in, when it could be built. */
    startFakeCacheService,
    /** Why the cache figures cannot be taken, or undefined when they can. */
    cacheWhy,
    /** A contender timing bare `node -e 0`. */
    bare: bareNode(tmp),
    /** Registers clean-up run when the bench ends, last registered first. */
    onClose: close => closers.push(close)
  }
  for (const group of GROUPS) {
    const found = await group(ctx)
    tables.push(...found.tables)
    budgets.push(...found.budgets)
    errors.push(...found.errors)
  }

  // Output.
  const seconds = Number(process.hrtime.bigint() - benchStarted) / 1e9
  const summary = {
    title: 'Budgets',
    headers: ['result', 'budget', 'figure'],
    rows: budgets.map(b => [b.status, b.name, b.figure])
  }
  const footer = `Bench ran in ${seconds.toFixed(1)} s.${errors.length ? ` ${errors.length} scenario(s) could not be measured: see ERROR above.` : ''}`

  console.log(`\n${header.join('\n')}\n`)
  for (const table of [...tables, summary]) console.log(`${renderText(table)}\n`)
  for (const error of errors) console.log(`ERROR ${error}`)
  const missed = budgets.filter(b => b.status === 'MISS')
  for (const b of missed) console.log(`MISSED BUDGET: ${b.name}: ${b.figure}`)
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
  if (errors.length) return 1
  if (missed.length) {
    console.error(`\n${missed.length} budget(s) MISSED: see MISSED BUDGET above.`)
    return 2
  }
  return 0
}

try {
  process.exitCode = await main()
} catch (error) {
  console.error(`The bench itself failed: ${error?.stack ?? error}`)
  process.exitCode = 1
}
