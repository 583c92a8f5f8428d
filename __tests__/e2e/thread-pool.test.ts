import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunResult } from '../support/action-runner.mjs'
import { startFakeClayton, type FakeClayton } from '../support/fake-clayton.js'
import { useActionRunner } from '../support/leak-check.js'

// Starting libuv's thread pool (four threads) for a few small writes was measured on every run's
// start-up: the outputs, the job summary and the API response file are written synchronously.
const PRELOAD = fileURLToPath(new URL('../support/thread-pool.mjs', import.meta.url))
const env = { NODE_OPTIONS: `--import=${PRELOAD}` }

let server: FakeClayton
const runner = useActionRunner(() => server?.secrets() ?? [])
beforeEach(async () => {
  server = await startFakeClayton()
})
afterEach(async () => {
  await server.close()
})
const scratch = mkdtempSync(join(tmpdir(), 'thread-pool-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function workers(result: RunResult): number {
  const match = /libuv-workers=(\d+)/.exec(result.stderr)
  if (!match) throw new Error(`no libuv-workers line in stderr:\n${result.stderr}`)
  return Number(match[1])
}

const linux = existsSync('/proc/self/task') ? describe : describe.skip

linux('runs that start no thread pool', () => {
  test('the count sees a pool when one starts', async () => {
    const script = join(scratch, 'pool.mjs')
    writeFileSync(script, "import { promises } from 'node:fs'\nawait promises.access('.')\n")
    const result = await runner.run({ script, env })
    expect(result.exitCode).toBe(0)
    expect(workers(result)).toBeGreaterThan(0)
  })

  test('a plain refresh', async () => {
    const result = await runner.run({ inputs: server.refreshInputs(), env })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.access_token).toBeTruthy()
    expect(result.summary).toContain('Access token refreshed')
    expect(workers(result)).toBe(0)
  })

  test('a refresh and an API call, its body streamed to api_response_file', async () => {
    const result = await runner.run({
      inputs: server.refreshInputs({ api_url: '/api/workspaces' }),
      env
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.api_status).toBe('200')
    expect(existsSync(result.outputs.api_response_file)).toBe(true)
    expect(workers(result)).toBe(0)
  })
})
