// Shared by the bench's scenario groups: budgets, spawning, interleaved timing, medians, formats.
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { NODE24, REPO_ROOT as ROOT } from '../../__tests__/support/action-runner.mjs'

export const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 20)
/**
 * Start-up budgets are ratios: a scenario's overhead over bare Node 24 divided by the floor
 * bundle's overhead over bare Node 24, both measured in the same interleaved group (milliseconds
 * change from machine to machine; the ratio much less). They are judged on CPU time (user +
 * system of each process), which a busy machine moves far less than wall time; the wall-time
 * ratio is reported beside it. `warmCacheOverCacheFloor` is added to the cache library floor's
 * ratio (@actions/core + @actions/cache and one lookup, measured in the same group).
 */
export const RATIO = {
  load: 0.6,
  refresh: 0.75,
  api: 0.85,
  later: 0.55,
  warmCacheOverCacheFloor: 0.5
}
/**
 * The noise margin of a CPU ratio: this many standard errors of it (about a 95% interval). A
 * budget is MISSED only when the ratio is over it by more than its margin; a ratio over the
 * budget but within the margin is reported as `PASS (noise)`.
 */
export const NOISE_STANDARD_ERRORS = 2
export const BUDGET = {
  connections: 1,
  warmTokenRequests: 0,
  cacheOnTokenRequests: 1,
  gateIntervalS: 1,
  retryAfterS: 2
}
export const DIST = join(ROOT, 'dist')
/** scripts/bench: the bench's helper files (refresh.sh, loaded-files.mjs). */
export const HERE = join(ROOT, 'scripts', 'bench')

export const log = text => process.stderr.write(`${text}\n`)

export const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
export const ms = value => (value === undefined ? '—' : `${value.toFixed(1)} ms`)
export const signed = value => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} ms`
export const kB = bytes => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`)
export const verdict = ok => (ok ? 'PASS' : 'MISS')

/** A figure against its limit, with the figure's noise margin (see NOISE_STANDARD_ERRORS). */
export function withinBudget(value, margin, limit) {
  if (value <= limit) return 'PASS'
  return value - (margin ?? 0) <= limit ? 'PASS (noise)' : 'MISS'
}
export const clip = (text, max = 160) => {
  const line = String(text).replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

export class ScenarioError extends Error {}

/** Why a run did not do what the scenario expects, from what it printed. */
export function failure(result, expected) {
  const stderr = result.stderr.trim().split('\n')
  const error =
    /^::error::(.*)$/m.exec(result.stdout)?.[1] ??
    stderr.find(line => /\b\w*Error\b/.test(line)) ??
    stderr.pop()
  return new ScenarioError(`${expected}, but it exited ${result.exitCode}: ${clip(error ?? '')}`)
}

/**
 * What a scenario group hands back besides its tables: budget checks (shown in the Budgets table,
 * in group order) and errors (scenarios that could not run as expected; any makes the bench exit 1).
 */
export function findings() {
  const budgets = []
  const errors = []
  const budget = (name, status, figure) => {
    budgets.push({ name, status, figure })
  }
  return { budgets, errors, budget }
}

export function hasCommand(name) {
  try {
    execFileSync('bash', ['-c', `command -v ${name}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Spawns a process the way runAction does (piped output, wall time from spawn to close). */
export function timeProcess(command, args, { env, cwd } = {}) {
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

export const ratio = value => (value === undefined ? '—' : `${value.toFixed(2)}×`)

/**
 * A group's figures against the floor: overhead (median minus bare median) of `key` divided by the
 * floor's overhead, in the same group, by wall time and by mean CPU time, the CPU ratio with its
 * noise margin (NOISE_STANDARD_ERRORS standard errors, from the spread of the three means).
 * Undefined when either did not run.
 */
export function floorRatio(stats, key) {
  const { bare, floor } = stats
  const it = stats[key]
  if (!bare || bare.error || !floor || floor.error || !it || it.error) return undefined
  const floorOverhead = floor.median - bare.median
  const floorCpu = floor.cpuMean - bare.cpuMean
  const cpuRatio = floorCpu > 0 ? (it.cpuMean - bare.cpuMean) / floorCpu : undefined
  // First-order propagation of each mean's standard error through (a - b) / (f - b).
  const cpuMargin =
    cpuRatio === undefined
      ? undefined
      : (NOISE_STANDARD_ERRORS *
          Math.sqrt(
            it.cpuSe ** 2 + (cpuRatio * floor.cpuSe) ** 2 + ((cpuRatio - 1) * bare.cpuSe) ** 2
          )) /
        floorCpu
  return {
    overhead: it.median - bare.median,
    floorOverhead,
    ratio: floorOverhead > 0 ? (it.median - bare.median) / floorOverhead : undefined,
    cpuRatio,
    cpuMargin
  }
}

export const baseEnv = () => ({ PATH: process.env.PATH, HOME: process.env.HOME })

/** A contender that times bare Node 24 (`node -e 0`), run in `cwd`. */
export const bareNode = cwd => async () => {
  const result = await timeProcess(NODE24, ['-e', '0'], { env: baseEnv(), cwd })
  if (result.exitCode !== 0) throw failure(result, 'bare node should exit 0')
  return result.durationMs
}

/** Throws a ScenarioError unless the action run succeeded and output access_token. */
export const succeeded = result => {
  if (result.exitCode !== 0 || !result.outputs.access_token) {
    throw failure(result, 'the action should succeed and output access_token')
  }
}

const CLOCK_TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100
  } catch {
    return 100
  }
})()

/**
 * CPU time (user + system, ms) of this process's children that have ended, from /proc/self/stat
 * (cutime + cstime; grandchildren the child waited for, such as tar, included). Linux only;
 * undefined elsewhere. Clock-tick resolution (10 ms), so only means over many runs are useful.
 */
export function endedChildrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_S
  } catch {
    return undefined
  }
}

const mean = values => values.reduce((sum, v) => sum + v, 0) / values.length
export const standardError = values => {
  if (values.length < 2) return 0
  const m = mean(values)
  const variance = values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1)
  return Math.sqrt(variance / values.length)
}

/**
 * Runs each contender once untimed (warm-up), then RUNS rounds of all of them in order
 * (A B C A B C ...). A contender whose run throws is dropped with its error; the others go on.
 * @param {{ key: string, run: () => Promise<number> }[]} contenders
 */
export async function interleaved(label, contenders) {
  const started = process.hrtime.bigint()
  const times = Object.fromEntries(contenders.map(c => [c.key, []]))
  const cpu = Object.fromEntries(contenders.map(c => [c.key, []]))
  const failed = {}
  for (let round = -1; round < RUNS; round++) {
    for (const c of contenders) {
      if (failed[c.key]) continue
      try {
        const cpuBefore = endedChildrenCpuMs()
        const duration = await c.run()
        const cpuAfter = endedChildrenCpuMs()
        if (round >= 0) {
          times[c.key].push(duration)
          if (cpuBefore !== undefined && cpuAfter !== undefined)
            cpu[c.key].push(cpuAfter - cpuBefore)
        }
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
      stats[c.key] = {
        median: median(t),
        min: Math.min(...t),
        max: Math.max(...t),
        n: t.length,
        // Each contender's run spawns one process (the action, the floor, bare Node).
        cpuMean: cpu[c.key].length === t.length ? mean(cpu[c.key]) : undefined,
        cpuSe: cpu[c.key].length === t.length ? standardError(cpu[c.key]) : undefined
      }
    }
  }
  return stats
}
