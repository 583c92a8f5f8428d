import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

// action.yml is the interface; the README's tables must not drift from it.
const root = new URL('../', import.meta.url)
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>
  outputs: Record<string, unknown>
}
const readme = readFileSync(new URL('README.md', root), 'utf8')

/** Rows of the Markdown table under a `## heading`: first cell (without backticks) → cells. */
function table(heading: string): Map<string, string[]> {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  const rows = new Map<string, string[]>()
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue
    const cells = line
      .split('|')
      .slice(1, -1)
      .map(cell => cell.trim())
    rows.set(cells[0].replace(/`/g, ''), cells)
  }
  return rows
}

describe('README documents action.yml', () => {
  const inputs = table('Inputs')
  const outputs = table('Outputs')

  test.each(Object.entries(action.inputs))('input %s, with its default', (name, spec) => {
    const row = inputs.get(name)
    expect(row).toBeDefined()
    const documented = row![1]
    if (spec.required) expect(documented).toBe('(required)')
    else expect(documented).toBe(`\`${spec.default === '' ? "''" : spec.default}\``)
  })

  test.each(Object.keys(action.outputs))('output %s', name => {
    expect(outputs.has(name)).toBe(true)
  })

  test('no documented input or output that action.yml lacks', () => {
    expect([...inputs.keys()].sort()).toEqual(Object.keys(action.inputs).sort())
    expect([...outputs.keys()].sort()).toEqual(Object.keys(action.outputs).sort())
  })
})

describe('README workflow snippets', () => {
  // GitHub rejects a workflow that is not YAML: a plain scalar with `: ` (run: echo "a: b") is one.
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1])

  test('there are some', () => {
    expect(blocks.length).toBeGreaterThan(3)
  })

  test.each(blocks.map((block, i) => [i + 1, block]))('block %d parses', (_i, block) => {
    expect(() => parse(block as string, { strict: true, uniqueKeys: true })).not.toThrow()
  })

  test('the pull-request gate uses review:, and upload-sarif with security-events: write', () => {
    const gate = readme.split('\n## Pull-request gate\n')[1]?.split('\n## ')[0] ?? ''
    const first = /```yaml\n([\s\S]*?)```/.exec(gate)?.[1] ?? ''
    expect(first).toMatch(/^ +review: pull_request$/m)
    expect(gate).toMatch(/security-events: write/)
    expect(gate).toMatch(/upload-sarif/)
    expect(gate.indexOf('review: pull_request')).toBeLessThan(gate.indexOf('api_wait_until'))
  })
})
