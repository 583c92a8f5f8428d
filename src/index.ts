// No compile cache (module.enableCompileCache): measured with `npm run bench` (README,
// Performance), writing it made a job's first use slower and a later use was no faster, because
// with the lazily loaded chunks a run compiles little code. Node's NODE_COMPILE_CACHE variable
// still turns it on from outside, which is how the bench keeps measuring it.

// action.yml runs this file as both `main` and `post`; the main step leaves STATE_isPost behind.
// Both paths import main.js, so our code is one chunk: one file to read at start-up.
if (process.env.STATE_isPost === 'true') {
  // Only a job that asked for revocation has anything to do at its end: others load nothing.
  if (process.env.STATE_revokeAccessToken) await (await import('./main.js')).runPost()
} else {
  // run() reports every failure through core.setFailed; nothing escapes it.
  await (await import('./main.js')).run()
}
