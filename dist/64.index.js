export const id = 64;
export const ids = [64,683];
export const modules = {

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
