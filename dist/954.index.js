export const id = 954;
export const ids = [954];
export const modules = {

/***/ 2532:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


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
const load = () => (real ??= __webpack_require__(8665))

exports.xj = options => load().httpOverHttp(options)
exports.I9 = options => load().httpsOverHttp(options)
exports.aQ = options => load().httpOverHttps(options)
exports.vX = options => load().httpsOverHttps(options)


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ ProxyAgent)
/* harmony export */ });
/* unused harmony export UNDICI_LEFT_OUT */
// Stands in for undici in @actions/http-client's dependency tree (package.json `overrides`).
// http-client 4 imports undici at the top of its module only for `ProxyAgent`, used by
// `getAgentDispatcher()`, a helper for `fetch` users that this action never calls: its requests
// go through node:http/https and `tunnel`. Evaluating undici costs about half the start-up of a
// core + http-client bundle, so the bundle carries this module instead. It fails loudly rather
// than degrade: a code path that reaches it is a bug in the build, caught by
// __tests__/layout/undici-unused.test.ts.
const UNDICI_LEFT_OUT =
  'undici is left out of this bundle (package.json overrides it with packages/undici-unused): ' +
  'something called @actions/http-client getAgentDispatcher() or another undici API. ' +
  'Remove the override, or keep the call out of the action.'

class ProxyAgent {
  constructor() {
    throw new Error(UNDICI_LEFT_OUT)
  }
}


/***/ })

};
