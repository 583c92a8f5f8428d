/**
 * Replaces every known secret (and the encodings the runner's masking would miss) with `***`.
 * Error text can quote provider responses, which we do not control, so it is scrubbed before
 * it is printed even though the runner masks registered secrets too.
 */
export class Redactor {
  private readonly values = new Set<string>()

  add(...secrets: Array<string | undefined>): void {
    for (const secret of secrets) {
      if (!secret) continue
      this.values.add(secret)
      this.values.add(new URLSearchParams({ s: secret }).toString().slice(2))
      this.values.add(encodeURIComponent(secret))
      this.values.add(Buffer.from(secret).toString('base64url'))
    }
  }

  redact(text: string): string {
    let out = text
    // Longest first, so a secret that contains another is replaced whole.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      if (value.length > 0) out = out.split(value).join('***')
    }
    return out
  }
}
