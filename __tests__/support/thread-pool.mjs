// Preloaded into the action's process by tests (NODE_OPTIONS=--import): when the process exits,
// reports on stderr as `libuv-workers=N` how many threads of libuv's pool it started (they are
// named libuv-worker; the pool starts on the first asynchronous fs call, DNS lookup or zlib job).
// Linux only: it reads /proc/self/task.
import { readdirSync, readFileSync } from 'node:fs'

process.on('exit', () => {
  const names = readdirSync('/proc/self/task').map(task =>
    readFileSync(`/proc/self/task/${task}/comm`, 'utf8').trim()
  )
  process.stderr.write(`\nlibuv-workers=${names.filter(name => name === 'libuv-worker').length}\n`)
})
