import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import { requireTrustedOrigin } from '../../src/settings/origins.js'
import {
  findBadHeaderCharacter,
  parseApiInputs,
  parseExpectedStatus,
  parseHeaders,
  parseTrustedOrigins,
  resolveApiUrl,
  type ApiSettings
} from '../../src/settings/api-settings.js'
import { InputError } from '../../src/common/errors.js'

/** What the runner passes for inputs the workflow does not set: action.yml's defaults. */
const actionYml = parseYaml(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}
const DEFAULTS: Record<string, string> = Object.fromEntries(
  Object.entries(actionYml.inputs).map(([name, spec]) => [name, spec.default ?? ''])
)

const BASE_URL = new URL('https://app.clayton.io/prefix')
const ENV = { runnerTemp: '/runner/temp', random: 'b1946ac9-2c4e' }

/** An input reader as core.getInput behaves: '' for anything unset. */
function reader(values: Record<string, string>): (name: string) => string {
  return name => values[name] ?? ''
}

function parse(overrides: Record<string, string>): ApiSettings | undefined {
  return parseApiInputs(reader({ ...DEFAULTS, ...overrides }), BASE_URL, ENV)
}

function parseCall(overrides: Record<string, string> = {}): ApiSettings {
  const settings = parse({ api_url: '/api/workspaces', ...overrides })
  if (!settings) throw new Error('expected API settings')
  return settings
}

function expectInputError(call: () => unknown, message: RegExp | string): void {
  expect(call).toThrow(InputError)
  expect(call).toThrow(message)
}

describe('parseExpectedStatus', () => {
  test.each([
    ['2xx', [200, 201, 204, 299], [199, 300, 404, 500]],
    ['200', [200], [201, 204, 404]],
    ['200,404', [200, 404], [201, 400, 500]],
    ['2xx,404', [200, 204, 299, 404], [400, 403, 500]],
    ['1xx,3xx,5xx', [100, 301, 503], [200, 404]],
    [' 2xx , 404 ', [200, 404], [302, 403]],
    ['2XX', [200, 250], [300]],
    ['4Xx', [401, 404], [200, 500]],
    ['599,100', [599, 100], [598, 101]]
  ])('%s accepts %p and refuses %p', (text, accepted, refused) => {
    const matches = parseExpectedStatus(text)
    for (const status of accepted) expect([status, matches(status)]).toEqual([status, true])
    for (const status of refused) expect([status, matches(status)]).toEqual([status, false])
  })

  test.each([
    ['2xx,abc', '"abc"'],
    ['600', '"600"'],
    ['6xx', '"6xx"'],
    ['099', '"099"'],
    ['20', '"20"'],
    ['2000', '"2000"'],
    ['2x', '"2x"'],
    ['200 404', '"200 404"'],
    ['200;404', '"200;404"'],
    ['200,', '""'],
    ['200,,404', '""'],
    ['', '""']
  ])('%p is refused, naming the input and the bad part %s', (text, part) => {
    expectInputError(() => parseExpectedStatus(text), `Input api_expected_status has ${part};`)
  })
})

describe('parseHeaders', () => {
  test('one header per line, blank lines and surrounding spaces skipped', () => {
    expect(parseHeaders('X-Request-Id: 42\n\n  Accept-Language:de  \r\n\nX-Empty:')).toEqual({
      'X-Request-Id': '42',
      'Accept-Language': 'de',
      'X-Empty': ''
    })
  })

  test('nothing gives no headers', () => {
    expect(parseHeaders('')).toEqual({})
    expect(parseHeaders('\n  \n')).toEqual({})
  })

  test('a colon in the value stays in the value', () => {
    expect(parseHeaders('X-Window: 12:30-13:45\nX-Url: https://example.com:8443/x')).toEqual({
      'X-Window': '12:30-13:45',
      'X-Url': 'https://example.com:8443/x'
    })
  })

  test('the name keeps its case', () => {
    expect(parseHeaders('content-TYPE: text/plain')).toEqual({ 'content-TYPE': 'text/plain' })
  })

  test.each([
    ['no colon', 'X-Ok: 1\nnot a header', 2, 'not a header'],
    ['a space in the name', 'X Bad: 1', 1, 'X Bad: 1'],
    ['no name', ': value', 1, ': value'],
    ['counted with blank lines', 'X-Ok: 1\n\n\nbroken', 4, 'broken']
  ])('a malformed line (%s) is refused with its line number', (_name, text, line, shown) => {
    expectInputError(
      () => parseHeaders(text),
      `Input api_headers line ${line} is not "Name: value" (got "${shown}")`
    )
  })

  test('a long malformed line is quoted only in part', () => {
    const line = `bad${'x'.repeat(200)}`
    expectInputError(() => parseHeaders(line), `(got "${line.slice(0, 60)}")`)
    expect(() => parseHeaders(line)).not.toThrow(line.slice(0, 61))
  })

  test.each([
    'Authorization',
    'authorization',
    'AUTHORIZATION',
    'Host',
    'HOST',
    'Content-Length',
    'content-length',
    'Transfer-Encoding',
    'transfer-ENCODING',
    'Connection',
    'connection'
  ])('%s is reserved for the action', name => {
    expectInputError(
      () => parseHeaders(`X-Ok: 1\n${name}: x`),
      `Input api_headers line 2 sets ${name}, which the action sets itself`
    )
  })
})

describe('resolveApiUrl', () => {
  const none = new Set<string>()

  test.each([
    ['/api/workspaces', 'https://app.clayton.io/prefix/api/workspaces'],
    ['api/workspaces', 'https://app.clayton.io/prefix/api/workspaces'],
    [
      '/api/reviews?branch=main&limit=5',
      'https://app.clayton.io/prefix/api/reviews?branch=main&limit=5'
    ],
    ['/api/search?q=a?b', 'https://app.clayton.io/prefix/api/search?q=a?b'],
    ['/api/items:batch', 'https://app.clayton.io/prefix/api/items:batch'],
    // Protocol-relative: would leave the origin with new URL(value, base); a path stays a path.
    ['//evil.example/api', 'https://app.clayton.io/prefix/evil.example/api']
  ])('the path %s resolves against base_url, keeping its prefix', (value, expected) => {
    expect(resolveApiUrl(value, BASE_URL, none).href).toBe(expected)
  })

  test('a base_url with a trailing slash gives no double slash', () => {
    const base = new URL('https://app.clayton.io/prefix/')
    expect(resolveApiUrl('/api/x', base, none).href).toBe('https://app.clayton.io/prefix/api/x')
  })

  test.each([
    ['https://app.clayton.io/other/path?x=1', 'https://app.clayton.io/other/path?x=1'],
    ['HTTPS://APP.Clayton.io:443/api', 'https://app.clayton.io/api']
  ])('an absolute URL on base_url origin is used as is: %s', (value, expected) => {
    expect(resolveApiUrl(value, BASE_URL, none).href).toBe(expected)
  })

  test('an absolute URL on a trusted origin is used', () => {
    const trusted = new Set(['https://reviews.example.com'])
    expect(resolveApiUrl('https://reviews.example.com/api/x', BASE_URL, trusted).href).toBe(
      'https://reviews.example.com/api/x'
    )
  })

  test.each([
    ['another host', 'https://evil.example/api', 'https://evil.example'],
    ['another port', 'https://app.clayton.io:8443/api', 'https://app.clayton.io:8443'],
    ['a subdomain', 'https://api.app.clayton.io/api', 'https://api.app.clayton.io']
  ])('an absolute URL on %s is refused, naming trusted_origins', (_name, value, origin) => {
    const trusted = new Set(['https://reviews.example.com'])
    expectInputError(
      () => resolveApiUrl(value, BASE_URL, trusted),
      `Input api_url points at ${origin}, which is neither base_url's origin (https://app.clayton.io) nor listed in trusted_origins`
    )
    expectInputError(
      () => resolveApiUrl(value, BASE_URL, trusted),
      `Add ${origin} to trusted_origins`
    )
  })

  test('http on a non-loopback host is refused, even on base_url origin or a trusted one', () => {
    const trusted = new Set(['http://reviews.example.com'])
    for (const value of ['http://app.clayton.io/api', 'http://reviews.example.com/api']) {
      expectInputError(() => resolveApiUrl(value, BASE_URL, trusted), /api_url must use https/)
    }
  })

  test('http on loopback is accepted on a loopback base_url', () => {
    const base = new URL('http://127.0.0.1:8080')
    expect(resolveApiUrl('http://127.0.0.1:8080/api/x', base, none).href).toBe(
      'http://127.0.0.1:8080/api/x'
    )
  })

  test.each(['javascript:alert(1)', 'file:///etc/passwd', 'ftp://app.clayton.io/x', 'data:,x'])(
    'the scheme of %s is refused',
    value => {
      expectInputError(() => resolveApiUrl(value, BASE_URL, none), /Input api_url must use https/)
    }
  )

  test('credentials in the URL are refused', () => {
    expectInputError(
      () => resolveApiUrl('https://user:pw@app.clayton.io/api', BASE_URL, none),
      /api_url must not contain user:password@/
    )
  })
})

describe('parseTrustedOrigins', () => {
  test('empty gives none', () => {
    expect([...parseTrustedOrigins('')]).toEqual([])
  })

  test('comma and newline separated, spaces and empty entries skipped', () => {
    expect([
      ...parseTrustedOrigins(
        'https://a.example, https://b.example\nhttps://c.example:8443\r\n\n,https://d.example,'
      )
    ]).toEqual([
      'https://a.example',
      'https://b.example',
      'https://c.example:8443',
      'https://d.example'
    ])
  })

  test('a URL with a path, query or default port gives its origin only', () => {
    expect([
      ...parseTrustedOrigins('https://Reviews.Example.com:443/api/v1?x=1#y, http://127.0.0.1:9/z')
    ]).toEqual(['https://reviews.example.com', 'http://127.0.0.1:9'])
  })

  test.each(['http://localhost:3000', 'http://127.0.0.1', 'http://[::1]:8080'])(
    'http on loopback %s is accepted',
    value => {
      expect(parseTrustedOrigins(value).size).toBe(1)
    }
  )

  test('http on a non-loopback host is refused', () => {
    expectInputError(
      () => parseTrustedOrigins('https://ok.example, http://reviews.example.com'),
      'Input trusted_origins must use https:// (got http://reviews.example.com)'
    )
  })

  test('a bare host name is not a URL', () => {
    expectInputError(
      () => parseTrustedOrigins('reviews.example.com'),
      'Input trusted_origins is not a valid URL ("reviews.example.com")'
    )
  })
})

describe('parseApiInputs', () => {
  test('undefined without api_url', () => {
    expect(parse({})).toBeUndefined()
    expect(parseApiInputs(reader({}), BASE_URL, ENV)).toBeUndefined()
  })

  test('defaults with only api_url set', () => {
    const settings = parseCall()
    expect({ ...settings, url: settings.url.href, expectedStatus: undefined }).toEqual({
      url: 'https://app.clayton.io/prefix/api/workspaces',
      method: 'GET',
      headers: {},
      body: undefined,
      expectedStatus: undefined,
      expectedStatusText: '2xx',
      query: '',
      assert: '',
      waitUntil: '',
      waitIntervalMs: 15_000,
      waitTimeoutMs: 600_000,
      responseFile: '/runner/temp/clayton-api-response-b1946ac9-2c4e.json'
    })
    expect(settings.expectedStatus(204)).toBe(true)
    expect(settings.expectedStatus(404)).toBe(false)
  })

  test('every input empty gives the same defaults', () => {
    const settings = parseApiInputs(reader({ api_url: '/x' }), BASE_URL, ENV)
    expect(settings).toMatchObject({
      method: 'GET',
      expectedStatusText: '2xx',
      waitIntervalMs: 15_000,
      waitTimeoutMs: 600_000
    })
  })

  test('the default response file is under RUNNER_TEMP with the random part, never shared', () => {
    const first = parseApiInputs(reader({ api_url: '/x' }), BASE_URL, {
      runnerTemp: '/tmp/r',
      random: 'one'
    })
    const second = parseApiInputs(reader({ api_url: '/x' }), BASE_URL, {
      runnerTemp: '/tmp/r',
      random: 'two'
    })
    expect(first?.responseFile).toBe('/tmp/r/clayton-api-response-one.json')
    expect(second?.responseFile).toBe('/tmp/r/clayton-api-response-two.json')
  })

  test('api_response_file is used as given', () => {
    expect(parseCall({ api_response_file: 'out/body.json' }).responseFile).toBe('out/body.json')
  })

  test.each([
    [{ api_query: 'id' }, 'Input api_query is set but api_url is empty'],
    [{ api_assert: 'ok' }, 'Input api_assert is set but api_url is empty'],
    [{ api_wait_until: 'done' }, 'Input api_wait_until is set but api_url is empty'],
    [{ api_body: '{}' }, 'Input api_body is set but api_url is empty'],
    [{ api_headers: 'X-A: 1' }, 'Input api_headers is set but api_url is empty'],
    [{ api_response_file: 'out.json' }, 'Input api_response_file is set but api_url is empty'],
    [{ api_query: 'id', api_body: '{}' }, 'Input api_query, api_body are set but api_url is empty']
  ])('stray %p without api_url is refused', (overrides, message) => {
    expectInputError(() => parse(overrides), message)
  })

  test('trusted_origins and the api inputs with defaults alone do not count as stray', () => {
    expect(parse({ trusted_origins: 'https://reviews.example.com' })).toBeUndefined()
  })

  test('api_url is resolved with trusted_origins', () => {
    const settings = parseCall({
      api_url: 'https://reviews.example.com/api/x',
      trusted_origins: 'https://other.example\nhttps://reviews.example.com/ignored/path'
    })
    expect(settings.url.href).toBe('https://reviews.example.com/api/x')
    expectInputError(
      () => parseCall({ api_url: 'https://reviews.example.com/api/x' }),
      /nor listed in trusted_origins/
    )
  })

  test.each([
    ['get', 'GET'],
    ['post', 'POST'],
    ['Patch', 'PATCH'],
    ['delete', 'DELETE'],
    ['HEAD', 'HEAD'],
    ['options', 'OPTIONS'],
    ['put', 'PUT']
  ])('api_method %s is upper-cased to %s', (method, expected) => {
    expect(parseCall({ api_method: method }).method).toBe(expected)
  })

  test('an empty api_method means GET', () => {
    expect(parseCall({ api_method: '' }).method).toBe('GET')
  })

  test('the refused api_method is quoted as typed', () => {
    expectInputError(() => parseCall({ api_method: 'fetch' }), 'Input api_method is "fetch";')
  })

  test.each(['FETCH', 'TRACE', 'CONNECT', 'G ET'])('api_method %s is refused', method => {
    expectInputError(
      () => parseCall({ api_method: method }),
      `Input api_method is "${method}"; it must be one of: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.`
    )
  })

  test('api_headers are parsed', () => {
    expect(parseCall({ api_headers: 'X-Request-Id: 42' }).headers).toEqual({ 'X-Request-Id': '42' })
    expectInputError(() => parseCall({ api_headers: 'Host: evil' }), /line 1 sets Host/)
  })

  test('a JSON api_body is sent as application/json', () => {
    const settings = parseCall({ api_method: 'POST', api_body: '{"branch":"main"}' })
    expect(settings.body).toBe('{"branch":"main"}')
    expect(settings.headers).toEqual({ 'Content-Type': 'application/json' })
  })

  test.each(['[1,2]', '"text"', '42', 'null'])('any JSON value %s is a JSON body', body => {
    expect(parseCall({ api_method: 'PUT', api_body: body }).headers).toEqual({
      'Content-Type': 'application/json'
    })
  })

  test('an api_body that is not JSON, without Content-Type, is refused with the parser message', () => {
    let parserMessage = ''
    try {
      JSON.parse('{not json')
    } catch (error) {
      parserMessage = (error as Error).message
    }
    expectInputError(
      () => parseCall({ api_method: 'POST', api_body: '{not json' }),
      `Input api_body is not valid JSON (${parserMessage}), and api_headers sets no Content-Type.`
    )
  })

  test.each(['Content-Type: text/plain', 'content-type: text/plain'])(
    'with %p the body is sent as is and no JSON Content-Type is added',
    line => {
      const settings = parseCall({ api_method: 'POST', api_body: 'plain text', api_headers: line })
      expect(settings.body).toBe('plain text')
      expect(settings.headers).toEqual({ [line.split(':')[0]]: 'text/plain' })
    }
  )

  test('without api_body no Content-Type is added', () => {
    expect(parseCall({ api_method: 'POST' }).headers).toEqual({})
    expect(parseCall({ api_method: 'POST' }).body).toBeUndefined()
  })

  test.each(['POST', 'PATCH', 'post'])('api_wait_until with %s is refused', method => {
    expectInputError(
      () => parseCall({ api_method: method, api_wait_until: 'done' }),
      `Input api_wait_until repeats the call until it is true, and api_method is ${method.toUpperCase()}`
    )
  })

  test.each(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'])(
    'api_wait_until with %s is allowed',
    method => {
      expect(parseCall({ api_method: method, api_wait_until: 'done' }).waitUntil).toBe('done')
    }
  )

  test('POST without api_wait_until is allowed', () => {
    expect(parseCall({ api_method: 'POST', api_query: 'id' }).method).toBe('POST')
  })

  test('query, assert and expected status are passed on', () => {
    const settings = parseCall({
      api_query: 'result',
      api_assert: "result != 'NOT_PASSED'",
      api_wait_until: "task.status == 'PROCESSED'",
      api_expected_status: '200,404'
    })
    expect(settings).toMatchObject({
      query: 'result',
      assert: "result != 'NOT_PASSED'",
      waitUntil: "task.status == 'PROCESSED'",
      expectedStatusText: '200,404'
    })
    expect(settings.expectedStatus(404)).toBe(true)
    expect(settings.expectedStatus(201)).toBe(false)
  })

  test('an empty api_expected_status means 2xx', () => {
    const settings = parseCall({ api_expected_status: '' })
    expect(settings.expectedStatusText).toBe('2xx')
    expect(settings.expectedStatus(204)).toBe(true)
  })

  test('a bad api_expected_status is refused', () => {
    expectInputError(() => parseCall({ api_expected_status: '2xx,abc' }), /"abc"/)
  })

  test.each([
    ['api_wait_interval', '0.2', 'waitIntervalMs', 200],
    ['api_wait_interval', '1', 'waitIntervalMs', 1000],
    ['api_wait_interval', '3600', 'waitIntervalMs', 3_600_000],
    ['api_wait_timeout', '2', 'waitTimeoutMs', 2000],
    ['api_wait_timeout', '21600', 'waitTimeoutMs', 21_600_000]
  ])('%s %s gives %s %d', (input, value, field, ms) => {
    expect(parseCall({ [input]: value })[field as keyof ApiSettings]).toBe(ms)
  })

  test.each([
    ['api_wait_interval', '0', 3600, 15],
    ['api_wait_interval', '-1', 3600, 15],
    ['api_wait_interval', '3601', 3600, 15],
    ['api_wait_interval', 'abc', 3600, 15],
    ['api_wait_interval', 'Infinity', 3600, 15],
    ['api_wait_interval', '15s', 3600, 15],
    ['api_wait_timeout', '0', 21600, 600],
    ['api_wait_timeout', '21601', 21600, 600],
    ['api_wait_timeout', 'NaN', 21600, 600]
  ])('%s %p is refused with the bounds', (input, value, max, fallback) => {
    expectInputError(
      () => parseCall({ [input]: value }),
      `Input ${input} is "${value}"; it must be a number of seconds above 0 and at most ${max} (default ${fallback}).`
    )
  })
})

describe('findBadHeaderCharacter (security issue, finding 9)', () => {
  test.each([
    ['plain ASCII', 'abc-123 ;=/', undefined],
    ['a tab', 'a\tb', undefined],
    ['Latin-1', 'Zoë café ÿ', undefined],
    ['NUL', 'a\u0000b', 'the control character U+0000'],
    ['a line break', 'a\nb', 'the control character U+000A'],
    ['a carriage return', 'a\rb', 'the control character U+000D'],
    ['DEL', 'a\u007fb', 'the control character U+007F'],
    ['a C1 control', 'a\u0085b', 'the control character U+0085'],
    ['beyond Latin-1', 'snow ☃', 'the character "☃" (U+2603)'],
    ['an emoji', 'ok 👍', 'the character "👍" (U+1F44D)']
  ])('%s', (_name, value, expected) => {
    expect(findBadHeaderCharacter(value)).toBe(expected)
  })

  test.each([
    [
      'X-Trace: a\u0001b',
      /^Input api_headers line 1 \(X-Trace\) has the control character U\+0001, which an HTTP header cannot carry\. Remove it/
    ],
    [
      'X-A: 1\nX-Name: ☃',
      /^Input api_headers line 2 \(X-Name\) has the character "☃" \(U\+2603\), which an HTTP header cannot carry\. Header values are Latin-1: percent-encode or base64 the value/
    ]
  ])('parseHeaders refuses %j, naming the line and the header', (value, message) => {
    const call = () => parseHeaders(value)
    expect(call).toThrow(InputError)
    expect(call).toThrow(message)
  })
})

describe('requireTrustedOrigin (security issue, finding 11)', () => {
  const base = new URL('https://app.clayton.io/prefix')
  const trusted = new Set(['https://auth.example'])
  test.each([
    ["base_url's origin", 'https://app.clayton.io/other/path', true],
    ['a trusted origin', 'https://auth.example/oauth2/token', true],
    ['another origin', 'https://evil.example/oauth2/token', false],
    ['another port', 'https://app.clayton.io:8443/oauth2/token', false],
    ['another scheme', 'http://app.clayton.io/oauth2/token', false]
  ])('%s: allowed %p', (_name, value, allowed) => {
    const call = () =>
      requireTrustedOrigin(new URL(value), 'token_url', base, trusted, 'the client credentials')
    if (allowed) expect(call().href).toBe(new URL(value).href)
    else {
      expect(call).toThrow(InputError)
      expect(call).toThrow(
        `Input token_url points at ${new URL(value).origin}, which is neither base_url's origin (https://app.clayton.io) nor listed in trusted_origins, so the client credentials will not be sent there. Add ${new URL(value).origin} to trusted_origins if it should receive the client credentials.`
      )
    }
  })
})
