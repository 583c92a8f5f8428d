/** Control characters (line breaks included) become one space each run: text stays on its line. */
export function flatten(text: string, opts: { trim?: boolean } = {}): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ')
  return opts.trim === false ? flat : flat.trim()
}

let redactBeforeCut: (text: string) => string = text => text

/**
 * The entry point hands over its redactor once, before anything is cut. From then on every cut
 * in the action (`cut`, so `sanitize`, `clip` and `previewJson`) redacts first: a secret that
 * straddles a cut cannot leave a piece of itself behind. Secrets are a property of the job (the
 * runner masks for the whole job too), so this is one setting for the process, not a parameter
 * every message builder would have to pass along.
 */
export function redactBeforeCutting(redact: (text: string) => string): void {
  redactBeforeCut = redact
}

/**
 * How far past a cut a text is still redacted: a secret straddling the cut is seen whole there,
 * and a longer one still leaves a piece the redactor catches as a fragment.
 */
const CUT_MARGIN = 1024

/**
 * The part of `text` a cut to `max` characters can keep, with the margin above: what is redacted
 * and flattened instead of the whole text (redacting a whole 16 MiB text to keep 300 characters
 * of it took 0.7 s).
 */
export function cutWindow(text: string, max: number): string {
  return text.length > max + CUT_MARGIN ? text.slice(0, max + CUT_MARGIN) : text
}

/**
 * Cut to `max` characters (the last one `…` when something was cut), redacted: the text is cut
 * to its window first, then redacted, then cut to `max`, so a secret straddling the cut leaves
 * nothing of itself. `redact` defaults to the one the entry point handed over.
 */
export function cut(text: string, max: number, redact = redactBeforeCut): string {
  const clean = redact(cutWindow(text, max))
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`
}

/** Provider text is not ours: keep it on one line, redacted and short. */
export function sanitize(text: string, max = 300): string {
  return cut(flatten(cutWindow(text, max)), max)
}

/**
 * A line for the log that cannot be a workflow command: on one line, and not starting with `::`
 * (the runner reads a command only at the start of a line, after leading spaces).
 */
export function logLine(text: string): string {
  const flat = flatten(text)
  return flat.startsWith('::') ? `> ${flat}` : flat
}

/** A limit as the README states it: 1 MiB, 16 MiB, 1 GiB (whole binary units where it can). */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2]
  ] as const) {
    if (bytes >= size && Number.isInteger(bytes / size)) return `${bytes / size} ${unit}`
  }
  return formatSize(bytes)
}

/** A size as measured, to the byte: 600,000,000 bytes. */
export function formatSize(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`
}
