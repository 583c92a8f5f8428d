// Loading: which dist/ files each scenario loads, and that lazily loaded code loads only when used.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { runAction } from '../../__tests__/support/action-runner.mjs'
import { DIST, HERE, findings, log, verdict } from './measure.mjs'

/** Code that must load only when the run uses it, found in dist/ by a string only it contains. */
const LAZY_FEATURES = [
  { key: 'cache', label: '@actions/cache', marker: 'github.actions.results.api.v1.CacheService' },
  { key: 'sodium', label: 'libsodium', marker: '_crypto_box_sealbytes' },
  { key: 'jmespath', label: 'JMESPath library', marker: 'TYPE_ARRAY_NUMBER' },
  { key: 'summary', label: 'API call summary code', marker: 'API call succeeded' },
  {
    key: 'review',
    label: 'review gate and its summary section',
    marker: 'Open the review in Code Reviews'
  },
  { key: 'http', label: '@actions/http-client + tunnel', marker: 'createSecureSocket' },
  // @actions/cache imports it at its top: it loads with the cache, and only then.
  { key: 'azure', label: 'Azure storage SDK', marker: 'StorageSharedKeyCredential' }
]

/** Two tables: dist/ files loaded per scenario, and the lazy-loading check built on them. */
export async function loading(ctx) {
  const { tmp, credentials, withApi, cacheService, cacheWhy } = ctx
  const { budgets, errors, budget } = findings()

  log('Loaded files')
  const loadedRows = []
  const loadedNotes = []
  const distJs = readdirSync(DIST).filter(name => name.endsWith('.js'))
  const featureFiles = Object.fromEntries(
    LAZY_FEATURES.map(f => [
      f.key,
      distJs.filter(name => readFileSync(join(DIST, name), 'utf8').includes(f.marker))
    ])
  )
  const scenarios = [
    { name: 'no inputs (fails validation)', uses: [], opts: {}, expectExit: 1 },
    { name: 'plain refresh', uses: ['http'], opts: { inputs: credentials } },
    { name: 'refresh + API call', uses: ['http', 'summary'], opts: { inputs: withApi } },
    {
      name: 'refresh + API call + api_query',
      uses: ['http', 'summary', 'jmespath'],
      opts: { inputs: { ...withApi, api_query: '[].name' } }
    }
  ]
  if (cacheService && !cacheWhy) {
    scenarios.push({
      name: 'refresh + API call, cache: true (warm)',
      uses: ['http', 'summary', 'cache', 'azure'],
      opts: { inputs: { ...withApi, cache: 'true' }, env: cacheService.env() }
    })
  }
  const preload = pathToFileURL(join(HERE, 'loaded-files.mjs')).href
  const loadedBy = {}
  for (const scenario of scenarios) {
    const list = join(tmp, 'loaded-files.txt')
    rmSync(list, { force: true })
    const result = await runAction({
      ...scenario.opts,
      env: { ...scenario.opts.env, NODE_OPTIONS: `--import=${preload}`, BENCH_LOADED_FILES: list }
    })
    const expected = scenario.expectExit ?? 0
    if (result.exitCode !== expected || !existsSync(list)) {
      loadedRows.push([
        scenario.name,
        scenario.uses.join(', ') || '—',
        `could not tell (exit ${result.exitCode})`
      ])
      continue
    }
    const files = readFileSync(list, 'utf8')
      .split('\n')
      .filter(url => url.startsWith('file:'))
      .map(url => fileURLToPath(url))
      .filter(path => relative(DIST, path) && !relative(DIST, path).startsWith('..'))
      .map(path => relative(DIST, path))
    loadedBy[scenario.name] = { uses: scenario.uses, files }
    loadedRows.push([scenario.name, scenario.uses.join(', ') || '—', files.join(', ')])
  }
  const lazyRows = []
  const lazyMisses = []
  for (const feature of LAZY_FEATURES) {
    const files = featureFiles[feature.key]
    if (!files.length) {
      lazyRows.push([feature.label, 'not in dist/', '—', 'n/a'])
      continue
    }
    const offenders = Object.entries(loadedBy)
      .filter(([, s]) => !s.uses.includes(feature.key) && s.files.some(f => files.includes(f)))
      .map(([name]) => name)
    const users = Object.entries(loadedBy).filter(([, s]) => s.uses.includes(feature.key)).length
    lazyRows.push([
      feature.label,
      files.join(', '),
      offenders.length ? offenders.join('; ') : 'none',
      users || offenders.length
        ? verdict(!offenders.length)
        : `${verdict(!offenders.length)} (no run uses it)`
    ])
    if (offenders.length)
      lazyMisses.push(`${feature.label} (in ${files.join(', ')}) loads in: ${offenders.join('; ')}`)
  }
  loadedNotes.push(
    'Files seen by an ES module loader hook (scripts/bench/loaded-files.mjs, preloaded with --import) in one untimed run each. A feature is found in dist/ by a string only its code contains; the check is per file, so code sharing a chunk with code every run needs counts as loaded.'
  )
  if (Object.keys(loadedBy).length) {
    budget(
      'Nothing loaded before needed (cache, Azure SDK, sodium, JMESPath, API call code, review code, HTTP client)',
      lazyMisses.length ? 'MISS' : 'PASS',
      lazyMisses.length
        ? lazyMisses.join(' | ')
        : `checked: ${
            lazyRows
              .filter(r => r[3] !== 'n/a')
              .map(r => r[0])
              .join(', ') || 'nothing in dist/ yet'
          }`
    )
  } else {
    budget(
      'Nothing loaded before needed (cache, Azure SDK, sodium, JMESPath, API call code, review code, HTTP client)',
      'n/a',
      'could not tell'
    )
  }

  return {
    tables: [
      {
        title: 'dist/ files loaded per scenario',
        headers: ['scenario', 'uses', 'dist/ files loaded'],
        rows: loadedRows
      },
      {
        title: 'Lazy loading: code that must load only when used',
        headers: ['code', 'in', 'loaded by runs that do not use it', 'result'],
        rows: lazyRows,
        notes: loadedNotes
      }
    ],
    budgets,
    errors
  }
}
