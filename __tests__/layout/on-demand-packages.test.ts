// The build's stand-in packages (package.json `overrides`, README "Development"): undici is left
// out of @actions/http-client; @actions/cache's Azure SDK and glob, @actions/core's own http-client
// and exec, and http-client's tunnel load on first call (the Azure SDK not even then for a small
// download: storage-blob-small-path.test.ts). These tests prove that nothing the action runs
// reaches the undici stand-in, that each other stand-in forwards everything its package calls and
// works when reached, and that the install and dist/ use them.
import { describe, expect, test } from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { REPO_ROOT } from '../support/action-runner.js'

const modules = join(REPO_ROOT, 'node_modules')
const read = (path: string) => readFileSync(path, 'utf8')
const pkg = JSON.parse(read(join(REPO_ROOT, 'package.json'))) as {
  dependencies: Record<string, string>
  overrides: Record<string, Record<string, string> | string>
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

describe('undici is left out of @actions/http-client', () => {
  const httpClientLib = join(modules, '@actions', 'http-client', 'lib')

  test('package.json overrides it with packages/undici-unused', () => {
    expect(pkg.dependencies.undici).toBe('file:packages/undici-unused')
    expect(pkg.overrides.undici).toBe('$undici')
  })

  test('the install resolves undici for @actions/http-client to the stand-in (else: npm ci)', () => {
    expect(
      relative(REPO_ROOT, resolvedFrom(join(modules, '@actions', 'http-client'), 'undici'))
    ).toBe(join('packages', 'undici-unused'))
  })

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

describe('@actions/cache loads the Azure storage SDK on first call, except for small downloads', () => {
  const cacheLib = join(modules, '@actions', 'cache', 'lib')
  const standInDir = join(REPO_ROOT, 'packages', 'storage-blob-on-demand')

  test('package.json overrides it with packages/storage-blob-on-demand', () => {
    expect(pkg.dependencies['@azure/storage-blob']).toBe('file:packages/storage-blob-on-demand')
    expect(pkg.overrides['@actions/cache']).toMatchObject({
      '@azure/storage-blob': '$@azure/storage-blob'
    })
  })

  test('the install resolves it for @actions/cache to the stand-in, and the stand-in to the SDK', () => {
    expect(
      relative(REPO_ROOT, resolvedFrom(join(modules, '@actions', 'cache'), '@azure/storage-blob'))
    ).toBe(join('packages', 'storage-blob-on-demand'))
    const sdk = JSON.parse(
      read(join(resolvedFrom(standInDir, 'azure-storage-blob'), 'package.json'))
    ) as { name: string }
    expect(sdk.name).toBe('@azure/storage-blob')
  })

  test('the stand-in resolves @actions/http-client to the copy @actions/cache uses', () => {
    // One copy in the bundle, already loaded by @actions/cache when a download starts.
    expect(resolvedFrom(standInDir, '@actions/http-client')).toBe(
      resolvedFrom(join(modules, '@actions', 'cache'), '@actions/http-client')
    )
  })

  test('the stand-in provides every class and method @actions/cache uses', async () => {
    const used = new Set<string>()
    for (const file of jsFiles(cacheLib)) {
      const text = read(file)
      const named = /^import\s+\{([^}]+)\}\s+from\s+'@azure\/storage-blob';?$/m.exec(text)?.[1]
      if (!named) continue
      for (const name of named.split(',')) used.add(name.trim())
      // Methods called on the clients it makes: `const x = new BlobClient(` or `….getBlockBlobClient(`.
      const clients = [
        ...text.matchAll(
          /const (\w+) = (?:new (?:BlobClient|BlockBlobClient)\(|\w+\.getBlockBlobClient\()/g
        )
      ].map(m => m[1])
      for (const client of clients) {
        for (const m of text.matchAll(new RegExp(`\\b${client}\\.(\\w+)\\(`, 'g')))
          used.add(`.${m[1]}`)
      }
    }
    const standIn = (await import(join(standInDir, 'index.js'))) as Record<string, unknown>
    const methods = new Set(
      Object.values(standIn)
        .filter((value): value is { prototype: object } => typeof value === 'function')
        .flatMap(cls => Object.getOwnPropertyNames(cls.prototype))
    )
    const missing = [...used].filter(name =>
      name.startsWith('.') ? !methods.has(name.slice(1)) : !(name in standIn)
    )
    expect(used.size).toBeGreaterThan(0)
    expect(missing).toEqual([])
  })

  test('reached, it works: a BlockBlobClient reads blob properties, itself or through the real SDK', async () => {
    const requests: string[] = []
    const server = createServer((req, res) => {
      // The real SDK sends its API version on every request; the stand-in's own GET does not.
      const by = req.headers['x-ms-version'] === undefined ? 'stand-in' : 'sdk'
      requests.push(`${by}: ${req.method} ${req.url}`)
      res
        .writeHead(200, { 'Content-Length': '1234', 'x-ms-blob-type': 'BlockBlob' })
        .end(req.method === 'GET' ? Buffer.alloc(1234) : undefined)
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const { BlockBlobClient, BlobClient } = (await import(join(standInDir, 'index.js'))) as {
        BlockBlobClient: new (url: string) => {
          containerName: string
          name: string
          getProperties(): Promise<{ contentLength?: number }>
        }
        BlobClient: new (url: string) => {
          getBlockBlobClient(): { getProperties(): Promise<{ contentLength?: number }> }
        }
      }
      const url = `http://127.0.0.1:${port}/devstoreaccount1/container/entry.tzst?sig=x`
      const direct = new BlockBlobClient(url)
      expect((await direct.getProperties()).contentLength).toBe(1234)
      const viaBlob = new BlobClient(url).getBlockBlobClient()
      expect((await viaBlob.getProperties()).contentLength).toBe(1234)
      expect(requests).toEqual([
        'stand-in: GET /devstoreaccount1/container/entry.tzst?sig=x',
        'sdk: HEAD /devstoreaccount1/container/entry.tzst?sig=x'
      ])
    } finally {
      await new Promise(resolve => server.close(resolve))
    }
  })
})

describe('@actions/core loads its http-client and exec on first call', () => {
  const coreLib = join(modules, '@actions', 'core', 'lib')
  const coreText = jsFiles(coreLib).map(read).join('\n')

  test.each([
    ['@actions/http-client', 'http-client-on-demand'],
    ['@actions/exec', 'exec-on-demand']
  ])(
    '%s resolves for @actions/core to packages/%s, and from there to the real one',
    (name, dir) => {
      // npm resolves a `file:` override relative to the dependent's folder, hence ../../../ in
      // package.json; the lockfile records the resolved place, which is what this checks.
      expect(pkg.overrides['@actions/core']).toMatchObject({
        [name]: `file:../../../packages/${dir}`
      })
      const standIn = resolvedFrom(join(modules, '@actions', 'core'), name)
      expect(relative(REPO_ROOT, standIn)).toBe(join('packages', dir))
      const real = JSON.parse(read(join(resolvedFrom(standIn, name), 'package.json'))) as {
        name: string
      }
      expect(real.name).toBe(name)
    }
  )

  test('core imports from them only what the stand-ins provide', async () => {
    const imports = [
      ...coreText.matchAll(/^import\s+(.+?)\s+from\s+'(@actions\/(?:http-client|exec)[^']*)';?$/gm)
    ].map(m => `${m[2]}: ${m[1]}`)
    expect(imports.sort()).toEqual([
      '@actions/exec: * as exec',
      '@actions/http-client/lib/auth: { BearerCredentialHandler }',
      '@actions/http-client: { HttpClient }'
    ])
    const exec = (await import(
      join(REPO_ROOT, 'packages', 'exec-on-demand', 'index.js')
    )) as Record<string, unknown>
    const execCalls = new Set([...coreText.matchAll(/\bexec\.(\w+)\(/g)].map(m => m[1]))
    expect([...execCalls].filter(name => typeof exec[name] !== 'function')).toEqual([])
    const client = (await import(
      join(REPO_ROOT, 'packages', 'http-client-on-demand', 'index.js')
    )) as { HttpClient: { prototype: object } }
    const clientCalls = new Set([...coreText.matchAll(/\bhttpclient\s*\.(\w+)\(/g)].map(m => m[1]))
    expect(clientCalls.size).toBeGreaterThan(0)
    const forwarded = Object.getOwnPropertyNames(client.HttpClient.prototype)
    expect([...clientCalls].filter(name => !forwarded.includes(name))).toEqual([])
  })

  test('reached, the http-client stand-in loads the real client and works: getJson with a bearer token', async () => {
    const seen: Array<string | undefined> = []
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization)
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"value":"id-token"}')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const dir = join(REPO_ROOT, 'packages', 'http-client-on-demand')
      const { HttpClient } = (await import(join(dir, 'index.js'))) as {
        HttpClient: new (...args: unknown[]) => {
          getJson(url: string): Promise<{ statusCode: number; result: unknown }>
          dispose?: () => void
        }
      }
      const { BearerCredentialHandler } = (await import(join(dir, 'lib', 'auth.js'))) as {
        BearerCredentialHandler: new (token: string) => unknown
      }
      const client = new HttpClient('test', [new BearerCredentialHandler('t0k')])
      const answer = await client.getJson(`http://127.0.0.1:${port}/id`)
      expect(answer).toMatchObject({ statusCode: 200, result: { value: 'id-token' } })
      expect(seen).toEqual(['Bearer t0k'])
    } finally {
      await new Promise(resolve => server.close(resolve))
    }
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

describe('@actions/http-client loads tunnel on the first proxied request', () => {
  const standInDir = join(REPO_ROOT, 'packages', 'tunnel-on-demand')
  const clientIndex = read(join(modules, '@actions', 'http-client', 'lib', 'index.js'))
  const standIn = createRequire(import.meta.url)(join(standInDir, 'index.js')) as Record<
    string,
    (options: object) => { request?: unknown; proxyOptions?: unknown }
  >

  test('package.json overrides it with packages/tunnel-on-demand', () => {
    expect(pkg.dependencies.tunnel).toBe('file:packages/tunnel-on-demand')
    expect(pkg.overrides.tunnel).toBe('$tunnel')
  })

  test('the install resolves tunnel for http-client to the stand-in, and the stand-in to tunnel', () => {
    expect(
      relative(REPO_ROOT, resolvedFrom(join(modules, '@actions', 'http-client'), 'tunnel'))
    ).toBe(join('packages', 'tunnel-on-demand'))
    const real = JSON.parse(
      read(join(resolvedFrom(standInDir, 'tunnel-real'), 'package.json'))
    ) as { name: string }
    expect(real.name).toBe('tunnel')
  })

  test('the stand-in forwards every tunnel function http-client uses, and nothing loads it early', () => {
    expect(clientIndex).toMatch(/^import \* as tunnel from 'tunnel';$/m)
    const used = new Set([...clientIndex.matchAll(/\btunnel\.(\w+)\b/g)].map(m => m[1]))
    expect(used.size).toBeGreaterThan(0)
    expect([...used].filter(name => typeof standIn[name] !== 'function')).toEqual([])
    // The real package is required inside the functions only, never at the top of the module.
    const source = read(join(standInDir, 'index.js'))
    const topLevel = source.split('\n').filter(line => /require\(/.test(line) && !/=>/.test(line))
    expect(topLevel).toEqual([])
  })

  test.each(['httpOverHttp', 'httpsOverHttp', 'httpOverHttps', 'httpsOverHttps'])(
    'reached, %s returns the real tunnel agent with the proxy options',
    name => {
      const real = createRequire(join(standInDir, 'index.js'))('tunnel-real') as Record<
        string,
        (options: object) => object
      >
      const options = { maxSockets: 1, proxy: { host: '127.0.0.1', port: 1 } }
      const agent = standIn[name](options)
      expect(agent.constructor).toBe(real[name](options).constructor)
      expect(agent.proxyOptions).toEqual(options.proxy)
    }
  )
})

describe('@actions/cache loads @actions/glob on the first save', () => {
  const standInDir = join(REPO_ROOT, 'packages', 'glob-on-demand')
  const cacheLib = join(modules, '@actions', 'cache', 'lib')

  test('package.json overrides it with packages/glob-on-demand', () => {
    expect(pkg.dependencies['@actions/glob']).toBe('file:packages/glob-on-demand')
    expect(pkg.overrides['@actions/cache']).toMatchObject({ '@actions/glob': '$@actions/glob' })
  })

  test('the install resolves it for @actions/cache to the stand-in, and the stand-in to glob', () => {
    expect(
      relative(REPO_ROOT, resolvedFrom(join(modules, '@actions', 'cache'), '@actions/glob'))
    ).toBe(join('packages', 'glob-on-demand'))
    const real = JSON.parse(read(join(resolvedFrom(standInDir, 'glob-real'), 'package.json'))) as {
      name: string
    }
    expect(real.name).toBe('@actions/glob')
  })

  test('the stand-in forwards every glob function @actions/cache calls', async () => {
    const used = new Set<string>()
    for (const file of jsFiles(cacheLib)) {
      const text = read(file)
      const alias = /^import \* as (\w+) from '@actions\/glob';$/m.exec(text)?.[1]
      expect(text).not.toMatch(/^import \{[^}]*\} from '@actions\/glob'/m)
      if (!alias) continue
      for (const m of text.matchAll(new RegExp(`\\b${alias}\\.(\\w+)\\b`, 'g'))) used.add(m[1])
    }
    const standIn = (await import(join(standInDir, 'index.js'))) as Record<string, unknown>
    expect(used.size).toBeGreaterThan(0)
    expect([...used].filter(name => typeof standIn[name] !== 'function')).toEqual([])
  })

  test('reached, it loads the real glob and works: lists the files a save would archive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glob-on-demand-'))
    try {
      mkdirSync(join(dir, '.clayton-oauth'))
      writeFileSync(join(dir, '.clayton-oauth', 'state.bin'), 'x')
      writeFileSync(join(dir, 'other'), 'y')
      const { create } = (await import(join(standInDir, 'index.js'))) as {
        create(patterns: string, options?: object): Promise<{ glob(): Promise<string[]> }>
      }
      const globber = await create(join(dir, '.clayton-oauth', '*'), {
        implicitDescendants: false
      })
      expect(await globber.glob()).toEqual([join(dir, '.clayton-oauth', 'state.bin')])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('@actions/cache runs the token cache tar stand-in in process', () => {
  const standInDir = join(REPO_ROOT, 'packages', 'exec-in-process')
  const cacheLib = join(modules, '@actions', 'cache', 'lib')
  type StandIn = {
    exec(command: string, args?: string[], options?: object): Promise<number>
    runInProcess(path: string, run: (args: string[]) => number | undefined): () => void
  }
  const load = async () => (await import(join(standInDir, 'index.js'))) as StandIn

  test('package.json overrides @actions/exec for @actions/cache with packages/exec-in-process', () => {
    expect(pkg.dependencies['exec-in-process']).toBe('file:packages/exec-in-process')
    expect(pkg.overrides['@actions/cache']).toMatchObject({
      '@actions/exec': 'file:../../../packages/exec-in-process'
    })
    expect(
      relative(REPO_ROOT, resolvedFrom(join(modules, '@actions', 'cache'), '@actions/exec'))
    ).toBe(join('packages', 'exec-in-process'))
    // The token cache registers with the same module the library calls.
    expect(relative(REPO_ROOT, resolvedFrom(REPO_ROOT, 'exec-in-process'))).toBe(
      join('packages', 'exec-in-process')
    )
    const real = JSON.parse(read(join(resolvedFrom(standInDir, '@actions/exec'), 'package.json')))
    expect((real as { name: string }).name).toBe('@actions/exec')
  })

  test('the library imports from @actions/exec only what the stand-in provides', async () => {
    const imported = new Set<string>()
    for (const file of jsFiles(cacheLib)) {
      const text = read(file)
      const named = /^import \{([^}]*)\} from '@actions\/exec';$/m.exec(text)
      for (const name of named?.[1].split(',') ?? []) imported.add(name.trim())
      const alias = /^import \* as (\w+) from '@actions\/exec';$/m.exec(text)?.[1]
      if (!alias) continue
      for (const m of text.matchAll(new RegExp(`\\b${alias}\\.(\\w+)\\(`, 'g'))) imported.add(m[1])
    }
    expect(imported.size).toBeGreaterThan(0)
    const standIn = (await load()) as unknown as Record<string, unknown>
    expect([...imported].filter(name => typeof standIn[name] !== 'function')).toEqual([])
  })

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

describe('@actions/cache loads semver only for a version to clean', () => {
  const standInDir = join(REPO_ROOT, 'packages', 'semver-on-demand')
  const cacheLib = join(modules, '@actions', 'cache', 'lib')
  const standIn = createRequire(import.meta.url)(join(standInDir, 'index.js')) as Record<
    string,
    unknown
  > & { clean(version: string): string | null }
  const realClean = createRequire(join(standInDir, 'index.js'))('semver-real/functions/clean') as (
    version: string
  ) => string | null

  test('package.json overrides it for @actions/cache with packages/semver-on-demand', () => {
    expect(pkg.dependencies['semver-on-demand']).toBe('file:packages/semver-on-demand')
    expect(pkg.overrides['@actions/cache']).toMatchObject({
      semver: 'file:../../../packages/semver-on-demand'
    })
  })

  test('the install resolves semver for @actions/cache to the stand-in, and the stand-in to semver', () => {
    expect(relative(REPO_ROOT, resolvedFrom(join(modules, '@actions', 'cache'), 'semver'))).toBe(
      join('packages', 'semver-on-demand')
    )
    const real = JSON.parse(
      read(join(resolvedFrom(standInDir, 'semver-real'), 'package.json'))
    ) as { name: string }
    expect(real.name).toBe('semver')
  })

  test('the stand-in provides every semver function @actions/cache calls, and nothing loads it early', () => {
    const used = new Set<string>()
    for (const file of jsFiles(cacheLib)) {
      const text = read(file)
      expect(text).not.toMatch(/^import \{[^}]*\} from 'semver'/m)
      const alias = /^import \* as (\w+) from 'semver';$/m.exec(text)?.[1]
      if (!alias) continue
      for (const m of text.matchAll(new RegExp(`\\b${alias}\\.(\\w+)\\b`, 'g'))) used.add(m[1])
    }
    expect([...used]).toEqual(['clean'])
    expect([...used].filter(name => typeof standIn[name] !== 'function')).toEqual([])
    const source = read(join(standInDir, 'index.js'))
    const topLevel = source.split('\n').filter(line => /require\(/.test(line) && !/=>/.test(line))
    expect(topLevel).toEqual([])
  })

  test.each([
    '',
    '1.5.6',
    ' v1.5.6 ',
    '=1.2.3',
    'v1.5.6\n',
    '1.5.6-beta.1',
    '*** Zstandard CLI (64-bit) v1.5.6, by Yann Collet ***',
    'zstd: command not found',
    '   '
  ])('clean(%j) answers what the real semver answers', version => {
    expect(standIn.clean(version)).toBe(realClean(version))
  })
})
