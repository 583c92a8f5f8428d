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
      const message = (error as Error).message
      const hint = syntaxHint(expression, message)
      throw new InputError(
        `Input ${input} is not a valid JMESPath expression: ${message} (expression: ${expression}).${hint ? ` ${hint}` : ''} See https://jmespath.site for the syntax.`
      )
    }
  }
}

/** The two mistakes almost everyone makes once, named with the fix. */
export function syntaxHint(expression: string, parserMessage: string): string | undefined {
  const number = /invalid token \(Number\): "(-?\d+(?:\.\d+)?)"/.exec(parserMessage)
  if (number) {
    return `Hint: a number is a JSON literal in backticks: write \`${number[1]}\` (e.g. length(@) > \`0\`).`
  }
  if (/JSON literal/.test(parserMessage)) {
    for (const [, inner] of expression.matchAll(/`([^`]*)`/g)) {
      if (isJson(inner)) continue
      return `Hint: backticks hold JSON, so \`${inner}\` is not a string; write a string in single quotes: '${inner.replace(/'/g, "\\'")}'.`
    }
  }
  return undefined
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

interface AstNode {
  type?: string
  name?: string
  [key: string]: unknown
}

/**
 * `status == "PROCESSED"` is valid JMESPath that compares with the *field* PROCESSED (double
 * quotes quote an identifier), which is null: an assert then always fails and a wait never ends.
 * Returns the double-quoted names compared with that the response has nowhere as a key.
 */
export async function quotedFieldsNotInResponse(
  expression: string,
  data: JsonValue
): Promise<string[]> {
  if (!expression.includes('"')) return []
  const { compile } = await load()
  const compared = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (node === null || typeof node !== 'object') return
    const ast = node as AstNode
    if (ast.type === 'Comparator') {
      for (const side of [ast.left, ast.right] as AstNode[]) {
        if (side?.type === 'Field' && side.name && expression.includes(JSON.stringify(side.name))) {
          compared.add(side.name)
        }
      }
    }
    Object.values(ast).forEach(visit)
  }
  visit(compile(expression))
  if (compared.size === 0) return []
  const keys = new Set<string>()
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(collect)
    if (value === null || typeof value !== 'object') return
    for (const [key, inner] of Object.entries(value)) {
      keys.add(key)
      collect(inner)
    }
  }
  collect(data)
  return [...compared].filter(name => !keys.has(name))
}

/** The warning for one such name, for the input that holds it. */
export function quotedFieldWarning(input: string, name: string): string {
  return `${input} compares with "${name}", which JMESPath reads as a field (double quotes quote a field name), and the response has no field ${name}, so it is null. To compare with the string, write '${name}' (single quotes).`
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
