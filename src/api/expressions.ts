import { ActionError, InputError } from '../common/errors.js'

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

/**
 * Compiles every expression before any request, so a typo fails the step with nothing sent, and
 * checks each function call the parser lets through: its name, its number of arguments, and the
 * type of arguments that are literals. What depends on the response is only found by evaluate.
 */
export async function checkExpressions(expressions: Expressions): Promise<void> {
  const entries = [
    ['api_query', expressions.query],
    ['api_assert', expressions.assert],
    ['api_wait_until', expressions.waitUntil]
  ].filter(([, expression]) => expression)
  if (entries.length === 0) return
  const jmespath = await load()
  for (const [input, expression] of entries) {
    let ast: unknown
    try {
      ast = jmespath.compile(expression)
    } catch (error) {
      const message = (error as Error).message
      const hint = syntaxHint(expression, message)
      throw new InputError(
        `Input ${input} is not a valid JMESPath expression: ${message} (expression: ${expression}).${hint ? ` ${hint}` : ''} See https://jmespath.site for the syntax.`
      )
    }
    if (hasStrayBinding(ast)) {
      throw new InputError(
        `Input ${input} uses a single = (expression: ${expression}). In this JMESPath dialect \`a = b\` is a variable binding, not a comparison: it is always truthy, so the gate would pass and the wait would end whatever the response holds. Compare with ==, e.g. result == 'PASSED'.`
      )
    }
    const problem = findFunctionProblem(ast, functionTable(jmespath))
    if (problem) {
      throw new InputError(
        `Input ${input} is not a valid JMESPath expression: ${problem} (expression: ${expression}). See https://jmespath.site/main/#functions for the functions and their arguments.`
      )
    }
  }
}

/**
 * @jmespath-community/jmespath parses every `=` that is not part of `==`, `!=`, `<=`, `>=` as a
 * Binding node (`result = 'PASSED'`, `a == 'x' && b = 'y'`, `[?a = 'x']`), which evaluates to an
 * object and so is truthy. The only Bindings a person means are those of `let $x = … in …`: the
 * direct entries of a LetExpression's bindings. Any other is the `=`-for-`==` typo.
 */
export function hasStrayBinding(ast: unknown): boolean {
  const visit = (node: unknown, inLetBindings: boolean): boolean => {
    if (node === null || typeof node !== 'object') return false
    if (Array.isArray(node)) return node.some(child => visit(child, inLetBindings))
    const record = node as AstNode
    if (record.type === 'Binding' && !inLetBindings) return true
    return Object.entries(record).some(([key, value]) =>
      visit(value, record.type === 'LetExpression' && key === 'bindings')
    )
  }
  return visit(ast, false)
}

/** A built-in function's argument list as the library declares it. */
export interface ArgumentSpec {
  types: number[]
  optional?: boolean
  variadic?: boolean
}

/** Checks one function call; the library's own validators, so the wording is the one it uses. */
export interface FunctionTable {
  has(name: string): boolean
  /** Throws the library's message when arity or a known argument type is wrong. */
  validate(name: string, args: unknown[]): void
  /** The argument spec, to tell where only an expression reference (&field) fits. */
  signature(name: string): ArgumentSpec[]
}

/** What the checker reads of the library's runtime; absent in a version that moved it. */
interface RuntimeInternals {
  _functionTable?: Record<string, { _signature: ArgumentSpec[] }>
  validateArity?(name: string, args: unknown[], signature: ArgumentSpec[]): void
  validateTypes?(name: string, args: unknown[], signature: ArgumentSpec[]): void
}

/**
 * The library checks a call only when it runs, after the token request. Its function table and
 * validators are internals; when a later version drops them, only the static check is lost.
 */
function functionTable(jmespath: Jmespath): FunctionTable | undefined {
  const runtime = (jmespath.TreeInterpreter as unknown as { runtime?: RuntimeInternals }).runtime
  const table = runtime?._functionTable
  if (!runtime || !table || !runtime.validateArity || !runtime.validateTypes) return undefined
  return {
    has: name => Object.prototype.hasOwnProperty.call(table, name),
    validate: (name, args) => {
      runtime.validateArity!.call(runtime, name, args, table[name]._signature)
      runtime.validateTypes!.call(runtime, name, args, table[name]._signature)
    },
    signature: name => table[name]._signature
  }
}

/** The expref type in the library's InputArgument numbering. */
const TYPE_EXPREF = 6

/**
 * The first function error in a compiled expression that needs no data to find, or undefined.
 * Arguments are known only when they are literals (`"x"`, `` `5` ``) or expression references
 * (`&field`); any other argument counts as "could be anything" and is left to evaluation.
 */
export function findFunctionProblem(
  ast: unknown,
  table: FunctionTable | undefined
): string | undefined {
  if (!table) return undefined
  const visit = (node: unknown): string | undefined => {
    if (node === null || typeof node !== 'object') return undefined
    if (Array.isArray(node)) {
      for (const child of node) {
        const found = visit(child)
        if (found) return found
      }
      return undefined
    }
    const record = node as { type?: unknown; name?: unknown; children?: unknown[] }
    if (record.type === 'Function' && typeof record.name === 'string') {
      const name = record.name
      if (!table.has(name)) return `unknown function ${name}()`
      const args = (record.children ?? []).map(staticValue)
      try {
        table.validate(name, args)
      } catch (error) {
        return (error as Error).message
      }
      const signature = table.signature(name)
      for (const [index, child] of (record.children ?? []).entries()) {
        const spec = signature[Math.min(index, signature.length - 1)]
        const onlyExpref = spec?.types.length === 1 && spec.types[0] === TYPE_EXPREF
        // A variable may hold an expression reference (let $key = &name in ...).
        const kind = (child as { type?: unknown }).type
        if (onlyExpref && kind !== 'ExpressionReference' && kind !== 'Variable') {
          return `${name}() expects argument ${index + 1} to be an expression reference, such as &name`
        }
      }
    }
    for (const value of Object.values(record)) {
      const found = visit(value)
      if (found) return found
    }
    return undefined
  }
  return visit(ast)
}

/** A literal's value, `{ expref: true }` for &expr (as the library tags them), else unknown. */
function staticValue(node: unknown): unknown {
  const record = node as { type?: unknown; value?: unknown }
  if (record?.type === 'Literal') return record.value
  if (record?.type === 'ExpressionReference') return { expref: true }
  return undefined
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

/**
 * Evaluates an expression that compiled; what fails now depends on the response (a function given
 * a string where it takes a number, say), so the message names the input and the expression.
 */
export async function evaluate(
  expression: string,
  data: JsonValue,
  input = 'the expression'
): Promise<JsonValue> {
  const { search } = await load()
  try {
    return search(data as Parameters<Jmespath['search']>[0], expression)
  } catch (error) {
    const subject = input.startsWith('api_') ? `Input ${input}` : input
    throw new ActionError(
      `${subject} \`${expression}\` could not be evaluated against the response: ${(error as Error).message.replace(/\.?$/, '.')} The expression is valid, but the response does not fit it: check it against the response in api_response_file.`
    )
  }
}

/** JMESPath's truthiness: false, null, "", [] and {} are false; every number is true. */
export function isTruthy(value: JsonValue): boolean {
  if (value === null || value === undefined || value === false || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object') return Object.keys(value as object).length > 0
  return true
}
