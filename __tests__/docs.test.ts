import { describe, expect, test } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from './support/action-runner.mjs'
import {
  PLACEHOLDER_USES,
  actionSteps,
  actionlint,
  allYamlBlocks,
  asWorkflow,
  docFiles,
  headingAnchors,
  localLinks,
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

// The manual is several files now: a link that does not resolve is a dead end for a newcomer.
describe('links between the Markdown files', () => {
  const files = docFiles().map(path => relative(REPO_ROOT, path))

  /** What is wrong with one link from one file; undefined when it resolves. */
  function brokenLink(from: string, target: string): string | undefined {
    const [path, anchor] = target.split('#')
    const file = path === '' ? from : join(dirname(from), decodeURIComponent(path))
    if (!existsSync(join(REPO_ROOT, file))) return `${from}: ${target}: no file ${file}`
    if (anchor === undefined) return undefined
    if (statSync(join(REPO_ROOT, file)).isDirectory() || !file.endsWith('.md')) {
      return `${from}: ${target}: an anchor into something that is not a Markdown file`
    }
    const anchors = headingAnchors(readFileSync(join(REPO_ROOT, file), 'utf8'))
    return anchors.has(anchor) ? undefined : `${from}: ${target}: no heading #${anchor} in ${file}`
  }

  test.each(files)('%s: every link to a file or heading resolves', file => {
    const links = localLinks(readFileSync(join(REPO_ROOT, file), 'utf8'))
    expect(links.flatMap(target => brokenLink(file, target) ?? [])).toEqual([])
  })

  test('every page of docs/ links back to the README', () => {
    const pages = files.filter(file => file.startsWith('docs/'))
    expect(pages.length).toBeGreaterThanOrEqual(5)
    for (const page of pages) {
      expect(localLinks(readFileSync(join(REPO_ROOT, page), 'utf8'))).toEqual(
        expect.arrayContaining([expect.stringMatching(/^\.\.\/README\.md(#|$)/)])
      )
    }
  })

  test('the checks catch a missing file, a missing heading and an anchor the slug rules change', () => {
    expect(brokenLink('README.md', 'docs/nope.md')).toMatch(/no file docs\/nope\.md/)
    expect(brokenLink('README.md', '#no-such-heading')).toMatch(/no heading #no-such-heading/)
    expect(brokenLink('docs/security.md', '../README.md#one-time-setup')).toBeUndefined()
    expect([...headingAnchors('## What `cache: true` trusts\n## A\n## A\n')]).toEqual([
      'what-cache-true-trusts',
      'a',
      'a-1'
    ])
    expect(localLinks('[a](b.md) `[c](d.md)` [e](https://x.example) [f](#g)')).toEqual([
      'b.md',
      '#g'
    ])
  })
})

// Troubleshooting is keyed by the error text people see: each key must still be text the action
// prints, or a reader searching for their message finds nothing.
describe('docs/troubleshooting.md', () => {
  const page = readFileSync(join(REPO_ROOT, 'docs', 'troubleshooting.md'), 'utf8')
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
      entry.isDirectory()
        ? sources(join(dir, entry.name))
        : entry.name.endsWith('.ts')
          ? [readFileSync(join(dir, entry.name), 'utf8')]
          : []
    )
  const src = sources(join(REPO_ROOT, 'src')).join('\n')
  /** An entry's key: its first code span, and any alternatives after ` / `. */
  const keys = [...page.matchAll(/^- `([^`]+)`((?:\s*\/\s*`[^`]+`)*)/gm)].flatMap(m => [
    m[1],
    ...[...m[2].matchAll(/`([^`]+)`/g)].map(k => k[1])
  ])
  /** Literal pieces of a key: `…` and numbers stand for what differs from run to run. */
  const pieces = (key: string): string[] =>
    key
      .split(/…|\d+/)
      .map(piece => piece.trim())
      .filter(piece => piece.length >= 5)

  test('has entries', () => {
    expect(keys.length).toBeGreaterThanOrEqual(30)
  })

  test.each(keys)('"%s" is text of src/', key => {
    expect(pieces(key).length).toBeGreaterThan(0)
    expect(pieces(key).filter(piece => !src.includes(piece))).toEqual([])
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
