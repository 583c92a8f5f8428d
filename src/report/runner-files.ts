import { randomUUID } from 'node:crypto'
import { accessSync, appendFileSync, constants, existsSync } from 'node:fs'
import { EOL } from 'node:os'
import * as core from '@actions/core'

/**
 * Step outputs and the job summary, written to the runner's files exactly as @actions/core writes
 * them, but synchronously and once per batch. Measured on a refresh (README, Performance): core's
 * setOutput checks and appends the file once per output (ten of each per token), and its
 * summary.write goes through fs.promises, whose first call starts libuv's thread pool (four
 * threads) for one small append at the very end of the run.
 */

/** The slice of node:fs used here, so tests can count the writes. */
export interface RunnerFs {
  existsSync(path: string): boolean
  accessSync(path: string, mode: number): void
  appendFileSync(path: string, data: string, options: { encoding: 'utf8' }): void
}

const NODE_FS: RunnerFs = { existsSync, accessSync, appendFileSync }

/**
 * Sets each output as core.setOutput(name, value) would, in order, with one append to
 * GITHUB_OUTPUT for all of them. Without GITHUB_OUTPUT, core prints each as a workflow command
 * instead, and so does this (through core, so the log keeps its order).
 */
export function setOutputs(outputs: Record<string, string>, fs: RunnerFs = NODE_FS): void {
  const entries = Object.entries(outputs)
  if (entries.length === 0) return
  if (!process.env.GITHUB_OUTPUT) {
    for (const [name, value] of entries) core.setOutput(name, value)
    return
  }
  const messages = entries.map(([name, value]) => keyValueMessage(name, value))
  appendFileCommand('OUTPUT', messages, fs)
}

/** core's prepareKeyValueMessage (lib/file-command.js): a heredoc with a fresh random delimiter. */
function keyValueMessage(key: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`
  // These should realistically never happen (core's words): a key or value holding the delimiter.
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  }
  if (value.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  }
  return `${key}<<${delimiter}${EOL}${value}${EOL}${delimiter}`
}

/** core's issueFileCommand (lib/file-command.js), for several messages in one append. */
function appendFileCommand(command: string, messages: string[], fs: RunnerFs): void {
  const filePath = process.env[`GITHUB_${command}`]
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`)
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`)
  }
  fs.appendFileSync(filePath, messages.map(message => `${message}${EOL}`).join(''), {
    encoding: 'utf8'
  })
}

/**
 * Appends to the job summary as core.summary.addRaw(text).write() does, with its checks and
 * error messages, synchronously.
 */
export function appendStepSummary(text: string, fs: RunnerFs = NODE_FS): void {
  const pathFromEnv = process.env.GITHUB_STEP_SUMMARY
  if (!pathFromEnv) {
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
    )
  }
  try {
    fs.accessSync(pathFromEnv, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(
      `Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`
    )
  }
  fs.appendFileSync(pathFromEnv, text, { encoding: 'utf8' })
}
