import type { Finding } from '../report/review-summary.js'
import { sanitize } from '../common/text.js'
import { severityRank } from './decisions.js'

/** GitHub shows at most this many annotations of each kind per step; the rest silently vanish. */
export const MAX_ANNOTATIONS_PER_KIND = 10

export interface Annotation {
  kind: 'error' | 'warning'
  message: string
  title: string
  file?: string
  startLine?: number
}

export interface AnnotationPlan {
  annotations: Annotation[]
  hiddenErrors: number
  hiddenWarnings: number
}

/**
 * CRITICAL and ERROR become errors, WARNING warnings (others are left to the SARIF report): the 10
 * most severe of each kind, and a count of the rest for the summary.
 */
export function planAnnotations(findings: Finding[]): AnnotationPlan {
  const sorted = [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
  const errors = sorted.filter(f => f.severity === 'CRITICAL' || f.severity === 'ERROR')
  const warnings = sorted.filter(f => f.severity === 'WARNING')
  const toAnnotation = (kind: Annotation['kind']) => (f: Finding) => ({
    kind,
    // Server text is data: no line breaks, and nothing the runner could read as a command.
    message: sanitize(`${f.severity}: ${f.message}`, 500).replace(/^:+/, ''),
    title: sanitize(f.rule, 100),
    file: f.file,
    startLine: f.file ? f.line : undefined
  })
  return {
    annotations: [
      ...errors.slice(0, MAX_ANNOTATIONS_PER_KIND).map(toAnnotation('error')),
      ...warnings.slice(0, MAX_ANNOTATIONS_PER_KIND).map(toAnnotation('warning'))
    ],
    hiddenErrors: Math.max(0, errors.length - MAX_ANNOTATIONS_PER_KIND),
    hiddenWarnings: Math.max(0, warnings.length - MAX_ANNOTATIONS_PER_KIND)
  }
}
