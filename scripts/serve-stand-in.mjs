// For the CI job that runs the action itself: starts the loopback stand-in in the background
// (detached, it lives for the rest of the job) and writes its address and credentials as step
// outputs (stdout when GITHUB_OUTPUT is unset). Throwaway values of a throwaway server, masked
// anyway so the job log looks like a real one.
import { spawn } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

if (process.argv[2] === '--child') {
  const { startStandIn } = await import('./stand-in.mjs')
  const service = await startStandIn()
  process.send({
    url: service.url,
    client_id: service.clientId,
    client_secret: service.clientSecret,
    refresh_token: service.issueRefreshToken()
  })
  process.disconnect()
} else {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc']
  })
  const info = await new Promise((resolve, reject) => {
    child.once('message', resolve)
    child.once('exit', code => reject(new Error(`stand-in exited with ${code}`)))
  })
  child.unref()
  console.log(`::add-mask::${info.client_secret}`)
  console.log(`::add-mask::${info.refresh_token}`)
  const lines = Object.entries(info)
    .map(([name, value]) => `${name}=${value}\n`)
    .join('')
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, lines)
  else process.stdout.write(lines)
  process.exit(0)
}
