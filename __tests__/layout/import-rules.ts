import type { IForbiddenRuleType } from 'dependency-cruiser'

/**
 * The parts of src/ and which may import which: entry → wiring → parts → http. Type-only imports
 * count, so a cycle cannot hide behind `import type`.
 */
const part = (name: string) => `^src/${name}/`
const only = (name: string, allowed: string[]): IForbiddenRuleType => ({
  name: `${name}-imports-only-${allowed.join('-')}`,
  comment: `src/${name}/ may import only ${allowed.map(a => `src/${a}`).join(', ')}`,
  severity: 'error',
  from: { path: part(name) },
  to: { path: '^src/', pathNot: [part(name), ...allowed.map(a => `^src/${a}`)] }
})

export const IMPORT_RULES: IForbiddenRuleType[] = [
  {
    name: 'no-cycles',
    severity: 'error',
    from: {},
    to: { circular: true }
  },
  {
    name: 'parts-do-not-import-entry-points',
    comment: 'index.ts, main.ts and post.ts wire the parts; no part reaches back up to them',
    severity: 'error',
    from: { path: '^src/[^/]+/' },
    to: { path: '^src/[^/]+\\.ts$' }
  },
  only('common', []),
  // http knows no OAuth, no API and no settings: it sends what it is given.
  only('http', ['common/']),
  // settings and report send nothing: settings reads the pure URL rules from common/ and nothing
  // of http/, so the HTTP client is out of its reach.
  only('settings', ['common/']),
  only('report', ['common/', 'settings/', 'token/token-client\\.ts$']),
  only('token', ['common/', 'http/', 'settings/']),
  // the API call does not touch the token lifecycle.
  only('api', ['common/', 'http/', 'settings/', 'report/', 'token/token-client\\.ts$']),
  // the review refreshes its token through a callback main wires to the lifecycle.
  only('review', ['common/', 'http/', 'settings/', 'report/', 'token/token-client\\.ts$']),
  only('lifecycle', ['common/', 'http/', 'settings/', 'report/', 'token/'])
]
