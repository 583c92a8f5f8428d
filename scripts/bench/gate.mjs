// Gate latency: how soon api_wait_until returns after a review becomes ready, and poll spacing.
import { runAction } from '../../__tests__/support/action-runner.mjs'
import { BUDGET, clip, failure, findings, log, ms, verdict } from './measure.mjs'
import { startReviewFront } from './review-front.mjs'
import { BENCH_SCAN_PATH } from '../stand-in.mjs'

/** Moments (s after the step starts) at which the gate's review becomes ready, one per repetition. */
const GATE_READY_AT_S = [2.5, 2.2, 2.8, 2.5]
/** Timer slack allowed when checking poll spacing, in ms. */
const SPACING_SLACK_MS = 5

/** The Gate latency table: a review that becomes ready at a known moment. */
export async function gate(ctx) {
  const { service, credentials } = ctx
  const { budgets, errors, budget } = findings()

  log('Gate')
  const front = await startReviewFront(service.url)
  ctx.onClose(() => front.close())
  const gateInputs = {
    ...credentials,
    base_url: front.url,
    api_url: BENCH_SCAN_PATH,
    api_wait_until: "task.status == 'PROCESSED'",
    api_wait_interval: String(BUDGET.gateIntervalS),
    api_wait_timeout: '30'
  }
  const gateRuns = GATE_READY_AT_S.map(readyAtS => ({ readyAtS }))
  gateRuns.push({ readyAtS: 2.5, retryAfterS: BUDGET.retryAfterS })
  const rows = []
  const latencies = []
  const firstPollEnded = []
  const spacings = { plain: [], retryAfter: [] }
  let gateError
  for (const run of gateRuns) {
    front.reset(run.retryAfterS)
    const readyAt = Date.now() + run.readyAtS * 1000
    // The front stamps polls with performance.now(): the same moment on that clock.
    const readyAtPerf = performance.now() + run.readyAtS * 1000
    service.setReviewReadyAt(readyAt)
    const result = await runAction({ inputs: gateInputs })
    const returnedAfterMs = Date.now() - readyAt
    service.setReviewReadyAt(Infinity)
    const polls = front.polls()
    const gaps = polls.slice(1).map((at, i) => at - polls[i])
    const closest = gaps.length ? Math.min(...gaps) : undefined
    if (result.exitCode !== 0) {
      gateError = failure(result, 'the gate should succeed once the review is ready').message
      rows.push([
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
    // A review ready just after a poll is seen at the next one, a whole interval (and that poll's
    // round trip) later, and the step still has to exit: no bound on the exit time holds for every
    // moment. What the gate controls is that the first poll after the review is ready ends the
    // wait; a poll within a few ms of the moment may still have found it pending.
    const pollsAfterReady = polls.filter(at => at >= readyAtPerf + SPACING_SLACK_MS).length
    const withinInterval = pollsAfterReady === 1
    if (!run.retryAfterS) firstPollEnded.push(withinInterval)
    rows.push([
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
    const ended = firstPollEnded.filter(Boolean).length
    budget(
      `Gate returns at the first poll after the review is ready (api_wait_interval ${BUDGET.gateIntervalS} s)`,
      verdict(ended === firstPollEnded.length),
      `${ended} of ${firstPollEnded.length} runs; ${ms(Math.min(...latencies))}–${ms(worst)} from ready to the step's exit`
    )
  } else {
    budget(
      `Gate returns at the first poll after the review is ready`,
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
    `A scan of the review API turns PROCESSED at the moment shown; api_wait_interval: ${BUDGET.gateIntervalS}; "returned after ready" is measured from that moment to the step's exit (an upper bound: it includes the harness's clean-up of a few ms). A row passes when the first poll after that moment ended the wait (one interval plus one round trip at most, then the exit).`,
    `The last row answers every poll with Retry-After: ${BUDGET.retryAfterS}; the wait must then space polls by at least ${BUDGET.retryAfterS} s (the interval budget does not apply to it).`
  ]
  if (spacings.plain.length) {
    gateNotes.push(`Closest polls without Retry-After: ${ms(Math.min(...spacings.plain))} apart.`)
  }

  return {
    tables: [
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
        rows,
        notes: gateNotes
      }
    ],
    budgets,
    errors
  }
}
