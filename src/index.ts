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
// Read without @actions/core so the post step of a job that revokes nothing loads nothing else.
if (process.env.STATE_isPost === 'true') {
  if (process.env.STATE_revokeAccessToken) {
    const { runPost } = await import('./post.js')
    await runPost()
  }
} else {
  const { run } = await import('./main.js')
  // run() reports every failure through core.setFailed; nothing escapes it.
  await run()
}
