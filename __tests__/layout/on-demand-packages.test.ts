// The build's stand-in packages (package.json `overrides`, CONTRIBUTING.md): undici is left out
// of @actions/http-client; @actions/core's own http-client and exec load on first call; the
// token cache's tar runs in process inside @actions/cache. These tests prove that each stand-in
// still matches the library it stands in for (the version the parent declares, every name it
// imports), that nothing the action runs reaches the undici stand-in, and that each other
// stand-in works when reached.
import { describe, expect, test } from '@jest/globals'
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import semver from 'semver'
import { REPO_ROOT } from '../support/action-runner.mjs'
import { startServer } from '../support/loopback-server.js'

const modules = join(REPO_ROOT, 'node_modules')
const read = (path: string) => readFileSync(path, 'utf8')
const readJson = (path: string) =>
  JSON.parse(read(path)) as {
    name: string
    version: string
    main?: string
    exports?: Record<string, string | Record<string, string>>
    dependencies?: Record<string, string>
  }

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : jsFiles(path)
    return /\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/**
 * The folder `specifier` resolves to when imported from the package in `fromDir` (Node's and the
 * bundler's node_modules lookup, outward from the importer's real path), symlinks followed.
 */
function resolvedFrom(fromDir: string, specifier: string): string {
  for (let dir = realpathSync(fromDir); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', specifier)
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate)
    if (dirname(dir) === dir) throw new Error(`${specifier} does not resolve from ${fromDir}`)
  }
}

/** The file Node loads for `subpath` ('' or '/lib/auth') of the package in `dir`, as an import. */
function entryFile(dir: string, subpath: string): string {
  const manifest = readJson(join(dir, 'package.json'))
  const target = manifest.exports?.[`.${subpath}`]
  const file =
    typeof target === 'string'
      ? target
      : (target?.import ?? target?.default ?? (subpath === '' ? manifest.main : `.${subpath}.js`))
  return join(dir, file ?? 'index.js')
}

/**
 * What `parent` imports from `library`, by subpath: named imports, and the members used of a
 * namespace import (`import * as exec` … `exec.getExecOutput(`).
 */
function importedNames(parent: string, library: string): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>()
  const add = (subpath: string, name: string) =>
    names.set(subpath, (names.get(subpath) ?? new Set()).add(name))
  const escaped = library.replace(/[/.]/g, '\\$&')
  const from = new RegExp(`^import (.+?) from '${escaped}(/[^']*)?';?$`, 'gm')
  for (const file of jsFiles(join(modules, parent, 'lib'))) {
    const text = read(file)
    for (const [, clause, subpath = ''] of text.matchAll(from)) {
      const namespace = /^\* as (\w+)$/.exec(clause)?.[1]
      if (namespace) {
        for (const m of text.matchAll(new RegExp(`\\b${namespace}\\.(\\w+)\\b`, 'g'))) {
          add(subpath, m[1])
        }
        continue
      }
      const named = /^\{([^}]*)\}$/.exec(clause)?.[1]
      if (named === undefined)
        throw new Error(`${file}: unexpected import of ${library}: ${clause}`)
      for (const name of named.split(',')) add(subpath, name.trim().split(/\s+as\s+/)[0])
    }
  }
  return names
}

describe.each([
  // undici is never reached (below); the bench's floor bundles the real one as `undici-floor`.
  {
    standIn: 'undici-unused',
    parent: '@actions/http-client',
    library: 'undici',
    real: 'undici-floor'
  },
  { standIn: 'http-client-on-demand', parent: '@actions/core', library: '@actions/http-client' },
  { standIn: 'exec-on-demand', parent: '@actions/core', library: '@actions/exec' },
  { standIn: 'exec-in-process', parent: '@actions/cache', library: '@actions/exec' }
])(
  'packages/$standIn stands in for $library inside $parent',
  ({ standIn, parent, library, real }) => {
    const standInDir = join(REPO_ROOT, 'packages', standIn)
    // Resolved from the stand-in's folder: the copy a stand-in that loads on demand imports.
    const realDir = real ? join(modules, real) : resolvedFrom(standInDir, library)

    test('the install resolves it for the parent (else: npm ci)', () => {
      expect(relative(REPO_ROOT, resolvedFrom(join(modules, parent), library))).toBe(
        join('packages', standIn)
      )
    })

    test('the real package satisfies the range the parent declares', () => {
      const range = readJson(join(modules, parent, 'package.json')).dependencies?.[library]
      const { name, version } = readJson(join(realDir, 'package.json'))
      expect(name).toBe(library)
      expect(range).toBeDefined()
      expect({ version, satisfies: semver.satisfies(version, range!) }).toEqual({
        version,
        satisfies: true
      })
    })

    test('every name the parent imports exists in the stand-in and in the real package', async () => {
      const imported = importedNames(parent, library)
      expect(imported.size).toBeGreaterThan(0)
      const missing: string[] = []
      for (const [subpath, names] of imported) {
        for (const [where, dir] of [
          ['stand-in', standInDir],
          ['real', realDir]
        ]) {
          const module = (await import(pathToFileURL(entryFile(dir, subpath)).href)) as object
          for (const name of names) {
            if (!(name in module)) missing.push(`${where}: ${library}${subpath} ${name}`)
          }
        }
      }
      expect(missing).toEqual([])
    })
  }
)

describe('undici is left out of @actions/http-client', () => {
  const httpClientLib = join(modules, '@actions', 'http-client', 'lib')

  test('http-client uses undici only for ProxyAgent, and ProxyAgent only in getAgentDispatcher', () => {
    const imports: string[] = []
    for (const file of jsFiles(httpClientLib)) {
      for (const m of read(file).matchAll(/^import\s+(.+?)\s+from\s+'undici';?$/gm)) {
        imports.push(`${relative(httpClientLib, file)}: ${m[1]}`)
      }
    }
    expect(imports).toEqual(['index.js: { ProxyAgent }'])
    // The methods of HttpClient (4-space indented in the compiled file), and which reach ProxyAgent.
    const index = read(join(httpClientLib, 'index.js'))
    const methods = new Map(
      [...index.matchAll(/^ {4}(\w+)\([^)]*\) \{\n([\s\S]*?)^ {4}\}$/gm)].map(m => [m[1], m[2]])
    )
    const reaching = new Set(
      [...methods].filter(([, body]) => /\bProxyAgent\b/.test(body)).map(([n]) => n)
    )
    for (let grew = true; grew;) {
      grew = false
      for (const [name, body] of methods) {
        if (!reaching.has(name) && [...reaching].some(r => body.includes(`this.${r}(`))) {
          reaching.add(name)
          grew = true
        }
      }
    }
    expect([...reaching].sort()).toEqual(['_getProxyAgentDispatcher', 'getAgentDispatcher'])
    // ProxyAgent appears nowhere but its import and those methods.
    const outside = [...methods]
      .filter(([name]) => reaching.has(name))
      .reduce((text, [, body]) => text.replace(body, ''), index)
      .replace(/^import .* from 'undici';$/m, '')
    expect(outside).not.toMatch(/\bProxyAgent\b/)
  })

  test('no code the action bundles calls getAgentDispatcher', () => {
    const callers = [
      join(REPO_ROOT, 'src'),
      join(modules, '@actions', 'core', 'lib'),
      join(modules, '@actions', 'cache', 'lib'),
      join(modules, '@actions', 'http-client', 'lib')
    ]
      .flatMap(jsFiles)
      .filter(file => /\.getAgentDispatcher\(/.test(read(file)))
      .map(file => relative(REPO_ROOT, file))
    expect(callers).toEqual([])
  })

  test('reached anyway, the stand-in fails with a message that says what to do', async () => {
    const standIn = (await import(join(REPO_ROOT, 'packages', 'undici-unused', 'index.js'))) as {
      ProxyAgent: new (options: unknown) => unknown
    }
    expect(() => new standIn.ProxyAgent({ uri: 'http://proxy:3128' })).toThrow(
      /undici is left out of this bundle .*getAgentDispatcher\(\).*Remove the override/
    )
  })

  const dist = join(REPO_ROOT, 'dist')
  const describeDist = existsSync(join(dist, 'index.js')) ? test : test.skip
  describeDist('dist/ holds the stand-in and none of undici', () => {
    const files = readdirSync(dist).filter(name => name.endsWith('.js'))
    const text = files.map(name => read(join(dist, name))).join('\n')
    expect(text).toContain('undici is left out of this bundle')
    // Strings only undici's own code contains.
    expect(text).not.toContain('UND_ERR_CONNECT_TIMEOUT')
    expect(text).not.toContain('kDispatcher')
  })
})

describe('@actions/core loads its http-client and exec on first call', () => {
  const coreLib = join(modules, '@actions', 'core', 'lib')
  const coreText = jsFiles(coreLib).map(read).join('\n')

  test('core calls on its HttpClient only the methods the stand-in forwards', async () => {
    const client = (await import(
      join(REPO_ROOT, 'packages', 'http-client-on-demand', 'index.js')
    )) as { HttpClient: { prototype: object } }
    const clientCalls = new Set([...coreText.matchAll(/\bhttpclient\s*\.(\w+)\(/g)].map(m => m[1]))
    expect(clientCalls.size).toBeGreaterThan(0)
    const forwarded = Object.getOwnPropertyNames(client.HttpClient.prototype)
    expect([...clientCalls].filter(name => !forwarded.includes(name))).toEqual([])
  })

  test('reached, the http-client stand-in loads the real client and works: getJson with a bearer token', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"value":"id-token"}')
    })
    const dir = join(REPO_ROOT, 'packages', 'http-client-on-demand')
    const { HttpClient } = (await import(join(dir, 'index.js'))) as {
      HttpClient: new (...args: unknown[]) => {
        getJson(url: string): Promise<{ statusCode: number; result: unknown }>
      }
    }
    const { BearerCredentialHandler } = (await import(join(dir, 'lib', 'auth.js'))) as {
      BearerCredentialHandler: new (token: string) => unknown
    }
    const client = new HttpClient('test', [new BearerCredentialHandler('t0k')])
    const answer = await client.getJson(`${server.origin}/id`)
    expect(answer).toMatchObject({ statusCode: 200, result: { value: 'id-token' } })
    expect(server.requests.map(r => r.headers.authorization)).toEqual(['Bearer t0k'])
  })

  test('reached, the exec stand-in loads the real @actions/exec and works', async () => {
    const { getExecOutput } = (await import(
      join(REPO_ROOT, 'packages', 'exec-on-demand', 'index.js')
    )) as {
      getExecOutput(
        command: string,
        args: string[],
        options: object
      ): Promise<{ exitCode: number; stdout: string }>
    }
    const out = await getExecOutput(process.execPath, ['-e', 'process.stdout.write("hi")'], {
      silent: true
    })
    expect(out).toMatchObject({ exitCode: 0, stdout: 'hi' })
  })
})

describe('@actions/cache runs the token cache tar stand-in in process', () => {
  const standInDir = join(REPO_ROOT, 'packages', 'exec-in-process')
  type StandIn = {
    exec(command: string, args?: string[], options?: object): Promise<number>
    runInProcess(path: string, run: (args: string[]) => number | undefined): () => void
  }
  const load = async () => (await import(join(standInDir, 'index.js'))) as StandIn

  test('a registered program runs as the function, with the arguments of the command line', async () => {
    const { exec, runInProcess } = await load()
    const program = join(tmpdir(), `no-such-program-${process.pid}`, 'tar')
    const seen: string[][] = []
    const release = runInProcess(program, args => (seen.push(args), 0))
    try {
      // The form @actions/cache writes: the path in double quotes, arguments joined by spaces.
      expect(await exec(`"${program}" -xf /a/b.tgz -P -C /w -z`, undefined, { silent: true })).toBe(
        0
      )
      expect(await exec(program, ['-tf', 'x y'], { silent: true })).toBe(0)
    } finally {
      release()
    }
    expect(seen).toEqual([
      ['-xf', '/a/b.tgz', '-P', '-C', '/w', '-z'],
      ['-tf', 'x y']
    ])
    // Released: the real exec looks for the program, which does not exist.
    await expect(exec(`"${program}" -xf /a/b.tgz`, undefined, { silent: true })).rejects.toThrow(
      /Unable to locate executable file/
    )
  })

  test('a failing function fails like a failing program, unless the caller ignores the code', async () => {
    const { exec, runInProcess } = await load()
    const program = join(tmpdir(), `no-such-program-${process.pid}`, 'gtar')
    const release = runInProcess(program, () => 2)
    try {
      await expect(exec(`"${program}" -xf a`, undefined, { silent: true })).rejects.toThrow(
        `The process '${program}' failed with exit code 2`
      )
      expect(await exec(program, [], { silent: true, ignoreReturnCode: true })).toBe(2)
    } finally {
      release()
    }
  })

  test('declined, or a command line it cannot split, the real program runs', async () => {
    const { exec, runInProcess } = await load()
    const dir = mkdtempSync(join(tmpdir(), 'exec-in-process-'))
    try {
      const program = join(dir, 'tar')
      const ran = join(dir, 'ran')
      writeFileSync(program, `#!/bin/sh\necho "$@" >> '${ran}'\n`, { mode: 0o700 })
      const calls: string[][] = []
      const release = runInProcess(program, args => (calls.push(args), undefined))
      try {
        await exec(`"${program}" -xf one`, undefined, { silent: true })
        // A quoted argument: the real parser's rules apply, so the real exec parses it.
        await exec(`"${program}" -xf "two three"`, undefined, { silent: true })
      } finally {
        release()
      }
      expect(calls).toEqual([['-xf', 'one']])
      expect(read(ran)).toBe('-xf one\n-xf two three\n')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
