// Cost as the work grows: CPU time per poll of a wait (1, 10, 100 polls), and peak memory for API
// responses of 1 KB, 1 MB and 100 MB. Figures come from the action's own process
// (process.resourceUsage() at exit, scripts/bench/usage.mjs), so they do not depend on how busy
// the machine is as much as wall times do.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createServer, request } from 'node:http'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runAction } from '../../__tests__/support/action-runner.mjs'
import {
  HERE,
  NOISE_STANDARD_ERRORS,
  RUNS,
  clip,
  failure,
  findings,
  withinBudget,
  log,
  median,
  standardError
} from './measure.mjs'

const POLL_COUNTS = [1, 10, 100]
const RESPONSE_SIZES = [
  { label: '1 KB', bytes: 1024 },
  { label: '1 MB', bytes: 1024 * 1024 },
  { label: '100 MB', bytes: 100 * 1024 * 1024 }
]
/** Runs per figure (median taken); CPU time varies less than wall time, so a few suffice. */
const REPEATS = Math.max(1, Math.min(RUNS, 5))
/** api_wait_interval for the poll runs: short, so 100 polls take seconds, not minutes. */
const POLL_INTERVAL_S = 0.02
/**
 * Flat per-poll cost: the extra CPU per poll from 10 to 100 polls may exceed that from 1 to 10 by
 * this factor at most (plus 0.2 ms of timer noise).
 */
const FLAT_FACTOR = 1.5

/**
 * A front for the stand-in: token requests and anything else pass through; /api/reviews/poll
 * answers RUNNING until its `pollsUntilReady`-th call, and /api/blob answers a JSON document of
 * `blobBytes` bytes. It does not check the bearer token: the stand-in already did for the token.
 */
async function startWorkFront(targetUrl) {
  const target = new URL(targetUrl)
  const sockets = new Set()
  const state = { polls: 0, pollsUntilReady: 1, blob: Buffer.alloc(0) }
  const server = createServer((req, res) => {
    if (req.url.startsWith('/api/reviews/poll')) {
      state.polls++
      const done = state.polls >= state.pollsUntilReady
      res.writeHead(200, { 'content-type': 'application/json' })
      return res.end(
        JSON.stringify({ id: 'poll', task: { status: done ? 'PROCESSED' : 'RUNNING' } })
      )
    }
    if (req.url.startsWith('/api/blob')) {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(state.blob.length)
      })
      return res.end(state.blob)
    }
    const chunks = []
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host }
        },
        answer => {
          res.writeHead(answer.statusCode, answer.headers)
          answer.pipe(res)
        }
      )
      upstream.on('error', () => res.destroy())
      upstream.end(Buffer.concat(chunks))
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    state,
    /** A JSON document of exactly `bytes` bytes: {"data":"xxx…"}. */
    setBlob(bytes) {
      const filler = Math.max(0, bytes - '{"data":""}'.length)
      state.blob = Buffer.from(`{"data":"${'x'.repeat(filler)}"}`)
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    }
  }
}

/** Runs the action with the usage preload; returns its CPU ms and peak RSS kB, or throws. */
async function measured(tmp, opts, check) {
  const file = join(tmp, 'usage.json')
  rmSync(file, { force: true })
  const result = await runAction({
    ...opts,
    env: {
      ...opts.env,
      NODE_OPTIONS: `--import=${pathToFileURL(join(HERE, 'usage.mjs')).href}`,
      BENCH_USAGE_FILE: file
    }
  })
  check(result)
  if (!existsSync(file)) throw failure(result, 'the run should report its resource usage')
  return { ...JSON.parse(readFileSync(file, 'utf8')), result }
}

const cpu = value => `${value.toFixed(1)} ms`
const mb = kb => `${(kb / 1024).toFixed(1)} MB`

/** The "Cost as the work grows" table. */
export async function work(ctx) {
  const { tmp, service, credentials } = ctx
  const { budgets, errors, budget } = findings()
  log('Cost as the work grows')
  const front = await startWorkFront(service.url)
  ctx.onClose(() => front.close())
  const base = { ...credentials, base_url: front.url }
  const rows = []
  const notes = []

  // Polls.
  const pollCpu = {}
  const pollSe = {}
  try {
    for (const polls of POLL_COUNTS) {
      const samples = []
      for (let i = 0; i < REPEATS; i++) {
        front.state.polls = 0
        front.state.pollsUntilReady = polls
        const { cpuMs } = await measured(
          tmp,
          {
            inputs: {
              ...base,
              api_url: '/api/reviews/poll',
              api_wait_until: "task.status == 'PROCESSED'",
              api_wait_interval: String(POLL_INTERVAL_S),
              api_wait_timeout: '120'
            }
          },
          result => {
            if (result.exitCode !== 0)
              throw failure(result, `the wait for ${polls} polls should succeed`)
            if (front.state.polls !== polls) {
              throw failure(
                result,
                `the wait should poll ${polls} times (polled ${front.state.polls})`
              )
            }
          }
        )
        samples.push(cpuMs)
      }
      pollCpu[polls] = median(samples)
      pollSe[polls] = standardError(samples)
    }
    const [one, ten, hundred] = POLL_COUNTS.map(n => pollCpu[n])
    const perPoll1to10 = (ten - one) / 9
    const perPoll10to100 = (hundred - ten) / 90
    for (const polls of POLL_COUNTS) {
      const marginal = polls === 1 ? '—' : cpu(polls === 10 ? perPoll1to10 : perPoll10to100)
      rows.push([
        `wait: ${polls} poll${polls === 1 ? '' : 's'} (api_wait_interval ${POLL_INTERVAL_S} s)`,
        cpu(pollCpu[polls]),
        cpu(pollCpu[polls] / polls),
        marginal,
        '—'
      ])
    }
    // Nine polls are little against a process's CPU noise: the 1→10 figure carries most of it.
    const margin =
      NOISE_STANDARD_ERRORS *
      Math.hypot(
        Math.hypot(pollSe[100], pollSe[10]) / 90,
        (FLAT_FACTOR * Math.hypot(pollSe[10], pollSe[1])) / 9
      )
    budget(
      `Per-poll CPU stays flat (10→100 polls ≤ ${FLAT_FACTOR}× 1→10 polls, per poll)`,
      withinBudget(perPoll10to100, margin, perPoll1to10 * FLAT_FACTOR + 0.2),
      `${cpu(perPoll1to10)} per poll from 1 to 10 polls, ${cpu(perPoll10to100)} from 10 to 100 (noise margin ± ${cpu(margin)})`
    )
  } catch (error) {
    if (!error?.message) throw error
    errors.push(`polls: ${error.message}`)
    rows.push(['wait polls', 'ERROR', '', '', clip(error.message)])
    budget('Per-poll CPU stays flat', 'ERROR', 'not measured')
  }

  // Response sizes.
  for (const size of RESPONSE_SIZES) {
    front.setBlob(size.bytes)
    try {
      const samples = []
      let last
      for (let i = 0; i < Math.min(REPEATS, size.bytes > 10e6 ? 2 : REPEATS); i++) {
        last = await measured(tmp, { inputs: { ...base, api_url: '/api/blob' } }, () => {})
        samples.push(last.maxRssKb)
      }
      const outcome =
        last.result.exitCode === 0
          ? `exit 0, api_status ${last.result.outputs.api_status ?? '—'}`
          : `exit ${last.result.exitCode}: ${clip(/^::error::(.*)$/m.exec(last.result.stdout)?.[1] ?? '', 90)}`
      rows.push([
        `API response of ${size.label}`,
        cpu(last.cpuMs),
        '—',
        '—',
        `peak RSS ${mb(median(samples))}; ${outcome}`
      ])
    } catch (error) {
      errors.push(`response of ${size.label}: ${error.message}`)
      rows.push([`API response of ${size.label}`, 'ERROR', '', '', clip(error.message)])
    }
    front.setBlob(0)
  }
  notes.push(
    `CPU time (user + system) and peak resident memory of the action's process, from process.resourceUsage() at exit (scripts/bench/usage.mjs); median of ${REPEATS} runs (2 for 100 MB). "marginal" is the extra CPU per extra poll against the previous row. Memory is reported, not budgeted: the response-size cap belongs to the security work, and its figure goes here once it lands.`
  )
  return {
    tables: [
      {
        title: 'Cost as the work grows (CPU time and peak memory of the action process)',
        headers: ['scenario', 'CPU time', 'CPU per poll', 'marginal per poll', 'notes'],
        rows,
        notes
      }
    ],
    budgets,
    errors
  }
}
