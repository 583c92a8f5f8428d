// Requests: token requests and connections counted at the loopback stand-in, cache off and on.
import { runAction } from '../../__tests__/support/action-runner.mjs'
import { BUDGET, clip, findings, log, succeeded, verdict } from './measure.mjs'

const SEQUENTIAL_RUNS = 10

/** The Requests table; its warm-cache and connection rows report what startup.mjs counted. */
export async function requests(ctx) {
  const { service, credentials, cacheWhy, startFakeCacheService, connectionsPerRun } = ctx
  const { tokenRequests: warmTokenRequests, runs: warmRuns } = ctx.warm
  const { budgets, errors, budget } = findings()

  log('Requests')
  const rows = []
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
    rows.push([
      `token requests, ${SEQUENTIAL_RUNS} sequential runs, cache off`,
      'ERROR',
      '—',
      'ERROR'
    ])
  } else {
    rows.push([
      `token requests, ${SEQUENTIAL_RUNS} sequential runs, cache off`,
      String(service.stats.tokenRequests - before),
      '— (one per run)',
      'info'
    ])
  }
  if (cacheWhy || !startFakeCacheService) {
    rows.push([
      `token requests, ${SEQUENTIAL_RUNS} sequential runs, cache on`,
      cacheWhy.split(':')[0],
      '1',
      'n/a'
    ])
    budget(`${SEQUENTIAL_RUNS} runs with cache on: one token request`, 'n/a', cacheWhy)
  } else {
    const fresh = await startFakeCacheService()
    ctx.onClose(() => fresh.close())
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
      rows.push([
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
      rows.push([
        `token requests, ${SEQUENTIAL_RUNS} sequential runs, cache on (empty cache at first)`,
        String(count),
        String(BUDGET.cacheOnTokenRequests),
        verdict(ok)
      ])
      budget(`${SEQUENTIAL_RUNS} runs with cache on: one token request`, verdict(ok), String(count))
    }
  }
  if (warmTokenRequests !== undefined) {
    rows.push([
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
    rows.push([
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
    rows.push([
      'connections opened for a refresh + API call',
      'ERROR',
      `≤ ${BUDGET.connections}`,
      'ERROR'
    ])
    budget('One connection for the token request and the API call', 'ERROR', 'not measured')
  }

  return {
    tables: [
      {
        title: 'Requests (counted at the loopback stand-in)',
        headers: ['figure', 'value', 'budget', 'result'],
        rows
      }
    ],
    budgets,
    errors
  }
}
