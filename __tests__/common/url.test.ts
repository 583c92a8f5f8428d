import { describe, expect, test } from '@jest/globals'
import { InputError } from '../../src/common/errors.js'
import { describeUrl, isLoopbackHost, joinUrl, parseSecureUrl } from '../../src/common/url.js'

describe('isLoopbackHost', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.0.0.53', true],
    ['127.255.255.254', true],
    ['localhost', true],
    ['LOCALHOST', true],
    // Finding 8 of the security issue: these go through the resolver, which can point anywhere.
    ['app.localhost', false],
    ['a.b.localhost', false],
    ['localhost.', false],
    ['::1', true],
    ['[::1]', true],
    ['128.0.0.1', false],
    ['126.0.0.1', false],
    ['10.0.0.1', false],
    ['0.0.0.0', false],
    ['localhost.evil.com', false],
    ['evillocalhost', false],
    ['127.0.0.1.evil.com', false],
    // A DNS name that starts like a loopback address (issue 23, point 8).
    ['127.evil.example', false],
    ['127.0.0.evil', false],
    ['example.com', false]
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected)
  })
})

describe('parseSecureUrl', () => {
  test.each([
    'https://app.clayton.io',
    'https://auth.example.com/oauth2/token',
    'http://127.0.0.1:8080/token',
    'http://127.1.2.3/token',
    'http://localhost:3000',
    'http://[::1]:3000/token'
  ])('accepts %s', value => {
    expect(parseSecureUrl(value, 'token_url').href).toBe(new URL(value).href)
  })

  test.each([
    'http://app.clayton.io',
    'http://128.0.0.1/token',
    'http://localhost.evil.com/token',
    'http://app.localhost:8080/token',
    'ftp://app.clayton.io',
    'ws://127.0.0.1'
  ])('refuses %s, naming the input', value => {
    const call = () => parseSecureUrl(value, 'token_url')
    expect(call).toThrow(InputError)
    expect(call).toThrow(/^Input token_url must use https:\/\//)
  })

  test('refuses plain http on a public host, quoting what it got', () => {
    expect(() => parseSecureUrl('http://app.clayton.io/x', 'base_url')).toThrow(
      'Input base_url must use https:// (got http://app.clayton.io)'
    )
  })

  test('refuses something that is not a URL, naming the input', () => {
    const call = () => parseSecureUrl('app.clayton.io', 'base_url')
    expect(call).toThrow(InputError)
    expect(call).toThrow('Input base_url is not a valid URL ("app.clayton.io")')
  })

  test('refuses user:password@ in the URL', () => {
    const call = () => parseSecureUrl('https://me:pw@app.clayton.io', 'base_url')
    expect(call).toThrow(InputError)
    expect(call).toThrow(/^Input base_url must not contain user:password@/)
  })
})

describe('joinUrl', () => {
  test.each([
    ['https://host', '/oauth2/token', 'https://host/oauth2/token'],
    ['https://host/', '/oauth2/token', 'https://host/oauth2/token'],
    ['https://host/prefix', '/oauth2/token', 'https://host/prefix/oauth2/token'],
    ['https://host/prefix/', 'oauth2/token', 'https://host/prefix/oauth2/token'],
    ['https://host/a/b//', '//api/workspaces', 'https://host/a/b/api/workspaces'],
    ['http://127.0.0.1:9000/p?x=1#frag', '/token', 'http://127.0.0.1:9000/p/token']
  ])('%s + %s → %s', (base, path, expected) => {
    expect(joinUrl(new URL(base), path).href).toBe(expected)
  })

  test('does not change the base URL', () => {
    const base = new URL('https://host/prefix')
    joinUrl(base, '/oauth2/token')
    expect(base.href).toBe('https://host/prefix')
  })
})

describe('describeUrl', () => {
  test('drops the query string, which can carry an authorization code', () => {
    expect(describeUrl(new URL('https://host:8443/oauth2/token?code=SECRET#x'))).toBe(
      'https://host:8443/oauth2/token'
    )
  })
})
