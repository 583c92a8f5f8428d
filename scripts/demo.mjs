// `npm run demo`: runs the bundled action end to end against a loopback stand-in of Code
// Reviews, refreshing a token and listing workspaces, and shows what a workflow would see.
// `npm run demo -- --assert '<JMESPath>'` replaces the assertion, to see a failing gate too.
import { startStandIn } from './stand-in.mjs'
import { NODE24, asRunnerShows, runAction } from './run-action.mjs'

const SECRET_OUTPUTS = new Set(['access_token', 'refresh_token'])

const assertAt = process.argv.indexOf('--assert')
const assertion = assertAt > 0 ? process.argv[assertAt + 1] : 'length(@) > `0`'
if (assertion === undefined) throw new Error('--assert needs a JMESPath expression')

const service = await startStandIn()
try {
  const inputs = {
    client_id: service.clientId,
    client_secret: service.clientSecret,
    refresh_token: service.issueRefreshToken(),
    base_url: service.url,
    api_url: '/api/workspaces',
    api_query: '[].name',
    api_assert: assertion
  }
  console.log(`Stand-in of Code Reviews on ${service.url}; running dist/index.js with ${NODE24}\n`)
  console.log('Step inputs:')
  for (const [name, value] of Object.entries(inputs)) {
    const shown = ['client_secret', 'refresh_token'].includes(name) ? '***' : value
    console.log(`  ${name}: ${shown}`)
  }
  const result = await runAction({ inputs })
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
  console.log(
    `Exit code ${result.exitCode}; ${service.stats.tokenRequests} token request, ${service.stats.apiRequests} API request over ${service.stats.connections} connection.`
  )
  process.exitCode = result.exitCode ?? 1
} finally {
  await service.close()
}
