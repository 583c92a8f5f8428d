'use strict'
// Stands in for tunnel in @actions/http-client's dependency tree (package.json `overrides`).
// The client imports tunnel at the top of its module, but calls it only when a request goes
// through a proxy; tunnel requires Node's assert, which on its own costs more to load than the
// rest of a token refresh's code. The real functions are synchronous, so the real package (the
// `tunnel-real` alias) is required, not imported, on the first call: the bundler keeps it in the
// same chunk and evaluates it only then. Only what @actions/http-client 4 calls is forwarded;
// __tests__/layout/on-demand-packages.test.ts checks that list against its sources, and the
// proxy end-to-end test goes through it.
let real
// eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous on purpose, see above
const load = () => (real ??= require('tunnel-real'))

exports.httpOverHttp = options => load().httpOverHttp(options)
exports.httpsOverHttp = options => load().httpsOverHttp(options)
exports.httpOverHttps = options => load().httpOverHttps(options)
exports.httpsOverHttps = options => load().httpsOverHttps(options)
