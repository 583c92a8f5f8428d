// Builds what scenarios compare with, in the bench's temp folder: floor bundle, cache stand-in.
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { REPO_ROOT as ROOT } from '../../__tests__/support/action-runner.mjs'
import { clip, hasCommand } from './measure.mjs'

const FAKE_CACHE_SOURCE = join(ROOT, '__tests__', 'support', 'fake-cache-service.ts')
const execFileAsync = promisify(execFile)

async function ncc(entry, outDir, extra = []) {
  try {
    await execFileAsync('npx', ['ncc', 'build', entry, '-o', outDir, ...extra], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024
    })
  } catch (error) {
    throw new Error(`npx ncc build ${relative(ROOT, entry)} failed: ${clip(error.stderr || error)}`)
  }
}

/** The packages the floor bundle is made of, and where each comes from in node_modules. */
const FLOOR_PACKAGES = ['@actions/core', '@actions/exec', '@actions/io', '@actions/http-client']

/**
 * Where the real `name` is in node_modules. The action's own build resolves undici to a stand-in
 * in packages/ (package.json `overrides`); the floor stays what the toolkit ships, so it takes
 * the real package from its alias (`undici-floor`, a devDependency), or from node_modules/<name>
 * in an install made before the override.
 */
function realPackage(name, aliases) {
  for (const dir of [...aliases, name].map(alias => join(ROOT, 'node_modules', alias))) {
    const file = join(dir, 'package.json')
    if (existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).name === name) return dir
  }
  throw new Error(`no real ${name} in node_modules (${aliases.join(', ')}): run npm ci`)
}

/**
 * @actions/core + @actions/http-client alone, bundled as the action is: the start-up floor, the
 * toolkit as published (undici included; tunnel comes nested in http-client's copy). Built from
 * copies of those packages in the temp folder, so the repository's `undici` override does not
 * apply to it.
 */
export async function buildFloor(tmp) {
  const src = join(tmp, 'floor-src')
  mkdirSync(src)
  const modules = join(tmp, 'node_modules')
  const standIns = join(ROOT, 'packages')
  for (const name of FLOOR_PACKAGES) {
    cpSync(join(ROOT, 'node_modules', name), join(modules, name), {
      recursive: true,
      dereference: true,
      // Not the stand-ins npm put under @actions/core: the copies beside it are the real ones.
      filter: source => !realpathSync(source).startsWith(standIns + sep)
    })
  }
  cpSync(realPackage('undici', ['undici-floor']), join(modules, 'undici'), {
    recursive: true,
    dereference: true
  })
  writeFileSync(join(src, 'package.json'), '{"type":"module"}\n')
  writeFileSync(
    join(src, 'index.js'),
    [
      "import * as core from '@actions/core'",
      "import { HttpClient } from '@actions/http-client'",
      '',
      "const client = new HttpClient('bench-floor')",
      "core.getInput('client_id')",
      'client.dispose()',
      ''
    ].join('\n')
  )
  const out = join(tmp, 'floor')
  await ncc(join(src, 'index.js'), out, ['--license', 'licenses.txt'])
  return join(out, 'index.js')
}

/**
 * scripts/bench/cache-floor.mjs bundled: @actions/core + @actions/cache and one lookup, what any
 * warm-cache run with the library pays at least. Built from this repository's node_modules.
 */
export async function buildCacheFloor(tmp) {
  const out = join(tmp, 'cache-floor')
  await ncc(join(ROOT, 'scripts', 'bench', 'cache-floor.mjs'), out)
  // An empty folder for PATH: no zstd, as in the action's restore.
  mkdirSync(join(out, 'no-programs'))
  return { bundle: join(out, 'index.mjs'), path: join(out, 'no-programs') }
}

/** Why the warm-cache figures cannot be taken yet, or undefined when they can. */
export function cacheUnavailable(defaults) {
  if (!('cache' in defaults)) return 'not available yet: action.yml declares no `cache` input'
  if (!existsSync(FAKE_CACHE_SOURCE)) {
    return `not available yet: no ${relative(ROOT, FAKE_CACHE_SOURCE)} (cache service stand-in)`
  }
  if (!hasCommand('tar')) return 'not available: @actions/cache needs tar on PATH'
  return undefined
}

export async function buildFakeCache(tmp) {
  const out = join(tmp, 'fake-cache-service')
  await ncc(FAKE_CACHE_SOURCE, out)
  const module = await import(pathToFileURL(join(out, 'index.js')).href)
  if (typeof module.startFakeCacheService !== 'function') {
    throw new Error(
      `the bundle of ${relative(ROOT, FAKE_CACHE_SOURCE)} has no startFakeCacheService`
    )
  }
  return module.startFakeCacheService
}
