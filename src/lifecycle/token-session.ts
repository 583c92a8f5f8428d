import type { HttpSender } from '../http/client.js'
import type { Log } from '../report/log.js'
import type { createTokenPublisher } from '../report/outputs.js'
import type { RunnerEnvironment } from '../settings/environment.js'
import type { CredentialSource } from '../settings/inputs.js'
import type { Mask, TokenResult } from '../token/token-client.js'
import { acquireToken } from './acquire-token.js'

/** The step's token over the whole run: the first one, then fresh ones for a long review. */
export interface TokenSession {
  /** Obtains and publishes the first token; a refused secret write is thrown after publishing. */
  start(): Promise<TokenResult>
  /** A fresh token through the same lifecycle; absent for a token handed over in access_token. */
  refresh?: () => Promise<TokenResult>
  /** Throws a secret write refused during a refresh, once the work that needed the token is done. */
  finish(): void
}

export interface TokenSessionParts {
  http: HttpSender
  credential: CredentialSource
  mask: Mask
  env: RunnerEnvironment
  log: Pick<Log, 'info' | 'debug' | 'warning'>
  publisher: ReturnType<typeof createTokenPublisher>
}

export function openTokenSession(parts: TokenSessionParts): TokenSession {
  const { http, credential, mask, env, log, publisher } = parts
  let token: TokenResult | undefined
  let refused: unknown
  return {
    async start() {
      const first = await acquireToken(http, credential, mask, env, log)
      token = publisher.publish(first)
      // Outputs and the cache come first: a refused secret write must not lose the new token.
      if (first.secretError) throw first.secretError
      return token
    },
    refresh:
      credential.kind === 'request'
        ? async () => {
            const next = await acquireToken(http, credential, mask, env, log, token)
            refused ??= next.secretError
            return (token = publisher.publish(next))
          }
        : undefined,
    finish() {
      if (refused) throw refused
    }
  }
}
