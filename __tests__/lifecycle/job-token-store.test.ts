import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
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
    runnerTemp,
    log: { debug: message => debug.push(message) },
    ...overrides
  }
}

const INPUT = 'rt-input-1234567890'
const names = () => readdirSync(runnerTemp).sort()
const only = () => {
  expect(names()).toHaveLength(1)
  return join(runnerTemp, names()[0])
}
const rotated = (from: string, to: string) => ({
  ...STATE,
  refreshToken: to,
  accessToken: `at-${from}`
})

describe('createJobTokenStore', () => {
  test('a later step with the same settings gets the state back; the file shows none of it', () => {
    expect(createJobTokenStore(options()).save(STATE, INPUT)).toBe(true)
    expect(createJobTokenStore(options()).restore([INPUT])).toEqual(STATE)
    const path = only()
    const bytes = readFileSync(path)
    for (const value of [STATE.accessToken!, STATE.refreshToken!, INPUT]) {
      expect(bytes.includes(value)).toBe(false)
      expect(path).not.toContain(value.slice(0, 8))
    }
  })

  test('successors are followed to the newest state, and every token on the way is spent', () => {
    const store = createJobTokenStore(options())
    store.save(rotated('rt-0', 'rt-1-1234567890'), INPUT)
    store.save(rotated('rt-1', 'rt-2-1234567890'), 'rt-1-1234567890')
    const later = createJobTokenStore(options())
    expect(later.restore([INPUT])?.refreshToken).toBe('rt-2-1234567890')
    expect(later.knownSpent(INPUT)).toBe(true)
    expect(later.knownSpent('rt-1-1234567890')).toBe(true)
    expect(later.knownSpent('rt-2-1234567890')).toBe(false)
  })

  test('a refresh without rotation replaces the state under the same token, and spends nothing', () => {
    const store = createJobTokenStore(options())
    store.save({ ...STATE, refreshToken: INPUT, accessToken: 'at-first-1234567890' }, INPUT)
    store.save({ ...STATE, refreshToken: INPUT, accessToken: 'at-second-1234567890' }, INPUT)
    only()
    const later = createJobTokenStore(options())
    expect(later.restore([INPUT])?.accessToken).toBe('at-second-1234567890')
    expect(later.knownSpent(INPUT)).toBe(false)
  })

  test('an old state copied back in place cannot take a step back: its successor is read too', () => {
    const store = createJobTokenStore(options())
    store.save(rotated('rt-0', 'rt-1-1234567890'), INPUT)
    const [first] = names()
    const copy = readFileSync(join(runnerTemp, first))
    store.save(rotated('rt-1', 'rt-2-1234567890'), 'rt-1-1234567890')
    writeFileSync(join(runnerTemp, first), copy)
    expect(createJobTokenStore(options()).restore([INPUT])?.refreshToken).toBe('rt-2-1234567890')
  })

  test('the first start token with a successor wins (the cache’s token before the input)', () => {
    const store = createJobTokenStore(options())
    store.save(rotated('rt-c', 'rt-from-cache-12345'), 'rt-cache-1234567890')
    store.save(rotated('rt-0', 'rt-from-input-12345'), INPUT)
    const later = createJobTokenStore(options())
    expect(later.restore([undefined, 'rt-cache-1234567890', INPUT])?.refreshToken).toBe(
      'rt-from-cache-12345'
    )
    expect(later.restore(['rt-unknown-12345678', INPUT])?.refreshToken).toBe('rt-from-input-12345')
  })

  test.each<[string, Partial<JobTokenStoreOptions>]>([
    ['another client secret', { secret: 'client-secret-2' }],
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
  ])('%s: a miss', (_name, change) => {
    createJobTokenStore(options()).save(STATE, INPUT)
    expect(createJobTokenStore(options(change)).restore([INPUT])).toBeUndefined()
  })

  test('another refresh token (another grant): a miss', () => {
    createJobTokenStore(options()).save(STATE, INPUT)
    expect(createJobTokenStore(options()).restore(['rt-other-1234567890'])).toBeUndefined()
  })

  test('a genuine state copied under the name of another token does not open, and that token is spent', () => {
    const store = createJobTokenStore(options())
    store.save(STATE, INPUT)
    const original = only()
    store.save({ ...STATE, accessToken: 'at-other-1234567890' }, 'rt-other-1234567890')
    const otherPath = names()
      .map(name => join(runnerTemp, name))
      .find(path => path !== original)!
    copyFileSync(original, otherPath)
    const later = createJobTokenStore(options())
    expect(later.restore(['rt-other-1234567890'])).toBeUndefined()
    expect(later.knownSpent('rt-other-1234567890')).toBe(true)
    expect(debug.join('\n')).toContain('does not open: ignored, and that token is not sent')
  })

  test.each<[string, (path: string) => void]>([
    ['an oversized file', path => writeFileSync(path, Buffer.alloc(MAX_JOB_STATE_BYTES + 1, 1))],
    ['garbage', path => writeFileSync(path, 'not a sealed state')],
    ['a directory', path => mkdirSync(path)],
    ['a FIFO (opening does not wait for a writer)', path => execFileSync('mkfifo', [path])]
  ])('%s in its place: a miss that spends the token, never an error', (_name, plant) => {
    const store = createJobTokenStore(options())
    store.save(STATE, INPUT)
    const path = only()
    rmSync(path)
    plant(path)
    const later = createJobTokenStore(options())
    expect(later.restore([INPUT])).toBeUndefined()
    expect(later.knownSpent(INPUT)).toBe(true)
  })

  test('a link in its place is not followed', () => {
    const store = createJobTokenStore(options())
    store.save(STATE, INPUT)
    const path = only()
    const elsewhere = join(runnerTemp, 'elsewhere')
    copyFileSync(path, elsewhere)
    rmSync(path)
    symlinkSync(elsewhere, path)
    expect(createJobTokenStore(options()).restore([INPUT])).toBeUndefined()
  })

  test('a save that cannot write returns false and leaves nothing behind', () => {
    const store = createJobTokenStore(options({ runnerTemp: join(runnerTemp, 'missing') }))
    expect(store.save(STATE, INPUT)).toBe(false)
    expect(readdirSync(runnerTemp)).toEqual([])
    expect(debug.join('\n')).toContain('Could not leave the token state')
  })

  test('nothing saved yet: a miss', () => {
    expect(createJobTokenStore(options()).restore([INPUT])).toBeUndefined()
  })
})
