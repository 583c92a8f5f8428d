import { describe, expect, jest, test } from '@jest/globals'
import * as jmespath from '@jmespath-community/jmespath'
import { ActionError, InputError } from '../../src/common/errors.js'
import type { Expressions } from '../../src/api/expressions.js'

/** Counts how often expressions.ts loads JMESPath; the module itself is the real one. */
let loads = 0
jest.unstable_mockModule('@jmespath-community/jmespath', () => {
  loads++
  return { ...jmespath }
})
const { checkExpressions, evaluate, isTruthy, quotedFieldsNotInResponse, syntaxHint } =
  await import('../../src/api/expressions.js')

const NONE: Expressions = { query: '', assert: '', waitUntil: '' }

/** The parser's own message for an expression, to check that ours passes it on. */
function parserMessage(expression: string): string {
  try {
    jmespath.compile(expression)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`${expression} compiled`)
}

describe('checkExpressions', () => {
  // Runs first: nothing in this file has needed JMESPath yet.
  test('loads nothing when no expression is set, and resolves', async () => {
    await expect(checkExpressions(NONE)).resolves.toBeUndefined()
    expect(loads).toBe(0)
    await checkExpressions({ ...NONE, query: 'id' })
    expect(loads).toBe(1)
  })

  test('accepts valid expressions in every input', async () => {
    await expect(
      checkExpressions({
        query: 'result',
        assert: "result != 'NOT_PASSED'",
        waitUntil: "task.status == 'PROCESSED' && length(items) > `0`"
      })
    ).resolves.toBeUndefined()
  })

  test.each([
    ['api_query', { query: 'foo[' }, 'foo['],
    ['api_assert', { assert: '==' }, '=='],
    ['api_wait_until', { waitUntil: 'task.' }, 'task.']
  ])(
    'an invalid %s is named with the parser message and the expression',
    async (input, set, expression) => {
      const check = checkExpressions({ ...NONE, ...set })
      await expect(check).rejects.toThrow(InputError)
      await expect(check).rejects.toThrow(
        `Input ${input} is not a valid JMESPath expression: ${parserMessage(expression)} (expression: ${expression}).`
      )
    }
  )

  test.each([
    ['a bare number', 'length(@) > 0', 'Hint: a number is a JSON literal in backticks: write `0`'],
    ['a bare negative number', 'count == -1', 'write `-1`'],
    [
      'a string in backticks',
      'name == `Salesforce Core`',
      "backticks hold JSON, so `Salesforce Core` is not a string; write a string in single quotes: 'Salesforce Core'."
    ]
  ])('%s gets a hint with the fix', async (_name, expression, hint) => {
    const check = checkExpressions({ ...NONE, assert: expression })
    await expect(check).rejects.toThrow(InputError)
    await expect(check).rejects.toThrow(hint)
  })

  test('a valid backtick literal next to a bad one: the hint names the bad one', () => {
    expect(
      syntaxHint('a == `1` && b == `Core`', parserMessage('a == `1` && b == `Core`'))
    ).toContain('`Core` is not a string')
    expect(syntaxHint('foo[', parserMessage('foo['))).toBeUndefined()
  })

  test('names the input that fails when another one is valid', async () => {
    const check = checkExpressions({ query: 'id', assert: 'ok', waitUntil: 'a[' })
    await expect(check).rejects.toThrow(/^Input api_wait_until is not/)
  })
})

describe('evaluate', () => {
  const review = {
    task: { status: 'PROCESSED' },
    result: 'NOT_PASSED',
    findings: [{ severity: 'high' }, { severity: 'low' }]
  }

  test.each([
    ['a field', 'result', 'NOT_PASSED'],
    ['a nested field', 'task.status', 'PROCESSED'],
    ['a comparison', "result != 'NOT_PASSED'", false],
    ['a projection', 'findings[].severity', ['high', 'low']],
    ['a filter with a function', "length(findings[?severity == 'high'])", 1],
    ['a backtick literal', 'length(findings) > `1`', true],
    ['a missing field', 'nothing.here', null]
  ])('%s', async (_name, expression, expected) => {
    await expect(evaluate(expression, review)).resolves.toEqual(expected)
  })

  test('works on a top-level array', async () => {
    await expect(evaluate('[].name', [{ name: 'Demo' }, { name: 'Prod' }])).resolves.toEqual([
      'Demo',
      'Prod'
    ])
  })
})

describe('isTruthy (JMESPath truthiness)', () => {
  const falsy: Array<[string, unknown]> = [
    ['false', false],
    ['null', null],
    ['undefined (a missing value)', undefined],
    ["''", ''],
    ['[]', []],
    ['{}', {}]
  ]
  const truthy: Array<[string, unknown]> = [
    ['true', true],
    ['0', 0],
    ['-1', -1],
    ["'0'", '0'],
    ["'false'", 'false'],
    ["' '", ' '],
    ['[0]', [0]],
    ['[null]', [null]],
    ['{a: null}', { a: null }]
  ]

  test.each(falsy)('%s is false', (_name, value) => {
    expect(isTruthy(value)).toBe(false)
  })

  test.each(truthy)('%s is true', (_name, value) => {
    expect(isTruthy(value)).toBe(true)
  })

  test.each([...falsy.filter(([, value]) => value !== undefined), ...truthy])(
    "%s agrees with the library's own ! operator",
    async (_name, value) => {
      await expect(evaluate('!v', { v: value })).resolves.toBe(!isTruthy(value))
    }
  )
})

describe('checkExpressions: function errors found without a response (security issue, finding 9)', () => {
  test.each([
    ['an unknown function', 'nosuchfn(@)', 'unknown function nosuchfn()'],
    [
      'an unknown function deep inside',
      "items[?starts_with(name, 'a')] | nosuch(@)",
      'unknown function nosuch()'
    ],
    ['too many arguments', 'abs(`1`, `2`)', 'Invalid arity: abs() takes 1 argument but received 2'],
    [
      'too few arguments',
      'contains(@)',
      'Invalid arity: contains() takes at least 2 arguments but received 1'
    ],
    [
      'none for a variadic one',
      'not_null()',
      'Invalid arity: not_null() takes at least 1 argument but received 0'
    ],
    [
      'a string literal for a number',
      "abs('x')",
      'Invalid type: abs() expected argument 1 to be type (number) but received type string instead.'
    ],
    [
      'a number literal for a string',
      "starts_with(`5`, 'x')",
      'Invalid type: starts_with() expected argument 1 to be type (string) but received type number instead.'
    ],
    [
      'a field where &field belongs',
      'sort_by(@, name)',
      'sort_by() expects argument 2 to be an expression reference, such as &name'
    ]
  ])('%s: %s', async (_name, expression, problem) => {
    const check = checkExpressions({ ...NONE, query: expression })
    await expect(check).rejects.toThrow(InputError)
    await expect(check).rejects.toThrow(
      `Input api_query is not a valid JMESPath expression: ${problem} (expression: ${expression}).`
    )
  })

  test.each([
    'abs(name)',
    'length(findings)',
    'sort_by(items, &name)[].id',
    'let $key = &name in sort_by(items, $key)',
    "contains(tags, 'x') && to_number(count) > `2`",
    'max_by(@, &size).name',
    'merge(`{}`, meta)',
    'sum(`[1, 2]`)'
  ])('%s passes: what it does depends on the response', async expression => {
    await expect(checkExpressions({ ...NONE, assert: expression })).resolves.toBeUndefined()
  })
})

describe('evaluate: errors only the response can cause (security issue, finding 9)', () => {
  test('name the input and the expression, as an ActionError, not a bug', async () => {
    const evaluation = evaluate('abs(name)', { name: 'Demo' }, 'api_query')
    await expect(evaluation).rejects.toThrow(ActionError)
    await expect(evaluation).rejects.toThrow(
      'Input api_query `abs(name)` could not be evaluated against the response: Invalid type: abs() expected argument 1 to be type (number) but received type string instead. The expression is valid, but the response does not fit it: check it against the response in api_response_file.'
    )
  })
})

describe('quotedFieldsNotInResponse', () => {
  const data = { name: 'Demo', task: { status: 'PROCESSED' }, items: [{ state: 'open' }] }

  test.each([
    ['a quoted name the response lacks', 'task.status == "PROCESSED"', ['PROCESSED']],
    ['on either side', '"Demo" == name', ['Demo']],
    ['inside a filter', 'items[?state == "open"]', ['open']],
    ['a quoted name that is a field', '"name" == \'Demo\'', []],
    ['a nested field', 'items[?"state" == \'open\']', []],
    ['single quotes', "task.status == 'PROCESSED'", []],
    ['no comparison', '"PROCESSED"', []]
  ])('%s', async (_name, expression, expected) => {
    await expect(quotedFieldsNotInResponse(expression, data)).resolves.toEqual(expected)
  })
})

describe('a single = cannot silently pass a gate', () => {
  // The library parses `=` as a Binding, which evaluates to a truthy object: each of these would
  // pass an assert whatever the response holds.
  test.each([
    "result = 'PASSED'",
    "task.status = 'PROCESSED'",
    "result == 'PASSED' && task.status = 'PROCESSED'",
    "[?result = 'NOT_PASSED']",
    'length(items) = `0`',
    '{ok: result = `true`}',
    "let $r = result in $r = 'PASSED'",
    "let $r = result = 'x' in $r"
  ])('%s is refused in every input, naming it and suggesting ==', async expression => {
    // The premise: the dialect really evaluates it to something truthy.
    expect(isTruthy(jmespath.search({ result: 'NOT_PASSED', task: {} } as never, expression))).toBe(
      !expression.startsWith('[?')
    )
    for (const [key, input] of [
      ['assert', 'api_assert'],
      ['waitUntil', 'api_wait_until'],
      ['query', 'api_query']
    ] as const) {
      const check = checkExpressions({ ...NONE, [key]: expression })
      await expect(check).rejects.toThrow(InputError)
      await expect(checkExpressions({ ...NONE, [key]: expression })).rejects.toThrow(
        new RegExp(`^Input ${input} uses a single = \\(expression: .*\\).*Compare with ==`)
      )
    }
  })

  test.each([
    "result == 'PASSED'",
    "result != 'PASSED'",
    'a <= b && c >= d',
    "let $r = result in $r == 'PASSED'",
    'let $a = x, $b = y in [$a, $b]'
  ])('%s is accepted', async expression => {
    await expect(checkExpressions({ ...NONE, assert: expression })).resolves.toBeUndefined()
  })
})
