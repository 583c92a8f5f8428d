import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import {
  describeMissingCredentials,
  secretsWithheldReason
} from '../../src/settings/credentials.js'

const dir = mkdtempSync(join(tmpdir(), 'credentials-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let files = 0
function eventFile(payload: unknown): string {
  const path = join(dir, `event-${++files}.json`)
  writeFileSync(path, typeof payload === 'string' ? payload : JSON.stringify(payload))
  return path
}

function pullRequest(head: string, base: string): unknown {
  return {
    pull_request: {
      head: { repo: { full_name: head, fork: head !== base } },
      base: { repo: { full_name: base, fork: false } }
    }
  }
}

describe('secretsWithheldReason', () => {
  test('a pull request from a fork: names the fork and says secrets are not passed', () => {
    const reason = secretsWithheldReason({
      actor: 'octocat',
      eventPath: eventFile(pullRequest('someone/repo', 'owner/repo'))
    })
    expect(reason).toContain('pull request from the fork someone/repo')
    expect(reason).toContain('does not pass repository secrets, nor configuration variables')
  })

  test('a pull request from a branch of the same repository: no reason', () => {
    expect(
      secretsWithheldReason({
        actor: 'octocat',
        eventPath: eventFile(pullRequest('owner/repo', 'owner/repo'))
      })
    ).toBeUndefined()
  })

  test('a Dependabot run: points to Dependabot secrets', () => {
    const reason = secretsWithheldReason({
      actor: 'dependabot[bot]',
      eventPath: eventFile(pullRequest('owner/repo', 'owner/repo'))
    })
    expect(reason).toContain('started by Dependabot')
    expect(reason).toContain('Dependabot secrets')
  })

  test('Dependabot is recognised without an event file', () => {
    expect(secretsWithheldReason({ actor: 'dependabot[bot]' })).toContain('Dependabot')
  })

  test.each([
    ['a push event', () => eventFile({ ref: 'refs/heads/main', repository: {} })],
    ['an event file that is not JSON', () => eventFile('{ not json')],
    ['an event file that does not exist', () => join(dir, 'missing.json')],
    ['a directory instead of a file', () => dir],
    ['no event path', () => undefined]
  ])('%s: no reason, no throw', (_name, path) => {
    expect(secretsWithheldReason({ actor: 'octocat', eventPath: path() })).toBeUndefined()
  })
})

describe('describeMissingCredentials', () => {
  test('names the one empty input', () => {
    const text = describeMissingCredentials({ missing: ['client_secret'], skip: false }, undefined)
    expect(text).toMatch(/^Input client_secret is empty\./)
    expect(text).toContain('secrets.')
  })

  test('an empty github_token says why it is needed and that GITHUB_TOKEN cannot write secrets', () => {
    const text = describeMissingCredentials({ missing: ['github_token'], skip: false }, undefined)
    expect(text).toMatch(/^Input github_token is empty\./)
    expect(text).toContain('refresh_token_secret is set')
    expect(text).toContain('GITHUB_TOKEN cannot write secrets')
  })

  test('names every empty input', () => {
    const text = describeMissingCredentials(
      { missing: ['client_id', 'client_secret', 'refresh_token'], skip: false },
      undefined
    )
    expect(text).toMatch(/^Inputs client_id, client_secret, refresh_token are empty\./)
  })

  test('says a code can stand in for refresh_token only when refresh_token is missing', () => {
    expect(
      describeMissingCredentials({ missing: ['refresh_token'], skip: false }, undefined)
    ).toContain('refresh_token is required unless code is given')
    expect(
      describeMissingCredentials({ missing: ['client_secret'], skip: false }, undefined)
    ).not.toContain('unless code is given')
  })

  test('on a fork or Dependabot run: the reason first, then the empty input and the skip option', () => {
    const reason = 'This run is for a pull request from the fork a/b, and so on.'
    const text = describeMissingCredentials({ missing: ['client_secret'], skip: false }, reason)
    expect(text).toBe(
      `${reason} Input client_secret is empty. Set on_missing_credentials: skip to let such runs pass without the token.`
    )
  })

  test('already skipping: gives the reason without suggesting skip again', () => {
    const reason = 'This run is for a pull request from the fork a/b, and so on.'
    const text = describeMissingCredentials({ missing: ['client_secret'], skip: true }, reason)
    expect(text).toBe(`${reason} Input client_secret is empty.`)
  })
})
