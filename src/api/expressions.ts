import { InputError } from '../common/errors.js'

type JsonValue = unknown
type Jmespath = typeof import('@jmespath-community/jmespath')

let library: Promise<Jmespath> | undefined

/** JMESPath is loaded only by runs that use an expression. */
function load(): Promise<Jmespath> {
  library ??= import('@jmespath-community/jmespath')
  return library
}

export interface Expressions {
  query: string
  assert: string
  waitUntil: string
}

/** Compiles every expression before any request, so a typo fails the step with nothing sent. */
export async function checkExpressions(expressions: Expressions): Promise<void> {
  const entries = [
    ['api_query', expressions.query],
    ['api_assert', expressions.assert],
    ['api_wait_until', expressions.waitUntil]
  ].filter(([, expression]) => expression)
  if (entries.length === 0) return
  const { compile } = await load()
  for (const [input, expression] of entries) {
    try {
      compile(expression)
    } catch (error) {
      throw new InputError(
        `Input ${input} is not a valid JMESPath expression: ${(error as Error).message} (expression: ${expression}). See https://jmespath.site for the syntax.`
      )
    }
  }
}

export async function evaluate(expression: string, data: JsonValue): Promise<JsonValue> {
  const { search } = await load()
  return search(data as Parameters<Jmespath['search']>[0], expression)
}

/** JMESPath's truthiness: false, null, "", [] and {} are false; every number is true. */
export function isTruthy(value: JsonValue): boolean {
  if (value === null || value === undefined || value === false || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object') return Object.keys(value as object).length > 0
  return true
}
