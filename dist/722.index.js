export const id = 722;
export const ids = [722];
export const modules = {

/***/ 9676:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DJ: () => (/* binding */ newApiReport),
/* harmony export */   VH: () => (/* binding */ preview),
/* harmony export */   ed: () => (/* binding */ runApiCall)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _api_settings_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9661);
/* harmony import */ var _expressions_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3920);
/* harmony import */ var _oauth_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6122);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9809);






function newApiReport(api) {
    return {
        method: api.method,
        path: api.url.pathname,
        attempts: 0,
        polls: 0,
        durationMs: 0,
        hasResult: false
    };
}
/**
 * Performs the configured call (repeating it while api_wait_until is false), then applies
 * api_query and api_assert. Fills `report` as it goes so outputs survive a failure.
 */
async function runApiCall(http, api, token, report, opts = {}) {
    const now = opts.now ?? Date.now;
    const started = now();
    const label = `API call ${api.method} ${api.url.pathname}`;
    let last;
    try {
        for (;;) {
            const response = await http.send({
                method: api.method,
                url: api.url,
                headers: {
                    Accept: 'application/json',
                    ...api.headers,
                    Authorization: `Bearer ${token.value}`
                },
                body: api.body,
                label,
                retry: _api_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .IDEMPOTENT_METHODS */ .p3.has(api.method) ? 'always' : 'unsent'
            });
            report.attempts += response.attempts;
            report.polls += 1;
            report.status = response.status;
            report.body = response.body;
            last = response;
            checkStatus(response, api, token, label);
            if (!api.waitUntil)
                break;
            const value = await (0,_expressions_js__WEBPACK_IMPORTED_MODULE_3__/* .evaluate */ ._3)(api.waitUntil, parseJson(response, label, 'api_wait_until'));
            if ((0,_expressions_js__WEBPACK_IMPORTED_MODULE_3__/* .isTruthy */ .zz)(value))
                break;
            const retryAfter = header(response.headers, 'retry-after');
            const delayMs = Math.max(api.waitIntervalMs, (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .parseRetryAfterMs */ .oR)(retryAfter, now()) ?? 0);
            const elapsed = now() - started;
            if (elapsed + delayMs > api.waitTimeoutMs) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${label}: api_wait_until \`${api.waitUntil}\` was still not true after ${report.polls} poll${report.polls === 1 ? '' : 's'} over ${Math.round(elapsed / 1000)} s (api_wait_timeout ${api.waitTimeoutMs / 1000} s); last value: ${preview(value)}. Raise api_wait_timeout if the service is slow, or check the expression against the response in api_response_file.`);
            }
            opts.onPoll?.(`${label}: api_wait_until is ${preview(value)} after poll ${report.polls}; next poll in ${(delayMs / 1000).toFixed(1)} s`);
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(delayMs);
        }
        if (last && (api.query || api.assert)) {
            const data = parseJson(last, label, api.query ? 'api_query' : 'api_assert');
            if (api.query) {
                report.result = await (0,_expressions_js__WEBPACK_IMPORTED_MODULE_3__/* .evaluate */ ._3)(api.query, data);
                report.hasResult = true;
            }
            if (api.assert) {
                const value = await (0,_expressions_js__WEBPACK_IMPORTED_MODULE_3__/* .evaluate */ ._3)(api.assert, data);
                report.passed = (0,_expressions_js__WEBPACK_IMPORTED_MODULE_3__/* .isTruthy */ .zz)(value);
                if (!report.passed) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${label}: api_assert \`${api.assert}\` is not true: it evaluated to ${preview(value)}${report.hasResult ? ` (api_result: ${preview(report.result)})` : ''}. The gate fails as configured.`);
                }
            }
        }
    }
    finally {
        report.durationMs = now() - started;
    }
}
function checkStatus(response, api, token, label) {
    if (response.status === 401 && isInvalidToken(response)) {
        const why = token.source === 'input'
            ? 'The access_token input is expired, revoked or not valid for this API (tokens live about 90 minutes): pass a fresh one, or let this step request it.'
            : token.source === 'cache'
                ? 'The access token reused from the cache was refused: it may have been revoked early. Re-run with cache: false once, or raise cache_min_ttl.'
                : 'The token this step just obtained was refused: check that base_url (and api_url) point at the service that issued it, and that scope grants access to this API.';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${label} returned HTTP 401 invalid_token. ${why}`);
    }
    if (api.expectedStatus(response.status))
        return;
    const retried = response.attempts > 1 ? ` after ${response.attempts} attempts` : '';
    const body = response.body.length > 0 ? ` Response: ${(0,_oauth_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .sanitize */ .a)(response.body.toString('utf8'), 200)}` : '';
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${label} returned HTTP ${response.status}${retried}, expected ${api.expectedStatusText}.${body} If this status is acceptable, list it in api_expected_status.`);
}
function isInvalidToken(response) {
    if (/invalid_token/i.test(header(response.headers, 'www-authenticate') ?? ''))
        return true;
    return /"error"\s*:\s*"invalid_token"/.test(response.body.toString('utf8'));
}
function parseJson(response, label, input) {
    try {
        return JSON.parse(response.body.toString('utf8'));
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${label}: the response is not JSON (${response.body.length} bytes), so ${input} cannot be evaluated. Check api_url, or remove ${input}.`);
    }
}
function header(headers, name) {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/** A value as it appears in messages: JSON, cut short. */
function preview(value, max = 200) {
    const text = value === undefined ? 'null' : JSON.stringify(value);
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}


/***/ }),

/***/ 3920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M_: () => (/* binding */ checkExpressions),
/* harmony export */   _3: () => (/* binding */ evaluate),
/* harmony export */   zz: () => (/* binding */ isTruthy)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

let library;
/** JMESPath is loaded only by runs that use an expression. */
function load() {
    library ??= __webpack_require__.e(/* import() */ 22).then(__webpack_require__.bind(__webpack_require__, 4022));
    return library;
}
/** Compiles every expression before any request, so a typo fails the step with nothing sent. */
async function checkExpressions(expressions) {
    const entries = [
        ['api_query', expressions.query],
        ['api_assert', expressions.assert],
        ['api_wait_until', expressions.waitUntil]
    ].filter(([, expression]) => expression);
    if (entries.length === 0)
        return;
    const { compile } = await load();
    for (const [input, expression] of entries) {
        try {
            compile(expression);
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`Input ${input} is not a valid JMESPath expression: ${error.message} (expression: ${expression}). See https://jmespath.site for the syntax.`);
        }
    }
}
async function evaluate(expression, data) {
    const { search } = await load();
    return search(data, expression);
}
/** JMESPath's truthiness: false, null, "", [] and {} are false; every number is true. */
function isTruthy(value) {
    if (value === null || value === undefined || value === false || value === '')
        return false;
    if (Array.isArray(value))
        return value.length > 0;
    if (typeof value === 'object')
        return Object.keys(value).length > 0;
    return true;
}


/***/ }),

/***/ 722:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./src/api-call.ts
var api_call = __webpack_require__(9676);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/credentials.ts

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
        return `This run is for a pull request from the fork ${head}, and GitHub does not pass repository secrets to workflows triggered from forks.`;
    }
    return undefined;
}
function describeMissingCredentials(detail, withheld) {
    const names = detail.missing.join(', ');
    const what = `Input${detail.missing.length > 1 ? 's' : ''} ${names} ${detail.missing.length > 1 ? 'are' : 'is'} empty.`;
    if (withheld) {
        return `${what} ${withheld} Set on_missing_credentials: skip to let such runs pass without the token.`;
    }
    const refresh = detail.missing.includes('refresh_token')
        ? ' refresh_token is required unless code is given.'
        : '';
    return `${what}${refresh} Pass them from repository secrets, e.g. client_secret: \${{ secrets.CLAYTON_CLIENT_SECRET }}, and check that the secret names match.`;
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

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/expressions.ts
var expressions = __webpack_require__(3920);
// EXTERNAL MODULE: ./src/http.ts
var src_http = __webpack_require__(6803);
// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var inputs = __webpack_require__(9763);
;// CONCATENATED MODULE: ./src/outputs.ts
/** ISO 8601 UTC without milliseconds, e.g. 2026-11-28T07:35:12Z. */
function expiresAt(expiresIn, nowMs) {
    if (expiresIn === undefined)
        return '';
    return new Date(nowMs + expiresIn * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
const SOURCE_WORDING = {
    refresh: 'obtained by refresh',
    code: 'obtained by code exchange',
    input: 'taken from the access_token input',
    cache: 'reused from the cache'
};
function publishToken(token, opts, sink) {
    const savedTo = opts.savedTo ?? [];
    const at = expiresAt(token.expiresIn, opts.nowMs);
    sink.setOutput('access_token', token.accessToken);
    sink.setOutput('token_type', token.tokenType);
    sink.setOutput('expires_in', token.expiresIn === undefined ? '' : String(token.expiresIn));
    sink.setOutput('expires_at', at);
    sink.setOutput('scope', token.scope);
    sink.setOutput('refresh_token', token.refreshToken ?? '');
    sink.setOutput('refresh_token_rotated', String(token.rotated));
    sink.setOutput('token_source', token.source);
    sink.setOutput('refresh_token_saved_to', savedTo.join(','));
    sink.setOutput('skipped', 'false');
    if (opts.exportEnv)
        sink.exportVariable(opts.exportEnv, token.accessToken);
    const lifetime = at ? `, expires in ${token.expiresIn} s at ${at}` : '';
    const scope = token.scope ? `, scope "${token.scope}"` : '';
    const env = opts.exportEnv ? `; later steps get it in $${opts.exportEnv}` : '';
    sink.info(`Access token ${SOURCE_WORDING[token.source]}${lifetime}${scope}${env}.`);
    if (token.rotated && !savedTo.includes('secret')) {
        sink.warning(savedTo.includes('cache')
            ? 'The provider rotated the refresh token: the new one is saved in the Actions cache, where later runs find it, but the secret that holds refresh_token is now spent. If the cache entry is evicted (7 days unused), runs fail with invalid_grant: set refresh_token_secret and github_token so the action also stores it in the secret (see README: Rotating refresh tokens).'
            : 'The provider rotated the refresh token: the one this step sent is now spent, and the next run will fail with invalid_grant unless the secret is updated. Store the new one from the step output refresh_token, or let the action do it with refresh_token_secret and github_token (see README: Rotating refresh tokens).');
    }
}

// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/oauth-errors.ts
var oauth_errors = __webpack_require__(6122);
// EXTERNAL MODULE: ./src/url.ts
var url = __webpack_require__(7666);
;// CONCATENATED MODULE: ./src/secret-writer.ts



const PERMISSION_ADVICE = 'Give github_token a fine-grained personal access token with the repository permission "Secrets: read and write", a GitHub App installation token with secrets: write, or a classic personal access token with the repo scope. The workflow\'s own GITHUB_TOKEN cannot write secrets, whatever the workflow\'s permissions: block grants.';
/**
 * Stores `value` as an Actions secret: reads the repository's (or environment's) public key,
 * encrypts the value as a libsodium sealed box, and PUTs it. Throws ActionError on failure.
 */
async function writeRepositorySecret(http, opts) {
    validateName(opts.name);
    const where = describeTarget(opts);
    const base = secretsPath(opts);
    const keyResponse = await http.send(githubRequest(opts, 'GET', `${base}/public-key`, `Reading the public key of ${where}`));
    if (keyResponse.status !== 200) {
        throw new errors/* ActionError */.lZ(refusal(keyResponse, `Reading the public key of ${where}`, opts));
    }
    const publicKey = readPublicKey(keyResponse, where);
    const encrypted = await sealForGitHub(opts.value, publicKey.key, where);
    const putResponse = await http.send({
        ...githubRequest(opts, 'PUT', `${base}/${encodeURIComponent(opts.name)}`, `Writing the secret ${opts.name} of ${where}`),
        body: JSON.stringify({ encrypted_value: encrypted, key_id: publicKey.keyId })
    });
    if (putResponse.status !== 201 && putResponse.status !== 204) {
        throw new errors/* ActionError */.lZ(refusal(putResponse, `Writing the secret ${opts.name} of ${where}`, opts));
    }
}
function secretsPath(opts) {
    if (opts.environment) {
        if (!opts.repositoryId || !/^\d+$/.test(opts.repositoryId)) {
            throw new errors/* ActionError */.lZ(`Cannot write the secret ${opts.name} of environment ${opts.environment}: the repository id is unknown (GITHUB_REPOSITORY_ID is not set; runners set it, so this is not a GitHub Actions job or the runner is very old). Leave secret_environment empty to write the repository secret instead.`);
        }
        return `/repositories/${opts.repositoryId}/environments/${encodeURIComponent(opts.environment)}/secrets`;
    }
    const [owner, repo, ...rest] = opts.repository.split('/');
    if (!owner || !repo || rest.length > 0) {
        throw new errors/* ActionError */.lZ(`Cannot write the secret ${opts.name}: the repository "${opts.repository}" is not owner/repo (GITHUB_REPOSITORY is set by the runner).`);
    }
    return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/secrets`;
}
function validateName(name) {
    // GitHub's rules for secret names: refused up front rather than as a 422 after a key lookup.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name)) {
        throw new errors/* ActionError */.lZ(`Input refresh_token_secret is "${name}", which GitHub does not accept as a secret name: use letters, digits and _, not starting with a digit or GITHUB_ (for example CLAYTON_REFRESH_TOKEN).`);
    }
}
function githubRequest(opts, method, path, label) {
    return {
        method,
        url: (0,url/* joinUrl */.we)(new URL(opts.apiUrl), path),
        headers: {
            Accept: 'application/vnd.github+json',
            Authorization: `Bearer ${opts.token}`,
            'X-GitHub-Api-Version': '2022-11-28',
            ...(method === 'PUT' && { 'Content-Type': 'application/json' })
        },
        label,
        // Reading a key and putting a secret are both idempotent.
        retry: 'always'
    };
}
function readPublicKey(response, where) {
    const body = parseObject(response.body);
    const keyId = body?.key_id;
    const key = body?.key;
    if (typeof keyId !== 'string' || typeof key !== 'string' || !keyId || !key) {
        throw new errors/* ActionError */.lZ(`Reading the public key of ${where} failed: the answer has no key_id and key. Check that GITHUB_API_URL points at the GitHub REST API.`);
    }
    return { keyId, key };
}
async function sealForGitHub(value, publicKey, where) {
    // Loaded only when a secret is written: the bundler emits it as a chunk of its own (~430 kB).
    const sodium = (await __webpack_require__.e(/* import() */ 768).then(__webpack_require__.bind(__webpack_require__, 4768))).default;
    await sodium.ready;
    let sealed;
    try {
        const key = sodium.from_base64(publicKey, sodium.base64_variants.ORIGINAL);
        sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
    }
    catch {
        throw new errors/* ActionError */.lZ(`The public key of ${where} is not a valid Curve25519 key (base64, 32 bytes); the secret was not written. Check that GITHUB_API_URL points at the GitHub REST API.`);
    }
    return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}
function refusal(response, step, opts) {
    const message = githubMessage(response);
    const head = `${step} failed: HTTP ${response.status}${message ? ` (${message})` : ''}.`;
    if (response.status === 401) {
        return `${head} github_token was not accepted: it is invalid, expired or revoked. ${PERMISSION_ADVICE}`;
    }
    if (response.status === 403 && String(response.headers['x-ratelimit-remaining'] ?? '') === '0') {
        return `${head} The token's API rate limit is used up; re-run the job later.`;
    }
    if (response.status === 403 || response.status === 404) {
        const environment = opts.environment
            ? ` Check also that the environment "${opts.environment}" exists.`
            : '';
        return `${head} github_token may not write the secrets of ${opts.repository} (GitHub answers 404 as well as 403 when a token lacks the permission). ${PERMISSION_ADVICE}${environment}`;
    }
    if (response.status === 422) {
        return `${head} GitHub refused the request; check refresh_token_secret and secret_environment.`;
    }
    return `${head} Check GITHUB_API_URL and github_token.`;
}
function githubMessage(response) {
    const message = parseObject(response.body)?.message;
    return typeof message === 'string' && message ? (0,oauth_errors/* sanitize */.a)(message, 200) : undefined;
}
function describeTarget(opts) {
    return opts.environment
        ? `environment ${opts.environment} of ${opts.repository}`
        : `repository ${opts.repository}`;
}
function parseObject(body) {
    try {
        const value = JSON.parse(body.toString('utf8'));
        return value !== null && typeof value === 'object' && !Array.isArray(value)
            ? value
            : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/token-client.ts
var token_client = __webpack_require__(2916);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
// EXTERNAL MODULE: external "node:diagnostics_channel"
var external_node_diagnostics_channel_ = __webpack_require__(3053);
;// CONCATENATED MODULE: ./src/library-call.ts


const calls = new external_node_async_hooks_.AsyncLocalStorage();
let listening = false;
let stdoutWrite;
function startLibraryCall(work) {
    if (!listening) {
        (0,external_node_diagnostics_channel_.subscribe)('http.client.request.start', onRequestStart);
        listening = true;
    }
    // Checked on every call: something else (a test's spy) may have replaced stdout.write since.
    if (process.stdout.write !== stdoutWrite)
        stdoutWrite = holdWrites(process.stdout.write);
    const call = { requests: new Set(), held: { problems: [], lines: [] } };
    return {
        result: calls.run(call, work),
        output: () => ({ problems: [...call.held.problems], lines: [...call.held.lines] }),
        abandon(errorFor) {
            if (call.errorFor)
                return;
            call.errorFor = errorFor;
            for (const request of call.requests)
                request.destroy(errorFor(request));
            call.requests.clear();
        }
    };
}
function onRequestStart(message) {
    const call = calls.getStore();
    if (!call)
        return;
    const request = message.request;
    const errorFor = call.errorFor;
    if (errorFor) {
        // Announced from inside the request's constructor: let the caller attach its error handler.
        process.nextTick(() => request.destroy(errorFor(request)));
        return;
    }
    call.requests.add(request);
    request.once('close', () => call.requests.delete(request));
}
const PROBLEM = /^::(?:warning|error)(?: [^:]*)?::(.*)$/s;
function holdWrites(original) {
    const stdout = process.stdout;
    const write = function (chunk, ...rest) {
        const call = calls.getStore();
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
        const line = text.replace(/\r?\n$/, '');
        const problem = PROBLEM.exec(line);
        if (!call || (!problem && line.startsWith('::'))) {
            return original.call(stdout, chunk, ...rest);
        }
        if (problem)
            call.held.problems.push(unescapeData(problem[1]).split('\n')[0].trim());
        else
            call.held.lines.push(...line.split(/\r?\n/).filter(part => part.trim() !== ''));
        const callback = rest.find(arg => typeof arg === 'function');
        if (callback)
            process.nextTick(callback);
        return true;
    };
    stdout.write = write;
    return stdout.write;
}
function unescapeData(text) {
    return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

;// CONCATENATED MODULE: ./src/private-workspace.ts


async function createPrivateWorkspace(runnerTemp) {
    // Absolute: the current directory moves while the call runs.
    const root = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_path_.resolve)(runnerTemp), 'clayton-oauth-cache-'));
    const workspace = (0,external_node_path_.join)(root, 'workspace');
    const temp = (0,external_node_path_.join)(root, 'temp');
    await (0,promises_.mkdir)(workspace, { mode: 0o700 });
    await (0,promises_.mkdir)(temp, { mode: 0o700 });
    return {
        workspace,
        enter() {
            const saved = {
                workspace: process.env.GITHUB_WORKSPACE,
                temp: process.env.RUNNER_TEMP,
                cwd: process.cwd()
            };
            process.env.GITHUB_WORKSPACE = workspace;
            process.env.RUNNER_TEMP = temp;
            process.chdir(workspace);
            return () => {
                setEnv('GITHUB_WORKSPACE', saved.workspace);
                setEnv('RUNNER_TEMP', saved.temp);
                process.chdir(saved.cwd);
            };
        },
        remove: () => (0,promises_.rm)(root, { recursive: true, force: true, maxRetries: 2 })
    };
}
function setEnv(name, value) {
    if (value === undefined)
        delete process.env[name];
    else
        process.env[name] = value;
}

;// CONCATENATED MODULE: ./src/sealing.ts


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
function deriveKey(secret, context) {
    return Buffer.from((0,external_node_crypto_.hkdfSync)('sha256', Buffer.from(secret, 'utf8'), HKDF_SALT, context, 32));
}
/** AES-256-GCM: version byte | 12-byte random nonce | ciphertext | 16-byte tag. */
function sealState(plaintext, secret, ctx) {
    // A key derived from an empty secret is public: anyone could read and forge the state.
    if (!secret)
        throw new errors/* ActionError */.lZ('Cannot encrypt the token state without client_secret.');
    const context = encodeSealContext(ctx);
    const header = Buffer.concat([Buffer.from([VERSION]), (0,external_node_crypto_.randomBytes)(NONCE_BYTES)]);
    const cipher = (0,external_node_crypto_.createCipheriv)('aes-256-gcm', deriveKey(secret, context), header.subarray(1), {
        authTagLength: TAG_BYTES
    });
    // The context is also authenticated data: binding does not rest on the key derivation alone.
    cipher.setAAD(Buffer.concat([header.subarray(0, 1), context]));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, body, cipher.getAuthTag()]);
}
/** The plaintext, or undefined for anything that is not authentic under this secret and context. */
function openState(blob, secret, ctx) {
    if (!secret || blob.length < HEADER_BYTES + TAG_BYTES || blob[0] !== VERSION)
        return undefined;
    try {
        const context = encodeSealContext(ctx);
        const decipher = (0,external_node_crypto_.createDecipheriv)('aes-256-gcm', deriveKey(secret, context), blob.subarray(1, HEADER_BYTES), { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.concat([blob.subarray(0, 1), context]));
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

;// CONCATENATED MODULE: ./src/token-state.ts
function serializeState(state) {
    // Listed field by field so nothing but the state itself can end up in the cache.
    const plain = {
        v: 1,
        accessToken: state.accessToken,
        tokenType: state.tokenType,
        expiresAtMs: state.expiresAtMs,
        scope: state.scope,
        refreshToken: state.refreshToken,
        savedAtMs: state.savedAtMs
    };
    return Buffer.from(JSON.stringify(plain), 'utf8');
}
/** The state, or undefined for anything that is not a well-formed version 1 state. */
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
    if (o.v !== 1 || typeof o.scope !== 'string' || !isTime(o.savedAtMs))
        return undefined;
    if (!optional(o.accessToken, isToken) || !optional(o.refreshToken, isToken))
        return undefined;
    if (!optional(o.tokenType, isToken) || !optional(o.expiresAtMs, isTime))
        return undefined;
    return {
        v: 1,
        ...(o.accessToken !== undefined && { accessToken: o.accessToken }),
        ...(o.tokenType !== undefined && { tokenType: o.tokenType }),
        ...(o.expiresAtMs !== undefined && { expiresAtMs: o.expiresAtMs }),
        scope: o.scope,
        ...(o.refreshToken !== undefined && { refreshToken: o.refreshToken }),
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
        savedAtMs: opts.nowMs
    };
}
function optional(value, check) {
    return value === undefined || check(value);
}
function isToken(value) {
    return typeof value === 'string' && value !== '';
}
function isTime(value) {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

;// CONCATENATED MODULE: ./src/token-cache.ts








/**
 * One fixed relative path: the cache version hashes the path strings as given, so an absolute
 * path (RUNNER_TEMP differs between self-hosted runners) would make entries unfindable elsewhere.
 */
const CACHE_PATH = '.clayton-oauth/state.bin';
const DEFAULT_CACHE_TIMEOUT_MS = 15_000;
/** After giving up: how long an abandoned call may take to wind down inside the private folder. */
const WIND_DOWN_MS = 1_000;
/**
 * Entries of one client, token endpoint and scope share this prefix. It is a hash, so the key
 * shows nothing but that the entries belong together.
 */
function cacheKeyPrefix(ctx) {
    const digest = (0,external_node_crypto_.createHash)('sha256').update(encodeSealContext(ctx)).digest('hex');
    return `clayton-oauth-v1-${digest.slice(0, 16)}-`;
}
/** Cache keys are immutable: every save gets a key of its own; restores match the prefix. */
function newCacheKey(ctx, nowMs) {
    return `${cacheKeyPrefix(ctx)}${nowMs}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
}
// Cache calls repoint process-wide settings (environment, current directory, stdout): one at a
// time, even across TokenCache instances.
let queue = Promise.resolve();
function oneAtATime(work) {
    const next = queue.then(work, work);
    queue = next.catch(() => { });
    return next;
}
function createTokenCache(opts) {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS;
    const prefix = cacheKeyPrefix(opts.context);
    const { log } = opts;
    let unavailableReported = false;
    async function loadCache() {
        // Loaded here, not at the top: the bundler emits it as a chunk of its own, and a run without
        // the cache never pays for loading it.
        const cache = await __webpack_require__.e(/* import() */ 641).then(__webpack_require__.bind(__webpack_require__, 2641));
        if (cache.isFeatureAvailable())
            return cache;
        if (!unavailableReported) {
            unavailableReported = true;
            log.warning('Token cache: the Actions cache service is not available to this job (its URL is not in the environment, as on some self-hosted or local runners), so the token state is neither restored nor saved. Set cache: false to silence this.');
        }
        return undefined;
    }
    /** Runs one @actions/cache call in the private folder, bounded by timeoutMs. */
    async function bounded(place, run) {
        const leave = place.enter();
        let timer;
        const wait = (ms) => new Promise(resolve => {
            timer = setTimeout(() => resolve({ kind: 'timeout' }), ms);
        });
        try {
            const call = startLibraryCall(run);
            const settled = call.result.then(value => ({ kind: 'done', value }), (error) => ({ kind: 'failed', error }));
            const outcome = await Promise.race([settled, wait(timeoutMs)]);
            clearTimeout(timer);
            if (outcome.kind === 'timeout') {
                const held = call.output();
                call.abandon(abandonedRequestError);
                // A call that had already downloaded its archive would otherwise extract it wherever
                // GITHUB_WORKSPACE points once it is restored: give it a moment to fail or finish here.
                await Promise.race([settled, wait(WIND_DOWN_MS)]);
                return { kind: 'timeout', held };
            }
            return { ...outcome, held: call.output() };
        }
        finally {
            clearTimeout(timer);
            leave();
        }
    }
    function reportHeld(held) {
        for (const line of held.lines)
            log.debug(`Token cache: ${line}`);
    }
    function detail(held, error) {
        // Some failures (a key taken by another job) are only printed as plain lines.
        const failures = held.lines.filter(line => /^Failed to (save|restore)\b/.test(line));
        const parts = [...held.problems, ...failures];
        if (error !== undefined)
            parts.push(error instanceof Error ? error.message : String(error));
        const text = parts.map(part => part.split('\n')[0]).join('; ');
        return text ? ` (${(0,errors/* clip */.$Q)(text, 400)})` : '';
    }
    async function restoreOnce() {
        const cache = await loadCache();
        if (!cache)
            return undefined;
        const mode = cacheMode();
        if (mode === 'none' || mode === 'write-only') {
            log.debug(`Token cache: ACTIONS_CACHE_MODE is ${mode}, which does not allow restoring.`);
            return undefined;
        }
        const place = await createPrivateWorkspace(opts.runnerTemp);
        try {
            const outcome = await bounded(place, () => cache.restoreCache([CACHE_PATH], prefix, [prefix], {
                // Only apply to downloads from Azure storage (GitHub's); the bound above covers the rest.
                timeoutInMs: timeoutMs,
                segmentTimeoutInMs: timeoutMs
            }));
            reportHeld(outcome.held);
            if (outcome.kind === 'timeout') {
                log.warning(`Token cache: gave up restoring after ${seconds(timeoutMs)} s: the Actions cache service did not answer in time. Continuing without the cached token state.`);
                return undefined;
            }
            const key = outcome.kind === 'done' ? outcome.value : undefined;
            if (key)
                return await readEntry(place, key);
            // @actions/cache answers a failure like a miss, after printing a warning we held back.
            if (outcome.kind === 'failed' || outcome.held.problems.length > 0) {
                const error = outcome.kind === 'failed' ? outcome.error : undefined;
                log.warning(`Token cache: could not restore the token state${detail(outcome.held, error)}. Continuing without it.`);
                return undefined;
            }
            log.debug(`Token cache: no entry matches ${prefix}*.`);
            return undefined;
        }
        finally {
            await place.remove();
        }
    }
    async function readEntry(place, key) {
        let blob;
        try {
            blob = await (0,promises_.readFile)((0,external_node_path_.join)(place.workspace, CACHE_PATH));
        }
        catch {
            log.debug(`Token cache: entry ${key} holds no token state; ignoring it.`);
            return undefined;
        }
        const plaintext = openState(blob, opts.secret, opts.context);
        if (!plaintext) {
            log.debug(`Token cache: entry ${key} does not decrypt under this client_secret, client_id, token endpoint and scope (written with other settings, or altered); ignoring it.`);
            return undefined;
        }
        const state = parseState(plaintext);
        if (!state) {
            log.debug(`Token cache: entry ${key} decrypts but is not a readable token state; ignoring it.`);
            return undefined;
        }
        log.debug(`Token cache: restored the state saved at ${iso(state.savedAtMs)} (entry ${key}).`);
        return state;
    }
    async function saveOnce(state) {
        const cache = await loadCache();
        if (!cache)
            return false;
        const mode = cacheMode();
        if (mode === 'none' || mode === 'read') {
            log.warning(`Token cache: this run may not write to the Actions cache (ACTIONS_CACHE_MODE is ${mode}; GitHub restricts it for untrusted triggers such as pull requests from forks), so the new token state was not saved. The token is still output.`);
            return false;
        }
        const blob = sealState(serializeState(state), opts.secret, opts.context);
        const key = newCacheKey(opts.context, Date.now());
        const place = await createPrivateWorkspace(opts.runnerTemp);
        try {
            const file = (0,external_node_path_.join)(place.workspace, CACHE_PATH);
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(file), { recursive: true, mode: 0o700 });
            await (0,promises_.writeFile)(file, blob, { mode: 0o600 });
            const outcome = await bounded(place, () => cache.saveCache([CACHE_PATH], key));
            reportHeld(outcome.held);
            const consequence = 'The token is still output; other jobs and later runs cannot reuse this state and make their own token request.';
            if (outcome.kind === 'timeout') {
                log.warning(`Token cache: gave up saving after ${seconds(timeoutMs)} s: the Actions cache service did not answer in time. ${consequence}`);
                return false;
            }
            if (outcome.kind === 'failed' || outcome.value === -1) {
                const error = outcome.kind === 'failed' ? outcome.error : undefined;
                log.warning(`Token cache: the Actions cache did not store the token state${detail(outcome.held, error)}. ${consequence}`);
                return false;
            }
            log.debug(`Token cache: saved the token state as entry ${key}.`);
            return true;
        }
        finally {
            await place.remove();
        }
    }
    return {
        restore: () => oneAtATime(async () => {
            try {
                return await restoreOnce();
            }
            catch (error) {
                log.warning(`Token cache: restoring failed${detail({ problems: [], lines: [] }, error)}.`);
                return undefined;
            }
        }),
        save: state => oneAtATime(async () => {
            try {
                return await saveOnce(state);
            }
            catch (error) {
                log.warning(`Token cache: saving failed${detail({ problems: [], lines: [] }, error)}.`);
                return false;
            }
        })
    };
}
/**
 * The twirp client of @actions/cache gives up at once on ECONNRESET but retries other errors with
 * sleeps of several seconds; the Azure SDK (blob transfers) retries ECONNRESET but not an error it
 * does not recognise. Each gets the error that ends it soonest.
 */
function abandonedRequestError(request) {
    const twirp = request.path.includes('/twirp/');
    return Object.assign(new Error('request abandoned by the token cache'), {
        code: twirp ? 'ECONNRESET' : 'ERR_TOKEN_CACHE_ABANDONED'
    });
}
/** Same reading as @actions/cache: unknown or empty means both directions are allowed. */
function cacheMode() {
    return (process.env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
}
function seconds(ms) {
    return String(Math.round(ms / 100) / 10);
}
function iso(ms) {
    return new Date(ms).toISOString();
}

;// CONCATENATED MODULE: ./src/token-lifecycle.ts


/**
 * The order the lifecycle issue lays down: a cached access token with enough life left; else a
 * refresh with the newest refresh token known (the cache's, then the input's once more if the
 * cached one is refused); then save the new state, and store a newly issued refresh token.
 */
async function obtainToken(settings, lifecycle, deps) {
    const { grant } = settings;
    let cached;
    // A code exchange never reads the cache: the person is bootstrapping on purpose.
    if (deps.cache && grant.type === 'refresh_token') {
        cached = await deps.cache.restore();
        if (cached) {
            deps.mask(cached.accessToken ?? '');
            deps.mask(cached.refreshToken ?? '');
        }
        if (cached && isReusable(cached, deps.now(), lifecycle.cacheMinTtlMs)) {
            return { token: fromCache(cached, deps.now()), savedTo: [] };
        }
    }
    const candidates = grant.type === 'refresh_token' &&
        cached?.refreshToken &&
        cached.refreshToken !== grant.refreshToken
        ? [cached.refreshToken, grant.refreshToken]
        : [undefined];
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
            deps.log.info('The refresh token from the cache was refused (invalid_grant); trying the refresh_token input once, in case the secret was updated.');
        }
    }
    if (!token)
        throw new Error('unreachable: no token and no error');
    const savedTo = [];
    let secretError;
    if (deps.cache) {
        const state = stateFromTokenResult(token, {
            nowMs: deps.now(),
            refreshTokenSent: sent,
            // A token revoked at the end of this job must not be picked up by another one.
            includeAccessToken: !lifecycle.revoke
        });
        if (await deps.cache.save(state))
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
function fromCache(state, nowMs) {
    return {
        accessToken: state.accessToken ?? '',
        tokenType: state.tokenType ?? 'Bearer',
        expiresIn: state.expiresAtMs === undefined ? undefined : Math.floor((state.expiresAtMs - nowMs) / 1000),
        scope: state.scope,
        // A run served from the cache made no token request: it has no refresh token to output.
        source: 'cache',
        rotated: false
    };
}

// EXTERNAL MODULE: ./src/version.ts + 1 modules
var version = __webpack_require__(1013);
;// CONCATENATED MODULE: ./src/main.ts


















/** Wires the modules together; every decision lives in them. */
async function run() {
    (0,state/* markMainStepStarted */.cN)();
    const redactor = new redact/* Redactor */.p();
    const mask = secret => {
        if (!secret)
            return;
        core.setSecret(secret);
        redactor.add(secret);
    };
    const read = name => core.getInput(name);
    const runnerTemp = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    let http;
    let api;
    try {
        for (const name of inputs/* SECRET_INPUTS */.p)
            mask(read(name));
        const parsed = (0,inputs/* parseInputs */.T)(read, { runnerTemp, random: (0,external_node_crypto_.randomUUID)() });
        if (parsed.kind === 'missing-credentials') {
            const explanation = describeMissingCredentials(parsed.detail, secretsWithheldReason({
                actor: process.env.GITHUB_ACTOR,
                eventPath: process.env.GITHUB_EVENT_PATH
            }));
            if (!parsed.detail.skip)
                throw new errors/* ActionError */.lZ(explanation);
            core.setOutput('skipped', 'true');
            core.notice(`${explanation} Skipped: no token was requested and no API call was made.`);
            return;
        }
        const { settings } = parsed;
        if (settings.api)
            await (0,expressions/* checkExpressions */.M_)(settings.api);
        http = new src_http/* Http */.l(version/* USER_AGENT */._, settings.http, message => core.info(message));
        const { token, savedTo, secretError } = await acquire(http, settings, mask, runnerTemp);
        publishToken(token, { exportEnv: settings.exportEnv, nowMs: Date.now(), savedTo }, core);
        // Outputs and the cache are written first: a refused secret write must not lose the new token.
        if (secretError)
            throw secretError;
        if (settings.api) {
            api = { settings: settings.api, report: (0,api_call/* newApiReport */.DJ)(settings.api) };
            await (0,api_call/* runApiCall */.ed)(http, settings.api, { value: token.accessToken, source: token.source }, api.report, { onPoll: message => core.info(message) });
        }
    }
    catch (error) {
        const message = (0,errors/* clip */.$Q)(redactor.redact(describeFailure(error)), errors/* MAX_ERROR_LENGTH */.VY);
        if (api)
            api.report.failure = message;
        core.setFailed(message);
    }
    finally {
        http?.dispose();
        if (api)
            await reportApiCall(api.report, api.settings, redactor);
    }
}
async function acquire(http, settings, mask, runnerTemp) {
    if (settings.credential.kind === 'input') {
        const token = {
            accessToken: settings.credential.accessToken,
            tokenType: 'Bearer',
            scope: '',
            source: 'input',
            rotated: false
        };
        return { token, savedTo: [] };
    }
    const { token: tokenSettings, lifecycle } = settings.credential;
    const { client } = tokenSettings;
    if (client.auth === 'client_secret_basic')
        mask((0,token_client/* basicCredential */.gp)(client.id, client.secret));
    core.debug(`Token endpoint ${(0,url/* describeUrl */.Ng)(tokenSettings.tokenUrl)}, grant ${tokenSettings.grant.type}, client_auth ${client.auth}, cache ${lifecycle.cache}`);
    const result = await obtainToken(tokenSettings, lifecycle, {
        requestToken: request => (0,token_client/* requestToken */.Fr)(http, request, mask),
        cache: lifecycle.cache
            ? createTokenCache({
                secret: client.secret,
                context: {
                    clientId: client.id,
                    tokenUrl: tokenSettings.tokenUrl.href,
                    scope: tokenSettings.scope
                },
                runnerTemp,
                log: { debug: core.debug, warning: core.warning }
            })
            : undefined,
        writeSecret: lifecycle.refreshTokenSecret
            ? value => writeSecret(http, lifecycle, value)
            : undefined,
        mask,
        now: Date.now,
        log: { info: core.info, debug: core.debug }
    });
    // Never a cached token (other jobs use it) nor one handed over in access_token.
    if (lifecycle.revoke && result.token.source !== 'cache') {
        (0,state/* rememberTokenToRevoke */.CM)(result.token.accessToken);
    }
    return result;
}
async function writeSecret(http, lifecycle, value) {
    const apiUrl = (0,url/* parseSecureUrl */.cy)(process.env.GITHUB_API_URL || 'https://api.github.com', 'GITHUB_API_URL');
    await writeRepositorySecret(http, {
        apiUrl: apiUrl.href,
        repository: process.env.GITHUB_REPOSITORY ?? '',
        repositoryId: process.env.GITHUB_REPOSITORY_ID,
        environment: lifecycle.secretEnvironment || undefined,
        token: lifecycle.githubToken,
        name: lifecycle.refreshTokenSecret,
        value
    });
}
/** Outputs and summary are written whether the call passed or not, for `if: failure()` steps. */
async function reportApiCall(report, settings, redactor) {
    try {
        // Loaded only by runs that make an API call.
        const { describeApiOutcome, publishApiReport, renderApiSummary } = await __webpack_require__.e(/* import() */ 566).then(__webpack_require__.bind(__webpack_require__, 8566));
        publishApiReport(report, settings, core);
        if (!report.failure)
            core.info(describeApiOutcome(report));
        await core.summary.addRaw(redactor.redact(renderApiSummary(report, settings))).write();
    }
    catch (error) {
        core.warning(`Could not write the API call's outputs or summary: ${redactor.redact(String(error))}`);
    }
}
function describeFailure(error) {
    if (error instanceof errors/* ActionError */.lZ)
        return error.message;
    const message = error instanceof Error ? error.message : String(error);
    return `Unexpected error: ${message}. This is a bug in the action; please report it with the step's log.`;
}


/***/ })

};
