import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from './support/action-runner.js'
import {
  PLACEHOLDER_USES,
  actionSteps,
  actionlint,
  allYamlBlocks,
  asWorkflow,
  outputsRead,
  yamlErrors,
  type YamlBlock
} from './support/doc-examples.js'

// A newcomer pastes the docs' examples into a workflow: each must parse, use only this action's
// real inputs and outputs, and pass actionlint as GitHub would accept it.
const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}
const INPUTS = new Set(Object.keys(action.inputs))
const OUTPUTS = new Set(Object.keys(action.outputs))
const blocks = allYamlBlocks()
const where = (block: YamlBlock): string => `${block.file}:${block.line}`

/** What is wrong with one block, as readable lines; empty when a newcomer can paste it. */
function problemsOf(block: YamlBlock): string[] {
  const errors = yamlErrors(block.text)
  if (errors.length > 0) return errors.map(e => `does not parse: ${e}`)
  const value = parse(block.text) as unknown
  const steps = actionSteps(value)
  const problems: string[] = []
  for (const step of steps) {
    for (const name of Object.keys(step.with)) {
      if (!INPUTS.has(name)) problems.push(`step ${step.id ?? step.uses}: no input "${name}"`)
    }
  }
  const ids = new Set(steps.flatMap(step => (step.id ? [step.id] : [])))
  for (const { id, name } of outputsRead(block.text, ids)) {
    if (!OUTPUTS.has(name)) problems.push(`steps.${id}.outputs.${name}: no such output`)
  }
  return problems
}

describe('YAML examples in the docs', () => {
  test('there are examples to check (README.md among them)', () => {
    expect(blocks.filter(block => block.file === 'README.md').length).toBeGreaterThanOrEqual(5)
  })

  test.each(blocks.map(block => [where(block), block] as const))(
    '%s parses and uses only inputs and outputs of action.yml',
    (_where, block) => {
      expect(problemsOf(block)).toEqual([])
    }
  )

  test('every workflow-shaped example passes actionlint', () => {
    const workflows = blocks.flatMap(block => {
      const text = asWorkflow(block.text)
      return text === undefined ? [] : [{ path: `${where(block)}.yml`, text }]
    })
    expect(workflows.length).toBeGreaterThanOrEqual(5)
    const problems = actionlint(workflows).flatMap((found, i) =>
      found.map(p => `${workflows[i].path}:${p.line}:${p.column} ${p.message} [${p.kind}]`)
    )
    expect(problems).toEqual([])
  })

  test.each(
    readdirSync(join(REPO_ROOT, '.github', 'workflows')).filter(name => /\.ya?ml$/.test(name))
  )('.github/workflows/%s uses only inputs and outputs of action.yml', name => {
    const path = join('.github', 'workflows', name)
    const text = readFileSync(join(REPO_ROOT, path), 'utf8')
    expect(problemsOf({ file: path, line: 1, text })).toEqual([])
  })

  test('the repository workflows pass actionlint', () => {
    const dir = join(REPO_ROOT, '.github', 'workflows')
    const files = readdirSync(dir).filter(name => /\.ya?ml$/.test(name))
    const found = actionlint(
      files.map(name => ({ path: name, text: readFileSync(join(dir, name), 'utf8') }))
    )
    expect(found.flatMap((problems, i) => problems.map(p => `${files[i]}: ${p.message}`))).toEqual(
      []
    )
  })

  test('the action is always referenced as the one placeholder, explained once', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
    const uses = blocks.flatMap(block =>
      [...block.text.matchAll(/uses:\s*(\S*clayton-oauth-action\S*)/g)].map(m => m[1])
    )
    expect(uses.length).toBeGreaterThan(0)
    expect(new Set(uses)).toEqual(new Set([PLACEHOLDER_USES]))
    const owner = PLACEHOLDER_USES.split('/')[0]
    const explained = readme.split('\n').filter(line => line.includes('placeholder owner'))
    expect(explained).toHaveLength(1)
    expect(explained[0]).toContain(`\`${owner}\``)
  })
})

// The checks above are only worth something if they catch the mistakes people make.
describe('the example checks catch', () => {
  const check = (text: string): string[] => problemsOf({ file: 'x.md', line: 1, text })

  test('a plain scalar holding ": " (GitHub rejects the file)', () => {
    expect(check('steps:\n  - run: echo "Workspaces: $WORKSPACES"\n')[0]).toMatch(
      /^does not parse: Nested mappings/
    )
    expect(
      check('- run: curl --fail -H "Authorization: Bearer $CLAYTON_TOKEN" https://x\n')[0]
    ).toMatch(/^does not parse/)
  })

  test('an input or an output this action does not have', () => {
    const text = `- id: auth
  uses: ${PLACEHOLDER_USES}
  with:
    client_id: x
    refresh_tokn: y
- run: echo "$T"
  env:
    T: \${{ steps.auth.outputs.token }}
    U: \${{ steps.auth.outputs.access_token }}
`
    expect(check(text)).toEqual([
      'step auth: no input "refresh_tokn"',
      'steps.auth.outputs.token: no such output'
    ])
  })

  test('what actionlint finds in a workflow, in a fragment of steps, and in a syntax error', () => {
    const fragment = asWorkflow('- run: echo ${{ github.nope }}\n')
    const jobs = asWorkflow('jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: x\n')
    expect(fragment).toBeDefined()
    expect(asWorkflow('version: 2\nupdates: []\n')).toBeUndefined()
    const [first, second, third] = actionlint([
      { path: 'a.yml', text: fragment! },
      { path: 'b.yml', text: jobs! },
      { path: 'c.yml', text: 'on: push\njobs:\n  a:\n    steps:\n      - run: echo "a: b"\n' }
    ])
    expect(first.map(p => p.kind)).toEqual(['expression'])
    expect(second).toEqual([])
    expect(third.map(p => p.kind)).toEqual(['syntax-check'])
  })
})
