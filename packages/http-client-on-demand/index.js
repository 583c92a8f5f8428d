// Stands in for @actions/http-client in @actions/core's dependency tree (package.json `overrides`).
// @actions/core imports the client at the top of its module only for OIDC (core.getIDToken), so
// every action that uses core evaluates the client, https, tls and tunnel at start-up. This class
// takes the same constructor arguments and loads the real client (the repository's own
// @actions/http-client, resolved from this folder) on the first request. Only what @actions/core 3
// calls is forwarded; __tests__/layout/on-demand-packages.test.ts checks that list against its
// sources, and that it works when reached.
let loaded
const loadClient = () => (loaded ??= import('@actions/http-client'))

export class HttpClient {
  #args
  #client
  constructor(...args) {
    this.#args = args
  }
  /** The real client, made on the first request. */
  async real() {
    this.#client ??= new (await loadClient()).HttpClient(...this.#args)
    return this.#client
  }
  async getJson(...args) {
    return (await this.real()).getJson(...args)
  }
}
