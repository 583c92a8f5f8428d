// Stands in for @actions/exec in @actions/cache's dependency tree (package.json `overrides`).
// The library hands a restored archive over only by running tar on it. The token cache puts a
// tar stand-in first on PATH that keeps the archive and extracts nothing (src/lifecycle/
// tar-capture.ts); spawning that script cost a warm run about a fifth of its time. Here a program
// registered by its path runs as a function in this process instead. A command of any other
// shape, or for a program nobody registered, goes to the real @actions/exec (resolved from this
// folder: the repository's own), so the script still runs whenever the function declines.
// Imported on the first command that is not registered: a restore runs only registered ones.
let loaded
const real = () => (loaded ??= import('@actions/exec'))

/** @type {Map<string, (args: string[]) => number | undefined>} */
const programs = new Map()

/**
 * Until the returned function is called, `exec` of `path` calls `run(args)` instead of spawning.
 * `run` returns the exit code, or undefined to let the real program run after all.
 */
export function runInProcess(path, run) {
  programs.set(path, run)
  return () => {
    if (programs.get(path) === run) programs.delete(path)
  }
}

/**
 * The program and its arguments, as @actions/cache writes a command: `"<path>" arg arg ...`,
 * arguments joined by single spaces. Quotes or backslashes after the path would need the real
 * parser's rules: undefined, and the real exec runs it.
 */
function split(commandLine, args) {
  if (args !== undefined) return { path: commandLine, args: [...args] }
  const match = /^"([^"]+)"((?: [^ "'\\]+)*)$/.exec(commandLine)
  if (!match) return undefined
  return { path: match[1], args: match[2].split(' ').slice(1) }
}

export async function exec(commandLine, args, options) {
  const command = typeof commandLine === 'string' ? split(commandLine, args) : undefined
  const run = command && programs.get(command.path)
  const code = run ? run(command.args) : undefined
  if (code === undefined) return (await real()).exec(commandLine, args, options)
  // What the real one prints before it starts a program, so the library's log reads the same.
  if (!options?.silent) {
    const out = options?.outStream ?? process.stdout
    out.write(`[command]${command.path} ${command.args.join(' ')}\n`)
  }
  if (code !== 0 && !options?.ignoreReturnCode) {
    throw new Error(`The process '${command.path}' failed with exit code ${code}`)
  }
  return code
}

export async function getExecOutput(...args) {
  return (await real()).getExecOutput(...args)
}
