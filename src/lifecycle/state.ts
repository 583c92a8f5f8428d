import * as core from '@actions/core'

/**
 * Everything passed from the main step to the post step. The runner runs `runs.post` (the same
 * bundle) at the end of the job with these values as STATE_* variables; index.ts reads the two
 * names below straight from the environment to decide what to load.
 */
const IS_POST = 'isPost'
const REVOKE_TOKEN = 'revokeAccessToken'

/** Called first thing in the main step, so the post step can never run the main work again. */
export function markMainStepStarted(): void {
  core.saveState(IS_POST, 'true')
}

/** Only a token this step obtained: one from the cache or the access_token input is shared. */
export function rememberTokenToRevoke(accessToken: string): void {
  core.saveState(REVOKE_TOKEN, accessToken)
}

export function tokenToRevoke(): string {
  return core.getState(REVOKE_TOKEN)
}
