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

// Names match; the key facts must too. The facts that drift are which other inputs and outputs a
// description relies on ("required unless code or access_token", the inputs on_missing_credentials
// looks at) and the literal values it names in backticks.
describe('action.yml descriptions state the README facts', () => {
  const descriptions = action as unknown as Record<
    'inputs' | 'outputs',
    Record<string, { description: string }>
  >
  const names = [...Object.keys(action.inputs), ...Object.keys(action.outputs)]
  /** Other inputs and outputs a text names, as whole words. */
  const mentions = (text: string, self: string): string[] =>
    names.filter(n => n !== self && new RegExp(`(^|[^\\w])${n}([^\\w]|$)`).test(text)).sort()
  const cases = (['inputs', 'outputs'] as const).flatMap(kind => {
    const rows = table(kind === 'inputs' ? 'Inputs' : 'Outputs')
    return Object.entries(descriptions[kind]).map(
      ([name, spec]) => [kind, name, spec.description, rows.get(name) ?? []] as const
    )
  })

  test.each(cases)('%s %s names the same inputs and outputs', (_kind, name, description, row) => {
    // The meaning column only: a default value (scope's `workspace`) names no input.
    expect(mentions(description, name)).toEqual(mentions(row.slice(-1).join(' | '), name))
  })

  test.each(cases)('%s %s: its backticked values are in the README', (_k, _n, description, row) => {
    const values = [...description.matchAll(/`([^`]+)`/g)].map(m => m[1])
    const documented = row.join(' | ')
    expect(values.filter(value => !documented.includes(value))).toEqual([])
  })

  test('client_id and client_secret are optional (access_token needs neither)', () => {
    for (const name of ['client_id', 'client_secret']) {
      expect(action.inputs[name].required).not.toBe(true)
      expect(descriptions.inputs[name].description).toContain('`access_token`')
    }
    expect(descriptions.inputs.refresh_token.description).toMatch(
      /required unless `code` or `access_token`/
    )
  })
})
