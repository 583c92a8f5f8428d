import { describe, expect, jest, test } from '@jest/globals'
import {
  createTokenPublisher,
  expiresAt,
  publishToken,
  type OutputSink
} from '../../src/report/outputs.js'
import type { TokenResult } from '../../src/token/token-client.js'

const NOW = Date.parse('2026-11-28T06:05:00.123Z')

function sink() {
  return {
    setOutputs: jest.fn<OutputSink['setOutputs']>(),
    exportVariable: jest.fn<OutputSink['exportVariable']>(),
    info: jest.fn<OutputSink['info']>(),
    warning: jest.fn<OutputSink['warning']>()
  }
}

function outputsOf(s: ReturnType<typeof sink>): Record<string, string> {
  return Object.assign({}, ...s.setOutputs.mock.calls.map(([outputs]) => outputs))
}

const TOKEN: TokenResult = {
  accessToken: 'at-value-1',
  tokenType: 'Bearer',
  expiresIn: 5399,
  scope: 'workspace',
  refreshToken: 'rt-value-2',
  source: 'refresh',
  rotated: false
}

describe('expiresAt', () => {
  test.each([
    [5399, '2026-11-28T07:34:59Z'],
    [0, '2026-11-28T06:05:00Z'],
    [86_400, '2026-11-29T06:05:00Z'],
    [undefined, '']
  ])('expires_in %j → %j (ISO 8601 UTC, no milliseconds)', (expiresIn, expected) => {
    expect(expiresAt(expiresIn, NOW)).toBe(expected)
  })

  test('is what toISOString gives without the milliseconds, from 1970 to year 9999', () => {
    const last = Date.parse('9999-12-31T23:59:59.999Z')
    // A leap day, the ends of years and months, and a spread of instants in between.
    const instants = [0, Date.parse('2028-02-29T23:59:59.999Z'), Date.parse('2026-12-31T23:59:59Z')]
    for (let ms = 0; ms <= last; ms += 77_777_777_777) instants.push(ms)
    instants.push(last)
    for (const ms of instants) {
      expect(expiresAt(0, ms)).toBe(new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'))
    }
  })

  test('does not use toISOString, which loads the host time zone first', () => {
    const toISOString = jest.spyOn(Date.prototype, 'toISOString')
    try {
      expect(expiresAt(5399, NOW)).toBe('2026-11-28T07:34:59Z')
      expect(toISOString).not.toHaveBeenCalled()
    } finally {
      toISOString.mockRestore()
    }
  })
})

describe('publishToken', () => {
  test('writes every output', () => {
    const s = sink()
    publishToken(TOKEN, { exportEnv: '', nowMs: NOW }, s)
    expect(outputsOf(s)).toEqual({
      access_token: 'at-value-1',
      token_type: 'Bearer',
      expires_in: '5399',
      expires_at: '2026-11-28T07:34:59Z',
      scope: 'workspace',
      refresh_token: 'rt-value-2',
      refresh_token_rotated: 'false',
      token_source: 'refresh',
      refresh_token_saved_to: '',
      skipped: 'false'
    })
  })

  test('hands all ten outputs over at once, so the step writes them in one append', () => {
    const s = sink()
    publishToken(TOKEN, { exportEnv: '', nowMs: NOW }, s)
    expect(s.setOutputs).toHaveBeenCalledTimes(1)
    expect(Object.keys(s.setOutputs.mock.calls[0][0])).toHaveLength(10)
  })

  test('without expires_in or refresh token: those outputs are empty', () => {
    const s = sink()
    publishToken(
      { ...TOKEN, expiresIn: undefined, refreshToken: undefined, source: 'code' },
      { exportEnv: '', nowMs: NOW },
      s
    )
    expect(outputsOf(s)).toMatchObject({
      expires_in: '',
      expires_at: '',
      refresh_token: '',
      token_source: 'code'
    })
  })

  test('export_env: later steps get the access token in that variable', () => {
    const s = sink()
    publishToken(TOKEN, { exportEnv: 'CLAYTON_TOKEN', nowMs: NOW }, s)
    expect(s.exportVariable.mock.calls).toEqual([['CLAYTON_TOKEN', 'at-value-1']])
    expect(s.info.mock.calls[0][0]).toContain('later steps get it in $CLAYTON_TOKEN')
  })

  test('no export_env: nothing is exported', () => {
    const s = sink()
    publishToken(TOKEN, { exportEnv: '', nowMs: NOW }, s)
    expect(s.exportVariable).not.toHaveBeenCalled()
  })

  test('the summary line says how the token was obtained, without any token', () => {
    const s = sink()
    publishToken(TOKEN, { exportEnv: '', nowMs: NOW }, s)
    expect(s.info.mock.calls).toEqual([
      [
        'Access token obtained by refresh, expires in 5399 s at 2026-11-28T07:34:59Z, scope "workspace".'
      ]
    ])
  })

  test.each([
    ['refresh', 'Access token obtained by refresh.'],
    ['code', 'Access token obtained by code exchange.'],
    ['input', 'Access token taken from the access_token input.'],
    ['cache', 'Access token reused from the cache.']
  ] as const)('token_source %s is written and worded in the log', (source, line) => {
    const s = sink()
    publishToken(
      { ...TOKEN, source, expiresIn: undefined, scope: '' },
      { exportEnv: '', nowMs: NOW },
      s
    )
    expect(outputsOf(s).token_source).toBe(source)
    expect(s.info.mock.calls).toEqual([[line]])
  })

  test('rotated: outputs true and warns to store the new refresh token', () => {
    const s = sink()
    publishToken({ ...TOKEN, rotated: true }, { exportEnv: '', nowMs: NOW }, s)
    expect(outputsOf(s).refresh_token_rotated).toBe('true')
    expect(s.warning).toHaveBeenCalledTimes(1)
    const warning = s.warning.mock.calls[0][0]
    expect(warning).toContain('rotated the refresh token')
    expect(warning).toContain('invalid_grant')
    expect(warning).toContain('Store the new one from the step output refresh_token')
    expect(warning).not.toContain('rt-value-2')
  })

  test('not rotated: no warning', () => {
    const s = sink()
    publishToken(TOKEN, { exportEnv: '', nowMs: NOW }, s)
    expect(s.warning).not.toHaveBeenCalled()
  })

  test.each([
    [['secret', 'cache'], 'secret,cache'],
    [['secret'], 'secret'],
    [['cache'], 'cache'],
    [[], '']
  ] as const)('refresh_token_saved_to: savedTo %j → %j', (savedTo, value) => {
    const s = sink()
    publishToken(TOKEN, { exportEnv: '', nowMs: NOW, savedTo }, s)
    expect(outputsOf(s).refresh_token_saved_to).toBe(value)
  })

  test.each([[['secret']], [['secret', 'cache']]] as const)(
    'rotated and saved to the secret (%j): no warning',
    savedTo => {
      const s = sink()
      publishToken({ ...TOKEN, rotated: true }, { exportEnv: '', nowMs: NOW, savedTo }, s)
      expect(outputsOf(s).refresh_token_rotated).toBe('true')
      expect(s.warning).not.toHaveBeenCalled()
    }
  )

  test('rotated and saved to the cache only: warns that the secret is spent, naming refresh_token_secret', () => {
    const s = sink()
    publishToken({ ...TOKEN, rotated: true }, { exportEnv: '', nowMs: NOW, savedTo: ['cache'] }, s)
    expect(s.warning).toHaveBeenCalledTimes(1)
    const warning = s.warning.mock.calls[0][0]
    expect(warning).toContain('rotated the refresh token')
    expect(warning).toContain('saved in the Actions cache')
    expect(warning).toContain('the secret that holds refresh_token is now spent')
    expect(warning).toContain('set refresh_token_secret and github_token')
    expect(warning).not.toContain('Store the new one from the step output refresh_token')
    expect(warning).not.toContain('rt-value-2')
  })

  test('rotated and saved nowhere (savedTo empty): the plain warning', () => {
    const s = sink()
    publishToken({ ...TOKEN, rotated: true }, { exportEnv: '', nowMs: NOW, savedTo: [] }, s)
    expect(s.warning).toHaveBeenCalledTimes(1)
    const warning = s.warning.mock.calls[0][0]
    expect(warning).toContain('the next run will fail with invalid_grant')
    expect(warning).toContain('Store the new one from the step output refresh_token')
    expect(warning).toContain('refresh_token_secret and github_token')
    expect(warning).not.toContain('Actions cache')
  })

  test('rotated but the secret write was refused: no warning (the step fails with its own error)', () => {
    const s = sink()
    publishToken(
      { ...TOKEN, rotated: true },
      { exportEnv: '', nowMs: NOW, savedTo: ['cache'], secretWriteFailed: true },
      s
    )
    expect(s.warning).not.toHaveBeenCalled()
    expect(outputsOf(s).refresh_token_saved_to).toBe('cache')
  })

  test('not rotated, saved to the cache: no warning', () => {
    const s = sink()
    publishToken(TOKEN, { exportEnv: '', nowMs: NOW, savedTo: ['cache'] }, s)
    expect(s.warning).not.toHaveBeenCalled()
  })
})

describe('createTokenPublisher: the first token, then each refreshed mid-wait', () => {
  test('the rotation advice is given once, however often the token is refreshed', () => {
    const s = sink()
    const tokens = createTokenPublisher('', s, () => NOW)
    for (const accessToken of ['at-value-1', 'at-value-2', 'at-value-3']) {
      tokens.publish({ token: { ...TOKEN, accessToken, rotated: true }, savedTo: [] })
    }
    expect(s.warning).toHaveBeenCalledTimes(1)
    expect(s.warning.mock.calls[0][0]).toContain('The provider rotated the refresh token')
    expect(outputsOf(s).access_token).toBe('at-value-3')
  })

  test('outputs hold the newest token; the facts remember a rotation and every place saved', () => {
    const s = sink()
    const tokens = createTokenPublisher('', s, () => NOW)
    expect(tokens.facts()).toBeUndefined()
    tokens.publish({ token: { ...TOKEN, rotated: true }, savedTo: ['cache'] })
    tokens.publish({
      token: { ...TOKEN, accessToken: 'at-value-3', rotated: false },
      savedTo: ['secret']
    })
    expect(outputsOf(s).access_token).toBe('at-value-3')
    expect(tokens.facts()).toEqual({
      source: 'refresh',
      expiresAt: '2026-11-28T07:34:59Z',
      rotated: true,
      savedTo: ['cache', 'secret'],
      exportEnv: '',
      refreshes: 1
    })
  })
})

describe('a code exchange whose refresh token goes nowhere durable', () => {
  const CODE: TokenResult = { ...TOKEN, source: 'code' }

  test('saved nowhere: warns that it is lost and says to set refresh_token_secret', () => {
    const s = sink()
    publishToken(CODE, { exportEnv: '', nowMs: NOW, savedTo: [] }, s)
    expect(s.warning).toHaveBeenCalledTimes(1)
    const warning = s.warning.mock.calls[0][0]
    expect(warning).toContain('The code exchange issued a refresh token, but it is saved nowhere')
    expect(warning).toContain('Set refresh_token_secret')
    expect(warning).toContain('github_token')
    expect(warning).not.toContain('rt-value-2')
  })

  test('saved only in the cache: warns that the cache forgets it', () => {
    const s = sink()
    publishToken(CODE, { exportEnv: '', nowMs: NOW, savedTo: ['cache'] }, s)
    expect(s.warning).toHaveBeenCalledTimes(1)
    expect(s.warning.mock.calls[0][0]).toContain('saved only in the Actions cache')
    expect(s.warning.mock.calls[0][0]).toContain('Set refresh_token_secret')
  })

  test.each([[['secret']], [['secret', 'cache']]] as const)(
    'saved to the secret (%j): no warning',
    savedTo => {
      const s = sink()
      publishToken(CODE, { exportEnv: '', nowMs: NOW, savedTo }, s)
      expect(s.warning).not.toHaveBeenCalled()
    }
  )

  test('the secret write was refused: no warning (its error follows)', () => {
    const s = sink()
    publishToken(CODE, { exportEnv: '', nowMs: NOW, savedTo: [], secretWriteFailed: true }, s)
    expect(s.warning).not.toHaveBeenCalled()
  })

  test('no refresh token in the answer: nothing to save, no warning', () => {
    const s = sink()
    publishToken({ ...CODE, refreshToken: undefined }, { exportEnv: '', nowMs: NOW }, s)
    expect(s.warning).not.toHaveBeenCalled()
  })
})
