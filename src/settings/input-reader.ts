import * as core from '@actions/core'
import { InputError } from '../common/errors.js'

/** Reads one input by its action.yml name; core.getInput in the action, a table in tests. */
export type InputReader = (name: string) => string

export function required(read: InputReader, name: string): string {
  const value = read(name)
  if (!value)
    throw new InputError(`Input ${name} is empty. Set it, or remove it to use the default.`)
  return value
}

export function oneOf<T extends string>(
  read: InputReader,
  name: string,
  allowed: readonly T[],
  fallback: T
): T {
  const value = read(name) || fallback
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`Input ${name} is "${value}"; it must be one of: ${allowed.join(', ')}.`)
  }
  return value as T
}

export function positiveNumber(
  read: InputReader,
  name: string,
  fallback: number,
  opts: { integer?: boolean; max: number }
): number {
  const raw = read(name)
  if (!raw) return fallback
  const value = Number(raw)
  const ok = Number.isFinite(value) && value > 0 && value <= opts.max
  if (!ok || (opts.integer && !Number.isInteger(value))) {
    throw new InputError(
      `Input ${name} is "${raw}"; it must be a ${opts.integer ? 'whole' : 'positive'} number from ${opts.integer ? 1 : 'above 0'} to ${opts.max} (default ${fallback}).`
    )
  }
  return value
}

/** Seconds; fractions allowed (api_wait_interval: 0.5), which also keeps tests' waits short. */
export function seconds(read: InputReader, name: string, fallback: number, max: number): number {
  const raw = read(name)
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new InputError(
      `Input ${name} is "${raw}"; it must be a number of seconds above 0 and at most ${max} (default ${fallback}).`
    )
  }
  return value
}

/** The runner's inputs (INPUT_<NAME>, trimmed): the one place that calls core.getInput. */
export const readActionInput: InputReader = name => core.getInput(name)
