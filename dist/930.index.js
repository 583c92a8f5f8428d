export const id = 930;
export const ids = [930];
export const modules = {

/***/ 1922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   Ic: () => (/* binding */ describeFailure),
/* harmony export */   PI: () => (/* binding */ TokenEndpointError),
/* harmony export */   VY: () => (/* binding */ MAX_ERROR_LENGTH),
/* harmony export */   by: () => (/* binding */ ResponseTooLargeError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   lZ: () => (/* binding */ ActionError)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2450);
// Part common: what every part shares: error values, text and JSON helpers, URL rules, the version. Imports nothing of ours.

/**
 * A failure explained for the person reading the failed job: what failed, why, and what to do.
 * Anything thrown that is not an ActionError is a bug and is reported as such.
 */
class ActionError extends Error {
    name = 'ActionError';
}
/** The token endpoint refused the request; `oauthError` is RFC 6749's `error` code, if any. */
class TokenEndpointError extends ActionError {
    oauthError;
    constructor(message, oauthError) {
        super(message);
        this.oauthError = oauthError;
    }
}
/** A response over the size this request may read; never retried. */
class ResponseTooLargeError extends ActionError {
}
/** Bad input, found before any request was sent. The message names the input and the fix. */
class InputError extends ActionError {
}
/** GitHub truncates annotations; keep the whole explanation visible. */
const MAX_ERROR_LENGTH = 1000;
/** Text cut to `max` characters and redacted (see `cut`). */
function clip(text, max) {
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .Jj)(text, max);
}
/** The message for the failed job: an ActionError as written, anything else as the bug it is. */
function describeFailure(error) {
    if (error instanceof ActionError)
        return error.message;
    const message = error instanceof Error ? error.message : String(error);
    return `Unexpected error: ${message}. This is a bug in the action; please report it with the step's log.`;
}


/***/ }),

/***/ 9927:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nm: () => (/* binding */ previewJson),
/* harmony export */   dw: () => (/* binding */ parseJsonObject),
/* harmony export */   s$: () => (/* binding */ jsonText)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2450);

/**
 * A body as JSON text. A leading UTF-8 byte order mark is dropped: some servers (often on Windows)
 * send one, RFC 8259 §8.1 lets a parser ignore it, and JSON.parse would refuse it.
 */
function jsonText(body) {
    const text = body.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
/** A response body as a JSON object, or undefined for anything else (not JSON, an array, null). */
function parseJsonObject(body) {
    try {
        const value = JSON.parse(jsonText(body));
        return value !== null && typeof value === 'object' && !Array.isArray(value)
            ? value
            : undefined;
    }
    catch {
        return undefined;
    }
}
/** A value as it appears in messages: JSON, cut short and redacted. */
function previewJson(value, max = 200) {
    // A long string shows only its start: quote that, not a copy of the whole (a 50 MiB value).
    const shown = typeof value === 'string' ? (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cutWindow */ .xx)(value, max) : value;
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .Jj)(shown === undefined ? 'null' : JSON.stringify(shown), max);
}


/***/ }),

/***/ 2450:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BP: () => (/* binding */ logLine),
/* harmony export */   Bq: () => (/* binding */ flatten),
/* harmony export */   Jj: () => (/* binding */ cut),
/* harmony export */   TD: () => (/* binding */ redactBeforeCutting),
/* harmony export */   Xq: () => (/* binding */ formatSize),
/* harmony export */   aj: () => (/* binding */ sanitize),
/* harmony export */   xx: () => (/* binding */ cutWindow),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/** Control characters (line breaks included) become one space each run: text stays on its line. */
function flatten(text, opts = {}) {
    // eslint-disable-next-line no-control-regex
    const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
    return opts.trim === false ? flat : flat.trim();
}
let redactBeforeCut = text => text;
/**
 * The entry point hands over its redactor once, before anything is cut. From then on every cut
 * in the action (`cut`, so `sanitize`, `clip` and `previewJson`) redacts first: a secret that
 * straddles a cut cannot leave a piece of itself behind. Secrets are a property of the job (the
 * runner masks for the whole job too), so this is one setting for the process, not a parameter
 * every message builder would have to pass along.
 */
function redactBeforeCutting(redact) {
    redactBeforeCut = redact;
}
/**
 * How far past a cut a text is still redacted: a secret straddling the cut is seen whole there,
 * and a longer one still leaves a piece the redactor catches as a fragment.
 */
const CUT_MARGIN = 1024;
/**
 * The part of `text` a cut to `max` characters can keep, with the margin above: what is redacted
 * and flattened instead of the whole text (redacting a whole 16 MiB text to keep 300 characters
 * of it took 0.7 s).
 */
function cutWindow(text, max) {
    return text.length > max + CUT_MARGIN ? text.slice(0, max + CUT_MARGIN) : text;
}
/**
 * Cut to `max` characters (the last one `…` when something was cut), redacted: the text is cut
 * to its window first, then redacted, then cut to `max`, so a secret straddling the cut leaves
 * nothing of itself. `redact` defaults to the one the entry point handed over.
 */
function cut(text, max, redact = redactBeforeCut) {
    const clean = redact(cutWindow(text, max));
    return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
/** Provider text is not ours: keep it on one line, redacted and short. */
function sanitize(text, max = 300) {
    return cut(flatten(cutWindow(text, max)), max);
}
/**
 * A line for the log that cannot be a workflow command: on one line, and not starting with `::`
 * (the runner reads a command only at the start of a line, after leading spaces).
 */
function logLine(text) {
    const flat = flatten(text);
    return flat.startsWith('::') ? `> ${flat}` : flat;
}
/** A limit as the README states it: 1 MiB, 16 MiB, 1 GiB (whole binary units where it can). */
function formatBytes(bytes) {
    for (const [unit, size] of [
        ['GiB', 1024 ** 3],
        ['MiB', 1024 ** 2]
    ]) {
        if (bytes >= size && Number.isInteger(bytes / size))
            return `${bytes / size} ${unit}`;
    }
    return formatSize(bytes);
}
/** A size as measured, to the byte: 600,000,000 bytes. */
function formatSize(bytes) {
    return `${bytes.toLocaleString('en-US')} bytes`;
}


/***/ }),

/***/ 3628:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ng: () => (/* binding */ describeUrl),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   cy: () => (/* binding */ parseSecureUrl),
/* harmony export */   we: () => (/* binding */ joinUrl)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1922);
// Pure URL rules that settings and the parts that send share: what may carry credentials, joining, printing.

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);
/**
 * 127.0.0.0/8, ::1 and localhost: the only hosts where plain http cannot leak a token.
 * `*.localhost` is not among them: RFC 6761 says such names should resolve to loopback, but they
 * go through the system resolver (and /etc/hosts), so one can point anywhere.
 */
function isLoopbackHost(hostname) {
    const host = hostname.toLowerCase();
    if (LOOPBACK_NAMES.has(host))
        return true;
    return /^127(\.\d{1,3}){3}$/.test(host);
}
/** Parses a URL input and refuses anything but https (loopback excepted), before any request. */
function parseSecureUrl(value, input) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input ${input} is not a valid URL ("${value}"). Give an absolute URL such as https://app.clayton.io.`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input ${input} must use https:// (got ${url.protocol}//${url.host}); plain http is only allowed for loopback addresses (127.0.0.0/8, [::1]) and localhost, because the request carries credentials.`);
    }
    if (url.username || url.password) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input ${input} must not contain user:password@; pass credentials through client_id and client_secret.`);
    }
    return url;
}
/**
 * Appends `path` to the base URL's own path, so `https://host/prefix` + `/oauth2/token`
 * is `https://host/prefix/oauth2/token` (plain `new URL(path, base)` would drop the prefix).
 */
function joinUrl(base, path) {
    const url = new URL(base.href);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
    url.search = '';
    url.hash = '';
    return url;
}
/** What may be printed about a URL: no query string (it can carry an authorization code). */
function describeUrl(url) {
    return `${url.origin}${url.pathname}`;
}


/***/ }),

/***/ 6808:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ readFileUpTo)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Reads a small file the action did not write itself (a restored archive, a job's token state)
 * with memory bounded by `maxBytes`: the size is checked on the open descriptor before anything
 * is read, and opening never blocks. Synchronous: a few hundred bytes, read while nothing else runs, and fs/promises would
 * cost more than the read. Undefined when the file cannot be opened (missing, or a link when
 * `noFollow`).
 */
function readFileUpTo(path, maxBytes, opts = {}) {
    let fd;
    try {
        // Non-blocking: opening a FIFO put in place of the file would otherwise wait for a writer
        // (until the job's timeout); it opens at once and is refused below as not a file.
        const flags = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK;
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, flags | (opts.noFollow ? node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW : 0));
    }
    catch {
        return undefined;
    }
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!stats.isFile())
            return { refused: 'not a file' };
        if (stats.size > maxBytes)
            return { refused: 'too large', size: stats.size };
        const data = Buffer.alloc(stats.size);
        let read = 0;
        while (read < data.length) {
            const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, data, read, data.length - read, read);
            if (n === 0)
                break;
            read += n;
        }
        return { data: data.subarray(0, read) };
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}


/***/ }),

/***/ 3791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ hkdf32),
/* harmony export */   Bw: () => (/* binding */ sealState),
/* harmony export */   Gf: () => (/* binding */ openState),
/* harmony export */   gP: () => (/* binding */ LINK_DIGITS),
/* harmony export */   hI: () => (/* binding */ encodeSealContext),
/* harmony export */   jg: () => (/* binding */ linkTag)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1922);


const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES;
/** Fixed and public: HKDF's salt separates this use of the client secret from any other. */
const HKDF_SALT = Buffer.from('clayton-oauth-action/token-state-seal');
/**
 * Length-prefixed fields, so no choice of values can make two contexts encode alike
 * (a plain `a|b|c` join would let `a|b` + `c` collide with `a` + `b|c`).
 */
function encodeSealContext(ctx) {
    const parts = ['token-state/v1', ctx.clientId, ctx.tokenUrl, ctx.scope].map(part => {
        const bytes = Buffer.from(part, 'utf8');
        const length = Buffer.alloc(4);
        length.writeUInt32BE(bytes.length);
        return Buffer.concat([length, bytes]);
    });
    return Buffer.concat(parts);
}
/**
 * Authenticated data: the version byte, the context and the cache key the state is saved under.
 * With the key in it, a genuine blob copied under another (newer) key does not open.
 */
function associatedData(version, context, cacheKey) {
    const key = Buffer.from(cacheKey, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(key.length);
    return Buffer.concat([version, context, length, key]);
}
/**
 * HKDF-SHA256 (RFC 5869) for a 32-byte key: extract, then the one expand block. The same bytes
 * as `crypto.hkdfSync('sha256', secret, salt, info, 32)` (a test holds them equal), from two
 * HMACs: hkdfSync first builds KeyObjects, whose machinery cost every refresh about 2 ms to load.
 */
function hkdf32(secret, salt, info) {
    const prk = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', salt).update(secret, 'utf8').digest();
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', prk)
        .update(info)
        .update(Buffer.from([1]))
        .digest();
}
function deriveKey(secret, context) {
    return hkdf32(secret, HKDF_SALT, context);
}
const LINK_SALT = Buffer.from('clayton-oauth-action/token-state-link');
const LINK_DIGITS = 16;
/**
 * A tag of the token a state was obtained with, for its cache key: a later run holding that
 * token finds the state that replaced it by prefix. Keyed by the client secret, so a key shows
 * nothing of the token and nobody without the secret can name a token's successor; decimal, as
 * the part of the key it sits in.
 */
function linkTag(secret, ctx, token) {
    const key = hkdf32(secret, LINK_SALT, encodeSealContext(ctx));
    const mac = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', key).update(token, 'utf8').digest();
    return (mac.readBigUInt64BE(0) % 10n ** BigInt(LINK_DIGITS)).toString().padStart(LINK_DIGITS, '0');
}
/** AES-256-GCM: version byte | 12-byte random nonce | ciphertext | 16-byte tag. */
function sealState(plaintext, secret, ctx, cacheKey) {
    // A key derived from an empty secret is public: anyone could read and forge the state.
    if (!secret)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ('Cannot encrypt the token state without client_secret.');
    const context = encodeSealContext(ctx);
    const header = Buffer.concat([Buffer.from([VERSION]), (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(NONCE_BYTES)]);
    const cipher = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createCipheriv)('aes-256-gcm', deriveKey(secret, context), header.subarray(1), {
        authTagLength: TAG_BYTES
    });
    // The context is also authenticated data: binding does not rest on the key derivation alone.
    cipher.setAAD(associatedData(header.subarray(0, 1), context, cacheKey));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, body, cipher.getAuthTag()]);
}
/** The plaintext, or undefined for anything not authentic under this secret, context and key. */
function openState(blob, secret, ctx, cacheKey) {
    if (!secret || blob.length < HEADER_BYTES + TAG_BYTES || blob[0] !== VERSION)
        return undefined;
    try {
        const context = encodeSealContext(ctx);
        const decipher = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createDecipheriv)('aes-256-gcm', deriveKey(secret, context), blob.subarray(1, HEADER_BYTES), { authTagLength: TAG_BYTES });
        decipher.setAAD(associatedData(blob.subarray(0, 1), context, cacheKey));
        decipher.setAuthTag(blob.subarray(blob.length - TAG_BYTES));
        return Buffer.concat([
            decipher.update(blob.subarray(HEADER_BYTES, blob.length - TAG_BYTES)),
            decipher.final()
        ]);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 1513:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TF: () => (/* binding */ claimPollDelayMs),
/* harmony export */   YK: () => (/* binding */ nextAfterClaim)
/* harmony export */ });
/* unused harmony export MAX_CLAIM_ROUNDS */
/** A chain of refreshes (no access token is shared, as with revoke) ends after this many. */
const MAX_CLAIM_ROUNDS = 20;
function nextAfterClaim(outcome, facts) {
    switch (outcome.kind) {
        case 'won':
        case 'unclaimed':
            return 'refresh';
        case 'successor':
            if (facts.successorReusable)
                return 'use-successor';
            // Its refresh token is the one to send now, and the other waiting jobs hold it too: the
            // next refresh is claimed like the first.
            return facts.round < MAX_CLAIM_ROUNDS ? 'claim-again' : afterNothing(facts);
        case 'gave-up':
            return afterNothing(facts);
    }
}
/**
 * Sending the token the winner may have spent is safe only where tokens do not rotate: there the
 * step refreshes itself. Where they rotate, it would look like a replay.
 */
function afterNothing(facts) {
    return facts.rotatesInput || facts.rotationSeen ? 'fail-closed' : 'refresh';
}
/**
 * Pause before each look for the winner's state: a refresh and a save take a second or two, so
 * the first looks are quick, then they double up to 5 s (a lookup is one request to the service).
 */
function claimPollDelayMs(poll) {
    return Math.min(250 * 2 ** poll, 5000);
}


/***/ }),

/***/ 7729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ parseState),
/* harmony export */   Rj: () => (/* binding */ fingerprint),
/* harmony export */   Sn: () => (/* binding */ stateFromTokenResult),
/* harmony export */   g1: () => (/* binding */ isReusable),
/* harmony export */   sU: () => (/* binding */ serializeState)
/* harmony export */ });
/* unused harmony export MAX_TIME_MS */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/** SHA-256 of a refresh token: enough to tell two apart, nothing to learn from. */
function fingerprint(refreshToken) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(refreshToken, 'utf8').digest('hex');
}
function serializeState(state) {
    // Listed field by field so nothing but the state itself can end up in the cache.
    const plain = {
        v: 1,
        accessToken: state.accessToken,
        tokenType: state.tokenType,
        expiresAtMs: state.expiresAtMs,
        scope: state.scope,
        refreshToken: state.refreshToken,
        inputFingerprint: state.inputFingerprint,
        savedAtMs: state.savedAtMs
    };
    return Buffer.from(JSON.stringify(plain), 'utf8');
}
/**
 * The state, or undefined for anything that is not a well-formed version 1 state. Whatever this
 * accepts, a later run must be able to use: times within the Date range, tokens that fit an HTTP
 * header, no control characters.
 */
function parseState(data) {
    let value;
    try {
        value = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
    }
    catch {
        return undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return undefined;
    const o = value;
    if (o.v !== 1 || !isText(o.scope) || !isTime(o.savedAtMs))
        return undefined;
    if (!optional(o.accessToken, isToken) || !optional(o.refreshToken, isToken))
        return undefined;
    if (!optional(o.tokenType, isToken) || !optional(o.expiresAtMs, isTime))
        return undefined;
    if (!optional(o.inputFingerprint, isToken))
        return undefined;
    return {
        v: 1,
        ...(o.accessToken !== undefined && { accessToken: o.accessToken }),
        ...(o.tokenType !== undefined && { tokenType: o.tokenType }),
        ...(o.expiresAtMs !== undefined && { expiresAtMs: o.expiresAtMs }),
        scope: o.scope,
        ...(o.refreshToken !== undefined && { refreshToken: o.refreshToken }),
        ...(o.inputFingerprint !== undefined && { inputFingerprint: o.inputFingerprint }),
        savedAtMs: o.savedAtMs
    };
}
/**
 * A cached access token is reused only with at least `minTtlMs` left, so the job using it does not
 * see it expire midway. One without a known expiry is never reused: it may already be dead.
 */
function isReusable(state, nowMs, minTtlMs) {
    return (state.accessToken !== undefined &&
        state.accessToken !== '' &&
        state.expiresAtMs !== undefined &&
        state.expiresAtMs - nowMs >= minTtlMs);
}
/**
 * The state to save after a token request. A response without a refresh token leaves the one sent
 * in force, so the chain keeps it. `includeAccessToken: false` when the token is revoked at the end
 * of this job: other jobs must not pick up a token that is about to die.
 */
function stateFromTokenResult(result, opts) {
    const refreshToken = result.refreshToken ?? opts.refreshTokenSent;
    const expiresAtMs = result.expiresIn === undefined ? undefined : opts.nowMs + result.expiresIn * 1000;
    return {
        v: 1,
        ...(opts.includeAccessToken && {
            accessToken: result.accessToken,
            tokenType: result.tokenType,
            ...(expiresAtMs !== undefined && { expiresAtMs })
        }),
        scope: result.scope,
        ...(refreshToken && { refreshToken }),
        ...(opts.inputRefreshToken && { inputFingerprint: fingerprint(opts.inputRefreshToken) }),
        savedAtMs: opts.nowMs
    };
}
function optional(value, check) {
    return value === undefined || check(value);
}
/** Printable ASCII (RFC 6749's VSCHAR): what a token request and an Authorization header carry. */
function isToken(value) {
    return typeof value === 'string' && /^[\x20-\x7e]+$/.test(value) && value.length <= 16_384;
}
function isText(value) {
    // eslint-disable-next-line no-control-regex
    return typeof value === 'string' && !/[\x00-\x1f\x7f-\x9f]/.test(value) && value.length <= 4096;
}
/** The last millisecond of the year 9999: dates after it are not printable as ISO 8601. */
const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
function isTime(value) {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TIME_MS;
}


/***/ }),

/***/ 3328:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run),
  runPost: () => (/* reexport */ runPost)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/common/text.ts
var common_text = __webpack_require__(2450);
;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = /*#__PURE__*/JSON.parse('{"UU":"clayton-oauth-action","rE":"1.0.0"}');
;// CONCATENATED MODULE: ./src/common/version.ts

/** Sent as User-Agent so providers can tell this action's traffic apart. */
const USER_AGENT = `${package_namespaceObject.UU}/${package_namespaceObject.rE}`;

;// CONCATENATED MODULE: ./src/http/on-demand.ts
/**
 * The client, loaded with the first request: its chunk brings @actions/http-client and Node's
 * https and tls, which a step that sends nothing (one served by an earlier step of the job)
 * never needs. One chunk, loaded once; every request goes through the same client.
 */
function httpOnDemand(userAgent, settings, log) {
    let client;
    let opened;
    return {
        async send(request) {
            client ??= Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(253)]).then(__webpack_require__.bind(__webpack_require__, 4431)).then(({ Http }) => (opened = new Http(userAgent, settings, log)));
            return (await client).send(request);
        },
        dispose() {
            opened?.dispose();
        }
    };
}

;// CONCATENATED MODULE: ./src/lifecycle/state.ts

/**
 * Everything passed from the main step to the post step. The runner runs `runs.post` (the same
 * bundle) at the end of the job with these values as STATE_* variables; index.ts reads the two
 * names below straight from the environment to decide what to load.
 */
const IS_POST = 'isPost';
const REVOKE_TOKEN = 'revokeAccessToken';
/** Called first thing in the main step, so the post step can never run the main work again. */
function markMainStepStarted() {
    core.saveState(IS_POST, 'true');
}
/** Only a token this step obtained: one from the cache or the access_token input is shared. */
function rememberTokenToRevoke(accessToken) {
    core.saveState(REVOKE_TOKEN, accessToken);
}
function tokenToRevoke() {
    return core.getState(REVOKE_TOKEN);
}

// EXTERNAL MODULE: ./src/common/url.ts
var url = __webpack_require__(3628);
// EXTERNAL MODULE: ./src/settings/api-settings.ts
var api_settings = __webpack_require__(5531);
;// CONCATENATED MODULE: ./src/settings/lifecycle-settings.ts


function parseLifecycleInputs(read, baseUrl, requestBoundMs) {
    const refreshTokenSecret = read('refresh_token_secret');
    const secretEnvironment = read('secret_environment');
    const githubToken = read('github_token');
    if (refreshTokenSecret && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(refreshTokenSecret)) {
        throw new errors/* InputError */.dz(`Input refresh_token_secret is "${refreshTokenSecret}", which is not a valid secret name: use letters, digits and _ (for example CLAYTON_REFRESH_TOKEN).`);
    }
    if (/^GITHUB_/i.test(refreshTokenSecret)) {
        throw new errors/* InputError */.dz(`Input refresh_token_secret is "${refreshTokenSecret}": secret names must not start with GITHUB_. Use for example CLAYTON_REFRESH_TOKEN.`);
    }
    if (secretEnvironment && !refreshTokenSecret) {
        throw new errors/* InputError */.dz('Input secret_environment is set but refresh_token_secret is empty: name the secret to update in that environment.');
    }
    const revokeUrl = read('revoke_url');
    return {
        cache: flag(read, 'cache'),
        cacheMinTtlMs: ttlSeconds(read('cache_min_ttl')) * 1000,
        refreshTokenSecret,
        secretEnvironment,
        githubToken,
        revoke: flag(read, 'revoke'),
        refreshTokenRotates: flag(read, 'refresh_token_rotates'),
        claimWaitMs: requestBoundMs,
        revokeUrl: revokeUrl
            ? (0,url/* parseSecureUrl */.cy)(revokeUrl, 'revoke_url')
            : (0,url/* joinUrl */.we)(baseUrl, '/oauth2/revoke')
    };
}
function flag(read, name) {
    const raw = read(name);
    const value = raw.toLowerCase();
    if (value === '' || value === 'false')
        return false;
    if (value === 'true')
        return true;
    throw new errors/* InputError */.dz(`Input ${name} is "${raw}"; it must be true or false.`);
}
function ttlSeconds(raw) {
    if (!raw)
        return 300;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value > 86_400) {
        throw new errors/* InputError */.dz(`Input cache_min_ttl is "${raw}"; it must be a whole number of seconds from 0 to 86400 (default 300).`);
    }
    return value;
}

// EXTERNAL MODULE: ./src/settings/input-reader.ts
var input_reader = __webpack_require__(5869);
;// CONCATENATED MODULE: ./src/settings/review-settings.ts



const KINDS = ['pull_request', 'branch', 'revision'];
const FAIL_ON = ['not_passed', 'warnings', 'never'];
const GATE_ON = ['result', 'status_check'];
const SEVERITIES = ['critical', 'error', 'warning'];
/** Inputs that mean nothing without `review`: set alone, they point at a forgotten `review:`. */
const REVIEW_ONLY = [
    'workspace',
    'project',
    'pull_request_number',
    'branch',
    'revision',
    'sarif_file',
    'review_policies',
    'review_fail_on_severity'
];
/** Path segments of the review API: ids as Code Reviews shows them, nothing that reshapes a URL. */
const ID = /^[A-Za-z0-9._~-]+$/;
/**
 * The provider's plugin polls every 150 s; a review takes minutes. Faster polling only loads the
 * service (tests against a loopback stand-in may go below).
 */
const MIN_POLL_INTERVAL_S = 5;
const SHA = /^[0-9a-f]{7,64}$/i;
/** Undefined when `review` is empty (no review). Everything is checked before any request. */
function parseReviewInputs(read, env, hasApiCall) {
    const raw = read('review');
    if (!raw) {
        const stray = REVIEW_ONLY.filter(name => read(name));
        if (stray.length > 0) {
            throw new errors/* InputError */.dz(`Input ${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but review is empty, so no review would run. Set review to pull_request, branch or revision.`);
        }
        return undefined;
    }
    const kind = (0,input_reader/* oneOf */.yL)(read, 'review', KINDS, 'pull_request');
    if (hasApiCall) {
        throw new errors/* InputError */.dz('Inputs review and api_url are both set, but a step makes one call: the review, or the API call. Run the API call in a second step (pass access_token: ${{ steps.<id>.outputs.access_token }}).');
    }
    const workspace = id(read, 'workspace', kind);
    const project = id(read, 'project', kind);
    const git = env.git ?? { eventName: '' };
    const settings = {
        kind,
        workspace,
        project,
        failOn: (0,input_reader/* oneOf */.yL)(read, 'review_fail_on', FAIL_ON, 'not_passed'),
        gateOn: (0,input_reader/* oneOf */.yL)(read, 'review_gate_on', GATE_ON, 'result'),
        policies: read('review_policies')
            .split(/[,\n]/)
            .map(title => title.trim())
            .filter(Boolean),
        failOnSeverity: severity(read),
        timeoutMs: (0,input_reader/* seconds */.YA)(read, 'review_timeout', 1800, 6 * 3600) * 1000,
        pollIntervalMs: pollInterval(read, env.baseUrl) * 1000,
        sarifFile: read('sarif_file') || `${env.runnerTemp}/clayton-review-${env.random}.sarif`
    };
    if (kind === 'pull_request') {
        settings.pullRequestNumber = pullRequestNumber(read, git);
        const revision = read('revision');
        if (revision)
            settings.headSha = sha(revision);
        // The event's head is this pull request's only when no other number was asked for.
        else if (settings.pullRequestNumber === git.pullRequestNumber)
            settings.headSha = git.headSha;
    }
    else {
        settings.branch = read('branch') || git.headRef || git.refName;
        if (!settings.branch) {
            throw new errors/* InputError */.dz(`Input review is ${kind} but branch is empty and this run has no branch (GITHUB_HEAD_REF and GITHUB_REF_NAME are empty). Set branch, e.g. branch: main.`);
        }
    }
    if (kind === 'revision') {
        const revision = read('revision') || git.headSha || git.sha;
        if (!revision) {
            throw new errors/* InputError */.dz('Input review is revision but revision is empty and this run has no commit (no pull request head in the event, GITHUB_SHA empty). Set revision to a commit sha.');
        }
        settings.revision = sha(revision);
        settings.headSha = settings.revision;
    }
    return settings;
}
function severity(read) {
    const raw = read('review_fail_on_severity');
    if (!raw)
        return undefined;
    const value = raw.toLowerCase();
    if (!SEVERITIES.includes(value)) {
        throw new errors/* InputError */.dz(`Input review_fail_on_severity is "${raw}"; it must be one of: ${SEVERITIES.join(', ')} (or empty for off).`);
    }
    return value;
}
function sha(revision) {
    if (!SHA.test(revision)) {
        throw new errors/* InputError */.dz(`Input revision is "${revision}", which is not a commit sha: give 7 to 64 hex digits, e.g. \${{ github.sha }}.`);
    }
    return revision;
}
function pollInterval(read, baseUrl) {
    const value = (0,input_reader/* seconds */.YA)(read, 'review_poll_interval', 15, 3600);
    if (value < MIN_POLL_INTERVAL_S && !(0,url/* isLoopbackHost */.cW)(baseUrl.hostname)) {
        throw new errors/* InputError */.dz(`Input review_poll_interval is "${read('review_poll_interval')}"; it must be at least ${MIN_POLL_INTERVAL_S} seconds: a review takes minutes, and Code Reviews' own plugin polls every 150 s.`);
    }
    return value;
}
function id(read, name, kind) {
    const value = read(name);
    if (!value) {
        throw new errors/* InputError */.dz(`Input ${name} is empty, and review: ${kind} needs it: give the ${name} id Code Reviews shows in its URLs (app.clayton.io/workspaces/<workspace>/projects/<project>).`);
    }
    if (!ID.test(value)) {
        throw new errors/* InputError */.dz(`Input ${name} is "${value}"; it must be the ${name} id (letters, digits, - _ . ~), as in app.clayton.io/workspaces/<workspace>/projects/<project>.`);
    }
    return value;
}
function pullRequestNumber(read, git) {
    const raw = read('pull_request_number');
    if (raw) {
        if (!/^[1-9]\d{0,9}$/.test(raw)) {
            throw new errors/* InputError */.dz(`Input pull_request_number is "${raw}"; it must be a pull request number such as 42.`);
        }
        return Number(raw);
    }
    if (git.pullRequestNumber !== undefined)
        return git.pullRequestNumber;
    throw new errors/* InputError */.dz(`Input review is pull_request, but pull_request_number is empty and this run is not for a pull request (event ${git.eventName || 'unknown'}). Run the step on pull_request events, set pull_request_number, or use review: branch.`);
}

// EXTERNAL MODULE: ./src/settings/origins.ts
var origins = __webpack_require__(7586);
;// CONCATENATED MODULE: ./src/settings/inputs.ts
// Part settings: every reader of inputs and the runner environment; typed settings out, nothing sent.








/** Inputs whose values are secrets: masked before anything else happens. */
const SECRET_INPUTS = [
    'client_secret',
    'refresh_token',
    'code',
    'access_token',
    'github_token'
];
const CLIENT_AUTH_VALUES = ['client_secret_post', 'client_secret_basic'];
/**
 * Turns raw inputs into typed settings. Missing credentials are decided first (a fork pull
 * request skips, or fails explaining forks, whatever else is empty); then everything that does
 * not depend on a secret is checked before any request.
 */
function parseInputs(read, env) {
    const onMissing = (0,input_reader/* oneOf */.yL)(read, 'on_missing_credentials', ['fail', 'skip'], 'fail');
    // Decided first: on a fork pull request GitHub passes neither secrets nor variables (vars.*),
    // so the inputs built from variables are empty too, and the first thing to say is why.
    const missing = missingCredentials(read);
    if (missing.length > 0) {
        return {
            kind: 'missing-credentials',
            detail: { missing, skip: onMissing === 'skip', review: read('review') !== '' }
        };
    }
    const baseUrl = (0,url/* parseSecureUrl */.cy)((0,input_reader/* required */.mw)(read, 'base_url'), 'base_url');
    // token_url and revoke_url carry the client credentials: the same origin rule as api_url.
    const trusted = (0,origins/* parseTrustedOrigins */._)(read('trusted_origins'));
    const tokenUrlInput = read('token_url');
    const tokenUrl = tokenUrlInput
        ? (0,origins/* requireTrustedOrigin */.H)((0,url/* parseSecureUrl */.cy)(tokenUrlInput, 'token_url'), 'token_url', baseUrl, trusted, 'the client credentials and the refresh token')
        : (0,url/* joinUrl */.we)(baseUrl, '/oauth2/token');
    const auth = (0,input_reader/* oneOf */.yL)(read, 'client_auth', CLIENT_AUTH_VALUES, 'client_secret_post');
    const timeoutMs = (0,input_reader/* positiveNumber */.Ly)(read, 'timeout', 30, { max: 3600 }) * 1000;
    const maxAttempts = (0,input_reader/* positiveNumber */.Ly)(read, 'max_attempts', 4, { integer: true, max: 20 });
    const exportEnv = read('export_env');
    validateEnvName(exportEnv);
    const code = read('code');
    const redirectUri = code ? (0,input_reader/* required */.mw)(read, 'redirect_uri') : read('redirect_uri');
    const api = (0,api_settings/* parseApiInputs */.l0)(read, baseUrl, env);
    const review = parseReviewInputs(read, { ...env, baseUrl }, api !== undefined);
    const trustedOrigins = new Set([baseUrl.origin, ...trusted]);
    const lifecycle = parseLifecycleInputs(read, baseUrl, timeoutMs * maxAttempts);
    if (read('revoke_url')) {
        (0,origins/* requireTrustedOrigin */.H)(lifecycle.revokeUrl, 'revoke_url', baseUrl, trusted, 'the access token and the client credentials');
    }
    const http = { timeoutMs, maxAttempts };
    const accessToken = read('access_token');
    if (accessToken) {
        validateAccessToken(accessToken);
        // A handed-over token needs no client credentials: a second step reusing the first one's.
        return {
            kind: 'ready',
            settings: {
                baseUrl,
                credential: { kind: 'input', accessToken },
                http,
                exportEnv,
                api,
                review,
                trustedOrigins
            }
        };
    }
    const clientId = read('client_id');
    const clientSecret = read('client_secret');
    const refreshToken = read('refresh_token');
    // The code wins over a stored refresh token: a person running the bootstrap means to exchange it.
    const grant = code
        ? { type: 'authorization_code', code, redirectUri }
        : { type: 'refresh_token', refreshToken };
    return {
        kind: 'ready',
        settings: {
            baseUrl,
            credential: {
                kind: 'request',
                token: {
                    client: { id: clientId, secret: clientSecret, auth },
                    grant,
                    tokenUrl,
                    scope: parseScope(read('scope'))
                },
                lifecycle
            },
            http,
            exportEnv,
            api,
            review,
            trustedOrigins
        }
    };
}
/** The secrets the step needs to request a token, by input name; none when access_token is set. */
function missingCredentials(read) {
    if (read('access_token'))
        return [];
    return [
        ...(read('client_id') ? [] : ['client_id']),
        ...(read('client_secret') ? [] : ['client_secret']),
        ...(read('refresh_token') || read('code') ? [] : ['refresh_token']),
        ...(read('refresh_token_secret') && !read('github_token') ? ['github_token'] : [])
    ];
}
/** `auto` (the default) leaves the choice to the grant; see TokenSettings.scope. */
const AUTO_SCOPE = 'auto';
function parseScope(raw) {
    return raw === AUTO_SCOPE ? undefined : raw;
}
function validateEnvName(name) {
    if (!name)
        return;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        throw new errors/* InputError */.dz(`Input export_env is "${name}", which is not a valid environment variable name: use letters, digits and _ (for example CLAYTON_TOKEN).`);
    }
    const why = reservedEnvName(name);
    if (why) {
        throw new errors/* InputError */.dz(`Input export_env is "${name}": ${why}, so setting it to the access token would change how later steps run. Choose another name, for example CLAYTON_TOKEN.`);
    }
}
/**
 * Names that change how later steps run: the shell, the dynamic linker, interpreters, git, TLS and
 * proxies, the runner. Compared upper-cased, because Windows runners ignore case. Undefined when
 * the name is free.
 */
const RESERVED_ENV_NAMES = new Set([
    'PATH',
    'HOME',
    'SHELL',
    'TMPDIR',
    'TEMP',
    'TMP',
    'ENV',
    'BASH_ENV',
    'BASHOPTS',
    'SHELLOPTS',
    'CDPATH',
    'GLOBIGNORE',
    'IFS',
    'PS4',
    'PROMPT_COMMAND',
    'NODE_OPTIONS',
    'NODE_PATH',
    'NODE_EXTRA_CA_CERTS',
    'NODE_TLS_REJECT_UNAUTHORIZED',
    'PYTHONPATH',
    'PYTHONSTARTUP',
    'PYTHONHOME',
    'PERL5LIB',
    'PERL5OPT',
    'PERLLIB',
    'RUBYOPT',
    'RUBYLIB',
    'JAVA_TOOL_OPTIONS',
    '_JAVA_OPTIONS',
    'JDK_JAVA_OPTIONS',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'CURL_CA_BUNDLE',
    'REQUESTS_CA_BUNDLE',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'ALL_PROXY',
    'NO_PROXY',
    'CI'
]);
const RESERVED_ENV_PREFIXES = [
    'GITHUB_',
    'RUNNER_',
    'ACTIONS_',
    'LD_',
    'DYLD_',
    'BASH_FUNC_',
    'GIT_'
];
function reservedEnvName(name) {
    const upper = name.toUpperCase();
    const prefix = RESERVED_ENV_PREFIXES.find(start => upper.startsWith(start));
    if (prefix)
        return `names starting with ${prefix} are reserved`;
    if (RESERVED_ENV_NAMES.has(upper))
        return `${upper} is reserved`;
    return undefined;
}
/** The token goes into an Authorization header: Node would refuse it only after the refresh. */
function validateAccessToken(token) {
    if (/[\r\n]/.test(token)) {
        throw new errors/* InputError */.dz("Input access_token contains a line break. Pass exactly one token, the value of an earlier step's access_token output, and check that the secret or expression holds nothing else.");
    }
    // The value is a secret: name the kind of character, never the character itself.
    const bad = (0,api_settings/* findBadHeaderCharacter */.Rp)(token);
    if (bad) {
        throw new errors/* InputError */.dz(`Input access_token contains ${bad.startsWith('the control') ? 'a control character' : 'a character beyond Latin-1'}, which an Authorization header cannot carry. Pass exactly one token, the value of an earlier step's access_token output.`);
    }
}

// EXTERNAL MODULE: ./src/common/json.ts
var json = __webpack_require__(9927);
;// CONCATENATED MODULE: ./src/token/oauth-errors.ts

/** The fix for each OAuth error a person can act on. */
function explainTokenError(ctx) {
    const head = [
        `Token request failed: HTTP ${ctx.status}`,
        ctx.error ? ` ${(0,common_text/* sanitize */.aj)(ctx.error, 60)}` : '',
        ctx.description ? ` (${(0,common_text/* sanitize */.aj)(ctx.description)})` : '',
        ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '',
        '.'
    ].join('');
    return `${head} ${advice(ctx)}`;
}
function advice(ctx) {
    const otherAuth = ctx.clientAuth === 'client_secret_post' ? 'client_secret_basic' : 'client_secret_post';
    switch (ctx.error) {
        case 'invalid_grant':
            if (ctx.grant === 'authorization_code') {
                return 'The authorization code is invalid, expired or already used, or redirect_uri differs from the one used at consent. Codes are single-use and short-lived: consent again in the browser and run the exchange right away.';
            }
            return [
                'The refresh token is expired, revoked or already used.',
                'Repeat the consent in the browser, exchange the new code (README: One-time setup) and update the secret that holds refresh_token.',
                ctx.earlierAttemptMayHaveLanded
                    ? 'An earlier attempt of this step failed after reaching the provider and its answer was lost: a provider that rotates refresh tokens may have consumed the token then.'
                    : 'If the provider rotates refresh tokens, the token is spent after one use: store the new one each time (see refresh_token_rotated).'
            ].join(' ');
        case 'invalid_client': {
            const usual = `The provider did not accept the client credentials: check client_id and client_secret (the OAuth app's values), and client_auth (now ${ctx.clientAuth}; the provider may expect ${otherAuth}).`;
            // RFC 6749 §2.3.1 says to form-encode before Basic, and we do; not every server decodes.
            return ctx.clientAuth === 'client_secret_basic' && ctx.secretChangesWhenEncoded
                ? `${usual} client_secret has characters that form-encoding changes (such as + / = % or a space): RFC 6749 §2.3.1 has them encoded before Basic authentication, and this action does so, but some servers compare them undecoded. Try client_auth: client_secret_post.`
                : usual;
        }
        case 'unauthorized_client':
            return `This client may not use the ${ctx.grant} grant: enable it in the OAuth app's settings.`;
        case 'invalid_scope':
            return `The provider refused the scope "${ctx.scope}": set scope to what the app was granted, or to '' to omit it.`;
        case 'unsupported_grant_type':
            return `The endpoint does not support the ${ctx.grant} grant: check token_url.`;
        case 'invalid_request':
            return 'The provider rejected the request as malformed: check token_url, client_auth and scope.';
    }
    if (ctx.retryAfterMs !== undefined) {
        const asked = `The provider asked to wait ${Math.ceil(ctx.retryAfterMs / 1000)} s (Retry-After)`;
        const limit = ctx.retryAfterLimitMs ?? 60_000;
        if (limit >= 60_000)
            return `${asked}, more than this step waits (60 s): run the job again later.`;
        return `${asked}, more than this request could still wait (${Math.floor(limit / 1000)} s; a request with its retries ends within timeout × max_attempts): run the job again later, or raise timeout or max_attempts.`;
    }
    if (ctx.status === 429 || ctx.status >= 500) {
        return 'The provider is failing or rate-limiting; this is usually temporary: re-run the job, or raise max_attempts.';
    }
    if (ctx.status >= 300 && ctx.status < 400) {
        return 'The token endpoint answered with a redirect, which this action does not follow (it would resend credentials): set base_url or token_url to the final address.';
    }
    if (ctx.status === 404 || ctx.status === 405) {
        return 'Nothing answers token requests at that address: check base_url and token_url.';
    }
    if (ctx.status === 401 || ctx.status === 403) {
        return 'The provider refused the client: check client_id, client_secret and client_auth.';
    }
    return 'Check base_url, token_url and the client credentials.';
}

;// CONCATENATED MODULE: ./src/token/token-client.ts
// Part token: the OAuth token request (grants as data, client authentication), its response and errors.



/**
 * Ten years: longer than any provider means, short enough that every date computed from it is
 * valid (a value past the Date range ended the step after the token was issued).
 */
const MAX_EXPIRES_IN_S = 10 * 365 * 24 * 60 * 60;
const formEncode = (value) => new URLSearchParams({ v: value }).toString().slice(2);
/** The HTTP Basic credential of RFC 6749 §2.3.1 (each part form-urlencoded first). */
function basicCredential(id, secret) {
    return Buffer.from(`${formEncode(id)}:${formEncode(secret)}`).toString('base64');
}
/**
 * Adds the client's credentials the way client_auth says: token and revocation requests alike.
 * RFC 6749 §2.3: a client must not use more than one authentication method per request.
 */
function authenticateClient(client, form, headers) {
    if (client.auth === 'client_secret_basic') {
        headers.Authorization = `Basic ${basicCredential(client.id, client.secret)}`;
    }
    else {
        form.set('client_id', client.id);
        form.set('client_secret', client.secret);
    }
}
/**
 * The scope a request carries. By default the seed's requests: a refresh sends none (RFC 6749 §6:
 * the scope granted at consent), the code exchange sends `workspace` as the provider documents.
 */
function requestedScope(settings) {
    if (settings.scope !== undefined)
        return settings.scope;
    return settings.grant.type === 'authorization_code' ? 'workspace' : '';
}
/** Grants as data: one request shape, two grant types, two ways to authenticate the client. */
function buildTokenRequest(settings) {
    const form = new URLSearchParams();
    const url = new URL(settings.tokenUrl.href);
    const { grant, client } = settings;
    if (grant.type === 'refresh_token') {
        form.set('grant_type', 'refresh_token');
        form.set('refresh_token', grant.refreshToken);
    }
    else {
        form.set('grant_type', 'authorization_code');
        // The provider documents `code` in the query string; RFC 6749 puts it in the body. Both
        // kinds of server accept the request when it is in both places.
        url.searchParams.set('code', grant.code);
        form.set('code', grant.code);
        form.set('redirect_uri', grant.redirectUri);
    }
    const scope = requestedScope(settings);
    if (scope)
        form.set('scope', scope);
    const headers = {
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded'
    };
    authenticateClient(client, form, headers);
    return {
        method: 'POST',
        url,
        headers,
        body: form.toString(),
        label: 'Token request',
        retry: 'always'
    };
}
async function requestToken(http, settings, mask, debug = () => { }) {
    const response = await http.send(buildTokenRequest(settings));
    return interpretTokenResponse(response, settings, mask, debug);
}
/** Masks every token in the body before anything else looks at it, then checks the answer. */
function interpretTokenResponse(response, settings, mask, debug = () => { }) {
    const parsed = (0,json/* parseJsonObject */.dw)(response.body);
    if (parsed)
        maskTokenFields(parsed, mask);
    if (response.status < 200 || response.status > 299) {
        const error = typeof parsed?.error === 'string' ? parsed.error : undefined;
        const description = typeof parsed?.error_description === 'string' ? parsed.error_description : undefined;
        throw new errors/* TokenEndpointError */.PI(explainTokenError({
            status: response.status,
            error,
            description,
            grant: settings.grant.type,
            clientAuth: settings.client.auth,
            secretChangesWhenEncoded: formEncode(settings.client.secret) !== settings.client.secret,
            scope: requestedScope(settings),
            attempts: response.attempts,
            earlierAttemptMayHaveLanded: response.earlierAttemptMayHaveLanded,
            retryAfterMs: response.retryAfterMs,
            retryAfterLimitMs: response.retryAfterLimitMs
        }), error);
    }
    if (!parsed) {
        throw new errors/* ActionError */.lZ(`Token request failed: HTTP ${response.status} with a body that is not a JSON object (${response.body.length} bytes, ${contentType(response)}); the body is not shown because it may hold credentials. Check token_url: it should be the provider's OAuth token endpoint.`);
    }
    const accessToken = parsed.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
        throw new errors/* ActionError */.lZ(`Token request failed: HTTP ${response.status} but the response has no access_token (fields: ${Object.keys(parsed).join(', ') || 'none'}). Check token_url: it should be the provider's OAuth token endpoint.`);
    }
    const expiresIn = readExpiresIn(parsed.expires_in, debug);
    const refreshToken = typeof parsed.refresh_token === 'string' && parsed.refresh_token !== ''
        ? parsed.refresh_token
        : undefined;
    const sent = settings.grant.type === 'refresh_token' ? settings.grant.refreshToken : undefined;
    return {
        accessToken,
        tokenType: typeof parsed.token_type === 'string' ? parsed.token_type : 'Bearer',
        expiresIn,
        scope: typeof parsed.scope === 'string' ? parsed.scope : requestedScope(settings),
        refreshToken,
        source: settings.grant.type === 'refresh_token' ? 'refresh' : 'code',
        rotated: sent !== undefined && refreshToken !== undefined && refreshToken !== sent
    };
}
const TOKEN_FIELDS = ['access_token', 'refresh_token', 'id_token'];
function maskTokenFields(body, mask) {
    for (const field of TOKEN_FIELDS) {
        const value = body[field];
        if (typeof value === 'string' && value !== '')
            mask(value);
    }
}
function readExpiresIn(value, debug) {
    const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof seconds !== 'number' || Number.isNaN(seconds) || seconds < 0)
        return undefined;
    if (seconds > MAX_EXPIRES_IN_S) {
        debug(`The token response's expires_in (${String(seconds).slice(0, 40)} s) is longer than ten years: taken as ${MAX_EXPIRES_IN_S} s.`);
        return MAX_EXPIRES_IN_S;
    }
    return Math.floor(seconds);
}
function contentType(response) {
    const type = response.headers['content-type'];
    return type ? `Content-Type ${String(type).split(';')[0]}` : 'no Content-Type';
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/lifecycle/bounded-file.ts
var bounded_file = __webpack_require__(6808);
// EXTERNAL MODULE: ./src/lifecycle/sealing.ts
var sealing = __webpack_require__(3791);
// EXTERNAL MODULE: ./src/lifecycle/token-state.ts
var token_state = __webpack_require__(7729);
;// CONCATENATED MODULE: ./src/lifecycle/job-token-store.ts






/** A sealed state is a few hundred bytes; anything much larger was not written by this store. */
const MAX_JOB_STATE_BYTES = 64 * 1024;
/** More successors than any job makes (one per refresh); a bound on the files one restore opens. */
const MAX_JOB_CHAIN = 256;
const NAME_SALT = Buffer.from('clayton-oauth-action/job-token-store');
/**
 * Hands the token state from one step of a job to the next, whether the Actions cache is on or
 * off: a later step with the same client, token endpoint and scope reuses the access token while
 * it has cache_min_ttl left, and otherwise refreshes with the newest refresh token of the chain.
 *
 * Each state is filed under the refresh token it replaced: the file name is a keyed hash of that
 * token (nothing to learn from it, and nobody without the client secret can name a token's
 * successor), and the sealing binds the state to that name. A step starts from the refresh
 * tokens it holds and follows successors, so a file can only move it forward: a copy of an old
 * state put back in place still names its own successor, which the step then reads too. And a
 * token whose successor's name exists is never sent again, even when what is there does not open.
 *
 * Every failure to read or write is a miss, never an error: the step then does what it would
 * have done without it. Opening never blocks (a FIFO in place of a file is refused, not waited on).
 */
function createJobTokenStore(opts) {
    const nameKey = (0,sealing/* hkdf32 */.$U)(opts.secret, NAME_SALT, (0,sealing/* encodeSealContext */.hI)(opts.context));
    const nameOf = (token) => `clayton-oauth-job-${(0,external_node_crypto_.createHmac)('sha256', nameKey).update(token, 'utf8').digest('hex').slice(0, 32)}`;
    const spent = new Set();
    /** The state filed as the successor of `token`: absent, or present but not usable. */
    function successor(token) {
        const name = nameOf(token);
        const read = (0,bounded_file/* readFileUpTo */.N)((0,external_node_path_.join)(opts.runnerTemp, name), MAX_JOB_STATE_BYTES, {
            noFollow: true
        });
        if (read === undefined)
            return 'absent';
        const plaintext = 'data' in read ? (0,sealing/* openState */.Gf)(read.data, opts.secret, opts.context, name) : undefined;
        const state = plaintext && (0,token_state/* parseState */.Bu)(plaintext);
        return state ? { state } : 'unusable';
    }
    return {
        restore(tokens) {
            for (const start of new Set(tokens)) {
                if (start === undefined)
                    continue;
                let token = start;
                let newest;
                for (let step = 0;; step++) {
                    if (step === MAX_JOB_CHAIN) {
                        opts.log.debug(`More than ${MAX_JOB_CHAIN} token states follow one another in this job; not using any.`);
                        return undefined;
                    }
                    const next = successor(token);
                    if (next === 'absent')
                        break;
                    if (next === 'unusable') {
                        spent.add(token);
                        opts.log.debug('An earlier step of this job exchanged the refresh token this step would send, but the state it left does not open: ignored, and that token is not sent.');
                        break;
                    }
                    newest = next.state;
                    const advanced = newest.refreshToken !== undefined && newest.refreshToken !== token;
                    if (!advanced)
                        break;
                    spent.add(token);
                    token = newest.refreshToken;
                }
                if (newest) {
                    opts.log.debug('Found the token state an earlier step of this job left.');
                    return newest;
                }
            }
            return undefined;
        },
        save(state, spentToken) {
            const name = nameOf(spentToken);
            const path = (0,external_node_path_.join)(opts.runnerTemp, name);
            const temporary = `${path}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
            try {
                const blob = (0,sealing/* sealState */.Bw)((0,token_state/* serializeState */.sU)(state), opts.secret, opts.context, name);
                (0,external_node_fs_.writeFileSync)(temporary, blob, { mode: 0o600, flag: 'wx' });
                // A rename, so a later step never reads half a file.
                (0,external_node_fs_.renameSync)(temporary, path);
                return true;
            }
            catch (error) {
                (0,external_node_fs_.rmSync)(temporary, { force: true });
                opts.log.debug(`Could not leave the token state for later steps of this job (${error.code ?? 'error'}).`);
                return false;
            }
        },
        knownSpent: token => spent.has(token)
    };
}

// EXTERNAL MODULE: ./src/lifecycle/single-flight.ts
var single_flight = __webpack_require__(1513);
;// CONCATENATED MODULE: ./src/lifecycle/token-lifecycle.ts
// Part lifecycle: where the refresh chain lives between runs: cache, sealing, secret write-back, revocation.



/**
 * The order the lifecycle issue lays down: a stored access token with enough life left; else a
 * refresh with the newest refresh token known (the job's or the cache's, then the input's once
 * more if that one is refused); then save the new state, and store a newly issued refresh token.
 * A refresh token either store knows was exchanged already is never sent.
 */
async function obtainToken(settings, lifecycle, deps) {
    const { grant } = settings;
    let stored;
    let candidates = [undefined];
    // A code exchange never reads the stores: the person is bootstrapping on purpose.
    if (grant.type === 'refresh_token') {
        for (let round = 1;; round++) {
            const cached = deps.cache && (await deps.cache.restore(grant.refreshToken));
            // From the cache's token first: a successor this job filed for it is newer than the entry.
            const job = deps.job?.restore([cached?.refreshToken, grant.refreshToken]);
            for (const state of [cached, job]) {
                deps.mask(state?.accessToken ?? '');
                deps.mask(state?.refreshToken ?? '');
            }
            stored = newestStored({ job, cached }, token => isSpent(deps, token));
            if (stored &&
                !predatesInput(stored.state, grant.refreshToken) &&
                (0,token_state/* isReusable */.g1)(stored.state, deps.now(), lifecycle.cacheMinTtlMs)) {
                return { token: fromStore(stored.state, deps.now(), stored.from), savedTo: [] };
            }
            candidates = unspentCandidates(grant, stored?.state, deps);
            if (!deps.cache?.claim)
                break;
            // Other jobs of this run may be about to send the same refresh token: one of them does.
            const claim = await deps.cache.claim(candidates[0] ?? grant.refreshToken);
            const successor = claim.kind === 'successor' ? claim.state : undefined;
            deps.mask(successor?.accessToken ?? '');
            deps.mask(successor?.refreshToken ?? '');
            const next = (0,single_flight/* nextAfterClaim */.YK)(claim, {
                rotatesInput: lifecycle.refreshTokenRotates,
                rotationSeen: deps.cache.rotationSeen?.() ?? false,
                successorReusable: successor !== undefined && (0,token_state/* isReusable */.g1)(successor, deps.now(), lifecycle.cacheMinTtlMs),
                round
            });
            if (next === 'use-successor' && successor) {
                return { token: fromStore(successor, deps.now(), 'cache'), savedTo: [] };
            }
            if (next === 'fail-closed')
                throw claimedElsewhere(lifecycle);
            if (next === 'refresh') {
                if (claim.kind === 'gave-up') {
                    deps.log.info(`The job that claimed the refresh saved no token state within ${Math.round(claim.waitedMs / 1000)} s; refreshing here (this provider has not been seen rotating refresh tokens, so sending the same one is safe).`);
                }
                break;
            }
        }
    }
    else {
        candidates = unspentCandidates(grant, undefined, deps);
    }
    const isJob = stored?.from === 'job';
    const from = isJob ? 'an earlier step of this job' : 'the cache';
    let token;
    let sent;
    for (const [index, candidate] of candidates.entries()) {
        const attempt = candidate
            ? { ...settings, grant: { type: 'refresh_token', refreshToken: candidate } }
            : settings;
        try {
            token = await deps.requestToken(attempt);
            sent = attempt.grant.type === 'refresh_token' ? attempt.grant.refreshToken : undefined;
            break;
        }
        catch (error) {
            const last = index === candidates.length - 1;
            if (last || !(error instanceof errors/* TokenEndpointError */.PI) || error.oauthError !== 'invalid_grant') {
                throw error;
            }
            deps.log.info(candidate === stored?.state.refreshToken
                ? `The refresh token from ${from} was refused (invalid_grant); trying the refresh_token input once, in case the secret was updated.`
                : `The refresh_token input was refused (invalid_grant); trying the one from ${from} once.`);
        }
    }
    if (!token)
        throw new Error('unreachable: no token and no error');
    const savedTo = [];
    let secretError;
    const nowMs = deps.now();
    // First and always: later steps of this job must never send the token just spent.
    if (deps.job && sent !== undefined) {
        // The job's files are found from the token they replaced: they need no input fingerprint,
        // and keep the access token even under revoke (it is revoked after the job's last step).
        deps.job.save((0,token_state/* stateFromTokenResult */.Sn)(token, { nowMs, refreshTokenSent: sent, includeAccessToken: true }), sent);
    }
    if (deps.cache) {
        const state = (0,token_state/* stateFromTokenResult */.Sn)(token, {
            nowMs,
            refreshTokenSent: sent,
            inputRefreshToken: deps.inputRefreshToken ?? (grant.type === 'refresh_token' ? grant.refreshToken : undefined),
            // A token revoked at the end of this job must not be picked up by another one.
            includeAccessToken: !lifecycle.revoke
        });
        const obtainedWith = grant.type === 'authorization_code' ? grant.code : sent;
        if (await deps.cache.save(state, obtainedWith))
            savedTo.push('cache');
    }
    const issued = token.source === 'code' || token.rotated ? token.refreshToken : undefined;
    if (issued && deps.writeSecret) {
        try {
            await deps.writeSecret(issued);
            savedTo.unshift('secret');
            deps.log.info(`Stored the new refresh token in the secret ${lifecycle.refreshTokenSecret}.`);
        }
        catch (error) {
            if (!(error instanceof errors/* ActionError */.lZ))
                throw error;
            secretError = error;
        }
    }
    return { token, savedTo, secretError };
}
/** The candidates no store shows as spent; none is an error (sending one risks the grant). */
function unspentCandidates(grant, stored, deps) {
    const candidates = refreshCandidates(grant, stored, deps.log).filter(candidate => {
        const token = candidate ?? (grant.type === 'refresh_token' ? grant.refreshToken : undefined);
        return token === undefined || !isSpent(deps, token);
    });
    if (candidates.length === 0) {
        throw new errors/* ActionError */.lZ('Token request not sent: the Actions cache or an earlier step of this job shows that the refresh token this step holds was already exchanged for a newer one, and the state holding the newer one cannot be read (run with debug logging for details). Sending a spent refresh token makes providers with reuse detection revoke the whole grant. Put the newest refresh token in the secret (or consent again to get one) and re-run.');
    }
    return candidates;
}
function claimedElsewhere(lifecycle) {
    const seconds = Math.round(lifecycle.claimWaitMs / 1000);
    const why = lifecycle.refreshTokenRotates
        ? 'refresh_token_rotates is true'
        : 'the Actions cache shows that this provider rotates refresh tokens';
    return new errors/* ActionError */.lZ(`Token request not sent: another job of this run claimed the refresh of the same refresh token and saved no new token state within ${seconds} s (timeout × max_attempts), and ${why}. If that job spent the token, sending it again would look like a replay and the provider would revoke the whole grant. Look at that job: if it failed after its token request, the refresh token in the secret may be spent (consent again for a new one); otherwise re-run the failed jobs, or raise timeout or max_attempts if its refresh is slow.`);
}
/**
 * The refresh tokens to try, newest known first, and the other once if the first is refused.
 * The cache's is newer, unless the input changed since the entry was saved. Sending a spent token
 * first matters: providers with reuse detection revoke the whole grant when they see one.
 */
function refreshCandidates(grant, cached, log) {
    if (grant.type !== 'refresh_token' || !cached?.refreshToken)
        return [undefined];
    if (cached.refreshToken === grant.refreshToken)
        return [undefined];
    if (predatesInput(cached, grant.refreshToken)) {
        log.debug('The refresh_token input changed since the cached state was saved: trying the input first.');
        return [grant.refreshToken, cached.refreshToken];
    }
    return [cached.refreshToken, grant.refreshToken];
}
/**
 * The secret was updated after this state was saved (its run had another input, and the input is
 * not the state's own token): the input is the newer token, and the state's access token may
 * belong to a grant someone replaced since.
 */
function predatesInput(state, input) {
    return (state.inputFingerprint !== undefined &&
        state.refreshToken !== input &&
        state.inputFingerprint !== (0,token_state/* fingerprint */.Rj)(input));
}
/**
 * Which stored state to go on from. The job's was looked up from the cache's refresh token first,
 * so when both exist it is the newer, unless the cache shows its token was exchanged since (by
 * another job): then the cache's. A state whose refresh token is known spent is never chosen
 * over one whose token is not.
 */
function newestStored(found, spent) {
    const { job, cached } = found;
    const usable = (state) => state.refreshToken === undefined || !spent(state.refreshToken);
    if (job && cached && !usable(job) && usable(cached))
        return { state: cached, from: 'cache' };
    if (job)
        return { state: job, from: 'job' };
    if (cached)
        return { state: cached, from: 'cache' };
    return undefined;
}
function isSpent(deps, token) {
    return Boolean(deps.job?.knownSpent(token) || deps.cache?.knownSpent?.(token));
}
function fromStore(state, nowMs, source) {
    return {
        accessToken: state.accessToken ?? '',
        tokenType: state.tokenType ?? 'Bearer',
        expiresIn: state.expiresAtMs === undefined ? undefined : Math.floor((state.expiresAtMs - nowMs) / 1000),
        scope: state.scope,
        // A run served from the cache made no token request: it has no refresh token to output.
        source,
        rotated: false
    };
}

;// CONCATENATED MODULE: ./src/lifecycle/acquire-token.ts







/**
 * The step's access token: the one handed over in access_token, or one obtained through the
 * lifecycle (cache, refresh or code exchange, secret write-back), remembered for revocation.
 * With `replacing`, a fresh token in place of that one (a review outlasting it): a refresh with
 * the newest refresh token known, never the cached access token, under the same rules.
 */
async function acquireToken(http, credential, mask, env, log, replacing) {
    let inputRefreshToken;
    if (replacing && credential.kind === 'request') {
        ;
        ({ credential, inputRefreshToken } = refreshOf(credential, replacing));
    }
    if (credential.kind === 'input') {
        if (replacing) {
            throw new errors/* ActionError */.lZ('The access_token input cannot be refreshed: let this step request the token itself (client_id, client_secret, refresh_token) so it can refresh during a long wait.');
        }
        const token = {
            accessToken: credential.accessToken,
            tokenType: 'Bearer',
            scope: '',
            source: 'input',
            rotated: false
        };
        return { token, savedTo: [] };
    }
    const { token: tokenSettings, lifecycle } = credential;
    const { client } = tokenSettings;
    if (client.auth === 'client_secret_basic')
        mask(basicCredential(client.id, client.secret));
    log.debug(`Token endpoint ${(0,url/* describeUrl */.Ng)(tokenSettings.tokenUrl)}, grant ${tokenSettings.grant.type}, client_auth ${client.auth}, cache ${lifecycle.cache}`);
    const result = await obtainToken(tokenSettings, lifecycle, {
        inputRefreshToken,
        requestToken: request => requestToken(http, request, mask, log.debug),
        ...(await stateStores(tokenSettings, lifecycle, env, log)),
        writeSecret: lifecycle.refreshTokenSecret
            ? value => writeSecret(http, lifecycle, env, value)
            : undefined,
        mask,
        now: Date.now,
        log: { info: log.info, debug: log.debug }
    });
    // Never a cached token (other jobs use it) nor one handed over in access_token. One an earlier
    // step of this job obtained is: posts run after every step, and revoking twice is harmless
    // (RFC 7009 answers 200 for a token already revoked).
    if (lifecycle.revoke && result.token.source !== 'cache') {
        rememberTokenToRevoke(result.token.accessToken);
    }
    return result;
}
/**
 * Where the token state lives: the Actions cache between runs when it is on (its module, and
 * @actions/cache behind it, load only then), and in every case a sealed chain of files that
 * hands it to later steps of this job, so steps see each other's newest state whatever their
 * cache setting. The job's files need RUNNER_TEMP (emptied by the runner when the job ends), a
 * refresh grant (a code exchange bootstraps on purpose) and a client secret (to seal with).
 */
async function stateStores(settings, lifecycle, env, log) {
    const { client, grant } = settings;
    const context = {
        clientId: client.id,
        tokenUrl: settings.tokenUrl.href,
        scope: settings.scope ?? AUTO_SCOPE
    };
    const cache = lifecycle.cache
        ? (await Promise.all(/* import() */[__webpack_require__.e(979), __webpack_require__.e(646)]).then(__webpack_require__.bind(__webpack_require__, 8646))).createTokenCache({
            secret: client.secret,
            context,
            runnerTemp: env.runnerTemp,
            log: { info: log.info, debug: log.debug, warning: log.warning },
            run: env.run,
            claimWaitMs: lifecycle.claimWaitMs
        })
        : undefined;
    if (grant.type !== 'refresh_token' || !client.secret)
        return { cache };
    if (!env.jobTemp) {
        log.debug('RUNNER_TEMP is not set: no token state is handed to later steps of this job (the system temp folder would outlive the job).');
        return { cache };
    }
    const job = createJobTokenStore({
        secret: client.secret,
        context,
        runnerTemp: env.jobTemp,
        log: { debug: log.debug }
    });
    return { cache, job };
}
/**
 * The credential of a refresh mid-run. The token being replaced carries the newest refresh token
 * (after a rotation the input's is spent); a cached access token is never taken back (it is the
 * one about to expire, or the one just refused); the cache keeps remembering the input's
 * fingerprint, so the next run still knows which refresh token is newer.
 */
function refreshOf(credential, replacing) {
    const { grant } = credential.token;
    const input = grant.type === 'refresh_token' ? grant.refreshToken : undefined;
    const newest = replacing.refreshToken ?? input;
    if (!newest) {
        throw new errors/* ActionError */.lZ('The access token needs refreshing, but the provider issued no refresh token with it: the wait cannot outlast the token. Lower review_timeout, or ask the provider for a refresh token (offline access).');
    }
    return {
        credential: {
            kind: 'request',
            token: { ...credential.token, grant: { type: 'refresh_token', refreshToken: newest } },
            lifecycle: { ...credential.lifecycle, cacheMinTtlMs: Number.POSITIVE_INFINITY }
        },
        inputRefreshToken: input
    };
}
async function writeSecret(http, lifecycle, env, value) {
    const apiUrl = (0,url/* parseSecureUrl */.cy)(env.githubApiUrl, 'GITHUB_API_URL');
    // Loaded only when a secret is written (it brings libsodium).
    const { writeRepositorySecret } = await __webpack_require__.e(/* import() */ 956).then(__webpack_require__.bind(__webpack_require__, 3956));
    await writeRepositorySecret(http, {
        apiUrl: apiUrl.href,
        repository: env.repository,
        repositoryId: env.repositoryId,
        environment: lifecycle.secretEnvironment || undefined,
        token: lifecycle.githubToken,
        name: lifecycle.refreshTokenSecret,
        value
    });
}

;// CONCATENATED MODULE: ./src/lifecycle/token-session.ts

function openTokenSession(parts) {
    const { http, credential, mask, env, log, publisher } = parts;
    let token;
    let refused;
    return {
        async start() {
            const first = await acquireToken(http, credential, mask, env, log);
            token = publisher.publish(first);
            // Outputs and the cache come first: a refused secret write must not lose the new token.
            if (first.secretError)
                throw first.secretError;
            return token;
        },
        refresh: credential.kind === 'request'
            ? async () => {
                const next = await acquireToken(http, credential, mask, env, log, token);
                refused ??= next.secretError;
                return (token = publisher.publish(next));
            }
            : undefined,
        finish() {
            if (refused)
                throw refused;
        }
    };
}

// EXTERNAL MODULE: ./src/report/log.ts
var report_log = __webpack_require__(6472);
;// CONCATENATED MODULE: ./src/report/mask.ts

/**
 * Registers a secret with the runner (masked in the log for the rest of the job) and with the
 * redactor (scrubbed from text we build, in the encodings the runner misses).
 */
function createMask(redactor) {
    const masked = new Set();
    return secret => {
        // Once is enough: the runner masks a value for the rest of the job.
        if (!secret || masked.has(secret))
            return;
        masked.add(secret);
        core.setSecret(secret);
        redactor.add(secret);
    };
}

// EXTERNAL MODULE: ./src/report/runner-files.ts
var runner_files = __webpack_require__(3948);
;// CONCATENATED MODULE: ./src/report/outputs.ts
// Part report: what the step shows: outputs, masking and redaction, the job summary. Sends nothing.



/**
 * ISO 8601 UTC without milliseconds, e.g. 2026-11-28T07:35:12Z. Built from the UTC fields:
 * toISOString first loads the host's time zone (reads /etc/localtime), about 0.6 ms of every
 * run's start-up, for a string that does not depend on it.
 */
function expiresAt(expiresIn, nowMs) {
    if (expiresIn === undefined)
        return '';
    const at = new Date(nowMs + expiresIn * 1000);
    const year = at.getUTCFullYear();
    // toISOString writes other years with a sign and six digits; expires_in never gets there.
    if (year < 0 || year > 9999)
        return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const two = (n) => String(n).padStart(2, '0');
    const date = `${String(year).padStart(4, '0')}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}`;
    return `${date}T${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}Z`;
}
const SOURCE_WORDING = {
    refresh: 'obtained by refresh',
    code: 'obtained by code exchange',
    input: 'taken from the access_token input',
    cache: 'reused from the cache',
    job: 'reused from an earlier step of this job'
};
function publishToken(token, opts, sink) {
    const savedTo = opts.savedTo ?? [];
    const at = expiresAt(token.expiresIn, opts.nowMs);
    sink.setOutputs({
        access_token: token.accessToken,
        token_type: token.tokenType,
        expires_in: token.expiresIn === undefined ? '' : String(token.expiresIn),
        expires_at: at,
        scope: token.scope,
        refresh_token: token.refreshToken ?? '',
        refresh_token_rotated: String(token.rotated),
        token_source: token.source,
        refresh_token_saved_to: savedTo.join(','),
        skipped: 'false'
    });
    if (opts.exportEnv)
        sink.exportVariable(opts.exportEnv, token.accessToken);
    const lifetime = at ? `, expires in ${token.expiresIn} s at ${at}` : '';
    // The scope is the provider's text: on one line, so it can never become a workflow command.
    const scope = token.scope ? `, scope "${(0,common_text/* flatten */.Bq)(token.scope)}"` : '';
    const env = opts.exportEnv ? `; later steps get it in $${opts.exportEnv}` : '';
    sink.info(`Access token ${SOURCE_WORDING[token.source]}${lifetime}${scope}${env}.`);
    const warning = unsavedRefreshTokenWarning(token, savedTo, opts.secretWriteFailed === true);
    if (warning)
        sink.warning(warning);
}
/**
 * A new refresh token (a rotation, or the one a code exchange issues) that reaches no secret is
 * one the workflow loses: the output is masked, so nobody can copy it from the log, and the cache
 * forgets entries unused for 7 days. Says what to set; undefined when nothing is at risk.
 */
function unsavedRefreshTokenWarning(token, savedTo, secretWriteFailed) {
    // A refused write fails the step with its own error, which says more than a warning could.
    if (savedTo.includes('secret') || secretWriteFailed)
        return undefined;
    const inCache = savedTo.includes('cache');
    if (token.rotated) {
        return inCache
            ? 'The provider rotated the refresh token: the new one is saved in the Actions cache, where later runs find it, but the secret that holds refresh_token is now spent. If the cache entry is evicted (7 days unused), runs fail with invalid_grant: set refresh_token_secret and github_token so the action also stores it in the secret (see README: Rotating refresh tokens).'
            : 'The provider rotated the refresh token: the one this step sent is now spent, and the next run will fail with invalid_grant unless the secret is updated. Store the new one from the step output refresh_token, or let the action do it with refresh_token_secret and github_token (see README: Rotating refresh tokens).';
    }
    if (token.source === 'code' && token.refreshToken) {
        return inCache
            ? 'The code exchange issued a refresh token, and it is saved only in the Actions cache, which evicts entries unused for 7 days; then the next run has no refresh token and you must consent again. Set refresh_token_secret (e.g. CLAYTON_REFRESH_TOKEN) and github_token, and run the bootstrap again with a new code, to keep it in a secret (see README: One-time setup).'
            : 'The code exchange issued a refresh token, but it is saved nowhere: the refresh_token output is masked, so no log shows it, and the code cannot be exchanged twice. Set refresh_token_secret (e.g. CLAYTON_REFRESH_TOKEN) and github_token so the action writes it into a secret, then consent again and rerun with the new code (see README: One-time setup).';
    }
    return undefined;
}
/** Secrets were empty and on_missing_credentials is skip: the step passes, saying why. */
function publishSkipped(explanation, sink) {
    sink.setOutput('skipped', 'true');
    sink.notice(`${explanation} Skipped: no token was requested and no API call was made.`);
}
/**
 * Publishes every token of the step (the first, then any refreshed during a review's wait: the
 * outputs always hold the newest) and keeps the facts the job summary shows.
 */
function createTokenPublisher(exportEnv, sink, now = Date.now) {
    let facts;
    // A review that refreshes under rotation would repeat the same advice at every refresh.
    const warned = new Set();
    const once = {
        ...sink,
        warning(message) {
            if (warned.has(message))
                return;
            warned.add(message);
            sink.warning(message);
        }
    };
    return {
        publish(acquired) {
            const { token, savedTo } = acquired;
            const nowMs = now();
            const secretWriteFailed = acquired.secretError !== undefined;
            publishToken(token, { exportEnv, nowMs, savedTo: [...savedTo], secretWriteFailed }, once);
            facts = {
                source: token.source,
                expiresAt: expiresAt(token.expiresIn, nowMs),
                rotated: token.rotated || (facts?.rotated ?? false),
                savedTo: [...new Set([...(facts?.savedTo ?? []), ...savedTo])],
                exportEnv,
                refreshes: facts === undefined ? 0 : facts.refreshes + 1
            };
            return token;
        },
        facts: () => facts
    };
}
/** Token outputs go to the step, its lines through the redacting log. */
function tokenOutputSink(log) {
    return {
        setOutputs: outputs => (0,runner_files/* setOutputs */.n)(outputs),
        exportVariable: core.exportVariable,
        info: log.info,
        warning: log.warning
    };
}

;// CONCATENATED MODULE: ./src/report/redact.ts

/**
 * The shortest piece of a secret that counts as a leak. Shorter pieces are left alone: they are
 * too common in ordinary text to hide without garbling it, and too short to be worth much.
 */
const MIN_FRAGMENT = 8;
const REPLACEMENT = '***';
/**
 * Replaces every known secret with `***`, in the forms our own text can hold it: raw, the
 * encodings the runner's masking misses (form-encoding, base64url), JSON-escaped (also with `\/`),
 * control characters turned into spaces (as `flatten` and `sanitize` do) and table-escaped `\|`.
 *
 * It also replaces every run of MIN_FRAGMENT or more characters that is a piece of one of those
 * forms. So text that was cut before it got here cannot keep a usable fragment either: the part
 * of a secret left before a cut is still a piece of the secret, and goes. (Cuts redact first
 * anyway: the entry points hand this redactor to `redactBeforeCutting`.) Every line we print
 * passes here too, through the Log.
 */
class Redactor {
    secrets = new Set();
    forms = new Set();
    /**
     * MIN_FRAGMENT-long pieces of the long forms → where they occur. Each form's pieces are added
     * as the form is: a run adds its secrets a few at a time (inputs, then each token), and
     * rebuilding the whole index after each was measured on every run's start-up.
     */
    index = new Map();
    /** Forms shorter than MIN_FRAGMENT, longest first. */
    short = [];
    add(...secrets) {
        for (const secret of secrets) {
            if (!secret || this.secrets.has(secret))
                continue;
            this.secrets.add(secret);
            for (const form of formsOf(secret)) {
                if (!form || this.forms.has(form))
                    continue;
                this.forms.add(form);
                if (form.length < MIN_FRAGMENT) {
                    this.short = [...this.short, form].sort((a, b) => b.length - a.length);
                }
                else {
                    this.indexPieces(form);
                }
            }
        }
    }
    redact(text) {
        if (this.forms.size === 0 || text === '')
            return text;
        const spans = this.fragmentSpans(text);
        let out = '';
        let from = 0;
        for (const [start, end] of spans) {
            out += this.redactShort(text.slice(from, start)) + REPLACEMENT;
            from = end;
        }
        return out + this.redactShort(text.slice(from));
    }
    /** Runs of text that are pieces (MIN_FRAGMENT or longer) of a secret's form, merged, in order. */
    fragmentSpans(text) {
        const index = this.index;
        const spans = [];
        if (index.size === 0)
            return spans;
        for (let i = 0; i + MIN_FRAGMENT <= text.length; i++) {
            const hits = index.get(text.slice(i, i + MIN_FRAGMENT));
            if (!hits)
                continue;
            let end = i + MIN_FRAGMENT;
            for (const { form, at } of hits) {
                let k = MIN_FRAGMENT;
                while (i + k < text.length && at + k < form.length && text[i + k] === form[at + k])
                    k++;
                end = Math.max(end, i + k);
            }
            const last = spans[spans.length - 1];
            if (last && i <= last[1])
                last[1] = Math.max(last[1], end);
            else
                spans.push([i, end]);
        }
        return spans;
    }
    indexPieces(form) {
        for (let at = 0; at + MIN_FRAGMENT <= form.length; at++) {
            const piece = form.slice(at, at + MIN_FRAGMENT);
            const list = this.index.get(piece);
            if (list)
                list.push({ form, at });
            else
                this.index.set(piece, [{ form, at }]);
        }
    }
    /** Forms shorter than MIN_FRAGMENT are replaced only whole, longest first. */
    redactShort(text) {
        let out = text;
        for (const form of this.short)
            out = out.split(form).join(REPLACEMENT);
        return out;
    }
}
/** Every way our own text (messages, previews, the summary) can spell a secret. */
function formsOf(secret) {
    const json = JSON.stringify(secret).slice(1, -1);
    const flat = (0,common_text/* flatten */.Bq)(secret, { trim: false });
    return [
        secret,
        new URLSearchParams({ s: secret }).toString().slice(2),
        encodeURIComponent(secret),
        Buffer.from(secret).toString('base64'),
        Buffer.from(secret).toString('base64url'),
        json,
        json.replace(/\//g, '\\/'),
        flat,
        flat.trim(),
        secret.replace(/\|/g, '\\|')
    ];
}

// EXTERNAL MODULE: ./src/report/summary.ts
var report_summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/settings/credentials.ts

/**
 * GitHub does not pass repository secrets to workflows run for a pull request from a fork, nor to
 * Dependabot runs. Returns a sentence saying so when this run is one of those, else undefined.
 */
function secretsWithheldReason(env) {
    if (env.actor === 'dependabot[bot]') {
        return 'This run was started by Dependabot, and GitHub does not pass repository secrets to Dependabot runs (only Dependabot secrets: add the same secrets under Settings → Secrets → Dependabot).';
    }
    const event = readEvent(env.eventPath);
    const head = event?.pull_request?.head?.repo?.full_name;
    const base = event?.pull_request?.base?.repo?.full_name;
    if (head && base && head !== base) {
        return `This run is for a pull request from the fork ${head}, and GitHub does not pass repository secrets, nor configuration variables (vars.*), to workflows triggered from forks.`;
    }
    return undefined;
}
function describeMissingCredentials(detail, withheld) {
    const names = detail.missing.join(', ');
    const what = `Input${detail.missing.length > 1 ? 's' : ''} ${names} ${detail.missing.length > 1 ? 'are' : 'is'} empty.`;
    if (withheld) {
        // Why first: on such a run every secret and variable is empty, whatever the workflow says.
        const advice = detail.skip
            ? ''
            : ' Set on_missing_credentials: skip to let such runs pass without the token.';
        return `${withheld} ${what}${advice}`;
    }
    const refresh = detail.missing.includes('refresh_token')
        ? ' refresh_token is required unless code is given.'
        : '';
    const writer = detail.missing.includes('github_token')
        ? " github_token is needed because refresh_token_secret is set: a token with the Secrets permission (read and write); the workflow's GITHUB_TOKEN cannot write secrets."
        : '';
    return `${what}${refresh}${writer} Pass them from repository secrets, e.g. client_secret: \${{ secrets.CLAYTON_CLIENT_SECRET }}, and check that the secret names match.`;
}
function readEvent(path) {
    if (!path)
        return undefined;
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/settings/environment.ts


function readRunnerEnvironment(env = process.env) {
    return {
        runnerTemp: env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
        jobTemp: env.RUNNER_TEMP || undefined,
        actor: env.GITHUB_ACTOR,
        eventPath: env.GITHUB_EVENT_PATH,
        githubApiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        repository: env.GITHUB_REPOSITORY ?? '',
        repositoryId: env.GITHUB_REPOSITORY_ID,
        stepName: env.GITHUB_ACTION || 'clayton-oauth-action',
        workspace: env.GITHUB_WORKSPACE || process.cwd(),
        git: readGitContext(env),
        run: env.GITHUB_RUN_ID
            ? { id: env.GITHUB_RUN_ID, attempt: env.GITHUB_RUN_ATTEMPT || '1' }
            : undefined
    };
}
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** GITHUB_HEAD_REF is set only on pull-request events; the payload has the head sha. */
function readGitContext(env) {
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const pr = PULL_REQUEST_EVENTS.has(eventName) ? readPullRequest(env.GITHUB_EVENT_PATH) : {};
    return {
        eventName,
        pullRequestNumber: pr.number,
        headRef: env.GITHUB_HEAD_REF || pr.headRef || undefined,
        headSha: pr.headSha,
        refName: env.GITHUB_REF_NAME || undefined,
        sha: env.GITHUB_SHA || undefined
    };
}
function readPullRequest(path) {
    if (!path)
        return {};
    try {
        const event = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        const pr = event.pull_request;
        const number = pr?.number ?? event.number;
        return {
            number: typeof number === 'number' && Number.isInteger(number) ? number : undefined,
            headRef: typeof pr?.head?.ref === 'string' ? pr.head.ref : undefined,
            headSha: typeof pr?.head?.sha === 'string' ? pr.head.sha : undefined
        };
    }
    catch {
        return {};
    }
}

;// CONCATENATED MODULE: ./src/lifecycle/revoke.ts





/** RFC 7009 revocation request, the client authenticated exactly as for the token request. */
function buildRevokeRequest(opts) {
    const form = new URLSearchParams({ token: opts.token, token_type_hint: 'access_token' });
    const headers = {
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded'
    };
    authenticateClient(opts.client, form, headers);
    return {
        method: 'POST',
        url: new URL(opts.revokeUrl.href),
        headers,
        body: form.toString(),
        label: 'Token revocation',
        // Revoking twice is harmless (RFC 7009 §2.2: unknown tokens get 200 too).
        retry: 'always'
    };
}
/**
 * Never throws: revocation runs in the post step, where a failure is a warning. The reason quotes
 * the provider's error, scrubbed of the token and the client credentials.
 */
async function revokeAccessToken(http, opts) {
    const redactor = new Redactor();
    redactor.add(opts.token, opts.client.secret, basicCredential(opts.client.id, opts.client.secret));
    const clean = (text) => (0,common_text/* sanitize */.aj)(redactor.redact((0,common_text/* cutWindow */.xx)(text, 500)), 500);
    try {
        const response = await http.send(buildRevokeRequest(opts));
        if (response.status >= 200 && response.status <= 299)
            return { ok: true };
        const body = (0,json/* parseJsonObject */.dw)(response.body);
        const error = typeof body?.error === 'string' ? body.error : undefined;
        const description = typeof body?.error_description === 'string' ? body.error_description : undefined;
        const oauth = error ? ` ${error}${description ? ` (${description})` : ''}` : '';
        return {
            ok: false,
            reason: clean(`${(0,url/* describeUrl */.Ng)(opts.revokeUrl)} answered HTTP ${response.status}${oauth}.${revoke_advice(response.status, error)}`)
        };
    }
    catch (error) {
        return { ok: false, reason: clean(error instanceof Error ? error.message : String(error)) };
    }
}
function revoke_advice(status, error) {
    if (error === 'invalid_client' || status === 401) {
        return ' Check client_id, client_secret and client_auth.';
    }
    if (error === 'unsupported_token_type') {
        return ' The provider does not revoke access tokens; set revoke: false.';
    }
    if (status === 404 || status === 405)
        return ' Check revoke_url.';
    return '';
}

;// CONCATENATED MODULE: ./src/post.ts












/**
 * The post step: revokes the access token this job obtained (RFC 7009) when `revoke: true`.
 * Revocation is hygiene, not the job's purpose: any failure is a warning and the step exits 0.
 */
async function runPost() {
    const token = tokenToRevoke();
    if (!token)
        return;
    core.setSecret(token);
    const redactor = new Redactor();
    (0,common_text/* redactBeforeCutting */.TD)(text => redactor.redact(text));
    redactor.add(token);
    const log = (0,report_log/* createLog */.h)(redactor);
    // The reason is a sentence or more of its own, ending in a full stop (or cut short with …).
    const warn = (reason) => log.warning(`Could not revoke the access token: ${reason.replace(/[.\s]+$/, '')}. It stays valid until it expires.`);
    let http;
    try {
        const read = input_reader/* readActionInput */.LJ;
        // The runner masks these since the main step; the redactor needs them for their other forms.
        for (const name of SECRET_INPUTS)
            redactor.add(read(name));
        const env = readRunnerEnvironment();
        // The same inputs as the main step, so the same environment (a review's defaults come from it).
        const parsed = parseInputs(read, {
            runnerTemp: env.runnerTemp,
            random: (0,external_node_crypto_.randomUUID)(),
            git: env.git
        });
        if (parsed.kind !== 'ready' || parsed.settings.credential.kind !== 'request')
            return;
        const { token: tokenSettings, lifecycle } = parsed.settings.credential;
        const { client } = tokenSettings;
        if (client.auth === 'client_secret_basic') {
            const basic = basicCredential(client.id, client.secret);
            core.setSecret(basic);
            redactor.add(basic);
        }
        // Loaded once a request is certain: a run that stops at its inputs never loads the client.
        const { Http } = await Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(253)]).then(__webpack_require__.bind(__webpack_require__, 4431));
        http = new Http(USER_AGENT, parsed.settings.http, log.info);
        const outcome = await revokeAccessToken(http, { revokeUrl: lifecycle.revokeUrl, client, token });
        if (outcome.ok)
            log.info('Revoked the access token this job obtained.');
        else
            warn(outcome.reason);
    }
    catch (error) {
        warn(error instanceof Error ? error.message : String(error));
    }
    finally {
        http?.dispose();
    }
}

;// CONCATENATED MODULE: ./src/main.ts


















/** One run of the main step: settings, token, the API call or the review, outputs, summary. */
async function run() {
    markMainStepStarted();
    const redactor = new Redactor();
    (0,common_text/* redactBeforeCutting */.TD)(text => redactor.redact(text));
    const mask = createMask(redactor);
    // Everything printed from here on goes through the redactor, secrets registered later included.
    const log = (0,report_log/* createLog */.h)(redactor);
    const read = input_reader/* readActionInput */.LJ;
    const env = readRunnerEnvironment();
    const summary = { step: env.stepName };
    let http;
    let api;
    let review;
    let tokens;
    try {
        for (const name of SECRET_INPUTS)
            mask(read(name));
        const parsed = parseInputs(read, {
            runnerTemp: env.runnerTemp,
            random: (0,external_node_crypto_.randomUUID)(),
            git: env.git
        });
        if (parsed.kind === 'missing-credentials') {
            const why = describeMissingCredentials(parsed.detail, secretsWithheldReason(env));
            if (!parsed.detail.skip)
                throw new errors/* ActionError */.lZ(why);
            summary.skipped = { why, review: parsed.detail.review === true };
            return publishSkipped(why, core);
        }
        const { settings } = parsed;
        // Loaded only by runs that call the API or review; JMESPath only by runs with an expression.
        if (settings.api) {
            api = await (await __webpack_require__.e(/* import() */ 825).then(__webpack_require__.bind(__webpack_require__, 6825))).prepareApiStep(settings.api, redactor);
        }
        if (settings.review) {
            const { createReviewSink, prepareReviewStep } = await __webpack_require__.e(/* import() */ 125).then(__webpack_require__.bind(__webpack_require__, 5125));
            const context = { ...settings, workspace: env.workspace };
            const sink = createReviewSink(log, text => redactor.redact(text));
            review = prepareReviewStep(settings.review, context, sink);
        }
        // Loaded with the first request: a run that stops at its inputs, or is served by an earlier
        // step of the job, never loads the client.
        http = httpOnDemand(USER_AGENT, settings.http, log.info);
        tokens = createTokenPublisher(settings.exportEnv, tokenOutputSink(log));
        const session = openTokenSession({ ...settings, http, mask, env, log, publisher: tokens });
        const token = await session.start();
        await api?.call(http, token);
        // A review can outlast the token: refreshing mid-wait goes through the same lifecycle.
        await review?.run({ http, token, refresh: session.refresh });
        session.finish();
    }
    catch (error) {
        summary.failure = log.failure(error);
        core.setFailed(summary.failure);
    }
    finally {
        http?.dispose();
        summary.token = tokens?.facts();
        summary.section =
            (await api?.publish(summary.failure)) ??
                review?.publish(summary.failure, redactor, summary.token);
        (0,report_summary/* writeStepSummary */.oG)(summary, redactor, log);
    }
}


/***/ }),

/***/ 6472:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ createLog)
/* harmony export */ });
/* unused harmony export MAX_LOG_LINE */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1922);
/* harmony import */ var _common_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2450);



/** No line of the log is longer (in characters), whatever a server sent. */
const MAX_LOG_LINE = 4000;
/**
 * Cut to MAX_LOG_LINE, redact, then print on one line. Lines are flattened and may not start with `::`
 * so that text from a server (a scope, an error_description) can never become a workflow command;
 * the annotation commands escape line breaks themselves, and keep them for readability.
 */
function createLog(redactor, sink = _actions_core__WEBPACK_IMPORTED_MODULE_0__) {
    const redact = (text) => redactor.redact(text);
    // Cut before redacting: a message can carry a long value from a server.
    const clean = (message) => (0,_common_text_js__WEBPACK_IMPORTED_MODULE_2__/* .cut */ .Jj)(message, MAX_LOG_LINE, redact);
    return {
        info: message => sink.info((0,_common_text_js__WEBPACK_IMPORTED_MODULE_2__/* .logLine */ .BP)(clean(message))),
        debug: message => sink.debug((0,_common_text_js__WEBPACK_IMPORTED_MODULE_2__/* .logLine */ .BP)(clean(message))),
        warning: message => sink.warning(clean(message)),
        notice: message => sink.notice(clean(message)),
        failure: error => (0,_common_text_js__WEBPACK_IMPORTED_MODULE_2__/* .cut */ .Jj)((0,_common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeFailure */ .Ic)(error), _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_ERROR_LENGTH */ .VY, redact)
    };
}


/***/ }),

/***/ 4285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   SS: () => (/* binding */ codeSpan),
/* harmony export */   o3: () => (/* binding */ safeLink),
/* harmony export */   tp: () => (/* binding */ table)
/* harmony export */ });
/* unused harmony export tableRow */
/**
 * Text from a service is data: in the job summary it must show as typed, never as HTML or
 * Markdown (an error body with `<img src=…>` must not become a tracking pixel, nor `[x](…)` a
 * link). Two ways: escaped prose, or a code span that survives any run of backticks.
 */
/** Characters that can open markup anywhere in a line (`$` is GitHub's math). */
const MARKUP = /[\\`*_[\]|~!#$@]/g;
/**
 * Prose that renders as exactly these characters: `<`, `>`, `&` become entities (so no tag and
 * no autolink), what can open markup is backslash-escaped, bare `https://` and `www.` are broken
 * up so GitHub's extended autolinks find nothing, line breaks become spaces (a line break could
 * start a heading, a list or a table row) and a leading list or quote marker is escaped.
 */
function escapeMarkdown(text) {
    return (text
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u001f\u007f]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(MARKUP, ch => `\\${ch}`)
        .replace(/:(?=\/\/)/g, '\\:')
        .replace(/\b(www)\./gi, '$1\\.')
        .replace(/^(\s*)([-+=])/, '$1\\$2')
        // Only punctuation can be backslash-escaped: `1\.` stops an ordered list, `\1.` would not.
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'));
}
/**
 * A code span that survives backticks (JMESPath literals like `0`, or response text) and pipes in
 * table cells: CommonMark closes a span at the first run of exactly as many backticks as opened
 * it, so the fence is one longer than the longest run inside. Inside a span nothing is HTML.
 */
function codeSpan(text) {
    // eslint-disable-next-line no-control-regex
    const cell = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\|/g, '\\|');
    const longest = Math.max(0, ...(cell.match(/`+/g) ?? []).map(run => run.length));
    if (cell === '')
        return '` `';
    if (longest === 0 && !cell.startsWith(' ') && !cell.endsWith(' '))
        return `\`${cell}\``;
    const fence = '`'.repeat(longest + 1);
    return `${fence} ${cell} ${fence}`;
}
/**
 * A link to a service page: https (or loopback http) only, without query or fragment (a signed
 * URL must not be printed), with the characters that could end the destination encoded.
 */
function safeLink(label, href) {
    if (!href)
        return undefined;
    let url;
    try {
        url = new URL(href);
    }
    catch {
        return undefined;
    }
    const loopback = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/.test(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
        return undefined;
    if (url.username || url.password)
        return undefined;
    const plain = `${url.origin}${url.pathname}`.replace(/[()<>\s"'`\\[\]]/g, ch => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `[${escapeMarkdown(label)}](${plain})`;
}
/** One table row; every cell is already safe Markdown. */
function tableRow(cells) {
    return `| ${cells.join(' | ')} |`;
}
function table(header, rows) {
    return [tableRow(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(tableRow)].join('\n');
}


/***/ }),

/***/ 3948:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ appendStepSummary),
/* harmony export */   n: () => (/* binding */ setOutputs)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3838);




const NODE_FS = { existsSync: node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync, accessSync: node_fs__WEBPACK_IMPORTED_MODULE_1__.accessSync, appendFileSync: node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync };
/**
 * Sets each output as core.setOutput(name, value) would, in order, with one append to
 * GITHUB_OUTPUT for all of them. Without GITHUB_OUTPUT, core prints each as a workflow command
 * instead, and so does this (through core, so the log keeps its order).
 */
function setOutputs(outputs, fs = NODE_FS) {
    const entries = Object.entries(outputs);
    if (entries.length === 0)
        return;
    if (!process.env.GITHUB_OUTPUT) {
        for (const [name, value] of entries)
            _actions_core__WEBPACK_IMPORTED_MODULE_3__.setOutput(name, value);
        return;
    }
    const messages = entries.map(([name, value]) => keyValueMessage(name, value));
    appendFileCommand('OUTPUT', messages, fs);
}
/** core's prepareKeyValueMessage (lib/file-command.js): a heredoc with a fresh random delimiter. */
function keyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    // These should realistically never happen (core's words): a key or value holding the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (value.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${delimiter}`;
}
/** core's issueFileCommand (lib/file-command.js), for several messages in one append. */
function appendFileCommand(command, messages, fs) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!fs.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    fs.appendFileSync(filePath, messages.map(message => `${message}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`).join(''), {
        encoding: 'utf8'
    });
}
/**
 * Appends to the job summary as core.summary.addRaw(text).write() does, with its checks and
 * error messages, synchronously.
 */
function appendStepSummary(text, fs = NODE_FS) {
    const pathFromEnv = process.env.GITHUB_STEP_SUMMARY;
    if (!pathFromEnv) {
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    }
    try {
        fs.accessSync(pathFromEnv, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.R_OK | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.W_OK);
    }
    catch {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
    }
    fs.appendFileSync(pathFromEnv, text, { encoding: 'utf8' });
}


/***/ }),

/***/ 7994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kn: () => (/* binding */ tokenTable),
/* harmony export */   oG: () => (/* binding */ writeStepSummary)
/* harmony export */ });
/* unused harmony exports MAX_SUMMARY_CHARS, renderStepSummary, renderToken, clipSummary */
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4285);
/* harmony import */ var _runner_files_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3948);


/**
 * The job summary: one section per step, for every outcome, headed by the step and a verdict a
 * person understands at a glance. Everything from a service goes through markdown.ts.
 */
/** GitHub caps a step's summary at 1 MiB; ours stays far below whatever the service sends. */
const MAX_SUMMARY_CHARS = 64 * 1024;
const SOURCE = {
    refresh: 'refreshed',
    code: 'obtained by code exchange',
    input: 'taken from the access_token input',
    cache: 'reused from the Actions cache',
    job: 'reused from an earlier step of this job'
};
function renderStepSummary(input) {
    const head = `### ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(input.step)}\n\n`;
    let body;
    if (input.skipped)
        body = renderSkipped(input.skipped);
    else if (input.section !== undefined)
        body = input.section;
    else if (input.failure !== undefined)
        body = renderFailure(input.failure);
    else if (input.token)
        body = renderToken(input.token);
    else
        body = '❌ **Failed before a token was requested.**\n';
    return clipSummary(`${head}${body}`);
}
function renderSkipped(skipped) {
    const verdict = skipped.review
        ? '⏭️ **Skipped: no Code Reviews review ran.** This green check is not a passed review.'
        : '⏭️ **Skipped: no token was requested and no API call was made.**';
    return `${verdict}\n\n${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(skipped.why)}\n`;
}
function renderFailure(failure) {
    return `❌ **Failed.** ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(failure)}\n`;
}
function renderToken(token) {
    return `✅ **Access token ${SOURCE[token.source]}.**\n\n${tokenTable(token)}\n`;
}
/** The token's facts as a table: the token section's, and the review section's details. */
function tokenTable(token) {
    const rows = [
        ['Source', (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeSpan */ .SS)(token.source)],
        ['Expires', token.expiresAt ? (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(token.expiresAt) : 'not stated by the provider'],
        ['Refresh token rotated', token.rotated ? 'yes' : 'no'],
        ['Refresh token saved to', token.savedTo.length > 0 ? token.savedTo.join(', ') : 'nowhere']
    ];
    if (token.refreshes > 0)
        rows.push(['Refreshed while waiting', String(token.refreshes)]);
    if (token.exportEnv)
        rows.push(['Exported as', (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeSpan */ .SS)(`$${token.exportEnv}`)]);
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['Token', ''], rows);
}
/** Cut on a line boundary with a closing note, so a huge report cannot reach the 1 MiB cap. */
function clipSummary(text, max = MAX_SUMMARY_CHARS) {
    if (text.length <= max)
        return text;
    const cut = text.lastIndexOf('\n', max - 200);
    return `${text.slice(0, cut)}\n\n*(summary cut at ${max} characters)*\n`;
}
/** Appends the step's section to the job summary; a summary that cannot be written is a warning. */
function writeStepSummary(input, redactor, log) {
    const text = redactor.redact(renderStepSummary(input));
    try {
        (0,_runner_files_js__WEBPACK_IMPORTED_MODULE_0__/* .appendStepSummary */ .J)(text);
    }
    catch (error) {
        log.warning(`Could not write the job summary: ${String(error)}`);
    }
}


/***/ }),

/***/ 5531:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rp: () => (/* binding */ findBadHeaderCharacter),
/* harmony export */   l0: () => (/* binding */ parseApiInputs),
/* harmony export */   p3: () => (/* binding */ IDEMPOTENT_METHODS)
/* harmony export */ });
/* unused harmony exports resolveApiUrl, parseHeaders, parseExpectedStatus */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1922);
/* harmony import */ var _input_reader_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5869);
/* harmony import */ var _common_url_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3628);
/* harmony import */ var _origins_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7586);




const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** Methods a retry cannot turn into a second side effect. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** Headers the action owns: letting an input set them would break auth or framing. */
const RESERVED_HEADERS = new Set([
    'authorization',
    'host',
    'content-length',
    'transfer-encoding',
    'connection'
]);
/** Parses the api_* inputs; undefined when api_url is empty (no call). */
function parseApiInputs(read, baseUrl, env) {
    const apiUrl = read('api_url');
    if (!apiUrl) {
        const stray = [
            'api_query',
            'api_assert',
            'api_wait_until',
            'api_body',
            'api_headers',
            'api_response_file'
        ].filter(name => read(name));
        if (stray.length > 0) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input ${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but api_url is empty, so no API call would be made. Set api_url (for example /api/workspaces).`);
        }
        return undefined;
    }
    const trusted = (0,_origins_js__WEBPACK_IMPORTED_MODULE_3__/* .parseTrustedOrigins */ ._)(read('trusted_origins'));
    const url = resolveApiUrl(apiUrl, baseUrl, trusted);
    const rawMethod = read('api_method') || 'GET';
    const method = rawMethod.toUpperCase();
    if (!METHODS.includes(method)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input api_method is "${rawMethod}"; it must be one of: ${METHODS.join(', ')}.`);
    }
    const headers = parseHeaders(read('api_headers'));
    const body = read('api_body') || undefined;
    const hasContentType = Object.keys(headers).some(name => name.toLowerCase() === 'content-type');
    if (body !== undefined && !hasContentType) {
        try {
            JSON.parse(body);
        }
        catch (error) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input api_body is not valid JSON (${error.message}), and api_headers sets no Content-Type. Fix the JSON, or add a Content-Type line to api_headers to send it as is.`);
        }
        headers['Content-Type'] = 'application/json';
    }
    const expectedStatusText = read('api_expected_status') || '2xx';
    const waitUntil = read('api_wait_until');
    if (waitUntil && !IDEMPOTENT_METHODS.has(method)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input api_wait_until repeats the call until it is true, and api_method is ${method}, which would repeat its side effect on every poll. Trigger with ${method} in one step and wait with GET in a second step (see docs/review-gate.md, Any endpoint in two steps).`);
    }
    return {
        url,
        method,
        headers,
        body,
        expectedStatus: parseExpectedStatus(expectedStatusText),
        expectedStatusText,
        query: read('api_query'),
        assert: read('api_assert'),
        waitUntil,
        waitIntervalMs: (0,_input_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .seconds */ .YA)(read, 'api_wait_interval', 15, 3600) * 1000,
        waitTimeoutMs: (0,_input_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .seconds */ .YA)(read, 'api_wait_timeout', 600, 6 * 3600) * 1000,
        responseFile: read('api_response_file') || `${env.runnerTemp}/clayton-api-response-${env.random}.json`
    };
}

/**
 * A path resolves against base_url (keeping its prefix); an absolute URL must be on base_url's
 * origin or a trusted one, because the request carries the access token.
 */
function resolveApiUrl(value, baseUrl, trusted) {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) {
        const [path, ...rest] = value.split('?');
        const url = (0,_common_url_js__WEBPACK_IMPORTED_MODULE_2__/* .joinUrl */ .we)(baseUrl, path);
        if (rest.length > 0)
            url.search = `?${rest.join('?')}`;
        return url;
    }
    return (0,_origins_js__WEBPACK_IMPORTED_MODULE_3__/* .requireTrustedOrigin */ .H)((0,_common_url_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSecureUrl */ .cy)(value, 'api_url'), 'api_url', baseUrl, trusted, 'the access token');
}
function parseHeaders(value) {
    const headers = {};
    value.split('\n').forEach((raw, index) => {
        const line = raw.trim();
        if (!line)
            return;
        const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
        if (!match) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input api_headers line ${index + 1} is not "Name: value" (got "${line.slice(0, 60)}"). Write one header per line, e.g. X-Request-Id: 42.`);
        }
        const [, name, headerValue] = match;
        if (RESERVED_HEADERS.has(name.toLowerCase())) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input api_headers line ${index + 1} sets ${name}, which the action sets itself (the access token goes in Authorization). Remove that line.`);
        }
        const bad = findBadHeaderCharacter(headerValue);
        if (bad) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input api_headers line ${index + 1} (${name}) has ${bad}, which an HTTP header cannot carry. ${bad.startsWith('the control') ? 'Remove it' : 'Header values are Latin-1: percent-encode or base64 the value'}, or send it in api_body instead.`);
        }
        headers[name] = headerValue;
    });
    return headers;
}
/**
 * What Node would refuse to send (ERR_INVALID_CHAR) only after the token request: control
 * characters (tab excepted, RFC 9110 §5.5) and anything beyond Latin-1. Undefined when fine.
 * C1 controls (U+0080–U+009F) are refused too: Node sends them, but no server means them.
 */
function findBadHeaderCharacter(value) {
    for (const char of value) {
        const point = char.codePointAt(0) ?? 0;
        const code = `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
        if ((point < 0x20 && point !== 0x09) || (point >= 0x7f && point <= 0x9f)) {
            return `the control character ${code}`;
        }
        if (point > 0xff)
            return `the character "${char}" (${code})`;
    }
    return undefined;
}
/** `2xx`, `200,404`, `2xx,404`: codes and classes. */
function parseExpectedStatus(value) {
    const codes = new Set();
    const classes = new Set();
    for (const part of value.split(',').map(item => item.trim())) {
        if (/^[1-5]xx$/i.test(part))
            classes.add(Number(part[0]));
        else if (/^[1-5]\d\d$/.test(part))
            codes.add(Number(part));
        else {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input api_expected_status has "${part}"; give status codes and classes separated by commas, e.g. 2xx or 200,404.`);
        }
    }
    return status => codes.has(status) || classes.has(Math.floor(status / 100));
}


/***/ }),

/***/ 5869:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LJ: () => (/* binding */ readActionInput),
/* harmony export */   Ly: () => (/* binding */ positiveNumber),
/* harmony export */   YA: () => (/* binding */ seconds),
/* harmony export */   mw: () => (/* binding */ required),
/* harmony export */   yL: () => (/* binding */ oneOf)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1922);


function required(read, name) {
    const value = read(name);
    if (!value)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`Input ${name} is empty. Set it, or remove it to use the default.`);
    return value;
}
function oneOf(read, name, allowed, fallback) {
    const value = read(name) || fallback;
    if (!allowed.includes(value)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`Input ${name} is "${value}"; it must be one of: ${allowed.join(', ')}.`);
    }
    return value;
}
function positiveNumber(read, name, fallback, opts) {
    const raw = read(name);
    if (!raw)
        return fallback;
    const value = Number(raw);
    const ok = Number.isFinite(value) && value > 0 && value <= opts.max;
    if (!ok || (opts.integer && !Number.isInteger(value))) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`Input ${name} is "${raw}"; it must be a ${opts.integer ? 'whole' : 'positive'} number from ${opts.integer ? 1 : 'above 0'} to ${opts.max} (default ${fallback}).`);
    }
    return value;
}
/** Seconds; fractions allowed (api_wait_interval: 0.5), which also keeps tests' waits short. */
function seconds(read, name, fallback, max) {
    const raw = read(name);
    if (!raw)
        return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value > max) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`Input ${name} is "${raw}"; it must be a number of seconds above 0 and at most ${max} (default ${fallback}).`);
    }
    return value;
}
/** The runner's inputs (INPUT_<NAME>, trimmed): the one place that calls core.getInput. */
const readActionInput = name => _actions_core__WEBPACK_IMPORTED_MODULE_0__.getInput(name);


/***/ }),

/***/ 7586:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ requireTrustedOrigin),
/* harmony export */   _: () => (/* binding */ parseTrustedOrigins)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1922);
/* harmony import */ var _common_url_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3628);


/** Origins besides base_url's that may receive the token or the client credentials. */
function parseTrustedOrigins(value) {
    const origins = new Set();
    for (const entry of value.split(/[,\n]/).map(item => item.trim())) {
        if (!entry)
            continue;
        origins.add((0,_common_url_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSecureUrl */ .cy)(entry, 'trusted_origins').origin);
    }
    return origins;
}
/**
 * One origin rule for every URL that carries a credential (api_url, token_url, revoke_url):
 * base_url's origin, or one the workflow lists in trusted_origins. `carries` names what would
 * be sent, for the message.
 */
function requireTrustedOrigin(url, input, baseUrl, trusted, carries) {
    if (url.origin === baseUrl.origin || trusted.has(url.origin))
        return url;
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input ${input} points at ${url.origin}, which is neither base_url's origin (${baseUrl.origin}) nor listed in trusted_origins, so ${carries} will not be sent there. Add ${url.origin} to trusted_origins if it should receive ${carries}.`);
}


/***/ }),

/***/ 7821:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ getExecOutput)
/* harmony export */ });
/* unused harmony export exec */
// Stands in for @actions/exec in @actions/core's dependency tree (package.json `overrides`).
// @actions/core imports it at the top of its module only for `core.platform.getDetails()`, which
// this action never calls; @actions/exec brings child_process and @actions/io with it. Both
// functions here are async in the real package too, so they can load it (the repository's own
// @actions/exec, resolved from this folder) on the first call and forward.
let loaded
const loadExec = () => (loaded ??= __webpack_require__.e(/* import() */ 955).then(__webpack_require__.bind(__webpack_require__, 1955)))

async function exec(...args) {
  return (await loadExec()).exec(...args)
}

async function getExecOutput(...args) {
  return (await loadExec()).getExecOutput(...args)
}


/***/ }),

/***/ 240:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ HttpClient)
/* harmony export */ });
// Stands in for @actions/http-client in @actions/core's dependency tree (package.json `overrides`).
// @actions/core imports the client at the top of its module only for OIDC (core.getIDToken), so
// every action that uses core evaluates the client, https, tls and tunnel at start-up. This class
// takes the same constructor arguments and loads the real client (the repository's own
// @actions/http-client, resolved from this folder) on the first request. Only what @actions/core 3
// calls is forwarded; __tests__/layout/on-demand-packages.test.ts checks that list against its
// sources, and that it works when reached.
let loaded
const loadClient = () => (loaded ??= Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(683)]).then(__webpack_require__.bind(__webpack_require__, 4942)))

class HttpClient {
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


/***/ }),

/***/ 8:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   tZ: () => (/* reexport safe */ _actions_http_client_lib_auth__WEBPACK_IMPORTED_MODULE_0__.tZ)
/* harmony export */ });
/* harmony import */ var _actions_http_client_lib_auth__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2145);
// The credential handlers are small classes that import nothing: the real ones, unchanged.



/***/ })

};
