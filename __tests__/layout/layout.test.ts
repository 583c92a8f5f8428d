import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import { cruise, type IViolation } from 'dependency-cruiser'
import { REPO_ROOT } from '../support/action-runner.mjs'
import { IMPORT_RULES } from './import-rules.js'

async function cruiseSrc(baseDir: string) {
  const { output } = await cruise(['src'], {
    baseDir,
    validate: true,
    ruleSet: { forbidden: IMPORT_RULES },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    // Packages' subpath exports, resolved the way Node and ncc resolve an import.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json']
    }
  })
  if (typeof output === 'string') throw new Error('expected a cruise result object')
  return output
}

async function violations(baseDir: string): Promise<IViolation[]> {
  return (await cruiseSrc(baseDir)).summary.violations
}

const describeViolation = (v: IViolation) => `${v.rule.name}: ${v.from} → ${v.to}`

describe('the parts of src/', () => {
  test('import each other only in the allowed directions, without cycles', async () => {
    const result = await cruiseSrc(REPO_ROOT)
    expect(result.summary.violations.map(describeViolation)).toEqual([])
    // The rules saw the real graph: every source file, every relative import resolved.
    const sources = readdirSync(join(REPO_ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter(f => f.endsWith('.ts'))
      .map(f => `src/${f}`)
      .sort()
    const cruised = result.modules.map(m => m.source).filter(s => s.startsWith('src/'))
    expect(cruised.sort()).toEqual(sources)
    const unresolved = result.modules.flatMap(m =>
      m.dependencies.filter(d => d.couldNotResolve).map(d => `${m.source} → ${d.module}`)
    )
    expect(unresolved).toEqual([])
  }, 60_000)
})

describe('the import rules', () => {
  const root = mkdtempSync(join(tmpdir(), 'layout-rules-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  function write(files: Record<string, string>): string {
    const dir = mkdtempSync(join(root, 'case-'))
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    return dir
  }

  test.each([
    [
      'a type-only cycle',
      {
        'src/settings/a.ts': "import type { B } from './b.js'\nexport type A = B\n",
        'src/settings/b.ts': "import type { A } from './a.js'\nexport type B = A | 1\n"
      },
      'no-cycles'
    ],
    [
      'http reaching into the token part',
      {
        'src/http/client.ts':
          "import { grant } from '../token/token-client.js'\nexport const x = grant\n",
        'src/token/token-client.ts': 'export const grant = 1\n'
      },
      'http-imports-only-common/'
    ],
    [
      'settings importing the HTTP client',
      {
        'src/settings/inputs.ts':
          "import { Http } from '../http/client.js'\nexport const x = Http\n",
        'src/http/client.ts': 'export class Http {}\n'
      },
      'settings-imports-only-common/'
    ],
    [
      'settings importing pure URL rules from http/ (they live in common/)',
      {
        'src/settings/inputs.ts':
          "import { joinUrl } from '../http/url.js'\nexport const x = joinUrl\n",
        'src/http/url.ts': 'export const joinUrl = 1\n'
      },
      'settings-imports-only-common/'
    ],
    [
      'the URL rules in common/ reaching into http/',
      {
        'src/common/url.ts': "import { Http } from '../http/client.js'\nexport const x = Http\n",
        'src/http/client.ts': 'export class Http {}\n'
      },
      'common-imports-only-'
    ],
    [
      'the API call touching the lifecycle',
      {
        'src/api/api-call.ts': "import { s } from '../lifecycle/state.js'\nexport const x = s\n",
        'src/lifecycle/state.ts': 'export const s = 1\n'
      },
      'api-imports-only-common/-http/-settings/-report/-token/token-client\\.ts$'
    ],
    [
      'a part importing main.ts',
      {
        'src/report/outputs.ts': "import { run } from '../main.js'\nexport const x = run\n",
        'src/main.ts': 'export const run = 1\n'
      },
      'parts-do-not-import-entry-points'
    ]
  ])('catch %s', async (_name, files, rule) => {
    const found = await violations(write(files))
    expect(found.map(v => v.rule.name)).toContain(rule)
  })
})
