/** Control characters (line breaks included) become one space each run: text stays on its line. */
export function flatten(text: string, opts: { trim?: boolean } = {}): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ')
  return opts.trim === false ? flat : flat.trim()
}

/**
 * Provider text is not ours: keep it printable and short. The cut is harmless for secrets (the
 * redactor replaces the piece a cut leaves), but where a redactor is at hand, use its `clip`.
 */
export function sanitize(text: string, max = 300): string {
  const flat = flatten(text)
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`
}

/**
 * A line for the log that cannot be a workflow command: on one line, and not starting with `::`
 * (the runner reads a command only at the start of a line, after leading spaces).
 */
export function logLine(text: string): string {
  const flat = flatten(text)
  return flat.startsWith('::') ? `> ${flat}` : flat
}
