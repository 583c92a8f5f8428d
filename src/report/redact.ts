import { flatten } from '../common/text.js'

/**
 * The shortest piece of a secret that counts as a leak. Shorter pieces are left alone: they are
 * too common in ordinary text to hide without garbling it, and too short to be worth much.
 */
export const MIN_FRAGMENT = 8

const REPLACEMENT = '***'

/**
 * Replaces every known secret with `***`, in the forms our own text can hold it: raw, the
 * encodings the runner's masking misses (form-encoding, base64url), JSON-escaped (also with `\/`),
 * control characters turned into spaces (as `flatten` and `sanitize` do) and table-escaped `\|`.
 *
 * It also replaces every run of MIN_FRAGMENT or more characters that is a piece of one of those
 * forms. So text that was cut before it got here cannot keep a usable fragment either: the part
 * of a secret left before a cut is still a piece of the secret, and goes. (Cuts redact first
 * anyway: the entry points hand this redactor to `redactBeforeCutting`.) Every line we print
 * passes here too, through the Log.
 */
export class Redactor {
  private readonly secrets = new Set<string>()
  private readonly forms = new Set<string>()
  /**
   * MIN_FRAGMENT-long pieces of the long forms → where they occur. Each form's pieces are added
   * as the form is: a run adds its secrets a few at a time (inputs, then each token), and
   * rebuilding the whole index after each was measured on every run's start-up.
   */
  private readonly index = new Map<string, Array<{ form: string; at: number }>>()
  /** Forms shorter than MIN_FRAGMENT, longest first. */
  private short: string[] = []

  add(...secrets: Array<string | undefined>): void {
    for (const secret of secrets) {
      if (!secret || this.secrets.has(secret)) continue
      this.secrets.add(secret)
      for (const form of formsOf(secret)) {
        if (!form || this.forms.has(form)) continue
        this.forms.add(form)
        if (form.length < MIN_FRAGMENT) {
          this.short = [...this.short, form].sort((a, b) => b.length - a.length)
        } else {
          this.indexPieces(form)
        }
      }
    }
  }

  redact(text: string): string {
    if (this.forms.size === 0 || text === '') return text
    const spans = this.fragmentSpans(text)
    let out = ''
    let from = 0
    for (const [start, end] of spans) {
      out += this.redactShort(text.slice(from, start)) + REPLACEMENT
      from = end
    }
    return out + this.redactShort(text.slice(from))
  }

  /** Runs of text that are pieces (MIN_FRAGMENT or longer) of a secret's form, merged, in order. */
  private fragmentSpans(text: string): Array<[number, number]> {
    const index = this.index
    const spans: Array<[number, number]> = []
    if (index.size === 0) return spans
    for (let i = 0; i + MIN_FRAGMENT <= text.length; i++) {
      const hits = index.get(text.slice(i, i + MIN_FRAGMENT))
      if (!hits) continue
      let end = i + MIN_FRAGMENT
      for (const { form, at } of hits) {
        let k = MIN_FRAGMENT
        while (i + k < text.length && at + k < form.length && text[i + k] === form[at + k]) k++
        end = Math.max(end, i + k)
      }
      const last = spans[spans.length - 1]
      if (last && i <= last[1]) last[1] = Math.max(last[1], end)
      else spans.push([i, end])
    }
    return spans
  }

  private indexPieces(form: string): void {
    for (let at = 0; at + MIN_FRAGMENT <= form.length; at++) {
      const piece = form.slice(at, at + MIN_FRAGMENT)
      const list = this.index.get(piece)
      if (list) list.push({ form, at })
      else this.index.set(piece, [{ form, at }])
    }
  }

  /** Forms shorter than MIN_FRAGMENT are replaced only whole, longest first. */
  private redactShort(text: string): string {
    let out = text
    for (const form of this.short) out = out.split(form).join(REPLACEMENT)
    return out
  }
}

/** Every way our own text (messages, previews, the summary) can spell a secret. */
export function formsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const flat = flatten(secret, { trim: false })
  return [
    secret,
    new URLSearchParams({ s: secret }).toString().slice(2),
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
    json,
    json.replace(/\//g, '\\/'),
    flat,
    flat.trim(),
    secret.replace(/\|/g, '\\|')
  ]
}
