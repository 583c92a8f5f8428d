// Runs the bundled action (PEAK_RSS_TARGET) in this process and reports the process's peak
// resident memory on stderr as `peak-rss-kib=N` when it exits, for the body-limit tests.
import { pathToFileURL } from 'node:url'

process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kib=${process.resourceUsage().maxRSS}\n`)
})
await import(pathToFileURL(process.env.PEAK_RSS_TARGET).href)
