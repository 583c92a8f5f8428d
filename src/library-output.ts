/**
 * @actions/cache reports its own failures with core.warning / core.error and then returns as if
 * nothing happened, so a miss and a dead cache service look alike to the caller. While it runs,
 * its warnings and errors are held back here, to be reported once, as one warning that says what
 * they mean for this step; its plain progress lines are held back as debug detail. Everything else
 * (add-mask above all) goes through untouched.
 */
export interface HeldOutput {
  /** First line of each warning or error, unescaped. */
  problems: string[]
  /** Plain lines (progress, "Cache hit for ..."). */
  lines: string[]
}

export interface OutputHold {
  release(): HeldOutput
}

const PROBLEM = /^::(?:warning|error)(?: [^:]*)?::(.*)$/s

export function holdLibraryOutput(): OutputHold {
  const stdout = process.stdout
  const original = stdout.write
  const held: HeldOutput = { problems: [], lines: [] }
  const write = function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString()
    const line = text.replace(/\r?\n$/, '')
    const problem = PROBLEM.exec(line)
    if (problem || !line.startsWith('::')) {
      if (problem) held.problems.push(unescapeData(problem[1]).split('\n')[0].trim())
      else held.lines.push(...line.split(/\r?\n/).filter(part => part.trim() !== ''))
      const callback = rest.find(arg => typeof arg === 'function') as (() => void) | undefined
      if (callback) process.nextTick(callback)
      return true
    }
    return (original as (...args: unknown[]) => boolean).call(stdout, chunk, ...rest)
  }
  stdout.write = write as typeof stdout.write
  return {
    release() {
      if (stdout.write === write) stdout.write = original
      return held
    }
  }
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}
