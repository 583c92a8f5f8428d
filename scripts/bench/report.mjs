// Tables for `npm run bench`: one model, rendered as aligned text for the console and as Markdown
// for .bench/results.md.

/** @param {{ title: string, headers: string[], rows: string[][], notes?: string[] }} table */
export function renderText({ title, headers, rows, notes = [] }) {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map(row => String(row[i] ?? '').length))
  )
  const line = cells =>
    cells
      .map((cell, i) => String(cell ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  const out = [title, line(headers), widths.map(w => '─'.repeat(w)).join('  ')]
  for (const row of rows) out.push(line(row))
  for (const note of notes) out.push(`  ${note}`)
  return out.join('\n')
}

export function renderMarkdown({ title, headers, rows, notes = [] }) {
  const cell = text => String(text ?? '').replace(/\|/g, '\\|')
  const out = [`### ${title}`, '', `| ${headers.map(cell).join(' | ')} |`]
  out.push(`|${headers.map(() => ' --- ').join('|')}|`)
  for (const row of rows) out.push(`| ${headers.map((_, i) => cell(row[i])).join(' | ')} |`)
  if (notes.length) out.push('', ...notes.map(note => `- ${note}`))
  return out.join('\n')
}
