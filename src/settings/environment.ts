import { tmpdir } from 'node:os'

/** What the action reads from the runner's environment besides its inputs. */
export interface RunnerEnvironment {
  /** RUNNER_TEMP: private files (response bodies, cache work folders) live below it. */
  runnerTemp: string
  actor?: string
  eventPath?: string
  /** Where repository secrets are written; validated only when a secret is written. */
  githubApiUrl: string
  repository: string
  repositoryId?: string
}

export function readRunnerEnvironment(env: NodeJS.ProcessEnv = process.env): RunnerEnvironment {
  return {
    runnerTemp: env.RUNNER_TEMP || tmpdir(),
    actor: env.GITHUB_ACTOR,
    eventPath: env.GITHUB_EVENT_PATH,
    githubApiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    repository: env.GITHUB_REPOSITORY ?? '',
    repositoryId: env.GITHUB_REPOSITORY_ID
  }
}
