export const id = 324;
export const ids = [324,954];
export const modules = {

/***/ 4462:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


// Stands in for semver in @actions/cache's dependency tree (package.json `overrides`).
// @actions/cache imports all of semver at the top of its utilities (every range and function
// module, a quarter of the cache chunk, and a few dozen regular expressions built at load) and
// calls one function: semver.clean, on what `zstd --version` printed. The token cache runs the
// library with a PATH that holds no zstd, so that text is always empty, and clean('') is null;
// any other text goes to the real clean (the `semver-real` alias), required on first use: it is
// synchronous, so required, not imported, and the bundler evaluates it only then. Only what
// @actions/cache 6 calls is provided; __tests__/layout/on-demand-packages.test.ts checks that
// against its sources and the answers against the real semver.
let realClean
// eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous on purpose, see above
const load = () => (realClean ??= __webpack_require__(6832))

exports.u = (version, options) => (version === '' ? null : load()(version, options))


/***/ }),

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
/* harmony export */   jl: () => (/* binding */ BlobClient),
/* harmony export */   wG: () => (/* binding */ BlockBlobClient)
/* harmony export */ });
/* unused harmony export SMALL_BLOB_BYTES */
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4942);
// Stands in for @azure/storage-blob in @actions/cache's dependency tree (package.json `overrides`).
// @actions/cache imports the Azure SDK at the top of its modules, but calls it only to upload an
// archive (saveCache) and to download one: cache service v2 restores always take the SDK branch
// (`useAzureSdk`), and on github.com the signed URL is an Azure blob. Evaluating the 1.9 MB SDK
// costs more than the rest of a run's start-up, and a token-state archive is a few hundred bytes.
//
// So a BlockBlobClient made for a signed URL alone serves `getProperties()` and
// `downloadToBuffer(offset, count)` of a blob up to SMALL_BLOB_BYTES itself: getProperties() sends
// one GET of the blob's first SMALL_BLOB_BYTES with @actions/http-client (the repository's own,
// resolved from this folder; @actions/cache loads it anyway and downloads blob URLs with it when
// not using the SDK), learns the length from its Content-Range and keeps the bytes for the
// downloadToBuffer that follows, so a restore makes one round trip to blob storage. The SDK would split
// such a blob into one 4 MiB block too, so nothing is lost but its retries: a failure is reported
// at once, and @actions/cache treats it as a cache miss. Everything else (bigger blobs, a
// credential or pipeline, options this file does not understand, uploads) loads the real SDK (the
// `azure-storage-blob` alias, a separate chunk of the bundle) on the first call and forwards to a
// real client, as before. Only what @actions/cache 6 calls is provided;
// __tests__/layout/on-demand-packages.test.ts checks that list against its sources, and
// storage-blob-small-path.test.ts beside it the small path, down to its never loading the SDK.


let sdk
const loadSdk = () => (sdk ??= __webpack_require__.e(/* import() */ 483).then(__webpack_require__.bind(__webpack_require__, 2483)))

/**
 * Far above a token-state archive (capped at 64 KiB by the action) and small enough to hold in
 * memory at once; it is also the SDK's own download block size.
 */
const SMALL_BLOB_BYTES = 4 * 1024 * 1024

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

/**
 * The credential of a block client made by BlobClient.getBlockBlobClient(): its real client comes
 * from the real BlobClient, whose credential and pipeline the small path would not carry.
 */
const VIA_BLOB_CLIENT = Symbol('made by BlobClient.getBlockBlobClient()')

/** Options whose meaning the small path keeps; any other option goes to the SDK. */
const onlyKeys = (object, keys) =>
  object === undefined || Object.keys(object).every(key => keys.includes(key))

/**
 * A blob URL with its signature in the query can be read with a plain GET. The SDK's other
 * constructor forms (a credential, a pipeline) and options other than the timeout might change
 * what a request carries, so they stay with the SDK.
 */
function plainTarget(url, credential, options) {
  if (credential !== undefined || !onlyKeys(options, ['retryOptions'])) return undefined
  if (!onlyKeys(options?.retryOptions, ['tryTimeoutInMs'])) return undefined
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
    return { url: parsed, timeoutMs: options?.retryOptions?.tryTimeoutInMs }
  } catch {
    return undefined
  }
}

/** A failed blob request, shaped like the SDK's RestError where @actions/cache looks. */
class BlobRequestError extends Error {
  constructor(message, statusCode, code) {
    super(message)
    this.name = 'BlobRequestError'
    if (statusCode !== undefined) this.statusCode = statusCode
    if (code !== undefined) this.code = code
  }
}

function abortError() {
  const error = new Error('The blob download was aborted.')
  error.name = 'AbortError'
  return error
}

/**
 * The signature in a blob URL's query is a credential for the entry, and @actions/cache prints
 * the message of a failed restore; http-client names the whole path in its timeout message.
 */
function withoutQuery(error, target) {
  if (error?.name === 'AbortError') return error
  const search = target.url.search
  const text = error instanceof Error ? error.message : String(error)
  const message = search ? text.split(search).join('?\u2026') : text
  const clean = new BlobRequestError(message, error?.statusCode, error?.code)
  clean.name = error instanceof Error ? error.name : clean.name
  return clean
}

/** What the blob service says when it refuses, from its headers (a HEAD has no body). */
function refusal(method, response) {
  const status = response.message.statusCode
  const code = response.message.headers['x-ms-error-code']
  const detail = typeof code === 'string' && /^\w{1,64}$/.test(code) ? ` (${code})` : ''
  const where = status >= 300 && status < 400 ? ', a redirect, which is not followed' : ''
  return new BlobRequestError(
    `Blob storage answered HTTP ${status}${detail} to ${method}${where}`,
    status,
    detail ? code : undefined
  )
}

class BlockBlobClient extends OnDemandClient {
  /** The signed URL when the small path may serve this client, else undefined. */
  #target
  /** The client of the request in flight. */
  #http
  /** The whole blob, read by getProperties(). */
  #fetched
  /** The abort signal of the download in flight, handed to Node's request. */
  #signal

  constructor(url, ...rest) {
    super(url, real => new real.BlockBlobClient(url, ...rest))
    this.#target = plainTarget(url, rest[0], rest[1])
  }

  #client() {
    if (this.#http) return this.#http
    const handler = {
      prepareRequest: options => {
        // Node then ends the request on abort, also before the answer's headers have come.
        if (this.#signal) options.signal = this.#signal
      },
      canHandleAuthentication: () => false,
      handleAuthentication: () => Promise.reject(new Error('not used'))
    }
    this.#http = new _actions_http_client__WEBPACK_IMPORTED_MODULE_0__.HttpClient('actions/cache', [handler], {
      // A redirect would take the signed request elsewhere; the blob service never sends one.
      allowRedirects: false,
      allowRetries: false,
      keepAlive: true,
      socketTimeout: this.#target.timeoutMs
    })
    return this.#http
  }

  #dispose() {
    this.#http?.dispose()
    this.#http = undefined
    this.#signal = undefined
  }

  async uploadFile(...args) {
    return (await this.real()).uploadFile(...args)
  }

  async getProperties(...args) {
    const [options] = args
    if (this.#target && onlyKeys(options, [])) {
      const blob = await this.#fetchSmall()
      if (blob !== undefined) return { contentLength: blob.length }
    }
    return (await this.real()).getProperties(...args)
  }

  async downloadToBuffer(...args) {
    const [offset, count, options] = args
    const small =
      this.#target &&
      Number.isSafeInteger(offset) &&
      offset >= 0 &&
      Number.isSafeInteger(count) &&
      count > 0 &&
      count <= SMALL_BLOB_BYTES &&
      args.length <= 3 &&
      onlyKeys(options, ['abortSignal', 'concurrency', 'onProgress'])
    if (!small) return (await this.real()).downloadToBuffer(...args)
    const fetched = this.#fetched
    if (fetched && offset + count <= fetched.length) {
      if (options?.abortSignal?.aborted) throw abortError()
      options?.onProgress?.({ loadedBytes: count })
      return Buffer.from(fetched.subarray(offset, offset + count))
    }
    try {
      return await this.#get(offset, count, options?.abortSignal, options?.onProgress)
    } finally {
      this.#dispose()
    }
  }

  /**
   * The whole blob when the small path serves it, read by one GET of its first SMALL_BLOB_BYTES
   * (kept for downloadToBuffer, which @actions/cache calls next: no second round trip to blob
   * storage); undefined hands the blob to the SDK, before its body is read.
   */
  async #fetchSmall() {
    let response
    try {
      response = await this.#client().get(this.#target.url.href, {
        Range: `bytes=0-${SMALL_BLOB_BYTES - 1}`
      })
    } catch (error) {
      this.#dispose()
      throw withoutQuery(error, this.#target)
    }
    const { message } = response
    const { statusCode, headers } = message
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(headers['content-range'] ?? ''))
    const declared = /^\d{1,15}$/.test(headers['content-length'] ?? '')
      ? Number(headers['content-length'])
      : undefined
    let length
    if (statusCode === 416 && headers['content-range'] === 'bytes */0') length = 0
    else if (statusCode === 206 && range && range[1] === '0') length = Number(range[3])
    else if (statusCode === 200) length = declared
    else if (statusCode < 200 || statusCode >= 300) {
      message.destroy()
      this.#dispose()
      throw refusal('GET', response)
    }
    // Too big, or a length it does not say: the SDK's way, from the start.
    if (length === undefined || length > SMALL_BLOB_BYTES || (length > 0 && declared !== length)) {
      message.destroy()
      this.#dispose()
      return undefined
    }
    try {
      if (length === 0) message.resume()
      this.#fetched = length === 0 ? Buffer.alloc(0) : await readExactly(message, length)
    } catch (error) {
      throw withoutQuery(error, this.#target)
    } finally {
      this.#dispose()
    }
    return this.#fetched
  }

  async #get(offset, count, signal, onProgress) {
    if (signal?.aborted) throw abortError()
    const last = offset + count - 1
    this.#signal = signal
    let response
    try {
      response = await this.#client().get(this.#target.url.href, {
        Range: `bytes=${offset}-${last}`
      })
    } catch (error) {
      throw signal?.aborted ? abortError() : withoutQuery(error, this.#target)
    }
    const { message } = response
    const { statusCode, headers } = message
    if (statusCode < 200 || statusCode >= 300) {
      message.destroy()
      throw refusal('GET', response)
    }
    // 206 must be the range asked for; a 200 is the whole blob, which is the range only from 0.
    const range = headers['content-range']
    const wrongRange =
      statusCode === 206
        ? range !== undefined && !String(range).startsWith(`bytes ${offset}-${last}/`)
        : offset !== 0
    const declared = /^\d+$/.test(headers['content-length'] ?? '')
      ? Number(headers['content-length'])
      : undefined
    if (wrongRange || (declared !== undefined && declared !== count)) {
      message.destroy()
      throw new BlobRequestError(
        `Blob storage answered HTTP ${statusCode} with ${wrongRange ? `the range ${range ?? 'of the whole blob'}` : `${declared} bytes`}, not bytes ${offset}-${last}`,
        statusCode
      )
    }
    return readExactly(message, count, signal, onProgress).catch(error => {
      throw signal?.aborted ? abortError() : withoutQuery(error, this.#target)
    })
  }
}

/** The body, which must be `count` bytes: no more is read, less is an incomplete download. */
function readExactly(message, count, signal, onProgress) {
  return new Promise((resolve, reject) => {
    const body = Buffer.alloc(count)
    let received = 0
    let ended = false
    const fail = error => {
      signal?.removeEventListener('abort', onAbort)
      message.destroy()
      reject(error)
    }
    const onAbort = () => fail(abortError())
    signal?.addEventListener('abort', onAbort, { once: true })
    message.on('data', chunk => {
      if (received + chunk.length > count) {
        fail(new BlobRequestError(`Blob storage sent more than the ${count} bytes asked for`))
        return
      }
      chunk.copy(body, received)
      received += chunk.length
      onProgress?.({ loadedBytes: received })
    })
    message.on('end', () => {
      ended = true
      signal?.removeEventListener('abort', onAbort)
      if (received === count) resolve(body)
      else
        reject(
          new BlobRequestError(`Incomplete blob download: ${received} of ${count} bytes received`)
        )
    })
    message.on('error', fail)
    message.on('close', () => {
      if (!ended)
        fail(new BlobRequestError(`The blob download was cut off after ${received} bytes`))
    })
  })
}

class BlobClient extends OnDemandClient {
  constructor(url, ...rest) {
    super(url, real => new real.BlobClient(url, ...rest))
  }
  getBlockBlobClient() {
    // The real block client comes from the real BlobClient, with its credential and pipeline;
    // the stand-in credential keeps every call of this one on the SDK.
    const block = new BlockBlobClient(this.url, VIA_BLOB_CLIENT)
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
