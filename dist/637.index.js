export const id = 637;
export const ids = [637,954];
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

/***/ 1874:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ create)
/* harmony export */ });
// Stands in for @actions/glob in @actions/cache's dependency tree (package.json `overrides`).
// @actions/cache imports it at the top of its utilities, but calls it only in resolvePaths, which
// lists the files of a save; a warm run that restores a token never saves, and glob with
// minimatch is a quarter of the cache chunk. create() is async in the real package too, so the
// real one (the `glob-real` alias) is imported on the first call. Only what @actions/cache 6
// calls is forwarded; __tests__/layout/on-demand-packages.test.ts checks that list against its
// sources, and every cache save goes through it.
let loaded
const loadGlob = () => (loaded ??= __webpack_require__.e(/* import() */ 100).then(__webpack_require__.bind(__webpack_require__, 5100)))

async function create(...args) {
  return (await loadGlob()).create(...args)
}


/***/ }),

/***/ 3451:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ BlobClient),
/* harmony export */   w: () => (/* binding */ BlockBlobClient)
/* harmony export */ });
// Stands in for @azure/storage-blob in @actions/cache's dependency tree (package.json `overrides`).
// @actions/cache imports the Azure SDK at the top of its modules, but calls it only to upload an
// archive (saveCache) and to download one with `useAzureSdk`; evaluating the SDK costs more than
// the rest of a run's start-up. These classes take the same constructor arguments, keep them, and
// load the real SDK (the `azure-storage-blob` alias, a separate chunk of the bundle) on the first
// method call, then forward every call to a real client. Only what @actions/cache 6 calls is
// forwarded; __tests__/layout/on-demand-packages.test.ts checks that list against its sources.
let sdk
const loadSdk = () => (sdk ??= __webpack_require__.e(/* import() */ 483).then(__webpack_require__.bind(__webpack_require__, 2483)))

/** Parts of a blob URL the real clients expose synchronously (@actions/cache logs them). */
function urlParts(url) {
  try {
    const { hostname, pathname } = new URL(url)
    const [container = '', ...blob] = pathname.replace(/^\//, '').split('/')
    return {
      accountName: hostname.split('.')[0],
      containerName: decodeURIComponent(container),
      name: decodeURIComponent(blob.join('/'))
    }
  } catch {
    return { accountName: '', containerName: '', name: '' }
  }
}

/** How each stand-in makes its real client, and the client once made. */
const makers = new WeakMap()
const clients = new WeakMap()

class OnDemandClient {
  constructor(url, make) {
    this.url = url
    Object.assign(this, urlParts(url))
    makers.set(this, make)
  }
  /** The real client, made on the first call that needs it. */
  async real() {
    if (!clients.has(this)) clients.set(this, makers.get(this)(await loadSdk()))
    return clients.get(this)
  }
}

class BlockBlobClient extends OnDemandClient {
  constructor(url, ...rest) {
    super(url, real => new real.BlockBlobClient(url, ...rest))
  }
  async uploadFile(...args) {
    return (await this.real()).uploadFile(...args)
  }
  async getProperties(...args) {
    return (await this.real()).getProperties(...args)
  }
  async downloadToBuffer(...args) {
    return (await this.real()).downloadToBuffer(...args)
  }
}

class BlobClient extends OnDemandClient {
  constructor(url, ...rest) {
    super(url, real => new real.BlobClient(url, ...rest))
  }
  getBlockBlobClient() {
    const block = new BlockBlobClient(this.url)
    // The real block client comes from the real BlobClient, with its credential and pipeline.
    makers.set(block, async () => (await this.real()).getBlockBlobClient())
    return block
  }
}


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
