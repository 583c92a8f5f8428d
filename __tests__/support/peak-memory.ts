import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { REPO_ROOT, type RunResult } from './action-runner.mjs'

/**
 * Run options that start the bundled action through peak-rss.mjs, which reports the process's
 * peak resident memory when it exits. Merge `env` with a run's own variables.
 */
export const PEAK_RSS = {
  script: fileURLToPath(new URL('./peak-rss.mjs', import.meta.url)),
  env: { PEAK_RSS_TARGET: join(REPO_ROOT, 'dist', 'index.js') }
}

/** The peak resident memory of a run started with PEAK_RSS, in MiB. */
export function peakRssMiB(result: RunResult): number {
  const match = /peak-rss-kib=(\d+)/.exec(result.stderr)
  if (!match) throw new Error(`no peak-rss line in stderr:\n${result.stderr}`)
  return Number(match[1]) / 1024
}
