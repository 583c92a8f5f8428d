export const id = 525;
export const ids = [525];
export const modules = {

/***/ 8525:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 12 modules
var core = __webpack_require__(143);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/errors.ts
/**
 * A failure explained for the person reading the failed job: what failed, why, and what to do.
 * Anything thrown that is not an ActionError is a bug and is reported as such.
 */
class ActionError extends Error {
    name = 'ActionError';
}
/** Bad input, found before any request was sent. The message names the input and the fix. */
class InputError extends ActionError {
}
/** GitHub truncates annotations; keep the whole explanation visible. */
const MAX_ERROR_LENGTH = 1000;
function clip(text, max) {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

;// CONCATENATED MODULE: ./src/url.ts

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);
/** 127.0.0.0/8, ::1 and localhost: the only hosts where plain http cannot leak a token. */
function isLoopbackHost(hostname) {
    const host = hostname.toLowerCase();
    if (LOOPBACK_NAMES.has(host) || host.endsWith('.localhost'))
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
        throw new InputError(`Input ${input} is not a valid URL ("${value}"). Give an absolute URL such as https://app.clayton.io.`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
        throw new InputError(`Input ${input} must use https:// (got ${url.protocol}//${url.host}); plain http is only allowed for loopback hosts, because the request carries credentials.`);
    }
    if (url.username || url.password) {
        throw new InputError(`Input ${input} must not contain user:password@; pass credentials through client_id and client_secret.`);
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

;// CONCATENATED MODULE: ./src/api-settings.ts


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
        const stray = ['api_query', 'api_assert', 'api_wait_until', 'api_body'].filter(name => read(name));
        if (stray.length > 0) {
            throw new InputError(`Input ${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but api_url is empty, so no API call would be made. Set api_url (for example /api/workspaces).`);
        }
        return undefined;
    }
    const trusted = parseTrustedOrigins(read('trusted_origins'));
    const url = resolveApiUrl(apiUrl, baseUrl, trusted);
    const method = (read('api_method') || 'GET').toUpperCase();
    if (!METHODS.includes(method)) {
        throw new InputError(`Input api_method is "${method}"; it must be one of: ${METHODS.join(', ')}.`);
    }
    const headers = parseHeaders(read('api_headers'));
    const body = read('api_body') || undefined;
    const hasContentType = Object.keys(headers).some(name => name.toLowerCase() === 'content-type');
    if (body !== undefined && !hasContentType) {
        try {
            JSON.parse(body);
        }
        catch (error) {
            throw new InputError(`Input api_body is not valid JSON (${error.message}), and api_headers sets no Content-Type. Fix the JSON, or add a Content-Type line to api_headers to send it as is.`);
        }
        headers['Content-Type'] = 'application/json';
    }
    const expectedStatusText = read('api_expected_status') || '2xx';
    const waitUntil = read('api_wait_until');
    if (waitUntil && !IDEMPOTENT_METHODS.has(method)) {
        throw new InputError(`Input api_wait_until repeats the call until it is true, and api_method is ${method}, which would repeat its side effect on every poll. Trigger with ${method} in one step and wait with GET in a second step (see README: Pull-request gate).`);
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
        waitIntervalMs: seconds(read, 'api_wait_interval', 15, 3600) * 1000,
        waitTimeoutMs: seconds(read, 'api_wait_timeout', 600, 6 * 3600) * 1000,
        responseFile: read('api_response_file') || `${env.runnerTemp}/clayton-api-response-${env.random}.json`
    };
}
/** Origins besides base_url's that may receive the token. */
function parseTrustedOrigins(value) {
    const origins = new Set();
    for (const entry of value.split(/[,\n]/).map(item => item.trim())) {
        if (!entry)
            continue;
        origins.add(parseSecureUrl(entry, 'trusted_origins').origin);
    }
    return origins;
}
/**
 * A path resolves against base_url (keeping its prefix); an absolute URL must be on base_url's
 * origin or a trusted one, because the request carries the access token.
 */
function resolveApiUrl(value, baseUrl, trusted) {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) {
        const [path, ...rest] = value.split('?');
        const url = joinUrl(baseUrl, path);
        if (rest.length > 0)
            url.search = `?${rest.join('?')}`;
        return url;
    }
    const url = parseSecureUrl(value, 'api_url');
    if (url.origin !== baseUrl.origin && !trusted.has(url.origin)) {
        const hint = url.protocol === 'http:' && !isLoopbackHost(url.hostname) ? ' (and use https)' : '';
        throw new InputError(`Input api_url points at ${url.origin}, which is neither base_url's origin (${baseUrl.origin}) nor listed in trusted_origins, so the access token will not be sent there. Add ${url.origin} to trusted_origins${hint} if it should receive the token.`);
    }
    return url;
}
function parseHeaders(value) {
    const headers = {};
    value.split('\n').forEach((raw, index) => {
        const line = raw.trim();
        if (!line)
            return;
        const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
        if (!match) {
            throw new InputError(`Input api_headers line ${index + 1} is not "Name: value" (got "${line.slice(0, 60)}"). Write one header per line, e.g. X-Request-Id: 42.`);
        }
        const [, name, headerValue] = match;
        if (RESERVED_HEADERS.has(name.toLowerCase())) {
            throw new InputError(`Input api_headers line ${index + 1} sets ${name}, which the action sets itself (the access token goes in Authorization). Remove that line.`);
        }
        headers[name] = headerValue;
    });
    return headers;
}
/** `2xx`, `200,404`, `2xx,404`: codes and classes. */
function parseExpectedStatus(value) {
    const codes = new Set();
    const classes = new Set();
    for (const part of value.split(',').map(item => item.trim().toLowerCase())) {
        if (/^[1-5]xx$/.test(part))
            classes.add(Number(part[0]));
        else if (/^[1-5]\d\d$/.test(part))
            codes.add(Number(part));
        else {
            throw new InputError(`Input api_expected_status has "${part}"; give status codes and classes separated by commas, e.g. 2xx or 200,404.`);
        }
    }
    return status => codes.has(status) || classes.has(Math.floor(status / 100));
}
function seconds(read, name, fallback, max) {
    const raw = read(name);
    if (!raw)
        return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value > max) {
        throw new InputError(`Input ${name} is "${raw}"; it must be a number of seconds above 0 and at most ${max} (default ${fallback}).`);
    }
    return value;
}

;// CONCATENATED MODULE: ./src/expressions.ts

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
            throw new InputError(`Input ${input} is not a valid JMESPath expression: ${error.message} (expression: ${expression}). See https://jmespath.site for the syntax.`);
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

;// CONCATENATED MODULE: ./src/oauth-errors.ts
/** The fix for each OAuth error a person can act on. */
function explainTokenError(ctx) {
    const head = [
        `Token request failed: HTTP ${ctx.status}`,
        ctx.error ? ` ${sanitize(ctx.error, 60)}` : '',
        ctx.description ? ` (${sanitize(ctx.description)})` : '',
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
        case 'invalid_client':
            return `The provider did not accept the client credentials: check client_id and client_secret (the OAuth app's values), and client_auth (now ${ctx.clientAuth}; the provider may expect ${otherAuth}).`;
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
        return `The provider asked to wait ${Math.ceil(ctx.retryAfterMs / 1000)} s (Retry-After), more than this step waits (60 s): run the job again later.`;
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
/** Provider text is not ours: keep it printable and short. */
function sanitize(text, max = 300) {
    // eslint-disable-next-line no-control-regex
    const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
    return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

;// CONCATENATED MODULE: ./src/retry.ts
/** Pure decisions about transient failures; the loop that applies them lives in http.ts. */
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
/** Decides whether attempt `attempt` (1-based) that just failed is followed by another. */
function decideRetry(opts) {
    if (!opts.transient)
        return { retry: false, reason: 'not-transient' };
    // Checked first: "asked to wait 120 s" is the useful message even on the last attempt.
    if (opts.retryAfterMs !== undefined && opts.retryAfterMs > MAX_RETRY_AFTER_MS) {
        return { retry: false, reason: 'retry-after-too-long' };
    }
    if (opts.attempt >= opts.maxAttempts)
        return { retry: false, reason: 'attempts-exhausted' };
    const backoff = backoffDelayMs(opts.attempt, opts.random);
    return { retry: true, delayMs: Math.max(backoff, opts.retryAfterMs ?? 0) };
}

;// CONCATENATED MODULE: ./src/api-call.ts






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
                retry: IDEMPOTENT_METHODS.has(api.method) ? 'always' : 'unsent'
            });
            report.attempts += response.attempts;
            report.polls += 1;
            report.status = response.status;
            report.body = response.body;
            last = response;
            checkStatus(response, api, token, label);
            if (!api.waitUntil)
                break;
            const value = await evaluate(api.waitUntil, parseJson(response, label, 'api_wait_until'));
            if (isTruthy(value))
                break;
            const retryAfter = header(response.headers, 'retry-after');
            const delayMs = Math.max(api.waitIntervalMs, parseRetryAfterMs(retryAfter, now()) ?? 0);
            const elapsed = now() - started;
            if (elapsed + delayMs > api.waitTimeoutMs) {
                throw new ActionError(`${label}: api_wait_until \`${api.waitUntil}\` was still not true after ${report.polls} poll${report.polls === 1 ? '' : 's'} over ${Math.round(elapsed / 1000)} s (api_wait_timeout ${api.waitTimeoutMs / 1000} s); last value: ${preview(value)}. Raise api_wait_timeout if the service is slow, or check the expression against the response in api_response_file.`);
            }
            opts.onPoll?.(`${label}: api_wait_until is ${preview(value)} after poll ${report.polls}; next poll in ${(delayMs / 1000).toFixed(1)} s`);
            await (0,promises_.setTimeout)(delayMs);
        }
        if (last && (api.query || api.assert)) {
            const data = parseJson(last, label, api.query ? 'api_query' : 'api_assert');
            if (api.query) {
                report.result = await evaluate(api.query, data);
                report.hasResult = true;
            }
            if (api.assert) {
                const value = await evaluate(api.assert, data);
                report.passed = isTruthy(value);
                if (!report.passed) {
                    throw new ActionError(`${label}: api_assert \`${api.assert}\` is not true: it evaluated to ${preview(value)}${report.hasResult ? ` (api_result: ${preview(report.result)})` : ''}. The gate fails as configured.`);
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
            : 'The token this step just obtained was refused: check that base_url (and api_url) point at the service that issued it, and that scope grants access to this API.';
        throw new ActionError(`${label} returned HTTP 401 invalid_token. ${why}`);
    }
    if (api.expectedStatus(response.status))
        return;
    const retried = response.attempts > 1 ? ` after ${response.attempts} attempts` : '';
    const body = response.body.length > 0 ? ` Response: ${sanitize(response.body.toString('utf8'), 200)}` : '';
    throw new ActionError(`${label} returned HTTP ${response.status}${retried}, expected ${api.expectedStatusText}.${body} If this status is acceptable, list it in api_expected_status.`);
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
        throw new ActionError(`${label}: the response is not JSON (${response.body.length} bytes), so ${input} cannot be evaluated. Check api_url, or remove ${input}.`);
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/api-report.ts



/** GitHub step outputs are meant for small values; the file always has the whole body. */
const MAX_OUTPUT_BODY_BYTES = 1024 * 1024;
/** Sets every output known so far and writes the body to the response file. */
function publishApiReport(report, api, sink) {
    if (report.status !== undefined)
        sink.setOutput('api_status', String(report.status));
    if (report.body !== undefined) {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(api.responseFile), { recursive: true });
        (0,external_node_fs_.writeFileSync)(api.responseFile, report.body);
        sink.setOutput('api_response_file', api.responseFile);
        if (report.body.length > MAX_OUTPUT_BODY_BYTES) {
            sink.setOutput('api_response', '');
            sink.notice(`The API response is ${report.body.length} bytes, over the 1 MiB limit for the api_response output, which is left empty; read it from api_response_file (${api.responseFile}).`);
        }
        else {
            sink.setOutput('api_response', report.body.toString('utf8'));
        }
    }
    if (report.hasResult)
        sink.setOutput('api_result', JSON.stringify(report.result ?? null));
    if (report.passed !== undefined)
        sink.setOutput('api_passed', String(report.passed));
}
/** The job summary of one call: what was asked, what came back, and the verdict. No secrets. */
function renderApiSummary(report, api) {
    const rows = [
        ['Request', code(`${report.method} ${report.path}`)],
        [
            'Status',
            report.status === undefined
                ? 'no response'
                : `${report.status} (expected ${api.expectedStatusText})`
        ],
        ['Duration', formatDuration(report.durationMs)],
        ['Attempts', String(report.attempts)]
    ];
    if (api.waitUntil) {
        rows.push(['Polls', String(report.polls)]);
        rows.push(['Wait until', code(api.waitUntil)]);
    }
    if (api.assert) {
        const verdict = report.passed === undefined ? 'not evaluated' : report.passed ? '✅ passed' : '❌ failed';
        rows.push(['Assertion', `${code(api.assert)} ${verdict}`]);
    }
    if (api.query) {
        rows.push(['Query', code(api.query)]);
        rows.push([
            'api_result',
            report.hasResult ? code(preview(report.result, 500)) : 'not evaluated'
        ]);
    }
    if (report.failure)
        rows.push(['Failure', escapeCell(report.failure)]);
    const table = rows.map(([name, value]) => `| ${name} | ${value} |`).join('\n');
    return `### API call\n\n| | |\n|---|---|\n${table}\n`;
}
/** A code span that survives backticks in JMESPath literals (`0`) and pipes in table cells. */
function code(text) {
    const cell = escapeCell(text);
    return cell.includes('`') ? `\`\` ${cell} \`\`` : `\`${cell}\``;
}
function formatDuration(ms) {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
/** One log line for the step's output: what happened, in the order a reader checks it. */
function describeApiOutcome(report) {
    const parts = [
        `API call ${report.method} ${report.path}: HTTP ${report.status} in ${formatDuration(report.durationMs)}`
    ];
    if (report.attempts > report.polls)
        parts.push(`${report.attempts} attempts`);
    if (report.polls > 1)
        parts.push(`${report.polls} polls`);
    if (report.hasResult)
        parts.push(`api_result ${preview(report.result)}`);
    if (report.passed !== undefined)
        parts.push(`api_assert ${report.passed ? 'passed' : 'failed'}`);
    return `${parts.join('; ')}.`;
}
function escapeCell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

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

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
;// CONCATENATED MODULE: ./src/http.ts





class DeadlineError extends Error {
    code = 'DEADLINE';
}
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
        this.client = new lib/* HttpClient */.Qq(userAgent, [], {
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
        for (let attempt = 1;; attempt++) {
            let failure;
            let retryAfterMs;
            let response;
            try {
                response = await this.sendOnce(request);
                if (!isTransientStatus(response.status)) {
                    return { ...response, attempts: attempt, earlierAttemptMayHaveLanded };
                }
                const retryAfter = response.headers['retry-after'];
                retryAfterMs = parseRetryAfterMs(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, Date.now());
                failure = { status: response.status, description: `HTTP ${response.status}` };
            }
            catch (error) {
                const code = error.code;
                failure = { code, description: describeNetworkError(error, request, this.settings) };
                if (!isTransientErrorCode(code)) {
                    throw new ActionError(`${request.label} failed: ${failure.description}`);
                }
            }
            // Any response proves the request was sent; `unsent` only retries failures to connect.
            const transient = request.retry === 'always' ||
                (failure.status === undefined && !mayHaveReachedServer({ code: failure.code }));
            const decision = decideRetry({
                attempt,
                maxAttempts: this.settings.maxAttempts,
                transient,
                retryAfterMs,
                random: this.random
            });
            if (!decision.retry) {
                if (response) {
                    return {
                        ...response,
                        attempts: attempt,
                        earlierAttemptMayHaveLanded,
                        retryAfterMs: decision.reason === 'retry-after-too-long' ? retryAfterMs : undefined
                    };
                }
                const why = decision.reason === 'attempts-exhausted'
                    ? `after ${attempt} attempt${attempt === 1 ? '' : 's'}`
                    : '(not retried: the request may already have been processed)';
                throw new ActionError(`${request.label} to ${describeUrl(request.url)} failed ${why}: ${failure.description}. Check that the service is reachable from the runner; raise max_attempts or timeout if it is slow.`);
            }
            if (mayHaveReachedServer(failure))
                earlierAttemptMayHaveLanded = true;
            this.log(`${request.label}: attempt ${attempt} of ${this.settings.maxAttempts} failed (${failure.description}); retrying in ${(decision.delayMs / 1000).toFixed(1)} s`);
            await (0,promises_.setTimeout)(decision.delayMs);
        }
    }
    /** One attempt under a deadline that covers connecting, sending and reading the last byte. */
    async sendOnce(request) {
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
            }, this.settings.timeoutMs);
        });
        const exchange = (async () => {
            response = await this.client.request(request.method, request.url.href, request.body ?? null, request.headers);
            const body = await readBody(response);
            return { status: response.message.statusCode ?? 0, headers: response.message.headers, body };
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
function readBody(response) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        response.message.on('data', (chunk) => chunks.push(chunk));
        response.message.on('end', () => {
            // A body cut short of its Content-Length ends without an error event on some Node versions.
            if (!response.message.complete) {
                reject(Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' }));
            }
            else
                resolve(Buffer.concat(chunks));
        });
        response.message.on('error', reject);
        response.message.on('aborted', () => reject(Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' })));
    });
}
function describeNetworkError(error, request, settings) {
    const code = error.code;
    switch (code) {
        case 'DEADLINE':
            return `no complete answer within ${settings.timeoutMs / 1000} s (timeout)`;
        case 'ENOTFOUND':
            return `the host name ${request.url.hostname} does not resolve (ENOTFOUND). Check base_url / token_url for a typo`;
        case 'ECONNREFUSED':
            return `connection refused by ${request.url.host} (ECONNREFUSED)`;
        case 'ECONNRESET':
            return `the connection was closed before the answer was complete (ECONNRESET)`;
        case undefined:
            return `network error (${error.message ?? String(error)})`;
        default:
            return `network error ${code}`;
    }
}

;// CONCATENATED MODULE: ./src/inputs.ts



/** Inputs whose values are secrets: masked before anything else happens. */
const SECRET_INPUTS = ['client_secret', 'refresh_token', 'code', 'access_token'];
const CLIENT_AUTH_VALUES = ['client_secret_post', 'client_secret_basic'];
/**
 * Turns raw inputs into typed settings. Everything that does not depend on a secret is checked
 * first, so a misconfigured workflow fails even on a fork pull request where secrets are empty.
 */
function parseInputs(read, env) {
    const onMissing = oneOf(read, 'on_missing_credentials', ['fail', 'skip'], 'fail');
    const baseUrl = parseSecureUrl(required(read, 'base_url'), 'base_url');
    const tokenUrlInput = read('token_url');
    const tokenUrl = tokenUrlInput
        ? parseSecureUrl(tokenUrlInput, 'token_url')
        : joinUrl(baseUrl, '/oauth2/token');
    const auth = oneOf(read, 'client_auth', CLIENT_AUTH_VALUES, 'client_secret_post');
    const timeoutMs = positiveNumber(read, 'timeout', 30, { max: 3600 }) * 1000;
    const maxAttempts = positiveNumber(read, 'max_attempts', 4, { integer: true, max: 20 });
    const exportEnv = read('export_env');
    validateEnvName(exportEnv);
    const code = read('code');
    const redirectUri = code ? required(read, 'redirect_uri') : read('redirect_uri');
    const api = parseApiInputs(read, baseUrl, env);
    const http = { timeoutMs, maxAttempts };
    const accessToken = read('access_token');
    if (accessToken) {
        // A handed-over token needs no client credentials: a second step reusing the first one's.
        return {
            kind: 'ready',
            settings: { baseUrl, credential: { kind: 'input', accessToken }, http, exportEnv, api }
        };
    }
    const clientId = read('client_id');
    const clientSecret = read('client_secret');
    const refreshToken = read('refresh_token');
    const missing = [
        ...(clientId ? [] : ['client_id']),
        ...(clientSecret ? [] : ['client_secret']),
        ...(refreshToken || code ? [] : ['refresh_token'])
    ];
    if (missing.length > 0) {
        return { kind: 'missing-credentials', detail: { missing, skip: onMissing === 'skip' } };
    }
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
                    scope: read('scope')
                }
            },
            http,
            exportEnv,
            api
        }
    };
}
function required(read, name) {
    const value = read(name);
    if (!value)
        throw new InputError(`Input ${name} is empty. Set it, or remove it to use the default.`);
    return value;
}
function oneOf(read, name, allowed, fallback) {
    const value = read(name) || fallback;
    if (!allowed.includes(value)) {
        throw new InputError(`Input ${name} is "${value}"; it must be one of: ${allowed.join(', ')}.`);
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
        throw new InputError(`Input ${name} is "${raw}"; it must be a ${opts.integer ? 'whole' : 'positive'} number from ${opts.integer ? 1 : 'above 0'} to ${opts.max} (default ${fallback}).`);
    }
    return value;
}
function validateEnvName(name) {
    if (!name)
        return;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        throw new InputError(`Input export_env is "${name}", which is not a valid environment variable name: use letters, digits and _ (for example CLAYTON_TOKEN).`);
    }
    // The runner refuses these through GITHUB_ENV, or they would change how later steps run.
    if (/^(GITHUB_|RUNNER_)/i.test(name) || name.toUpperCase() === 'NODE_OPTIONS') {
        throw new InputError(`Input export_env is "${name}": names starting with GITHUB_ or RUNNER_, and NODE_OPTIONS, are reserved. Choose another name, for example CLAYTON_TOKEN.`);
    }
}

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
    const at = expiresAt(token.expiresIn, opts.nowMs);
    sink.setOutput('access_token', token.accessToken);
    sink.setOutput('token_type', token.tokenType);
    sink.setOutput('expires_in', token.expiresIn === undefined ? '' : String(token.expiresIn));
    sink.setOutput('expires_at', at);
    sink.setOutput('scope', token.scope);
    sink.setOutput('refresh_token', token.refreshToken ?? '');
    sink.setOutput('refresh_token_rotated', String(token.rotated));
    sink.setOutput('token_source', token.source);
    sink.setOutput('skipped', 'false');
    if (opts.exportEnv)
        sink.exportVariable(opts.exportEnv, token.accessToken);
    const lifetime = at ? `, expires in ${token.expiresIn} s at ${at}` : '';
    const scope = token.scope ? `, scope "${token.scope}"` : '';
    const env = opts.exportEnv ? `; later steps get it in $${opts.exportEnv}` : '';
    sink.info(`Access token ${SOURCE_WORDING[token.source]}${lifetime}${scope}${env}.`);
    if (token.rotated) {
        sink.warning('The provider rotated the refresh token: the one this step sent is now spent, and the next run will fail with invalid_grant unless the secret is updated. Store the new one from the step output refresh_token in the secret that holds refresh_token (see README: Rotating refresh tokens).');
    }
}

;// CONCATENATED MODULE: ./src/redact.ts
/**
 * Replaces every known secret (and the encodings the runner's masking would miss) with `***`.
 * Error text can quote provider responses, which we do not control, so it is scrubbed before
 * it is printed even though the runner masks registered secrets too.
 */
class Redactor {
    values = new Set();
    add(...secrets) {
        for (const secret of secrets) {
            if (!secret)
                continue;
            this.values.add(secret);
            this.values.add(new URLSearchParams({ s: secret }).toString().slice(2));
            this.values.add(encodeURIComponent(secret));
            this.values.add(Buffer.from(secret).toString('base64url'));
        }
    }
    redact(text) {
        let out = text;
        // Longest first, so a secret that contains another is replaced whole.
        for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
            if (value.length > 0)
                out = out.split(value).join('***');
        }
        return out;
    }
}

;// CONCATENATED MODULE: ./src/token-client.ts


/** The HTTP Basic credential of RFC 6749 §2.3.1 (each part form-urlencoded first). */
function basicCredential(id, secret) {
    const encode = (value) => new URLSearchParams({ v: value }).toString().slice(2);
    return Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64');
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
    if (settings.scope)
        form.set('scope', settings.scope);
    const headers = {
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded'
    };
    // RFC 6749 §2.3: a client must not use more than one authentication method per request.
    if (client.auth === 'client_secret_basic') {
        headers.Authorization = `Basic ${basicCredential(client.id, client.secret)}`;
    }
    else {
        form.set('client_id', client.id);
        form.set('client_secret', client.secret);
    }
    return {
        method: 'POST',
        url,
        headers,
        body: form.toString(),
        label: 'Token request',
        retry: 'always'
    };
}
async function requestToken(http, settings, mask) {
    const response = await http.send(buildTokenRequest(settings));
    return interpretTokenResponse(response, settings, mask);
}
/** Masks every token in the body before anything else looks at it, then checks the answer. */
function interpretTokenResponse(response, settings, mask) {
    const parsed = parseJsonObject(response.body);
    if (parsed)
        maskTokenFields(parsed, mask);
    if (response.status < 200 || response.status > 299) {
        const error = typeof parsed?.error === 'string' ? parsed.error : undefined;
        const description = typeof parsed?.error_description === 'string' ? parsed.error_description : undefined;
        throw new ActionError(explainTokenError({
            status: response.status,
            error,
            description,
            grant: settings.grant.type,
            clientAuth: settings.client.auth,
            scope: settings.scope,
            attempts: response.attempts,
            earlierAttemptMayHaveLanded: response.earlierAttemptMayHaveLanded,
            retryAfterMs: response.retryAfterMs
        }));
    }
    if (!parsed) {
        throw new ActionError(`Token request failed: HTTP ${response.status} with a body that is not a JSON object (${response.body.length} bytes, ${contentType(response)}); the body is not shown because it may hold credentials. Check token_url: it should be the provider's OAuth token endpoint.`);
    }
    const accessToken = parsed.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
        throw new ActionError(`Token request failed: HTTP ${response.status} but the response has no access_token (fields: ${Object.keys(parsed).join(', ') || 'none'}). Check token_url: it should be the provider's OAuth token endpoint.`);
    }
    const expiresIn = readExpiresIn(parsed.expires_in);
    const refreshToken = typeof parsed.refresh_token === 'string' && parsed.refresh_token !== ''
        ? parsed.refresh_token
        : undefined;
    const sent = settings.grant.type === 'refresh_token' ? settings.grant.refreshToken : undefined;
    return {
        accessToken,
        tokenType: typeof parsed.token_type === 'string' ? parsed.token_type : 'Bearer',
        expiresIn,
        scope: typeof parsed.scope === 'string' ? parsed.scope : settings.scope,
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
function parseJsonObject(body) {
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
function readExpiresIn(value) {
    const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
        ? Math.floor(seconds)
        : undefined;
}
function contentType(response) {
    const type = response.headers['content-type'];
    return type ? `Content-Type ${String(type).split(';')[0]}` : 'no Content-Type';
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = /*#__PURE__*/JSON.parse('{"UU":"clayton-oauth-action","rE":"1.0.0"}');
;// CONCATENATED MODULE: ./src/version.ts

/** Sent as User-Agent so providers can tell this action's traffic apart. */
const USER_AGENT = `${package_namespaceObject.UU}/${package_namespaceObject.rE}`;

;// CONCATENATED MODULE: ./src/main.ts















/** Wires the modules together; every decision lives in them. */
async function run() {
    const redactor = new Redactor();
    const mask = secret => {
        if (!secret)
            return;
        core.setSecret(secret);
        redactor.add(secret);
    };
    const read = name => core.getInput(name);
    let http;
    let api;
    try {
        for (const name of SECRET_INPUTS)
            mask(read(name));
        const parsed = parseInputs(read, {
            runnerTemp: process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
            random: (0,external_node_crypto_.randomUUID)()
        });
        if (parsed.kind === 'missing-credentials') {
            const explanation = describeMissingCredentials(parsed.detail, secretsWithheldReason({
                actor: process.env.GITHUB_ACTOR,
                eventPath: process.env.GITHUB_EVENT_PATH
            }));
            if (!parsed.detail.skip)
                throw new ActionError(explanation);
            core.setOutput('skipped', 'true');
            core.notice(`${explanation} Skipped: no token was requested and no API call was made.`);
            return;
        }
        const { settings } = parsed;
        if (settings.api)
            await checkExpressions(settings.api);
        http = new Http(USER_AGENT, settings.http, message => core.info(message));
        const token = await obtainToken(http, settings, mask);
        publishToken(token, { exportEnv: settings.exportEnv, nowMs: Date.now() }, core);
        if (settings.api) {
            api = { settings: settings.api, report: newApiReport(settings.api) };
            await runApiCall(http, settings.api, { value: token.accessToken, source: token.source }, api.report, { onPoll: message => core.info(message) });
            core.info(describeApiOutcome(api.report));
        }
    }
    catch (error) {
        const message = clip(redactor.redact(describeFailure(error)), MAX_ERROR_LENGTH);
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
async function obtainToken(http, settings, mask) {
    if (settings.credential.kind === 'input') {
        return {
            accessToken: settings.credential.accessToken,
            tokenType: 'Bearer',
            scope: '',
            source: 'input',
            rotated: false
        };
    }
    const { token } = settings.credential;
    if (token.client.auth === 'client_secret_basic') {
        mask(basicCredential(token.client.id, token.client.secret));
    }
    core.debug(`Token endpoint ${describeUrl(token.tokenUrl)}, grant ${token.grant.type}, client_auth ${token.client.auth}`);
    return requestToken(http, token, mask);
}
/** Outputs and summary are written whether the call passed or not, for `if: failure()` steps. */
async function reportApiCall(report, settings, redactor) {
    try {
        publishApiReport(report, settings, core);
        await core.summary.addRaw(redactor.redact(renderApiSummary(report, settings))).write();
    }
    catch (error) {
        core.warning(`Could not write the API call's outputs or summary: ${redactor.redact(String(error))}`);
    }
}
function describeFailure(error) {
    if (error instanceof ActionError)
        return error.message;
    const message = error instanceof Error ? error.message : String(error);
    return `Unexpected error: ${message}. This is a bug in the action; please report it with the step's log.`;
}


/***/ })

};
