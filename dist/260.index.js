export const id = 260;
export const ids = [260];
export const modules = {

/***/ 4260:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CACHE_PATH: () => (/* binding */ CACHE_PATH),
  DEFAULT_CACHE_TIMEOUT_MS: () => (/* binding */ DEFAULT_CACHE_TIMEOUT_MS),
  cacheKeyPrefix: () => (/* binding */ cacheKeyPrefix),
  createTokenCache: () => (/* binding */ createTokenCache),
  newCacheKey: () => (/* binding */ newCacheKey)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
// EXTERNAL MODULE: external "node:diagnostics_channel"
var external_node_diagnostics_channel_ = __webpack_require__(3053);
;// CONCATENATED MODULE: ./src/lifecycle/library-call.ts


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

;// CONCATENATED MODULE: ./src/lifecycle/private-workspace.ts


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

;// CONCATENATED MODULE: ./src/lifecycle/sealing.ts


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

// EXTERNAL MODULE: ./src/lifecycle/token-state.ts
var token_state = __webpack_require__(7729);
;// CONCATENATED MODULE: ./src/lifecycle/token-cache.ts








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
    // A service that let a restore time out is not asked again in this run: a second wait of the
    // same length would only double the delay.
    let unresponsive = false;
    async function loadCache() {
        // Loaded here, not at the top: the bundler emits it as a chunk of its own, and a run without
        // the cache never pays for loading it.
        const cache = await Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(955), __webpack_require__.e(151), __webpack_require__.e(65)]).then(__webpack_require__.bind(__webpack_require__, 4151));
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
                unresponsive = true;
                log.warning(`Token cache: gave up restoring after ${seconds(timeoutMs)} s: the Actions cache service did not answer in time. Continuing without the cached token state; this run will not save one either.`);
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
        const state = (0,token_state/* parseState */.Bu)(plaintext);
        if (!state) {
            log.debug(`Token cache: entry ${key} decrypts but is not a readable token state; ignoring it.`);
            return undefined;
        }
        log.debug(`Token cache: restored the state saved at ${iso(state.savedAtMs)} (entry ${key}).`);
        return state;
    }
    async function saveOnce(state) {
        if (unresponsive)
            return false;
        const cache = await loadCache();
        if (!cache)
            return false;
        const mode = cacheMode();
        if (mode === 'none' || mode === 'read') {
            log.warning(`Token cache: this run may not write to the Actions cache (ACTIONS_CACHE_MODE is ${mode}; GitHub restricts it for untrusted triggers such as pull requests from forks), so the new token state was not saved. The token is still output.`);
            return false;
        }
        const blob = sealState((0,token_state/* serializeState */.sU)(state), opts.secret, opts.context);
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


/***/ })

};
