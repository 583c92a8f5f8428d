import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createJobTokenStore,
  MAX_JOB_STATE_BYTES,
  type JobTokenStoreOptions
} from '../../src/lifecycle/job-token-store.js'
import type { TokenState } from '../../src/lifecycle/token-state.js'

const STATE: TokenState = {
  v: 1,
  accessToken: 'at-handed-on-1234567890',
  tokenType: 'Bearer',
  expiresAtMs: Date.parse('2026-12-02T16:00:00Z'),
  scope: 'workspace',
  refreshToken: 'rt-rotated-1234567890',
  savedAtMs: Date.parse('2026-12-02T14:30:00Z')
}

let runnerTemp: string
let debug: string[]
beforeEach(() => {
  runnerTemp = mkdtempSync(join(tmpdir(), 'job-token-store-'))
  debug = []
})
afterEach(() => rmSync(runnerTemp, { recursive: true, force: true }))

function options(overrides: Partial<JobTokenStoreOptions> = {}): JobTokenStoreOptions {
  return {
    secret: 'client-secret-1',
    context: { clientId: 'client-1', tokenUrl: 'https://auth.example/token', scope: 'workspace' },
    inputRefreshToken: 'rt-input-1234567890',
    runnerTemp,
    log: { debug: message => debug.push(message) },
    ...overrides
  }
}

const only = () => {
  const names = readdirSync(runnerTemp)
  expect(names).toHaveLength(1)
  return join(runnerTemp, names[0])
}

describe('createJobTokenStore', () => {
  test('a later step with the same settings gets the state back; the file shows none of it', async () => {
    expect(await createJobTokenStore(options()).save(STATE)).toBe(true)
    expect(await createJobTokenStore(options()).restore()).toEqual(STATE)
    const path = only()
    const bytes = readFileSync(path)
    for (const value of [STATE.accessToken!, STATE.refreshToken!, 'rt-input-1234567890']) {
      expect(bytes.includes(value)).toBe(false)
      expect(path).not.toContain(value.slice(0, 8))
    }
  })

  test('a second save replaces the first (the newest refresh token wins)', async () => {
    const store = createJobTokenStore(options())
    await store.save(STATE)
    await store.save({ ...STATE, refreshToken: 'rt-newer-1234567890' })
    expect((await createJobTokenStore(options()).restore())?.refreshToken).toBe(
      'rt-newer-1234567890'
    )
    only()
  })

  test.each<[string, Partial<JobTokenStoreOptions>]>([
    ['another client secret', { secret: 'client-secret-2' }],
    ['another refresh_token input', { inputRefreshToken: 'rt-input-other' }],
    [
      'another scope',
      { context: { clientId: 'client-1', tokenUrl: 'https://auth.example/token', scope: 'x' } }
    ],
    [
      'another client',
      {
        context: {
          clientId: 'client-2',
          tokenUrl: 'https://auth.example/token',
          scope: 'workspace'
        }
      }
    ]
  ])('%s: a miss', async (_name, change) => {
    await createJobTokenStore(options()).save(STATE)
    expect(await createJobTokenStore(options(change)).restore()).toBeUndefined()
  })

  test('a genuine file copied under the name of another input does not open', async () => {
    await createJobTokenStore(options()).save(STATE)
    const original = only()
    const other = createJobTokenStore(options({ inputRefreshToken: 'rt-input-other' }))
    await other.save({ ...STATE, accessToken: 'at-other-1234567890' })
    const otherPath = readdirSync(runnerTemp)
      .map(name => join(runnerTemp, name))
      .find(path => path !== original)!
    copyFileSync(original, otherPath)
    expect(await other.restore()).toBeUndefined()
    expect(debug.join('\n')).toContain('does not open: ignored')
  })

  test('a link, an oversized file or garbage in its place: a miss, never an error', async () => {
    const store = createJobTokenStore(options())
    await store.save(STATE)
    const path = only()
    const elsewhere = join(runnerTemp, 'elsewhere')
    copyFileSync(path, elsewhere)
    rmSync(path)
    symlinkSync(elsewhere, path)
    expect(await store.restore()).toBeUndefined()
    rmSync(path)
    writeFileSync(path, Buffer.alloc(MAX_JOB_STATE_BYTES + 1, 1))
    expect(await store.restore()).toBeUndefined()
    writeFileSync(path, 'not a sealed state')
    expect(await store.restore()).toBeUndefined()
  })

  test('a save that cannot write returns false and leaves nothing behind', async () => {
    const store = createJobTokenStore(options({ runnerTemp: join(runnerTemp, 'missing') }))
    expect(await store.save(STATE)).toBe(false)
    expect(readdirSync(runnerTemp)).toEqual([])
    expect(debug.join('\n')).toContain('Could not leave the token state')
  })

  test('nothing saved yet: a miss', async () => {
    expect(await createJobTokenStore(options()).restore()).toBeUndefined()
  })
})
