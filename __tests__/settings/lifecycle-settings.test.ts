import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import { InputError } from '../../src/common/errors.js'
import {
  parseLifecycleInputs,
  type LifecycleSettings
} from '../../src/settings/lifecycle-settings.js'

/** What the runner passes for inputs the workflow does not set: action.yml's defaults. */
const actionYml = parseYaml(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}
const DEFAULTS: Record<string, string> = Object.fromEntries(
  Object.entries(actionYml.inputs).map(([name, spec]) => [name, spec.default ?? ''])
)

const BASE_URL = new URL('https://app.clayton.io')
const REQUEST_BOUND_MS = 120_000

/** An input reader as core.getInput behaves: '' for anything unset. */
function reader(values: Record<string, string>): (name: string) => string {
  return name => values[name] ?? ''
}

function parse(overrides: Record<string, string> = {}, baseUrl = BASE_URL): LifecycleSettings {
  return parseLifecycleInputs(reader({ ...DEFAULTS, ...overrides }), baseUrl, REQUEST_BOUND_MS)
}

/** The settings with the URL as text, so equality does not depend on how URL objects compare. */
function plain(settings: LifecycleSettings) {
  return { ...settings, revokeUrl: settings.revokeUrl.href }
}

const WITH_SECRET = { refresh_token_secret: 'CLAYTON_REFRESH_TOKEN', github_token: 'ghp_writer' }

function expectInputError(overrides: Record<string, string>, message: RegExp | string): void {
  const call = () => parse(overrides)
  expect(call).toThrow(InputError)
  expect(call).toThrow(message)
}

describe('parseLifecycleInputs: defaults', () => {
  const expected = {
    cache: false,
    cacheMinTtlMs: 300_000,
    refreshTokenSecret: '',
    secretEnvironment: '',
    githubToken: '',
    revoke: false,
    revokeUrl: 'https://app.clayton.io/oauth2/revoke',
    refreshTokenRotates: false,
    claimWaitMs: REQUEST_BOUND_MS
  }

  test("action.yml's defaults: no cache, 300 s, no secret, no revocation", () => {
    expect(plain(parse())).toEqual(expected)
  })

  test('every input empty gives the same defaults', () => {
    expect(plain(parseLifecycleInputs(reader({}), BASE_URL, REQUEST_BOUND_MS))).toEqual(expected)
  })

  test.each([
    ['https://host.example/prefix', 'https://host.example/prefix/oauth2/revoke'],
    ['https://host.example/prefix/', 'https://host.example/prefix/oauth2/revoke'],
    ['https://host.example', 'https://host.example/oauth2/revoke'],
    ['http://127.0.0.1:8080/base?x=1', 'http://127.0.0.1:8080/base/oauth2/revoke']
  ])('revoke_url is derived from base_url %s, keeping its path prefix', (base, revokeUrl) => {
    expect(parse({}, new URL(base)).revokeUrl.href).toBe(revokeUrl)
  })
})

describe('parseLifecycleInputs: cache, revoke and refresh_token_rotates are true or false', () => {
  test.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['false', false],
    ['FALSE', false],
    ['False', false],
    ['', false]
  ])('%j → %s', (value, expected) => {
    expect(parse({ cache: value }).cache).toBe(expected)
    expect(parse({ revoke: value }).revoke).toBe(expected)
    expect(parse({ refresh_token_rotates: value }).refreshTokenRotates).toBe(expected)
  })

  test('the two flags are independent', () => {
    expect(parse({ cache: 'true' })).toMatchObject({ cache: true, revoke: false })
    expect(parse({ revoke: 'true' })).toMatchObject({ cache: false, revoke: true })
  })

  test.each([
    ['cache', 'yes'],
    ['cache', '1'],
    ['cache', 'on'],
    ['revoke', 'yes'],
    ['revoke', '0'],
    ['revoke', 'truee'],
    ['cache', 'Yes'],
    ['refresh_token_rotates', 'yes']
  ])('%s: %j is refused, naming the input', (input, value) => {
    expectInputError({ [input]: value }, `Input ${input} is "${value}"; it must be true or false.`)
  })
})

test('a step that lost the claim of a refresh waits as long as one token request may take', () => {
  expect(parseLifecycleInputs(reader(DEFAULTS), BASE_URL, 45_000).claimWaitMs).toBe(45_000)
})

describe('parseLifecycleInputs: cache_min_ttl', () => {
  test.each([
    ['0', 0],
    ['1', 1000],
    ['60', 60_000],
    ['300', 300_000],
    ['86400', 86_400_000],
    ['', 300_000]
  ])('%j s → %d ms', (value, ms) => {
    expect(parse({ cache_min_ttl: value }).cacheMinTtlMs).toBe(ms)
  })

  test.each(['-1', '86401', '1.5', 'abc', 'Infinity', 'NaN', '1e2', '0x10', ' 5'])(
    '%j is refused',
    value => {
      expectInputError(
        { cache_min_ttl: value },
        `Input cache_min_ttl is "${value}"; it must be a whole number of seconds from 0 to 86400 (default 300).`
      )
    }
  )
})

describe('parseLifecycleInputs: refresh_token_secret', () => {
  test.each(['CLAYTON_REFRESH_TOKEN', '_x', 'rt2', 'a'])('%s is accepted', name => {
    expect(parse({ ...WITH_SECRET, refresh_token_secret: name })).toMatchObject({
      refreshTokenSecret: name,
      githubToken: 'ghp_writer'
    })
  })

  test.each(['MY-SECRET', '1SECRET', 'MY SECRET', 'secret.name', 'RT$'])(
    '%j is not a valid secret name',
    name => {
      expectInputError(
        { ...WITH_SECRET, refresh_token_secret: name },
        new RegExp(
          `^Input refresh_token_secret is "${escapeRegExp(name)}", which is not a valid secret name`
        )
      )
    }
  )

  test.each(['GITHUB_REFRESH_TOKEN', 'github_rt', 'GitHub_X'])(
    '%s is refused: secret names must not start with GITHUB_',
    name => {
      expectInputError(
        { ...WITH_SECRET, refresh_token_secret: name },
        new RegExp(
          `^Input refresh_token_secret is "${name}": secret names must not start with GITHUB_`
        )
      )
    }
  )

  test('without github_token: no error here, it is a missing credential for parseInputs', () => {
    // On a fork pull request github_token is empty like every secret: skip must still apply.
    expect(parse({ refresh_token_secret: 'CLAYTON_REFRESH_TOKEN' })).toMatchObject({
      refreshTokenSecret: 'CLAYTON_REFRESH_TOKEN',
      githubToken: ''
    })
  })

  test('github_token alone is accepted (nothing to write)', () => {
    expect(parse({ github_token: 'ghp_writer' })).toMatchObject({
      refreshTokenSecret: '',
      githubToken: 'ghp_writer'
    })
  })
})

describe('parseLifecycleInputs: secret_environment', () => {
  test('is kept with refresh_token_secret', () => {
    expect(parse({ ...WITH_SECRET, secret_environment: 'production' }).secretEnvironment).toBe(
      'production'
    )
  })

  test('without refresh_token_secret: refused, naming both inputs', () => {
    expectInputError(
      { secret_environment: 'production', github_token: 'ghp_writer' },
      /^Input secret_environment is set but refresh_token_secret is empty/
    )
  })
})

describe('parseLifecycleInputs: revoke_url', () => {
  test.each([
    'https://auth.example/oauth2/revoke',
    'http://127.0.0.1:9000/revoke',
    'http://localhost:9000/revoke',
    'http://[::1]:9000/revoke'
  ])('%s is used as is', url => {
    expect(parse({ revoke_url: url }).revokeUrl.href).toBe(url)
  })

  test('a given revoke_url wins over the one derived from base_url', () => {
    expect(
      parse({ revoke_url: 'https://other.example/revoke' }, new URL('https://host.example/prefix'))
        .revokeUrl.href
    ).toBe('https://other.example/revoke')
  })

  test.each([
    ['http://auth.example/revoke', /^Input revoke_url must use https/],
    ['http://10.0.0.1/revoke', /^Input revoke_url must use https/],
    ['ftp://auth.example/revoke', /^Input revoke_url must use https/],
    ['not a url', /^Input revoke_url is not a valid URL/],
    ['https://user:pw@auth.example/revoke', /^Input revoke_url must not contain user:password@/]
  ])('%s is refused', (url, message) => {
    expectInputError({ revoke_url: url }, message)
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
