import * as nodeModule from 'node:module'
import { join } from 'node:path'

// Every job step pays this action's start-up. Node's compile cache (Node 22.1+) keeps V8's
// compiled code under the runner's temp folder, so a second use in the same job starts faster.
// It must be on before the bundle loads, hence the dynamic imports below.
const enableCompileCache = (nodeModule as { enableCompileCache?: (dir: string) => unknown })
  .enableCompileCache
if (enableCompileCache && process.env.RUNNER_TEMP) {
  try {
    enableCompileCache(join(process.env.RUNNER_TEMP, 'clayton-oauth-action-compile-cache'))
  } catch {
    // A cache that cannot be written only costs speed.
  }
}

// action.yml runs this file as both `main` and `post`; the main step leaves STATE_isPost behind.
// Both paths import main.js, so our code is one chunk: one file to read at start-up.
if (process.env.STATE_isPost === 'true') {
  // Only a job that asked for revocation has anything to do at its end: others load nothing.
  if (process.env.STATE_revokeAccessToken) await (await import('./main.js')).runPost()
} else {
  // run() reports every failure through core.setFailed; nothing escapes it.
  await (await import('./main.js')).run()
}
