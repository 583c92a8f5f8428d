export const id = 136;
export const ids = [136];
export const modules = {

/***/ 1136:
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

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
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
    if (token.rotated && !savedTo.includes('secret') && !opts.secretWriteFailed) {
        sink.warning(savedTo.includes('cache')
            ? 'The provider rotated the refresh token: the new one is saved in the Actions cache, where later runs find it, but the secret that holds refresh_token is now spent. If the cache entry is evicted (7 days unused), runs fail with invalid_grant: set refresh_token_secret and github_token so the action also stores it in the secret (see README: Rotating refresh tokens).'
            : 'The provider rotated the refresh token: the one this step sent is now spent, and the next run will fail with invalid_grant unless the secret is updated. Store the new one from the step output refresh_token, or let the action do it with refresh_token_secret and github_token (see README: Rotating refresh tokens).');
    }
}

// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/token-client.ts
var token_client = __webpack_require__(2916);
// EXTERNAL MODULE: ./src/token-state.ts
var token_state = __webpack_require__(9610);
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
        if (cached && (0,token_state/* isReusable */.g1)(cached, deps.now(), lifecycle.cacheMinTtlMs)) {
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
        const state = (0,token_state/* stateFromTokenResult */.Sn)(token, {
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

// EXTERNAL MODULE: ./src/url.ts
var url = __webpack_require__(7666);
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
        // Loaded only by runs that call the API; JMESPath itself only by runs with an expression.
        const apiModule = settings.api ? await __webpack_require__.e(/* import() */ 676).then(__webpack_require__.bind(__webpack_require__, 9676)) : undefined;
        if (settings.api)
            await (await __webpack_require__.e(/* import() */ 920).then(__webpack_require__.bind(__webpack_require__, 3920))).checkExpressions(settings.api);
        http = new src_http/* Http */.l(version/* USER_AGENT */._, settings.http, message => core.info(message));
        const { token, savedTo, secretError } = await acquire(http, settings, mask, runnerTemp);
        publishToken(token, {
            exportEnv: settings.exportEnv,
            nowMs: Date.now(),
            savedTo,
            secretWriteFailed: secretError !== undefined
        }, core);
        // Outputs and the cache are written first: a refused secret write must not lose the new token.
        if (secretError)
            throw secretError;
        if (settings.api && apiModule) {
            api = { settings: settings.api, report: apiModule.newApiReport(settings.api) };
            await apiModule.runApiCall(http, settings.api, { value: token.accessToken, source: token.source }, api.report, { onPoll: message => core.info(message) });
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
        // The cache module (and @actions/cache behind it) is loaded only when the cache is on.
        cache: lifecycle.cache
            ? (await __webpack_require__.e(/* import() */ 412).then(__webpack_require__.bind(__webpack_require__, 5412))).createTokenCache({
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
    // Loaded only when a secret is written (it brings libsodium).
    const { writeRepositorySecret } = await __webpack_require__.e(/* import() */ 811).then(__webpack_require__.bind(__webpack_require__, 2811));
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


/***/ }),

/***/ 9610:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ parseState),
/* harmony export */   Sn: () => (/* binding */ stateFromTokenResult),
/* harmony export */   g1: () => (/* binding */ isReusable),
/* harmony export */   sU: () => (/* binding */ serializeState)
/* harmony export */ });
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


/***/ })

};
