// `npm run demo`: runs the bundled action end to end against a loopback stand-in of Code
// Reviews, and shows what a workflow would see: first a token and an API call (listing
// workspaces), then the review gate on a pull request whose review is NOT_PASSED. A pull request
// review in Code Reviews' API gives its verdict, counts by severity and its policy, not findings:
// the step points at the review's page.
// `npm run demo -- --assert '<JMESPath>'` runs only the first step, with that assertion, to see a
// failing API gate too.
import { DEMO_PULL_REQUEST, startStandIn } from './stand-in.mjs'
import {
  NODE24,
  asRunnerShows,
  cleanupRuns,
  runAction
} from '../__tests__/support/action-runner.mjs'

const SECRET_OUTPUTS = new Set(['access_token', 'refresh_token'])

const assertAt = process.argv.indexOf('--assert')
const assertion = assertAt > 0 ? process.argv[assertAt + 1] : 'length(@) > `0`'
if (assertion === undefined) throw new Error('--assert needs a JMESPath expression')

function show(title, inputs, result) {
  console.log(`\n=== ${title}\n`)
  console.log('Step inputs:')
  for (const [name, value] of Object.entries(inputs)) {
    const shown = ['client_secret', 'refresh_token'].includes(name) ? '***' : value
    console.log(`  ${name}: ${shown}`)
  }
  console.log('\nStep log (as the runner shows it, masked values as ***):')
  console.log(
    asRunnerShows(result.stdout)
      .split('\n')
      .filter(Boolean)
      .map(line => `  ${line}`)
      .join('\n')
  )
  console.log('\nStep outputs (steps.<id>.outputs.*):')
  for (const [name, value] of Object.entries(result.outputs)) {
    const shown = SECRET_OUTPUTS.has(name) && value ? `*** (${value.length} chars, masked)` : value
    console.log(`  ${name}: ${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown}`)
  }
  console.log(`\nJob summary:\n${result.summary}`)
  console.log(`Exit code ${result.exitCode}.`)
}

const service = await startStandIn()
try {
  console.log(`Stand-in of Code Reviews on ${service.url}; running dist/index.js with ${NODE24}`)
  const credentials = () => ({
    client_id: service.clientId,
    client_secret: service.clientSecret,
    refresh_token: service.issueRefreshToken(),
    base_url: service.url
  })

  const apiInputs = {
    ...credentials(),
    api_url: '/api/workspaces',
    api_query: '[].name',
    api_assert: assertion
  }
  const api = await runAction({ inputs: apiInputs, env: { GITHUB_ACTION: 'token' } })
  show('1. A token and an API call', apiInputs, api)
  if (assertAt > 0) {
    process.exitCode = api.exitCode ?? 1
  } else {
    await reviewDemo(api, credentials)
  }
} finally {
  await service.close()
  cleanupRuns()
}

async function reviewDemo(api, credentials) {
  const reviewInputs = {
    ...credentials(),
    review: 'pull_request',
    workspace: 'ws_1',
    project: 'prj_1',
    review_poll_interval: '0.5'
  }
  const { number, headRef, headSha } = DEMO_PULL_REQUEST
  const review = await runAction({
    inputs: reviewInputs,
    env: {
      GITHUB_ACTION: 'gate',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_HEAD_REF: headRef
    },
    event: { number, pull_request: { number, head: { ref: headRef, sha: headSha } } }
  })
  show(
    `2. The review gate on pull request #${number} (NOT_PASSED: the step fails, as it should)`,
    reviewInputs,
    review
  )

  console.log(
    `\n${service.stats.tokenRequests} token requests and ${service.stats.apiRequests} API requests over ${service.stats.connections} connections.`
  )
  // The gate is meant to fail: the demo succeeds when the first step passed and the gate failed.
  process.exitCode = api.exitCode === 0 && review.exitCode === 1 ? 0 : 1
}
