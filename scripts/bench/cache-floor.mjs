// The least a warm-cache run can cost with @actions/cache kept: @actions/core and @actions/cache
// loaded, and one lookup of the entry (lookupOnly: no download, no extraction), bundled by ncc
// from this repository's node_modules, so with the same stand-ins as dist/ (no undici; core's
// http-client and exec on demand). A warm run of the action does all of this and more (the
// download, reading the archive, its own settings and outputs); if this bundle alone is over the
// warm-cache budget, no action built on the library can meet it.
// Env: BENCH_CACHE_PATH and BENCH_CACHE_KEY (an entry's path and exact key), plus the cache
// service variables; PATH should hold no zstd, as the action's restore does (the version hashes
// the compression method). Exits 0 on a hit, 3 on a miss.
import * as core from '@actions/core'
import { restoreCache } from '@actions/cache'

const hit = await restoreCache(
  [process.env.BENCH_CACHE_PATH],
  process.env.BENCH_CACHE_KEY,
  [],
  { lookupOnly: true },
  false
)
core.getInput('client_id')
if (!hit) process.exitCode = 3
