import { InputError } from '../common/errors.js'
import { isLoopbackHost } from '../common/url.js'
import type { GitContext } from './environment.js'
import { oneOf, seconds, type InputReader } from './input-reader.js'

export type ReviewKind = 'pull_request' | 'branch' | 'revision'
export type ReviewFailOn = 'not_passed' | 'warnings' | 'never'
/** `result`: the review's result; `status_check`: what Code Reviews publishes to GitHub. */
export type ReviewGateOn = 'result' | 'status_check'
export type ReviewSeverity = 'critical' | 'error' | 'warning'

/** Issue 10's inputs: what to review, how long to wait for it, and what fails the step. */
export interface ReviewSettings {
  kind: ReviewKind
  workspace: string
  project: string
  /** Set for `pull_request`. */
  pullRequestNumber?: number
  /** Set for `branch` and `revision`. */
  branch?: string
  /** Set for `revision`. */
  revision?: string
  /**
   * The commit whose verdict counts: the `revision` input, else the event's pull request head (for
   * the event's own pull request). A report of another commit is passed over while waiting.
   */
  headSha?: string
  failOn: ReviewFailOn
  gateOn: ReviewGateOn
  /** Policy titles to gate on, as given; empty: all. Matched case-insensitively. */
  policies: string[]
  /** Also fail on a finding of this severity or worse; undefined: off. */
  failOnSeverity?: ReviewSeverity
  timeoutMs: number
  pollIntervalMs: number
  /** Where the SARIF report goes; a new file under RUNNER_TEMP by default. */
  sarifFile: string
}

const KINDS: readonly ReviewKind[] = ['pull_request', 'branch', 'revision']
const FAIL_ON: readonly ReviewFailOn[] = ['not_passed', 'warnings', 'never']
const GATE_ON: readonly ReviewGateOn[] = ['result', 'status_check']
const SEVERITIES: readonly ReviewSeverity[] = ['critical', 'error', 'warning']
/** Inputs that mean nothing without `review`: set alone, they point at a forgotten `review:`. */
const REVIEW_ONLY = [
  'workspace',
  'project',
  'pull_request_number',
  'branch',
  'revision',
  'sarif_file',
  'review_policies',
  'review_fail_on_severity'
]
/** Path segments of the review API: ids as Code Reviews shows them, nothing that reshapes a URL. */
const ID = /^[A-Za-z0-9._~-]+$/
/**
 * The provider's plugin polls every 150 s; a review takes minutes. Faster polling only loads the
 * service (tests against a loopback stand-in may go below).
 */
export const MIN_POLL_INTERVAL_S = 5
const SHA = /^[0-9a-f]{7,64}$/i

/** Undefined when `review` is empty (no review). Everything is checked before any request. */
export function parseReviewInputs(
  read: InputReader,
  env: { runnerTemp: string; random: string; git?: GitContext; baseUrl: URL },
  hasApiCall: boolean
): ReviewSettings | undefined {
  const raw = read('review')
  if (!raw) {
    const stray = REVIEW_ONLY.filter(name => read(name))
    if (stray.length > 0) {
      throw new InputError(
        `Input ${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but review is empty, so no review would run. Set review to pull_request, branch or revision.`
      )
    }
    return undefined
  }
  const kind = oneOf(read, 'review', KINDS, 'pull_request')
  if (hasApiCall) {
    throw new InputError(
      'Inputs review and api_url are both set, but a step makes one call: the review, or the API call. Run the API call in a second step (pass access_token: ${{ steps.<id>.outputs.access_token }}).'
    )
  }
  const workspace = id(read, 'workspace', kind)
  const project = id(read, 'project', kind)
  const git = env.git ?? { eventName: '' }
  const settings: ReviewSettings = {
    kind,
    workspace,
    project,
    failOn: oneOf(read, 'review_fail_on', FAIL_ON, 'not_passed'),
    gateOn: oneOf(read, 'review_gate_on', GATE_ON, 'result'),
    policies: read('review_policies')
      .split(/[,\n]/)
      .map(title => title.trim())
      .filter(Boolean),
    failOnSeverity: severity(read),
    timeoutMs: seconds(read, 'review_timeout', 1800, 6 * 3600) * 1000,
    pollIntervalMs: pollInterval(read, env.baseUrl) * 1000,
    sarifFile: read('sarif_file') || `${env.runnerTemp}/clayton-review-${env.random}.sarif`
  }
  if (kind === 'pull_request') {
    settings.pullRequestNumber = pullRequestNumber(read, git)
    const revision = read('revision')
    if (revision) settings.headSha = sha(revision)
    // The event's head is this pull request's only when no other number was asked for.
    else if (settings.pullRequestNumber === git.pullRequestNumber) settings.headSha = git.headSha
  } else {
    settings.branch = read('branch') || git.headRef || git.refName
    if (!settings.branch) {
      throw new InputError(
        `Input review is ${kind} but branch is empty and this run has no branch (GITHUB_HEAD_REF and GITHUB_REF_NAME are empty). Set branch, e.g. branch: main.`
      )
    }
  }
  if (kind === 'revision') {
    const revision = read('revision') || git.headSha || git.sha
    if (!revision) {
      throw new InputError(
        'Input review is revision but revision is empty and this run has no commit (no pull request head in the event, GITHUB_SHA empty). Set revision to a commit sha.'
      )
    }
    settings.revision = sha(revision)
    settings.headSha = settings.revision
  }
  return settings
}

function severity(read: InputReader): ReviewSeverity | undefined {
  const raw = read('review_fail_on_severity')
  if (!raw) return undefined
  const value = raw.toLowerCase()
  if (!(SEVERITIES as readonly string[]).includes(value)) {
    throw new InputError(
      `Input review_fail_on_severity is "${raw}"; it must be one of: ${SEVERITIES.join(', ')} (or empty for off).`
    )
  }
  return value as ReviewSeverity
}

function sha(revision: string): string {
  if (!SHA.test(revision)) {
    throw new InputError(
      `Input revision is "${revision}", which is not a commit sha: give 7 to 64 hex digits, e.g. \${{ github.sha }}.`
    )
  }
  return revision
}

function pollInterval(read: InputReader, baseUrl: URL): number {
  const value = seconds(read, 'review_poll_interval', 15, 3600)
  if (value < MIN_POLL_INTERVAL_S && !isLoopbackHost(baseUrl.hostname)) {
    throw new InputError(
      `Input review_poll_interval is "${read('review_poll_interval')}"; it must be at least ${MIN_POLL_INTERVAL_S} seconds: a review takes minutes, and Code Reviews' own plugin polls every 150 s.`
    )
  }
  return value
}

function id(read: InputReader, name: 'workspace' | 'project', kind: ReviewKind): string {
  const value = read(name)
  if (!value) {
    throw new InputError(
      `Input ${name} is empty, and review: ${kind} needs it: give the ${name} id Code Reviews shows in its URLs (app.clayton.io/workspaces/<workspace>/projects/<project>).`
    )
  }
  if (!ID.test(value)) {
    throw new InputError(
      `Input ${name} is "${value}"; it must be the ${name} id (letters, digits, - _ . ~), as in app.clayton.io/workspaces/<workspace>/projects/<project>.`
    )
  }
  return value
}

function pullRequestNumber(read: InputReader, git: GitContext): number {
  const raw = read('pull_request_number')
  if (raw) {
    if (!/^[1-9]\d{0,9}$/.test(raw)) {
      throw new InputError(
        `Input pull_request_number is "${raw}"; it must be a pull request number such as 42.`
      )
    }
    return Number(raw)
  }
  if (git.pullRequestNumber !== undefined) return git.pullRequestNumber
  throw new InputError(
    `Input review is pull_request, but pull_request_number is empty and this run is not for a pull request (event ${git.eventName || 'unknown'}). Run the step on pull_request events, set pull_request_number, or use review: branch.`
  )
}
