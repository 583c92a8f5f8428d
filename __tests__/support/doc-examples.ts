import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { isMap, isSeq, parseDocument, stringify } from 'yaml'
import { REPO_ROOT } from './action-runner.mjs'

/** How the docs refer to this action; one string, so adopting it is one search and replace. */
export const PLACEHOLDER_USES = 'clayton-oauth-action/clayton-oauth-action@v1'

export interface YamlBlock {
  /** Repository-relative path of the Markdown file. */
  file: string
  /** 1-based line of the first line inside the fence. */
  line: number
  text: string
}

/** Every Markdown file a user reads: the top level and docs/, not dependencies or build output. */
export function docFiles(root = REPO_ROOT): string[] {
  const files = readdirSync(root)
    .filter(name => name.endsWith('.md'))
    .map(name => join(root, name))
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.md')) files.push(full)
    }
  }
  walk(join(root, 'docs'))
  walk(join(root, '.github'))
  return files.sort()
}

/** Fenced ```yaml / ```yml blocks of a Markdown text. */
export function yamlBlocks(markdown: string, file: string): YamlBlock[] {
  const blocks: YamlBlock[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(ya?ml)\b/.exec(lines[i])
    if (!open) continue
    const fence = open[2]
    const body: string[] = []
    let j = i + 1
    while (j < lines.length && !lines[j].trimStart().startsWith(fence)) body.push(lines[j++])
    blocks.push({ file, line: i + 2, text: body.join('\n') + '\n' })
    i = j
  }
  return blocks
}

export function allYamlBlocks(root = REPO_ROOT): YamlBlock[] {
  return docFiles(root).flatMap(path =>
    yamlBlocks(readFileSync(path, 'utf8'), relative(root, path))
  )
}

/** YAML errors as GitHub would report them (duplicate keys included); empty when it parses. */
export function yamlErrors(text: string): string[] {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true })
  return doc.errors.map(error => error.message)
}

export interface ActionStep {
  id?: string
  uses: string
  with: Record<string, unknown>
}

/** Is this `uses:` this action: the documented placeholder (any ref), or a checkout of it? */
export function isThisAction(uses: string): boolean {
  const repo = PLACEHOLDER_USES.split('@')[0]
  return uses === './' || uses.startsWith(`${repo}@`)
}

/** Every step object anywhere in a parsed block that uses this action. */
export function actionSteps(value: unknown): ActionStep[] {
  const steps: ActionStep[] = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (node === null || typeof node !== 'object') return
    const record = node as Record<string, unknown>
    if (typeof record.uses === 'string' && isThisAction(record.uses)) {
      steps.push({
        id: typeof record.id === 'string' ? record.id : undefined,
        uses: record.uses,
        with: (record.with ?? {}) as Record<string, unknown>
      })
    }
    Object.values(record).forEach(visit)
  }
  visit(value)
  return steps
}

/** `steps.<id>.outputs.<name>` read anywhere in the text, for the given step ids. */
export function outputsRead(text: string, ids: Set<string>): Array<{ id: string; name: string }> {
  return [...text.matchAll(/\bsteps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g)]
    .filter(match => ids.has(match[1]))
    .map(match => ({ id: match[1], name: match[2] }))
}

const WORKFLOW_KEYS = new Set([
  'name',
  'run-name',
  'on',
  'permissions',
  'env',
  'defaults',
  'concurrency',
  'jobs'
])

/**
 * The block as a complete workflow for actionlint, or undefined when it is not workflow-shaped (a
 * dependabot.yml, an action.yml excerpt). Fragments are completed the least a reader would: a
 * list of steps goes into one job, `jobs:` gets an `on:`, workflow-level keys get a trivial job.
 */
export function asWorkflow(text: string): string | undefined {
  const doc = parseDocument(text)
  if (doc.errors.length > 0) return text // let actionlint report the syntax error too
  const contents = doc.contents
  if (isSeq(contents)) {
    const steps = doc.toJS() as unknown[]
    const allSteps = steps.every(
      step => step !== null && typeof step === 'object' && ('uses' in step || 'run' in step)
    )
    if (!allSteps) return undefined
    return stringify({
      on: 'push',
      jobs: { example: { 'runs-on': 'ubuntu-latest', steps } }
    })
  }
  if (!isMap(contents)) return undefined
  const value = doc.toJS() as Record<string, unknown>
  const keys = Object.keys(value)
  if (!keys.every(key => WORKFLOW_KEYS.has(key))) return undefined
  if ('on' in value && 'jobs' in value) return text
  return stringify({
    on: 'push',
    ...value,
    jobs: value.jobs ?? { example: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'true' }] } }
  })
}

export interface LintProblem {
  line: number
  column: number
  message: string
  kind: string
}

/** Runs actionlint (scripts/lint-workflows.mjs) once over several workflow texts. */
export function actionlint(items: Array<{ path: string; text: string }>): LintProblem[][] {
  const result = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'scripts', 'lint-workflows.mjs'), '--json'],
    { input: JSON.stringify(items), encoding: 'utf8', timeout: 120_000, cwd: REPO_ROOT }
  )
  if (result.status !== 0) {
    throw new Error(`actionlint did not run (${result.status}): ${result.stderr || result.error}`)
  }
  const parsed = JSON.parse(result.stdout) as Array<{ path: string; problems: LintProblem[] }>
  return parsed.map(entry => entry.problems)
}

/**
 * Words as a reader counts them: whitespace-separated tokens holding a letter or a digit, code
 * included. Table pipes and rules (`|`, `---`) are not words.
 */
export function countWords(markdown: string): number {
  return markdown.split(/\s+/).filter(token => /[\p{L}\p{N}]/u.test(token)).length
}

/** The text without fenced code blocks and inline code spans: links there are not links. */
export function withoutCode(markdown: string): string {
  return markdown
    .replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\s*\2[^\n]*$/gm, '')
    .replace(/(`+)[^`\n]*?\1/g, '')
}

/** The anchors GitHub gives a file's headings (the github-slugger rules, duplicates numbered). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  const prose = markdown.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\s*\2[^\n]*$/gm, '')
  for (const match of prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = match[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // a link's text only
      .replace(/[`*]/g, '')
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    anchors.add(count === 0 ? slug : `${slug}-${count}`)
  }
  return anchors
}

/** Links to other files of the repository or to anchors, as written: `[text](target)`. */
export function localLinks(markdown: string): string[] {
  return [...withoutCode(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map(match => match[1])
    .filter(target => !/^[a-z][a-z0-9+.-]*:/i.test(target))
}
