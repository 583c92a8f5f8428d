// Preload for `npm run bench` (NODE_OPTIONS=--import=...): writes this process's CPU time and peak
// resident memory (process.resourceUsage()) as JSON to the file named by BENCH_USAGE_FILE when the
// process exits. Diagnostic runs of the "cost as the work grows" group only.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  const usage = process.resourceUsage()
  writeFileSync(
    process.env.BENCH_USAGE_FILE,
    JSON.stringify({
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      maxRssKb: usage.maxRSS
    })
  )
})
