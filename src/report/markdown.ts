/**
 * Text from a service is data: in the job summary it must show as typed, never as HTML or
 * Markdown (an error body with `<img src=…>` must not become a tracking pixel, nor `[x](…)` a
 * link). Two ways: escaped prose, or a code span that survives any run of backticks.
 */

/** Characters that can open markup anywhere in a line (`$` is GitHub's math). */
const MARKUP = /[\\`*_[\]|~!#$@]/g

/**
 * Prose that renders as exactly these characters: `<`, `>`, `&` become entities (so no tag and
 * no autolink), what can open markup is backslash-escaped, bare `https://` and `www.` are broken
 * up so GitHub's extended autolinks find nothing, line breaks become spaces (a line break could
 * start a heading, a list or a table row) and a leading list or quote marker is escaped.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(MARKUP, ch => `\\${ch}`)
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(/\b(www)\./gi, '$1\\.')
      .replace(/^(\s*)([-+=])/, '$1\\$2')
      // Only punctuation can be backslash-escaped: `1\.` stops an ordered list, `\1.` would not.
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
  )
}

/**
 * A code span that survives backticks (JMESPath literals like `0`, or response text) and pipes in
 * table cells: CommonMark closes a span at the first run of exactly as many backticks as opened
 * it, so the fence is one longer than the longest run inside. Inside a span nothing is HTML.
 */
export function codeSpan(text: string): string {
  // eslint-disable-next-line no-control-regex
  const cell = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\|/g, '\\|')
  const longest = Math.max(0, ...(cell.match(/`+/g) ?? []).map(run => run.length))
  if (cell === '') return '` `'
  if (longest === 0 && !cell.startsWith(' ') && !cell.endsWith(' ')) return `\`${cell}\``
  const fence = '`'.repeat(longest + 1)
  return `${fence} ${cell} ${fence}`
}

/**
 * A link to a service page: https (or loopback http) only, without query or fragment (a signed
 * URL must not be printed), with the characters that could end the destination encoded.
 */
export function safeLink(label: string, href: string | undefined): string | undefined {
  if (!href) return undefined
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return undefined
  }
  const loopback = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/.test(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return undefined
  if (url.username || url.password) return undefined
  const plain = `${url.origin}${url.pathname}`.replace(
    /[()<>\s"'`\\[\]]/g,
    ch => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
  return `[${escapeMarkdown(label)}](${plain})`
}

/** One table row; every cell is already safe Markdown. */
export function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`
}

export function table(header: string[], rows: string[][]): string {
  return [tableRow(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(tableRow)].join(
    '\n'
  )
}
