import { rmSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { join, resolve } from 'node:path'

/**
 * @actions/cache archives and extracts paths relative to GITHUB_WORKSPACE (the current directory
 * when unset), finds them relative to the current directory, and leaves temporary folders under
 * RUNNER_TEMP. The token state must never land in the user's workspace, so each cache call runs
 * with all three pointed into a private folder under the runner's temp directory.
 */
export interface PrivateWorkspace {
  /** The private folder itself: workspace and temp are below it. */
  root: string
  /** Stands in for GITHUB_WORKSPACE during the call. */
  workspace: string
  /**
   * Points GITHUB_WORKSPACE, RUNNER_TEMP and the current directory here, makes `path` the whole
   * PATH (the programs the library may run, and no others) and sets `env`; returns the undo.
   */
  enter(extra?: { path?: string; env?: Record<string, string> }): () => void
  /** Deletes the folder and everything the call left in it. */
  remove(): Promise<void>
}

export async function createPrivateWorkspace(runnerTemp: string): Promise<PrivateWorkspace> {
  // Absolute: the current directory moves while the call runs.
  const root = await mkdtemp(join(resolve(runnerTemp), 'clayton-oauth-cache-'))
  const workspace = join(root, 'workspace')
  const temp = join(root, 'temp')
  await mkdir(workspace, { mode: 0o700 })
  await mkdir(temp, { mode: 0o700 })
  return {
    root,
    workspace,
    enter(extra = {}) {
      const names = ['GITHUB_WORKSPACE', 'RUNNER_TEMP', 'PATH', ...Object.keys(extra.env ?? {})]
      const saved = new Map(names.map(name => [name, process.env[name]]))
      const cwd = process.cwd()
      process.env.GITHUB_WORKSPACE = workspace
      process.env.RUNNER_TEMP = temp
      if (extra.path !== undefined) process.env.PATH = extra.path
      Object.assign(process.env, extra.env)
      process.chdir(workspace)
      return () => {
        for (const [name, value] of saved) setEnv(name, value)
        process.chdir(cwd)
      }
    },
    // Synchronous: Node's rmSync walks the tree natively; the promise version walks it in
    // JavaScript, which costs more than the few files a cache call leaves.
    remove: async () => rmSync(root, { recursive: true, force: true, maxRetries: 2 })
  }
}

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
}
