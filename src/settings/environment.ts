import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'

/** What a review needs to know about the commit and pull request this run is for. */
export interface GitContext {
  eventName: string
  /** The event's pull request number (`pull_request`, `pull_request_target`), if any. */
  pullRequestNumber?: number
  /** The pull request's head branch and sha from the event payload. */
  headRef?: string
  headSha?: string
  /** GITHUB_REF_NAME: the pushed branch (or `12/merge` on pull requests). */
  refName?: string
  /** GITHUB_SHA: on pull requests the merge commit, not the head. */
  sha?: string
}

/** What the action reads from the runner's environment besides its inputs. */
export interface RunnerEnvironment {
  /** RUNNER_TEMP: private files (response bodies, cache work folders) live below it. */
  runnerTemp: string
  /**
   * RUNNER_TEMP when the runner set it: only then is the folder private to the job and emptied
   * when the job ends, as the job's token hand-off needs.
   */
  jobTemp?: string
  actor?: string
  eventPath?: string
  /** Where repository secrets are written; validated only when a secret is written. */
  githubApiUrl: string
  repository: string
  repositoryId?: string
  /** GITHUB_ACTION: the step's id, which heads its section of the job summary. */
  stepName: string
  /** GITHUB_WORKSPACE: SARIF paths are made relative to it. */
  workspace: string
  git: GitContext
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT: the jobs of one run claim a refresh together. */
  run?: { id: string; attempt: string }
}

export function readRunnerEnvironment(env: NodeJS.ProcessEnv = process.env): RunnerEnvironment {
  return {
    runnerTemp: env.RUNNER_TEMP || tmpdir(),
    jobTemp: env.RUNNER_TEMP || undefined,
    actor: env.GITHUB_ACTOR,
    eventPath: env.GITHUB_EVENT_PATH,
    githubApiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    repository: env.GITHUB_REPOSITORY ?? '',
    repositoryId: env.GITHUB_REPOSITORY_ID,
    stepName: env.GITHUB_ACTION || 'clayton-oauth-action',
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    git: readGitContext(env),
    run: env.GITHUB_RUN_ID
      ? { id: env.GITHUB_RUN_ID, attempt: env.GITHUB_RUN_ATTEMPT || '1' }
      : undefined
  }
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

/** GITHUB_HEAD_REF is set only on pull-request events; the payload has the head sha. */
export function readGitContext(env: NodeJS.ProcessEnv): GitContext {
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const pr = PULL_REQUEST_EVENTS.has(eventName) ? readPullRequest(env.GITHUB_EVENT_PATH) : {}
  return {
    eventName,
    pullRequestNumber: pr.number,
    headRef: env.GITHUB_HEAD_REF || pr.headRef || undefined,
    headSha: pr.headSha,
    refName: env.GITHUB_REF_NAME || undefined,
    sha: env.GITHUB_SHA || undefined
  }
}

function readPullRequest(path: string | undefined): {
  number?: number
  headRef?: string
  headSha?: string
} {
  if (!path) return {}
  try {
    const event = JSON.parse(readFileSync(path, 'utf8')) as {
      number?: unknown
      pull_request?: { number?: unknown; head?: { ref?: unknown; sha?: unknown } }
    }
    const pr = event.pull_request
    const number = pr?.number ?? event.number
    return {
      number: typeof number === 'number' && Number.isInteger(number) ? number : undefined,
      headRef: typeof pr?.head?.ref === 'string' ? pr.head.ref : undefined,
      headSha: typeof pr?.head?.sha === 'string' ? pr.head.sha : undefined
    }
  } catch {
    return {}
  }
}
