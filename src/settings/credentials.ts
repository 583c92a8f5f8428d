import { readFileSync } from 'node:fs'
import type { MissingCredentials } from './inputs.js'

/** The parts of the run's environment that explain why secrets can be empty. */
export interface RunEnvironment {
  actor?: string
  eventPath?: string
}

/**
 * GitHub does not pass repository secrets to workflows run for a pull request from a fork, nor to
 * Dependabot runs. Returns a sentence saying so when this run is one of those, else undefined.
 */
export function secretsWithheldReason(env: RunEnvironment): string | undefined {
  if (env.actor === 'dependabot[bot]') {
    return 'This run was started by Dependabot, and GitHub does not pass repository secrets to Dependabot runs (only Dependabot secrets: add the same secrets under Settings → Secrets → Dependabot).'
  }
  const event = readEvent(env.eventPath)
  const head = event?.pull_request?.head?.repo?.full_name
  const base = event?.pull_request?.base?.repo?.full_name
  if (head && base && head !== base) {
    return `This run is for a pull request from the fork ${head}, and GitHub does not pass repository secrets, nor configuration variables (vars.*), to workflows triggered from forks.`
  }
  return undefined
}

export function describeMissingCredentials(
  detail: MissingCredentials,
  withheld: string | undefined
): string {
  const names = detail.missing.join(', ')
  const what = `Input${detail.missing.length > 1 ? 's' : ''} ${names} ${detail.missing.length > 1 ? 'are' : 'is'} empty.`
  if (withheld) {
    // Why first: on such a run every secret and variable is empty, whatever the workflow says.
    const advice = detail.skip
      ? ''
      : ' Set on_missing_credentials: skip to let such runs pass without the token.'
    return `${withheld} ${what}${advice}`
  }
  const refresh = detail.missing.includes('refresh_token')
    ? ' refresh_token is required unless code is given.'
    : ''
  const writer = detail.missing.includes('github_token')
    ? " github_token is needed because refresh_token_secret is set: a token with the Secrets permission (read and write); the workflow's GITHUB_TOKEN cannot write secrets."
    : ''
  return `${what}${refresh}${writer} Pass them from repository secrets, e.g. client_secret: \${{ secrets.CLAYTON_CLIENT_SECRET }}, and check that the secret names match.`
}

interface EventPayload {
  pull_request?: {
    head?: { repo?: { full_name?: string } }
    base?: { repo?: { full_name?: string } }
  }
}

function readEvent(path: string | undefined): EventPayload | undefined {
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload
  } catch {
    return undefined
  }
}
