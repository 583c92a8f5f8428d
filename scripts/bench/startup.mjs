// Timings: start-up and common runs of the bundled action, each interleaved with bare Node 24.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { NODE24, runAction } from '../../__tests__/support/action-runner.mjs'
import {
  HERE,
  NOISE_STANDARD_ERRORS,
  RATIO,
  baseEnv,
  clip,
  failure,
  findings,
  floorRatio,
  hasCommand,
  interleaved,
  withinBudget,
  kB,
  log,
  ms,
  ratio,
  signed,
  succeeded,
  timeProcess
} from './measure.mjs'

/** The one file the action's cache entries hold (src/lifecycle/state-archive.ts). */
const CACHE_PATH = '.clayton-oauth/state.bin'

function folderSummary(path) {
  if (!statSync(path).isDirectory()) return { files: 1, bytes: statSync(path).size }
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

/** Runs the action; `check` throws a ScenarioError when the run is not what the scenario expects. */
const action = (opts, check) => async () => {
  const result = await runAction(opts)
  check(result)
  return result.durationMs
}

/**
 * The Timings table. Leaves for later groups: ctx.connectionsPerRun (refresh + API call runs),
 * ctx.warm (token requests, runs and cache hits with a warm cache), ctx.cacheService (that warm
 * cache), and ctx.cacheWhy when the warm cache could not be set up.
 */
export async function startup(ctx) {
  const {
    tmp,
    service,
    refreshToken,
    credentials,
    withApi,
    floorBundle,
    cacheFloor,
    bare,
    startFakeCacheService
  } = ctx
  let { cacheWhy } = ctx
  const { budgets, errors, budget } = findings()

  const timing = []
  const timingNotes = []
  /** `cpuTimes`: the CPU ratio, or { ratio, margin } to show its noise margin. */
  const row = (scenario, stats, bareStats, budgetText = '—', result = 'info', times, cpuTimes) => {
    if (stats.error) {
      errors.push(`${scenario}: ${stats.error}`)
      timing.push([scenario, 'ERROR (see below)', '', '', '', '', '', budgetText, 'ERROR'])
      return
    }
    const overhead = bareStats?.median === undefined ? undefined : stats.median - bareStats.median
    timing.push([
      scenario,
      ms(stats.median),
      `${stats.min.toFixed(1)}–${stats.max.toFixed(1)}`,
      ms(bareStats?.median),
      overhead === undefined ? '—' : signed(overhead),
      typeof cpuTimes === 'object'
        ? `${ratio(cpuTimes.ratio)} ± ${cpuTimes.margin?.toFixed(2) ?? '—'}`
        : ratio(cpuTimes),
      ratio(times),
      budgetText,
      result
    ])
  }
  const unavailableRow = (scenario, why, budgetText) => {
    timing.push([scenario, why.split(':')[0], '', '', '', '', '', budgetText, 'n/a'])
    timingNotes.push(`${scenario}: ${why}.`)
  }
  /** Contenders every timed group starts with: bare Node 24 and the floor bundle. */
  const reference = [
    { key: 'bare', run: bare },
    {
      key: 'floor',
      run: async () => {
        const result = await timeProcess(NODE24, [floorBundle], { env: baseEnv(), cwd: tmp })
        if (result.exitCode !== 0) throw failure(result, 'the floor bundle should exit 0')
        return result.durationMs
      }
    }
  ]
  /** Per-group floor rows, so each ratio can be read against the floor it was divided by. */
  const floorRow = (group, stats) => {
    if (stats.floor.error) errors.push(`floor bundle (${group}): ${stats.floor.error}`)
    else row(`  floor bundle, ${group} group`, stats.floor, stats.bare, '—', 'reference', 1, 1)
  }
  /**
   * A scenario's row and its budget: its CPU overhead over bare divided by the floor's in the same
   * group must stay within `limit`, beyond the ratio's noise margin (and `limitMargin`, the noise
   * of a limit that is itself measured). Returns the figures (undefined when not measured).
   */
  const judge = (scenario, stats, key, limit, budgetName, limitMargin = 0) => {
    const figures = floorRatio(stats, key)
    if (!figures || figures.cpuRatio === undefined) {
      row(scenario, stats[key], stats.bare, `≤ ${ratio(limit)}`, 'ERROR')
      budget(budgetName, 'ERROR', 'not measured')
      if (!stats[key].error) errors.push(`${scenario}: the floor or bare Node could not be timed`)
      return undefined
    }
    const margin = Math.hypot(figures.cpuMargin ?? 0, limitMargin)
    const status = withinBudget(figures.cpuRatio, margin, limit)
    row(scenario, stats[key], stats.bare, `≤ ${ratio(limit)}`, status, figures.ratio, {
      ratio: figures.cpuRatio,
      margin
    })
    budget(
      budgetName,
      status,
      `${ratio(figures.cpuRatio)} ± ${margin.toFixed(2)} by CPU time (wall ${ratio(figures.ratio)}: overhead ${signed(figures.overhead)}, floor's ${signed(figures.floorOverhead)}; median ${ms(stats[key].median)})`
    )
    return figures
  }

  timingNotes.push(
    `"× floor (CPU)": the overhead ratio from the mean CPU time (user + system) of each process and what it waited for, read from /proc/self/stat; budgets are judged on it, as it moves far less with a busy machine than wall time. "±": its noise margin, ${NOISE_STANDARD_ERRORS} standard errors of the ratio from the spread of the runs; a ratio over its budget by less than that is "PASS (noise)". "× floor (wall)": the same ratio from median wall times, for reading.`
  )
  log('Timing')
  // Load: the action with no inputs (loads, then fails input validation) next to the floor.
  const load = await interleaved('load', [
    ...reference,
    {
      key: 'action',
      run: action({}, result => {
        if (result.exitCode !== 1 || !/^::error::/m.test(result.stdout)) {
          throw failure(result, 'with no inputs the action should fail input validation')
        }
      })
    }
  ])
  row(
    'floor: ncc bundle of @actions/core + @actions/http-client',
    load.floor,
    load.bare,
    '—',
    'reference',
    1,
    1
  )
  judge(
    'load: action with no inputs (fails validation)',
    load,
    'action',
    RATIO.load,
    `Load ≤ ${ratio(RATIO.load)} the floor's overhead`
  )

  // Plain refresh, next to the shell alternative.
  const shellMissing = ['curl', 'jq', 'bash'].filter(name => !hasCommand(name))
  const shellOutput = join(tmp, 'shell-output')
  const refreshContenders = [
    ...reference,
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
  floorRow('plain refresh', refresh)
  judge(
    'plain refresh',
    refresh,
    'refresh',
    RATIO.refresh,
    `Plain refresh ≤ ${ratio(RATIO.refresh)} the floor's overhead`
  )
  if (shellMissing.length) {
    unavailableRow(
      'shell alternative: curl + jq + ::add-mask::',
      `skipped: ${shellMissing.join(', ')} not on PATH`,
      '—'
    )
  } else {
    row(
      'shell alternative: curl + jq + ::add-mask::',
      refresh.shell,
      refresh.bare,
      '—',
      'info',
      floorRatio(refresh, 'shell')?.ratio,
      floorRatio(refresh, 'shell')?.cpuRatio
    )
    if (!refresh.shell.error && !refresh.refresh.error) {
      timingNotes.push(
        `Shell alternative (scripts/bench/refresh.sh): ${ms(refresh.shell.median)}; the action's plain refresh takes ${ms(refresh.refresh.median - refresh.shell.median)} more (Node's start-up is most of it).`
      )
    }
  }

  // Refresh + API call, counting connections per run.
  const connectionsPerRun = []
  const api = await interleaved('refresh + API call', [
    ...reference,
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
  floorRow('refresh + API call', api)
  judge(
    'refresh + API call (api_url: /api/workspaces)',
    api,
    'api',
    RATIO.api,
    `Refresh + API call ≤ ${ratio(RATIO.api)} the floor's overhead`
  )

  // Plain refresh with a warm cache: the token comes from the cache, no token request.
  let cacheService
  let warmTokenRequests
  let warmHits = 0
  let warmRuns = 0
  const warmScenario = 'plain refresh, cache: true, warm cache (token from the cache)'
  const warmBudget = `Warm cache ≤ the cache library floor + ${ratio(RATIO.warmCacheOverCacheFloor)} the floor's overhead`
  if (!cacheWhy && startFakeCacheService) {
    cacheService = await startFakeCacheService()
    ctx.onClose(() => cacheService.close())
    const cached = { inputs: { ...credentials, cache: 'true' }, env: cacheService.env() }
    const prime = await runAction(cached)
    if (prime.exitCode !== 0 || cacheService.entries().length === 0) {
      cacheWhy = `could not be measured: the first run with cache: true ${prime.exitCode !== 0 ? `exited ${prime.exitCode}: ${clip(/^::error::(.*)$/m.exec(prime.stdout)?.[1] ?? prime.stderr)}` : 'saved no cache entry'}`
      errors.push(`warm cache: ${cacheWhy}`)
    } else {
      const tokensBefore = service.stats.tokenRequests
      const entriesBefore = cacheService.entries().length
      const warm = await interleaved('plain refresh, warm cache', [
        ...reference,
        {
          key: 'warm',
          run: async () => {
            const result = await runAction(cached)
            succeeded(result)
            warmRuns++
            if (result.outputs.token_source === 'cache') warmHits++
            return result.durationMs
          }
        },
        ...(cacheFloor
          ? [
              {
                key: 'cacheFloor',
                run: async () => {
                  const [entry] = cacheService.entries()
                  const result = await timeProcess(NODE24, [cacheFloor.bundle], {
                    env: {
                      ...baseEnv(),
                      ...cacheService.env(),
                      PATH: cacheFloor.path,
                      GITHUB_WORKSPACE: tmp,
                      BENCH_CACHE_PATH: CACHE_PATH,
                      BENCH_CACHE_KEY: entry.key
                    },
                    cwd: tmp
                  })
                  if (result.exitCode !== 0) {
                    throw failure(result, 'the cache library floor should find the entry (exit 0)')
                  }
                  return result.durationMs
                }
              }
            ]
          : [])
      ])
      warmTokenRequests = service.stats.tokenRequests - tokensBefore
      floorRow('warm cache', warm)
      const cacheFloorFigures = warm.cacheFloor ? floorRatio(warm, 'cacheFloor') : undefined
      if (cacheFloorFigures?.cpuRatio === undefined) {
        row(warmScenario, warm.warm, warm.bare, 'cache library floor not measured', 'ERROR')
        budget(warmBudget, 'ERROR', 'the cache library floor was not measured')
      } else {
        const limit = cacheFloorFigures.cpuRatio + RATIO.warmCacheOverCacheFloor
        judge(
          warmScenario,
          warm,
          'warm',
          limit,
          `${warmBudget} (${ratio(limit)})`,
          cacheFloorFigures.cpuMargin
        )
        row(
          '  cache library floor: @actions/core + @actions/cache, one lookup',
          warm.cacheFloor,
          warm.bare,
          '—',
          'reference',
          cacheFloorFigures.ratio,
          { ratio: cacheFloorFigures.cpuRatio, margin: cacheFloorFigures.cpuMargin }
        )
        timingNotes.push(
          `Cache library floor (scripts/bench/cache-floor.mjs): loading @actions/core and @actions/cache and one lookup of the entry, no download, costs ${ratio(cacheFloorFigures.cpuRatio)} the floor's overhead by CPU (${ratio(cacheFloorFigures.ratio)} by wall time); the warm-cache budget is that + ${ratio(RATIO.warmCacheOverCacheFloor)}. A warm run does all of that, then downloads and reads the entry.`
        )
      }
      if (!warm.warm.error) {
        timingNotes.push(
          `Warm cache: ${warmHits} of ${warmRuns} runs had token_source=cache; ${warmTokenRequests} token requests and ${cacheService.entries().length - entriesBefore} new cache entries over those runs.`
        )
      }
    }
  }
  if (cacheWhy) {
    unavailableRow(
      warmScenario,
      cacheWhy,
      `cache library floor + ${ratio(RATIO.warmCacheOverCacheFloor)}`
    )
    budget(warmBudget, 'n/a', cacheWhy)
    budget('Warm cache: zero token requests', 'n/a', cacheWhy)
  } else if (warmTokenRequests !== undefined) {
    budget(
      'Warm cache: zero token requests',
      warmTokenRequests === 0 ? 'PASS' : 'MISS',
      `${warmTokenRequests} over ${warmRuns} runs (${warmHits} served from the cache)`
    )
  }

  // Later runs in the same job: the same RUNNER_TEMP. The action ships without Node's compile
  // cache (src/index.ts says why); the same pair with it switched on from outside
  // (NODE_COMPILE_CACHE, a folder under RUNNER_TEMP as the action used to) keeps that decision
  // checked in every bench run.
  let runnerTemp
  let runnerTempOn
  let laterRuns = 0
  let laterFromJob = 0
  const appeared = new Map()
  const compileCacheEnv = dir => ({ NODE_COMPILE_CACHE: join(dir, 'compile-cache') })
  const second = await interleaved('first and later run, same RUNNER_TEMP', [
    ...reference,
    {
      key: 'first',
      run: async () => {
        runnerTemp = mkdtempSync(join(tmp, 'runner-temp-'))
        const result = await runAction({ inputs: credentials, runnerTemp })
        succeeded(result)
        return result.durationMs
      }
    },
    {
      key: 'later',
      run: async () => {
        const result = await runAction({ inputs: credentials, runnerTemp })
        rmSync(runnerTemp, { recursive: true, force: true })
        succeeded(result)
        laterRuns++
        if (result.outputs.token_source === 'job') laterFromJob++
        return result.durationMs
      }
    },
    {
      key: 'firstOn',
      run: async () => {
        runnerTempOn = mkdtempSync(join(tmp, 'runner-temp-'))
        const result = await runAction({
          inputs: credentials,
          runnerTemp: runnerTempOn,
          env: compileCacheEnv(runnerTempOn)
        })
        succeeded(result)
        for (const name of readdirSync(runnerTempOn)) {
          appeared.set(name, folderSummary(join(runnerTempOn, name)))
        }
        return result.durationMs
      }
    },
    {
      key: 'laterOn',
      run: async () => {
        const result = await runAction({
          inputs: credentials,
          runnerTemp: runnerTempOn,
          env: compileCacheEnv(runnerTempOn)
        })
        rmSync(runnerTempOn, { recursive: true, force: true })
        succeeded(result)
        return result.durationMs
      }
    }
  ])
  floorRow('first and later run', second)
  const info = (scenario, key) =>
    row(scenario, second[key], second.bare, '—', 'info', floorRatio(second, key)?.ratio, {
      ratio: floorRatio(second, key)?.cpuRatio,
      margin: floorRatio(second, key)?.cpuMargin
    })
  info('plain refresh, first run in a job (fresh RUNNER_TEMP)', 'first')
  judge(
    'plain refresh, later run in the same job (same RUNNER_TEMP)',
    second,
    'later',
    RATIO.later,
    `Later use in the same job ≤ ${ratio(RATIO.later)} the floor's overhead`
  )
  info('plain refresh, first run, with NODE_COMPILE_CACHE', 'firstOn')
  info('plain refresh, later run, with NODE_COMPILE_CACHE (warm)', 'laterOn')
  timingNotes.push(
    `Later use: ${laterFromJob} of ${laterRuns} later runs had token_source=job (the token an earlier step of the job left in RUNNER_TEMP, no token request).`
  )
  const compileCache = [...appeared.keys()].filter(name => /compile/i.test(name))
  const delta = (a, b) =>
    second[a].error || second[b].error ? '—' : signed(second[a].median - second[b].median)
  const both = ['first', 'later', 'firstOn', 'laterOn'].some(k => second[k].error)
    ? '—'
    : signed(
        second.firstOn.median + second.laterOn.median - second.first.median - second.later.median
      )
  timingNotes.push(
    (compileCache.length
      ? `Compile cache (NODE_COMPILE_CACHE): the first run left ${compileCache[0]}/ (${appeared.get(compileCache[0]).files} files, ${kB(appeared.get(compileCache[0]).bytes)}).`
      : 'Compile cache (NODE_COMPILE_CACHE): no cache folder appeared.') +
      ` With it vs without: first use ${delta('firstOn', 'first')}, later use ${delta('laterOn', 'later')}, a job with two uses ${both}.`
  )

  Object.assign(ctx, {
    cacheWhy,
    cacheService,
    connectionsPerRun,
    warm: { tokenRequests: warmTokenRequests, runs: warmRuns, hits: warmHits }
  })
  return {
    tables: [
      {
        title:
          "Timings (Node 24; median and min–max wall time in ms; × floor: overhead over the floor bundle's overhead in the same group, by CPU time, which the budgets judge, and by wall time)",
        headers: [
          'scenario',
          'median',
          'min–max',
          'bare node',
          'overhead',
          '× floor (CPU)',
          '× floor (wall)',
          'budget',
          'result'
        ],
        rows: timing,
        notes: timingNotes
      }
    ],
    budgets,
    errors
  }
}
