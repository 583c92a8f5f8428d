// Stands in for @actions/exec in @actions/core's dependency tree (package.json `overrides`).
// @actions/core imports it at the top of its module only for `core.platform.getDetails()`, which
// this action never calls; @actions/exec brings child_process and @actions/io with it. Both
// functions here are async in the real package too, so they can load it (the repository's own
// @actions/exec, resolved from this folder) on the first call and forward.
let loaded
const loadExec = () => (loaded ??= import('@actions/exec'))

export async function exec(...args) {
  return (await loadExec()).exec(...args)
}

export async function getExecOutput(...args) {
  return (await loadExec()).getExecOutput(...args)
}
