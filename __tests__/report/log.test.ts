import { describe, expect, jest, test } from '@jest/globals'
import { ActionError } from '../../src/common/errors.js'
import { createLog, MAX_LOG_LINE, type LogSink } from '../../src/report/log.js'
import { Redactor } from '../../src/report/redact.js'

function sink() {
  return {
    info: jest.fn<LogSink['info']>(),
    debug: jest.fn<LogSink['debug']>(),
    warning: jest.fn<LogSink['warning']>(),
    notice: jest.fn<LogSink['notice']>()
  }
}

describe('createLog: every line passes the redactor', () => {
  const secret = 'tok_0123456789abcdefghij'

  test.each(['info', 'debug', 'warning', 'notice'] as const)(
    '%s redacts whole and cut secrets',
    level => {
      const redactor = new Redactor()
      const out = sink()
      const log = createLog(redactor, out)
      // Registered after the log was made: the log sees it anyway.
      redactor.add(secret)
      log[level](`whole ${secret}; cut ${secret.slice(0, 12)}…`)
      expect(out[level]).toHaveBeenCalledWith('whole ***; cut ***…')
    }
  )

  test.each(['info', 'debug'] as const)('%s keeps provider text on one line', level => {
    const out = sink()
    createLog(new Redactor(), out)[level]('scope "x\n::warning::injected\n::stop-commands::t"')
    expect(out[level]).toHaveBeenCalledWith('scope "x ::warning::injected ::stop-commands::t"')
  })

  test.each(['info', 'debug', 'warning', 'notice'] as const)(
    '%s: a line of any length is cut first, then redacted, a secret across the cut included',
    level => {
      const redactor = new Redactor()
      redactor.add(secret)
      const redact = jest.spyOn(redactor, 'redact')
      const out = sink()
      const near = MAX_LOG_LINE - 10
      createLog(redactor, out)[level](`${'v'.repeat(near)}${secret}${'w'.repeat(50_000_000)}`)
      const line = out[level].mock.calls[0][0]
      expect(line).toBe(`${'v'.repeat(near)}***${'w'.repeat(MAX_LOG_LINE - near - 4)}…`)
      expect(Math.max(...redact.mock.calls.map(([text]) => text.length))).toBeLessThan(
        MAX_LOG_LINE + 2048
      )
    }
  )

  test('failure: redacted, then cut to 1000 characters', () => {
    const redactor = new Redactor()
    redactor.add(secret)
    const message = createLog(redactor, sink()).failure(
      new ActionError(`${'m'.repeat(990)}${secret}`)
    )
    expect(message).toBe(`${'m'.repeat(990)}***`)
    const long = createLog(redactor, sink()).failure(new ActionError('n'.repeat(1200)))
    expect(long).toHaveLength(1000)
    expect(long.endsWith('…')).toBe(true)
  })

  test('failure: an unexpected error is reported as a bug, redacted', () => {
    const redactor = new Redactor()
    redactor.add(secret)
    expect(createLog(redactor, sink()).failure(new Error(`bad ${secret}`))).toBe(
      "Unexpected error: bad ***. This is a bug in the action; please report it with the step's log."
    )
  })
})
