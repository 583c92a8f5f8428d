export const id = 253;
export const ids = [253,683,64];
export const modules = {

/***/ 4431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Http: () => (/* binding */ Http)
});

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/common/url.ts
var url = __webpack_require__(3628);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/common/text.ts
var common_text = __webpack_require__(2450);
;// CONCATENATED MODULE: ./src/http/body.ts
// The body of a response read with bounded memory, whatever the server sends; optionally to a file.





/** Token, revocation and secret responses are small: a server sending more is broken or hostile. */
const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Reads the body with memory bounded by maxBodyBytes whatever the server sends: over it, either
 * the request fails (the socket is dropped unread) or, with bodyFile, the rest only goes to disk.
 */
async function readBody(message, request) {
    const keep = request.maxBodyBytes ?? MAX_BODY_BYTES;
    const file = request.bodyFile;
    // A HEAD answer declares the length of a body it does not send.
    const declared = request.method === 'HEAD' ? NaN : Number(message.headers['content-length']);
    // `length`: the size from Content-Length, before reading; else the limit was crossed mid-body.
    const tooLarge = (limit, what, length) => {
        message.destroy();
        const size = length === undefined
            ? `over the ${(0,common_text/* formatBytes */.z3)(limit)} limit ${what}; the rest was not read`
            : `${(0,common_text/* formatSize */.Xq)(length)} (Content-Length), over the ${(0,common_text/* formatBytes */.z3)(limit)} limit ${what}; it was not read`;
        return new errors/* ResponseTooLargeError */.by(`${request.label} to ${(0,url/* describeUrl */.Ng)(request.url)} failed: the response body is ${size}. No token endpoint or API the action is meant for answers this much: check the URL.`);
    };
    if (!file && Number.isFinite(declared) && declared > keep) {
        throw tooLarge(keep, 'for this response', declared);
    }
    if (file && Number.isFinite(declared) && declared > file.maxBytes) {
        throw tooLarge(file.maxBytes, `for ${file.input}`, declared);
    }
    const chunks = [];
    let kept = 0;
    let bytes = 0;
    const fd = file ? openBodyFile(file, message) : undefined;
    try {
        // Each chunk is in the file before the next is read: memory stays flat. The writes are
        // synchronous (a local file): async ones would start libuv's thread pool for them, a cost
        // measured on every run with an API call (README, Performance).
        await eachChunk(message, chunk => {
            bytes += chunk.length;
            if (fd !== undefined && file) {
                if (bytes > file.maxBytes) {
                    throw tooLarge(file.maxBytes, `for ${file.input}`);
                }
                writeWhole(fd, chunk, file);
            }
            else if (bytes > keep) {
                throw tooLarge(keep, 'for this response');
            }
            if (kept < keep) {
                const part = kept + chunk.length <= keep ? chunk : chunk.subarray(0, keep - kept);
                chunks.push(part);
                kept += part.length;
            }
        });
    }
    catch (error) {
        if (error instanceof errors/* ActionError */.lZ) {
            message.destroy();
            throw error;
        }
        throw Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' });
    }
    finally {
        if (fd !== undefined)
            (0,external_node_fs_.closeSync)(fd);
    }
    // A body cut short of its Content-Length ends without an error event on some Node versions.
    if (!message.complete) {
        throw Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' });
    }
    return { head: Buffer.concat(chunks), bytes };
}
/**
 * Hands each chunk of the body to `take` as it arrives; resolves when the body ends or the
 * connection closes (the caller tells the two apart by `complete`), rejects with the error of the
 * stream or the first one `take` throws, after which no chunk is taken. Events rather than
 * `for await`: the async iterator's machinery cost about 0.5 ms of every run, for one chunk.
 */
function eachChunk(message, take) {
    return new Promise((resolve, reject) => {
        const fail = (error) => {
            message.off('data', onData);
            reject(error);
        };
        const onData = (chunk) => {
            try {
                take(chunk);
            }
            catch (error) {
                fail(error);
            }
        };
        message.on('data', onData);
        message.once('end', () => resolve());
        message.once('close', () => resolve());
        message.on('error', fail);
    });
}
/** Created 0600, and made so if it already existed: the body may hold what the token can read. */
function openBodyFile(file, message) {
    let fd;
    try {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(file.path), { recursive: true });
        fd = (0,external_node_fs_.openSync)(file.path, 'w', 0o600);
        (0,external_node_fs_.fchmodSync)(fd, 0o600);
        return fd;
    }
    catch (error) {
        if (fd !== undefined)
            (0,external_node_fs_.closeSync)(fd);
        message.destroy();
        throw fileError(file, error);
    }
}
/** writeSync may write less than it is given (a full disk, a signal): the rest goes after it. */
function writeWhole(fd, chunk, file) {
    try {
        for (let at = 0; at < chunk.length;)
            at += (0,external_node_fs_.writeSync)(fd, chunk, at);
    }
    catch (error) {
        throw fileError(file, error);
    }
}
function fileError(file, error) {
    const code = error.code ?? String(error);
    return new errors/* ActionError */.lZ(`Could not write the response body to ${file.path} (${code}). Check ${file.input}: its folder must be writable by the runner.`);
}

;// CONCATENATED MODULE: ./src/http/network-errors.ts
// What a failed attempt looked like, in words for the person reading the failed job.
/** Our own deadline for one attempt (connect, send, read the last byte) ran out. */
class DeadlineError extends Error {
    code = 'DEADLINE';
}
function describeNetworkError(error, url, timeoutMs) {
    const code = error.code;
    const message = error instanceof Error ? error.message : String(error);
    // The toolkit's proxy tunnel reports a dead proxy as a reset: name the proxy, not the host.
    if (message.startsWith('tunneling socket could not be established')) {
        const cause = message.replace(/^tunneling socket could not be established,\s*/, '');
        return `the proxy from https_proxy/http_proxy could not open a tunnel to ${url.host} (${cause}). Check the proxy settings, or add the host to no_proxy`;
    }
    switch (code) {
        case 'DEADLINE':
            return `no complete answer within ${timeoutMs / 1000} s (timeout)`;
        case 'ENOTFOUND':
            return `the host name ${url.hostname} does not resolve (ENOTFOUND). Check base_url / token_url for a typo`;
        case 'ECONNREFUSED':
            return `connection refused by ${url.host} (ECONNREFUSED)`;
        case 'ECONNRESET':
            return `the connection was closed before the answer was complete (ECONNRESET)`;
        case undefined:
            return `network error (${error.message ?? String(error)})`;
        default:
            return `network error ${code}`;
    }
}

// EXTERNAL MODULE: ./src/http/retry-after.ts
var retry_after = __webpack_require__(202);
;// CONCATENATED MODULE: ./src/http/retry.ts
/** Pure decisions about transient failures; the loop that applies them lives in http.ts. */
// Its own module: the API call and the review pace polls by it without loading the decisions.

const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 10_000;
/** A provider asking us to wait longer than this is rate-limiting us for real: give up and say so. */
const MAX_RETRY_AFTER_MS = 60_000;
/** Status codes worth another attempt: the server may answer differently in a moment. */
function isTransientStatus(status) {
    return status === 408 || status === 429 || (status >= 500 && status <= 599);
}
const TRANSIENT_ERROR_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'ENETDOWN',
    'UND_ERR_SOCKET',
    'ERR_STREAM_PREMATURE_CLOSE',
    'HPE_INVALID_CONSTANT',
    'DEADLINE'
]);
/** Network failures that a second attempt can cure. ENOTFOUND is not one of them: it is a typo. */
function isTransientErrorCode(code) {
    return code !== undefined && TRANSIENT_ERROR_CODES.has(code);
}
/** Whether a failed attempt may have been processed by the server (matters under rotation). */
function mayHaveReachedServer(failure) {
    if (failure.status !== undefined)
        return failure.status !== 429 && failure.status !== 503;
    return (failure.code !== 'ECONNREFUSED' && failure.code !== 'EAI_AGAIN' && failure.code !== 'ENOTFOUND');
}
/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))). */
function backoffDelayMs(attempt, random = Math.random) {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
    return Math.floor(random() * ceiling);
}
/**
 * One request with all its retries and the waits between them (Retry-After included) ends within
 * timeout × max_attempts: the bound the README states for a token request or one poll.
 */
function chainLimitMs(settings) {
    return settings.timeoutMs * settings.maxAttempts;
}
/**
 * An attempt squeezed into less than this is not worth sending: half the timeout, at most 1 s.
 * A retry that would leave less than it before the chain's limit is not made.
 */
function minAttemptMs(timeoutMs) {
    return Math.min(1000, timeoutMs / 2);
}
/** The longest Retry-After that is still waited, given the time the chain has left. */
function retryAfterLimitMs(remainingMs, timeoutMs) {
    if (remainingMs === undefined)
        return MAX_RETRY_AFTER_MS;
    return Math.max(0, Math.min(MAX_RETRY_AFTER_MS, remainingMs - minAttemptMs(timeoutMs)));
}
/** Decides whether attempt `attempt` (1-based) that just failed is followed by another. */
function decideRetry(opts) {
    if (!opts.transient)
        return { retry: false, reason: 'not-transient' };
    const timeoutMs = opts.timeoutMs ?? Infinity;
    // Checked first: "asked to wait 120 s" is the useful message even on the last attempt.
    if (opts.retryAfterMs !== undefined &&
        opts.retryAfterMs > retryAfterLimitMs(opts.remainingMs, timeoutMs)) {
        return { retry: false, reason: 'retry-after-too-long' };
    }
    if (opts.attempt >= opts.maxAttempts)
        return { retry: false, reason: 'attempts-exhausted' };
    const backoff = backoffDelayMs(opts.attempt, opts.random);
    const delayMs = Math.max(backoff, opts.retryAfterMs ?? 0);
    if (opts.remainingMs !== undefined && opts.remainingMs - delayMs < minAttemptMs(timeoutMs)) {
        return { retry: false, reason: 'out-of-time' };
    }
    return { retry: true, delayMs };
}

;// CONCATENATED MODULE: ./src/http/client.ts







/** The one keep-alive client of the run: token request and API calls share its connections. */
class Http {
    settings;
    log;
    random;
    client;
    constructor(userAgent, settings, log = () => { }, random = Math.random) {
        this.settings = settings;
        this.log = log;
        this.random = random;
        this.client = new lib.HttpClient(userAgent, [], {
            keepAlive: true,
            // Redirects would resend credentials to wherever the Location points; a token endpoint or
            // API that redirects is misconfigured, and the status says so.
            allowRedirects: false,
            allowRetries: false,
            // Our own deadline (below) covers the whole exchange; this only backs it up.
            socketTimeout: settings.timeoutMs + 1000
        });
    }
    /** Sends with retries on transient failures; returns the last response, whatever its status. */
    async send(request) {
        let earlierAttemptMayHaveLanded = false;
        const { timeoutMs } = this.settings;
        // One bound for the request and all its retries and waits, not only for each attempt.
        const started = Date.now();
        const limitMs = chainLimitMs(this.settings);
        for (let attempt = 1;; attempt++) {
            let failure;
            let retryAfterMs;
            let response;
            // The last attempt gets what is left of the bound (decideRetry left room for a useful one).
            const attemptMs = Math.max(1, Math.min(timeoutMs, limitMs - (Date.now() - started)));
            try {
                response = await this.sendOnce(request, attemptMs);
                if (!isTransientStatus(response.status)) {
                    return { ...response, attempts: attempt, earlierAttemptMayHaveLanded };
                }
                const retryAfter = response.headers['retry-after'];
                retryAfterMs = (0,retry_after/* parseRetryAfterMs */.o)(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, Date.now());
                failure = { status: response.status, description: `HTTP ${response.status}` };
            }
            catch (error) {
                // Our own verdicts (a body over its limit, a file that cannot be written) are final.
                if (error instanceof errors/* ActionError */.lZ)
                    throw error;
                const code = error.code;
                failure = { code, description: describeNetworkError(error, request.url, timeoutMs) };
                if (!isTransientErrorCode(code)) {
                    throw new errors/* ActionError */.lZ(`${request.label} failed: ${failure.description}`);
                }
            }
            // Any response proves the request was sent; `unsent` only retries failures to connect.
            const transient = request.retry === 'always' ||
                (failure.status === undefined && !mayHaveReachedServer({ code: failure.code }));
            const remainingMs = limitMs - (Date.now() - started);
            const decision = decideRetry({
                attempt,
                maxAttempts: this.settings.maxAttempts,
                transient,
                retryAfterMs,
                random: this.random,
                remainingMs,
                timeoutMs
            });
            if (!decision.retry) {
                if (response) {
                    const tooLong = decision.reason === 'retry-after-too-long';
                    return {
                        ...response,
                        attempts: attempt,
                        earlierAttemptMayHaveLanded,
                        retryAfterMs: tooLong ? retryAfterMs : undefined,
                        retryAfterLimitMs: tooLong ? retryAfterLimitMs(remainingMs, timeoutMs) : undefined
                    };
                }
                const attempts = `${attempt} attempt${attempt === 1 ? '' : 's'}`;
                const why = decision.reason === 'attempts-exhausted'
                    ? `after ${attempts}`
                    : decision.reason === 'out-of-time'
                        ? `after ${attempts} in ${((Date.now() - started) / 1000).toFixed(1)} s (the limit for one request with its retries is timeout × max_attempts, ${limitMs / 1000} s)`
                        : '(not retried: the request may already have been processed)';
                throw new errors/* ActionError */.lZ(`${request.label} to ${(0,url/* describeUrl */.Ng)(request.url)} failed ${why}: ${failure.description}. Check that the service is reachable from the runner; raise max_attempts or timeout if it is slow.`);
            }
            if (mayHaveReachedServer(failure))
                earlierAttemptMayHaveLanded = true;
            this.log(`${request.label}: attempt ${attempt} of ${this.settings.maxAttempts} failed (${failure.description}); retrying in ${(decision.delayMs / 1000).toFixed(1)} s`);
            await (0,promises_.setTimeout)(decision.delayMs);
        }
    }
    /** One attempt under a deadline that covers connecting, sending and reading the last byte. */
    async sendOnce(request, deadlineMs) {
        let response;
        let timer;
        const deadline = new Promise((_, reject) => {
            timer = setTimeout(() => {
                // Tear the socket down so a hung or trickling server cannot keep the process alive.
                if (response)
                    response.message.destroy();
                else
                    this.client.getAgent(request.url.href).destroy();
                reject(new DeadlineError('deadline'));
            }, deadlineMs);
        });
        const exchange = (async () => {
            response = await this.client.request(request.method, request.url.href, request.body ?? null, request.headers);
            const { head, bytes } = await readBody(response.message, request);
            return {
                status: response.message.statusCode ?? 0,
                headers: response.message.headers,
                body: head,
                bodyBytes: bytes > head.length ? bytes : undefined
            };
        })();
        exchange.catch(() => { }); // the deadline may win the race; its loser must not go unhandled
        try {
            return await Promise.race([exchange, deadline]);
        }
        finally {
            clearTimeout(timer);
        }
    }
    /** Closes kept-alive sockets so the process can exit. */
    dispose() {
        this.client.dispose();
    }
}


/***/ }),

/***/ 202:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ parseRetryAfterMs)
/* harmony export */ });
/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
function parseRetryAfterMs(value, nowMs) {
    if (value === undefined)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - nowMs);
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
