import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import ts from 'typescript'
import { parse as parseYaml } from 'yaml'
import { parseInputs } from '../src/settings/inputs.js'

// action.yml is the interface: an input declared there that the settings never read is a knob
// that does nothing, and an output declared there that nothing sets is always empty.
const root = new URL('../', import.meta.url)
const action = parseYaml(readFileSync(new URL('action.yml', root), 'utf8')) as {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}
const declaredInputs = Object.keys(action.inputs).sort()
const declaredOutputs = Object.keys(action.outputs).sort()
const DEFAULTS = Object.fromEntries(
  Object.entries(action.inputs).map(([name, spec]) => [name, spec.default ?? ''])
)

/**
 * Steps that together take every path through the settings: a refresh, a code exchange, a
 * handed-over token, an API call, a review, and the lifecycle options. A valid step each, so
 * parsing runs to its end.
 */
const STEPS: Record<string, string>[] = [
  { client_id: 'c', client_secret: 's', refresh_token: 'r' },
  { client_id: 'c', client_secret: 's', code: 'k', redirect_uri: 'https://example.test/cb' },
  { access_token: 'handed-over-token' },
  {
    client_id: 'c',
    client_secret: 's',
    refresh_token: 'r',
    api_url: 'https://app.clayton.io/api/x',
    api_wait_until: 'done'
  },
  {
    client_id: 'c',
    client_secret: 's',
    refresh_token: 'r',
    review: 'revision',
    workspace: 'w',
    project: 'p',
    branch: 'main',
    revision: 'abcdef1'
  },
  {
    client_id: 'c',
    client_secret: 's',
    refresh_token: 'r',
    cache: 'true',
    refresh_token_secret: 'CLAYTON_REFRESH_TOKEN',
    secret_environment: 'prod',
    github_token: 'g',
    revoke: 'true',
    revoke_url: 'https://app.clayton.io/oauth2/revoke'
  }
]

/** The names parseInputs asks for while parsing each step (a valid step each). */
function inputsRead(): Set<string> {
  const read = new Set<string>()
  for (const step of STEPS) {
    const values: Record<string, string> = { ...DEFAULTS, ...step }
    const parsed = parseInputs(
      name => {
        read.add(name)
        return values[name] ?? ''
      },
      { runnerTemp: '/tmp/runner-temp', random: 'run-1' }
    )
    expect(parsed.kind).toBe('ready')
  }
  return read
}

/**
 * The output names src/ sets, read from its syntax: `setOutput('name', …)`, the keys of an
 * object literal handed to `setOutputs`, and `x.name = …` on a variable handed to `setOutputs`.
 */
function outputsSet(): Set<string> {
  const found = new Set<string>()
  const dir = new URL('src/', root)
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(f =>
    f.endsWith('.ts')
  )
  for (const file of files) {
    const text = readFileSync(new URL(file, dir), 'utf8')
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression
        const name = ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : ts.isIdentifier(callee)
            ? callee.text
            : ''
        const [first] = node.arguments
        if (name === 'setOutput' && first && ts.isStringLiteral(first)) found.add(first.text)
        if (name === 'setOutputs' && first && ts.isObjectLiteralExpression(first)) {
          for (const p of first.properties)
            if (p.name && ts.isIdentifier(p.name)) found.add(p.name.text)
        }
        if (name === 'setOutputs' && first && ts.isIdentifier(first)) {
          assignedProperties(source, first.text).forEach(n => found.add(n))
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return found
}

/** Names assigned as `variable.name = …` anywhere in the file. */
function assignedProperties(source: ts.SourceFile, variable: string): string[] {
  const names: string[] = []
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      ts.isIdentifier(node.left.expression) &&
      node.left.expression.text === variable
    ) {
      names.push(node.left.name.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return names
}

describe('action.yml and src/ agree', () => {
  test('every declared input is read by the settings, and only declared inputs are', () => {
    const read = inputsRead()
    expect(declaredInputs.filter(name => !read.has(name))).toEqual([])
    expect([...read].filter(name => !(name in action.inputs)).sort()).toEqual([])
  })

  test('every declared output is set by some path in src/, and only declared outputs are', () => {
    const set = outputsSet()
    expect(declaredOutputs.filter(name => !set.has(name))).toEqual([])
    expect([...set].filter(name => !(name in action.outputs)).sort()).toEqual([])
  })
})
