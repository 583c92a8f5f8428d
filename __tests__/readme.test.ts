import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { countWords } from './support/doc-examples.js'

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

  /** The text of a `## heading` section, up to the next `## `. */
  const section = (heading: string): string =>
    readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''

  test('the quick start gates a pull request with the variables the setup creates', () => {
    const first = /```yaml\n([\s\S]*?)```/.exec(section('Quick start: gate a pull request'))?.[1]
    expect(first).toMatch(/^ +review: pull_request$/m)
    for (const name of ['CLAYTON_WORKSPACE', 'CLAYTON_PROJECT']) {
      expect(first).toContain(`\${{ vars.${name} }}`)
      expect(section('One-time setup')).toMatch(new RegExp(`gh variable set ${name} --body`))
    }
    expect(section('One-time setup')).toContain('Actions → Variables')
    expect(section('One-time setup')).toMatch(/neither secrets nor\s+variables/i)
  })

  test('the one-time setup exchanges the code with one curl as the provider documents', () => {
    const setup = section('One-time setup')
    const shell = [...setup.matchAll(/```sh\n([\s\S]*?)```/g)].map(m => m[1]).join('\n')
    expect(shell.match(/\bcurl\b/g)).toHaveLength(1)
    expect(shell).toMatch(
      /curl [^\n]*-X POST "https:\/\/app\.clayton\.io\/oauth2\/token\?code=\$CODE"/
    )
    for (const field of [
      'grant_type=authorization_code',
      '"code=$CODE"',
      '"client_id=$CLIENT_ID"',
      '"client_secret=$CLIENT_SECRET"',
      `redirect_uri=${action.inputs.redirect_uri.default}`,
      'scope=workspace'
    ]) {
      expect(shell).toContain(`--data-urlencode ${field}`)
    }
    expect(shell).toMatch(/\| gh secret set CLAYTON_REFRESH_TOKEN/)
    expect(setup).toContain('docs/token-lifecycle.md#exchange-the-code-with-a-workflow')
  })

  test('code scanning reviews a branch or revision: pull request reviews carry no SARIF', () => {
    const recipe = readme.split('\n### Code scanning\n')[1]?.split('\n## ')[0] ?? ''
    expect(recipe).toMatch(/^ +review: (branch|revision)$/m)
    expect(recipe).toMatch(/security-events: write/)
    expect(recipe).toMatch(/upload-sarif/)
    expect(section('Quick start: gate a pull request')).toMatch(/no annotations and no SARIF/)
  })
})

// The issue that split the manual: a newcomer reads the README in five minutes and meets an
// example first; the depth lives in docs/.
describe('README is short and starts with an example', () => {
  test('at most 3,500 words', () => {
    expect(countWords(readme)).toBeLessThanOrEqual(3500)
  })

  test('the first example comes within the first 150 words', () => {
    const before = readme.slice(0, readme.indexOf('```yaml'))
    expect(readme.indexOf('```yaml')).toBeGreaterThan(0)
    expect(countWords(before)).toBeLessThanOrEqual(150)
  })

  test('links every page of docs/', () => {
    const pages = readdirSync(new URL('docs/', root)).filter(name => name.endsWith('.md'))
    expect(pages.length).toBeGreaterThanOrEqual(5)
    for (const page of pages) expect(readme).toContain(`](docs/${page}`)
  })

  test('"Try it locally" names the coverage npm test enforces', () => {
    const text = readme.split('\n## Try it locally\n')[1]?.split('\n## ')[0] ?? ''
    expect(text).toContain('npm ci && npm run demo')
    expect(text).toContain('npm ci && npm test')
    const named = /(\d+)% of lines\s+and\s+(\d+)% of branches/.exec(text)
    expect(named).not.toBeNull()
    const config = readFileSync(new URL('jest.config.js', root), 'utf8')
    const threshold = (key: string): number | undefined => {
      const found = new RegExp(`\\b${key}:\\s*(\\d+)`).exec(
        config.split('coverageThreshold')[1] ?? ''
      )
      return found ? Number(found[1]) : undefined
    }
    expect(config).toContain('coverageThreshold')
    expect([Number(named![1]), Number(named![2])]).toEqual([
      threshold('lines'),
      threshold('branches')
    ])
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
  const mentions = (text: string, self: string): string[] => {
    const words = text.replace(/\]\([^)]*\)/g, ']') // a link's target names no input
    return names
      .filter(n => n !== self && new RegExp(`(^|[^\\w])${n}([^\\w]|$)`).test(words))
      .sort()
  }
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

  test('the description names the review gate, which most users come for', () => {
    expect((action as unknown as { description: string }).description).toMatch(/review gate/)
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
