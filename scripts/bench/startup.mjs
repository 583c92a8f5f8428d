// Timings: start-up and common runs of the bundled action, each interleaved with bare Node 24.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { NODE24, runAction } from '../run-action.mjs'
import {
  BUDGET,
  HERE,
  baseEnv,
  clip,
  failure,
  findings,
  hasCommand,
  interleaved,
  kB,
  log,
  ms,
  signed,
  succeeded,
  timeProcess,
  verdict
} from './measure.mjs'

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
    bare,
    startFakeCacheService
  } = ctx
  let { cacheWhy } = ctx
  const { budgets, errors, budget } = findings()

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
    ctx.onClose(() => cacheService.close())
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

  Object.assign(ctx, {
    cacheWhy,
    cacheService,
    connectionsPerRun,
    warm: { tokenRequests: warmTokenRequests, runs: warmRuns, hits: warmHits }
  })
  return {
    tables: [
      {
        title: 'Timings (Node 24, median of each group; min–max in ms)',
        headers: ['scenario', 'median', 'min–max', 'bare node', 'overhead', 'budget', 'result'],
        rows: timing,
        notes: timingNotes
      }
    ],
    budgets,
    errors
  }
}
