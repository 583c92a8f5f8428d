import pkg from '../../package.json' with { type: 'json' }

/** Sent as User-Agent so providers can tell this action's traffic apart. */
export const USER_AGENT = `${pkg.name}/${pkg.version}`
