// Preload for `npm run bench` (NODE_OPTIONS=--import=...): notes every module this process loads
// through the ES module loader (the bundle and each chunk it imports) and writes their URLs, one
// a line, to the file named by BENCH_LOADED_FILES when the process exits. Diagnostic runs only;
// the timed runs never load it.
import { writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'

const loaded = new Set()
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url)
    return nextLoad(url, context)
  }
})
process.on('exit', () => {
  writeFileSync(process.env.BENCH_LOADED_FILES, [...loaded].join('\n'))
})
