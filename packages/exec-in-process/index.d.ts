// Types of the stand-in: the functions of @actions/exec it forwards, and the registration.
export { exec, getExecOutput } from '@actions/exec'

/**
 * Until the returned function is called, `exec` of `path` calls `run(args)` instead of spawning.
 * `run` returns the exit code, or undefined to let the real program run after all.
 */
export function runInProcess(path: string, run: (args: string[]) => number | undefined): () => void
