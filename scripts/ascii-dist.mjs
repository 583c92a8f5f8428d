// Part of `npm run build`: rewrites the non-ASCII characters of dist/'s chunks as \u escapes.
// Node hands V8 a chunk holding a single non-ASCII character (our "…", "—", "§" and the summary's
// emoji) as a two-byte string, which it decodes and scans more slowly than a one-byte one; an
// interleaved A/B of a refresh measured about 2 ms a run. Only where an escape means the same:
// inside string literals, untagged template literals and regular expressions (the cooked value
// is the same), and in comments. Tagged templates (their raw text differs), identifiers and
// whitespace are left alone, and a file is checked after the rewrite: the same tokens, the same
// literal values. The Azure SDK's chunk is left as ncc wrote it (it is not ours, is 1.9 MB, and a
// run loads it only for a save).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

const SK = ts.SyntaxKind
const LITERALS = new Set([
  SK.StringLiteral,
  SK.RegularExpressionLiteral,
  SK.NoSubstitutionTemplateLiteral,
  SK.TemplateHead,
  SK.TemplateMiddle,
  SK.TemplateTail
])
const NON_ASCII = /[\u0080-\uffff]/
const WHITESPACE = /\s/

function parse(code) {
  return ts.createSourceFile('chunk.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)
}

function tagged(node) {
  let n = node
  if (n.kind === SK.TemplateMiddle || n.kind === SK.TemplateTail) n = n.parent.parent
  else if (n.kind === SK.TemplateHead) n = n.parent
  return n.parent?.kind === SK.TaggedTemplateExpression
}

/** Every token of the file, with the trivia (whitespace, comments) before it. */
function tokens(sf) {
  const out = []
  const walk = node => {
    const children = node.getChildren(sf)
    if (children.length === 0 || LITERALS.has(node.kind)) {
      out.push(node)
      return
    }
    // JSDoc comments come back as nodes of their own: leave them to the trivia they are.
    for (const child of children) {
      if (child.kind < SK.FirstJSDocNode || child.kind > SK.LastJSDocNode) walk(child)
    }
  }
  walk(sf)
  return out
}

/** What a check compares: each token's kind and, for literals, its value. */
function signature(sf) {
  return tokens(sf).map(t =>
    LITERALS.has(t.kind)
      ? `${t.kind}:${t.kind === SK.RegularExpressionLiteral ? regexValue(t.text) : t.text}`
      : `${t.kind}`
  )
}

/** A regular expression's pattern with escapes of single code units decoded, and its flags. */
function regexValue(text) {
  return text.replace(/\\u([0-9a-f]{4})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
}

const escape = ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`

export function toAscii(code) {
  if (!NON_ASCII.test(code)) return code
  const sf = parse(code)
  let out = ''
  let at = 0
  const copy = (end, rewrite) => {
    const part = code.slice(at, end)
    if (!rewrite || !NON_ASCII.test(part)) out += part
    else out += rewrite(part)
    at = end
  }
  const inLiteral = part =>
    // A backslash before the character escapes it already: `\é` is "é", so both become `\u00e9`.
    part.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, ch) =>
      slashes.length % 2 === 1 ? slashes.slice(1) + escape(ch) : slashes + escape(ch)
    )
  const inTrivia = part =>
    part.replace(/[\u0080-\uffff]/g, ch => (WHITESPACE.test(ch) ? ch : escape(ch)))
  for (const token of tokens(sf)) {
    const start = token.getStart(sf)
    copy(start, inTrivia)
    const safe = LITERALS.has(token.kind) && !tagged(token)
    copy(token.end, safe ? inLiteral : undefined)
  }
  copy(code.length, inTrivia)
  const before = signature(sf)
  const after = signature(parse(out))
  if (before.length !== after.length || before.some((s, i) => s !== after[i])) {
    throw new Error('the ASCII rewrite changed a token or a literal value; left as it was')
  }
  return out
}

/** Rewrites dist/*.js in place, except the chunk that holds the Azure SDK. */
export function asciiDist(dist) {
  for (const name of readdirSync(dist).filter(n => n.endsWith('.js'))) {
    const file = join(dist, name)
    const code = readFileSync(file, 'utf8')
    if (!NON_ASCII.test(code) || code.includes('./node_modules/azure-storage-blob/')) continue
    writeFileSync(file, toAscii(code))
  }
}

if (import.meta.url === `file://${process.argv[1]}`) asciiDist(process.argv[2] ?? 'dist')
