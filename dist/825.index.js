export const id = 825;
export const ids = [825];
export const modules = {

/***/ 6825:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareApiStep: () => (/* binding */ prepareApiStep)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./src/report/log.ts
var report_log = __webpack_require__(6472);
// EXTERNAL MODULE: ./src/report/runner-files.ts
var runner_files = __webpack_require__(3948);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/settings/api-settings.ts
var api_settings = __webpack_require__(5531);
;// CONCATENATED MODULE: ./src/api/expressions.ts

let library;
/** JMESPath is loaded only by runs that use an expression. */
function load() {
    library ??= __webpack_require__.e(/* import() */ 22).then(__webpack_require__.bind(__webpack_require__, 4022));
    return library;
}
/**
 * Compiles every expression before any request, so a typo fails the step with nothing sent, and
 * checks each function call the parser lets through: its name, its number of arguments, and the
 * type of arguments that are literals. What depends on the response is only found by evaluate.
 */
async function checkExpressions(expressions) {
    const entries = [
        ['api_query', expressions.query],
        ['api_assert', expressions.assert],
        ['api_wait_until', expressions.waitUntil]
    ].filter(([, expression]) => expression);
    if (entries.length === 0)
        return;
    const jmespath = await load();
    for (const [input, expression] of entries) {
        let ast;
        try {
            ast = jmespath.compile(expression);
        }
        catch (error) {
            const message = error.message;
            const hint = syntaxHint(expression, message);
            throw new errors/* InputError */.dz(`Input ${input} is not a valid JMESPath expression: ${message} (expression: ${expression}).${hint ? ` ${hint}` : ''} See https://jmespath.site for the syntax.`);
        }
        if (hasStrayBinding(ast)) {
            throw new errors/* InputError */.dz(`Input ${input} uses a single = (expression: ${expression}). In this JMESPath dialect \`a = b\` is a variable binding, not a comparison: it is always truthy, so the gate would pass and the wait would end whatever the response holds. Compare with ==, e.g. result == 'PASSED'.`);
        }
        const problem = findFunctionProblem(ast, functionTable(jmespath));
        if (problem) {
            throw new errors/* InputError */.dz(`Input ${input} is not a valid JMESPath expression: ${problem} (expression: ${expression}). See https://jmespath.site/main/#functions for the functions and their arguments.`);
        }
    }
}
/**
 * @jmespath-community/jmespath parses every `=` that is not part of `==`, `!=`, `<=`, `>=` as a
 * Binding node (`result = 'PASSED'`, `a == 'x' && b = 'y'`, `[?a = 'x']`), which evaluates to an
 * object and so is truthy. The only Bindings a person means are those of `let $x = … in …`: the
 * direct entries of a LetExpression's bindings. Any other is the `=`-for-`==` typo.
 */
function hasStrayBinding(ast) {
    const visit = (node, inLetBindings) => {
        if (node === null || typeof node !== 'object')
            return false;
        if (Array.isArray(node))
            return node.some(child => visit(child, inLetBindings));
        const record = node;
        if (record.type === 'Binding' && !inLetBindings)
            return true;
        return Object.entries(record).some(([key, value]) => visit(value, record.type === 'LetExpression' && key === 'bindings'));
    };
    return visit(ast, false);
}
/**
 * The library checks a call only when it runs, after the token request. Its function table and
 * validators are internals; when a later version drops them, only the static check is lost.
 */
function functionTable(jmespath) {
    const runtime = jmespath.TreeInterpreter.runtime;
    const table = runtime?._functionTable;
    if (!runtime || !table || !runtime.validateArity || !runtime.validateTypes)
        return undefined;
    return {
        has: name => Object.prototype.hasOwnProperty.call(table, name),
        validate: (name, args) => {
            runtime.validateArity.call(runtime, name, args, table[name]._signature);
            runtime.validateTypes.call(runtime, name, args, table[name]._signature);
        },
        signature: name => table[name]._signature
    };
}
/** The expref type in the library's InputArgument numbering. */
const TYPE_EXPREF = 6;
/**
 * The first function error in a compiled expression that needs no data to find, or undefined.
 * Arguments are known only when they are literals (`"x"`, `` `5` ``) or expression references
 * (`&field`); any other argument counts as "could be anything" and is left to evaluation.
 */
function findFunctionProblem(ast, table) {
    if (!table)
        return undefined;
    const visit = (node) => {
        if (node === null || typeof node !== 'object')
            return undefined;
        if (Array.isArray(node)) {
            for (const child of node) {
                const found = visit(child);
                if (found)
                    return found;
            }
            return undefined;
        }
        const record = node;
        if (record.type === 'Function' && typeof record.name === 'string') {
            const name = record.name;
            if (!table.has(name))
                return `unknown function ${name}()`;
            const args = (record.children ?? []).map(staticValue);
            try {
                table.validate(name, args);
            }
            catch (error) {
                return error.message;
            }
            const signature = table.signature(name);
            for (const [index, child] of (record.children ?? []).entries()) {
                const spec = signature[Math.min(index, signature.length - 1)];
                const onlyExpref = spec?.types.length === 1 && spec.types[0] === TYPE_EXPREF;
                // A variable may hold an expression reference (let $key = &name in ...).
                const kind = child.type;
                if (onlyExpref && kind !== 'ExpressionReference' && kind !== 'Variable') {
                    return `${name}() expects argument ${index + 1} to be an expression reference, such as &name`;
                }
            }
        }
        for (const value of Object.values(record)) {
            const found = visit(value);
            if (found)
                return found;
        }
        return undefined;
    };
    return visit(ast);
}
/** A literal's value, `{ expref: true }` for &expr (as the library tags them), else unknown. */
function staticValue(node) {
    const record = node;
    if (record?.type === 'Literal')
        return record.value;
    if (record?.type === 'ExpressionReference')
        return { expref: true };
    return undefined;
}
/** The two mistakes almost everyone makes once, named with the fix. */
function syntaxHint(expression, parserMessage) {
    const number = /invalid token \(Number\): "(-?\d+(?:\.\d+)?)"/.exec(parserMessage);
    if (number) {
        return `Hint: a number is a JSON literal in backticks: write \`${number[1]}\` (e.g. length(@) > \`0\`).`;
    }
    if (/JSON literal/.test(parserMessage)) {
        for (const [, inner] of expression.matchAll(/`([^`]*)`/g)) {
            if (isJson(inner))
                continue;
            return `Hint: backticks hold JSON, so \`${inner}\` is not a string; write a string in single quotes: '${inner.replace(/'/g, "\\'")}'.`;
        }
    }
    return undefined;
}
function isJson(text) {
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * `status == "PROCESSED"` is valid JMESPath that compares with the *field* PROCESSED (double
 * quotes quote an identifier), which is null: an assert then always fails and a wait never ends.
 * Returns the double-quoted names compared with that the response has nowhere as a key.
 */
async function quotedFieldsNotInResponse(expression, data) {
    if (!expression.includes('"'))
        return [];
    const { compile } = await load();
    const compared = new Set();
    const visit = (node) => {
        if (Array.isArray(node))
            return node.forEach(visit);
        if (node === null || typeof node !== 'object')
            return;
        const ast = node;
        if (ast.type === 'Comparator') {
            for (const side of [ast.left, ast.right]) {
                if (side?.type === 'Field' && side.name && expression.includes(JSON.stringify(side.name))) {
                    compared.add(side.name);
                }
            }
        }
        Object.values(ast).forEach(visit);
    };
    visit(compile(expression));
    if (compared.size === 0)
        return [];
    const keys = new Set();
    const collect = (value) => {
        if (Array.isArray(value))
            return value.forEach(collect);
        if (value === null || typeof value !== 'object')
            return;
        for (const [key, inner] of Object.entries(value)) {
            keys.add(key);
            collect(inner);
        }
    };
    collect(data);
    return [...compared].filter(name => !keys.has(name));
}
/** The warning for one such name, for the input that holds it. */
function quotedFieldWarning(input, name) {
    return `${input} compares with "${name}", which JMESPath reads as a field (double quotes quote a field name), and the response has no field ${name}, so it is null. To compare with the string, write '${name}' (single quotes).`;
}
/**
 * Evaluates an expression that compiled; what fails now depends on the response (a function given
 * a string where it takes a number, say), so the message names the input and the expression.
 */
async function evaluate(expression, data, input = 'the expression') {
    const { search } = await load();
    try {
        return search(data, expression);
    }
    catch (error) {
        const subject = input.startsWith('api_') ? `Input ${input}` : input;
        throw new errors/* ActionError */.lZ(`${subject} \`${expression}\` could not be evaluated against the response: ${error.message.replace(/\.?$/, '.')} The expression is valid, but the response does not fit it: check it against the response in api_response_file.`);
    }
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

// EXTERNAL MODULE: ./src/common/json.ts
var json = __webpack_require__(9927);
// EXTERNAL MODULE: ./src/common/text.ts
var common_text = __webpack_require__(2450);
// EXTERNAL MODULE: ./src/http/retry-after.ts
var retry_after = __webpack_require__(202);
;// CONCATENATED MODULE: ./src/api/api-call.ts




// Re-exported so main.ts reaches the whole API path through one lazily loaded chunk.




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
 * The most of a body api_query, api_assert and api_wait_until read: JSON.parse needs several
 * times a body's size in memory, and a review report is far smaller.
 */
const MAX_PARSED_BODY_BYTES = 16 * 1024 * 1024;
/** The most written to api_response_file: an endless body must not fill the runner's disk. */
const MAX_RESPONSE_FILE_BYTES = 1024 * 1024 * 1024;
/**
 * Performs the configured call (repeating it while api_wait_until is false), then applies
 * api_query and api_assert. Fills `report` as it goes so outputs survive a failure.
 */
async function runApiCall(http, api, token, report, opts = {}) {
    const now = opts.now ?? Date.now;
    const checked = new Set();
    const warnQuotedFields = async (input, expression, data) => {
        if (!opts.onWarning || checked.has(input))
            return;
        checked.add(input);
        for (const name of await quotedFieldsNotInResponse(expression, data)) {
            opts.onWarning(quotedFieldWarning(input, name));
        }
    };
    const started = now();
    const label = `API call ${api.method} ${api.url.pathname}`;
    let last;
    const request = {
        method: api.method,
        url: api.url,
        headers: {
            Accept: 'application/json',
            ...api.headers,
            Authorization: `Bearer ${token.value}`
        },
        body: api.body,
        label,
        retry: api_settings/* IDEMPOTENT_METHODS */.p3.has(api.method) ? 'always' : 'unsent',
        maxBodyBytes: MAX_PARSED_BODY_BYTES,
        bodyFile: opts.responseFile
            ? { path: opts.responseFile, maxBytes: MAX_RESPONSE_FILE_BYTES, input: 'api_response_file' }
            : undefined
    };
    try {
        for (;;) {
            let response;
            try {
                response = await http.send(request);
            }
            catch (error) {
                // The file may now hold a failed attempt: publishing rewrites the last good body.
                if (report.bodyInFile && report.bodyBytes === undefined)
                    report.bodyInFile = false;
                throw error;
            }
            report.attempts += response.attempts;
            report.polls += 1;
            report.status = response.status;
            report.body = response.body;
            if (response.bodyBytes !== undefined)
                report.bodyBytes = response.bodyBytes;
            else
                delete report.bodyBytes;
            if (request.bodyFile)
                report.bodyInFile = true;
            last = response;
            checkStatus(response, api, token, label);
            if (!api.waitUntil)
                break;
            const polled = parseJson(response, label, 'api_wait_until');
            await warnQuotedFields('api_wait_until', api.waitUntil, polled);
            const value = await evaluate(api.waitUntil, polled, 'api_wait_until');
            if (isTruthy(value))
                break;
            const retryAfter = header(response.headers, 'retry-after');
            const delayMs = Math.max(api.waitIntervalMs, (0,retry_after/* parseRetryAfterMs */.o)(retryAfter, now()) ?? 0);
            const elapsed = now() - started;
            if (elapsed + delayMs > api.waitTimeoutMs) {
                throw new errors/* ActionError */.lZ(`${label}: api_wait_until \`${api.waitUntil}\` was still not true after ${report.polls} poll${report.polls === 1 ? '' : 's'} over ${Math.round(elapsed / 1000)} s (api_wait_timeout ${api.waitTimeoutMs / 1000} s); last value: ${(0,json/* previewJson */.Nm)(value)}. Raise api_wait_timeout if the service is slow, or check the expression against the response in api_response_file.`);
            }
            opts.onPoll?.(`${label}: api_wait_until is ${(0,json/* previewJson */.Nm)(value)} after poll ${report.polls}; next poll in ${(delayMs / 1000).toFixed(1)} s`);
            await (0,promises_.setTimeout)(delayMs);
        }
        if (last && (api.query || api.assert)) {
            const data = parseJson(last, label, api.query ? 'api_query' : 'api_assert');
            if (api.query) {
                await warnQuotedFields('api_query', api.query, data);
                report.result = await evaluate(api.query, data, 'api_query');
                report.hasResult = true;
            }
            if (api.assert) {
                await warnQuotedFields('api_assert', api.assert, data);
                const value = await evaluate(api.assert, data, 'api_assert');
                report.passed = isTruthy(value);
                if (!report.passed) {
                    throw new errors/* ActionError */.lZ(`${label}: api_assert \`${api.assert}\` is not true: it evaluated to ${(0,json/* previewJson */.Nm)(value)}${report.hasResult ? ` (api_result: ${(0,json/* previewJson */.Nm)(report.result)})` : ''}. The gate fails as configured.`);
                }
            }
        }
    }
    finally {
        report.durationMs = now() - started;
    }
}
function checkStatus(response, api, token, label) {
    // A status the workflow lists is its to handle, even a 401.
    if (api.expectedStatus(response.status))
        return;
    if (response.status === 401 && isInvalidToken(response)) {
        const why = token.source === 'input'
            ? 'The access_token input is expired, revoked or not valid for this API (tokens live about 90 minutes): pass a fresh one, or let this step request it.'
            : token.source === 'cache'
                ? 'The access token reused from the cache was refused: it may have been revoked early. Re-run with cache: false once, or raise cache_min_ttl.'
                : token.source === 'job'
                    ? 'The access token an earlier step of this job obtained (and this step reused) was refused: the provider may have revoked it since. Re-run the job, which starts without it.'
                    : 'The token this step just obtained was refused: check that base_url (and api_url) point at the service that issued it, and that scope grants access to this API.';
        throw new errors/* ActionError */.lZ(`${label} returned HTTP 401 invalid_token. ${why}`);
    }
    if (response.status === 403) {
        const needed = insufficientScope(response);
        if (needed) {
            const has = token.scope ? ` (this token has scope "${(0,common_text/* sanitize */.aj)(token.scope, 100)}")` : '';
            const what = needed.scope
                ? `the token lacks the scope "${(0,common_text/* sanitize */.aj)(needed.scope, 100)}" this API needs${has}. Add it to the scope input`
                : `the token lacks a scope this API needs${has}, and the response does not say which: check the API's documentation, then add it to the scope input`;
            throw new errors/* ActionError */.lZ(`${label} returned HTTP 403 insufficient_scope: ${what}; the OAuth app must be granted it too, and a refresh token carries only the scopes consented to, so consent again if it was not part of the consent.`);
        }
    }
    const retried = response.attempts > 1 ? ` after ${response.attempts} attempts` : '';
    const body = response.body.length > 0 ? ` Response: ${(0,common_text/* sanitize */.aj)(response.body.toString('utf8'), 200)}` : '';
    throw new errors/* ActionError */.lZ(`${label} returned HTTP ${response.status}${retried}, expected ${api.expectedStatusText}.${body} If this status is acceptable, list it in api_expected_status.`);
}
function isInvalidToken(response) {
    if (/invalid_token/i.test(header(response.headers, 'www-authenticate') ?? ''))
        return true;
    return /"error"\s*:\s*"invalid_token"/.test(response.body.toString('utf8'));
}
/** RFC 6750 §3.1: `insufficient_scope`, with the scope named in WWW-Authenticate or the body. */
function insufficientScope(response) {
    const challenge = header(response.headers, 'www-authenticate') ?? '';
    const param = (name) => new RegExp(`(?:^|[\\s,])${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,]+))`, 'i').exec(challenge);
    const error = param('error');
    const body = (0,json/* parseJsonObject */.dw)(response.body);
    const fromHeader = error && /^insufficient_scope$/i.test(error[1] ?? error[2]);
    if (!fromHeader && body?.error !== 'insufficient_scope')
        return undefined;
    const scope = param('scope');
    const named = scope ? (scope[1] ?? scope[2]).replace(/\\(.)/g, '$1') : undefined;
    const inBody = [body?.scope, body?.required_scope].find(v => typeof v === 'string' && v !== '');
    return { scope: named || inBody };
}
function parseJson(response, label, input) {
    if (response.bodyBytes !== undefined) {
        throw new errors/* ActionError */.lZ(`${label}: the response is ${(0,common_text/* formatSize */.Xq)(response.bodyBytes)}, over the ${(0,common_text/* formatBytes */.z3)(MAX_PARSED_BODY_BYTES)} that api_query, api_assert and api_wait_until read, so ${input} cannot be evaluated. The whole body is in api_response_file. Ask the API for less (a filter or a smaller page), or remove ${input}.`);
    }
    try {
        return JSON.parse((0,json/* jsonText */.s$)(response.body));
    }
    catch {
        throw new errors/* ActionError */.lZ(`${label}: the response is not JSON (${response.body.length} bytes), so ${input} cannot be evaluated. Check api_url, or remove ${input}.`);
    }
}
function header(headers, name) {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/api/api-report.ts




/** GitHub step outputs are meant for small values; the file always has the whole body. */
const MAX_OUTPUT_BODY_BYTES = 1024 * 1024;
/**
 * Sets every output known so far and writes the body to the response file. The outputs go out
 * together at the end, also when writing the file failed (api_status is known then).
 */
function publishApiReport(report, api, sink) {
    const outputs = {};
    try {
        if (report.status !== undefined)
            outputs.api_status = String(report.status);
        if (report.body !== undefined) {
            // A streamed body is already in the file, whole; a held one is written now.
            if (!report.bodyInFile) {
                (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(api.responseFile), { recursive: true });
                // 0600, also when the file existed: the body may hold what the token can read.
                (0,external_node_fs_.writeFileSync)(api.responseFile, report.body, { mode: 0o600 });
                (0,external_node_fs_.chmodSync)(api.responseFile, 0o600);
            }
            outputs.api_response_file = api.responseFile;
            const bytes = report.bodyBytes ?? report.body.length;
            if (bytes > MAX_OUTPUT_BODY_BYTES) {
                outputs.api_response = '';
                sink.notice(`The API response is ${bytes} bytes, over the 1 MiB limit for the api_response output, which is left empty; read it from api_response_file (${api.responseFile}).`);
            }
            else {
                outputs.api_response = report.body.toString('utf8');
            }
        }
        if (report.hasResult)
            outputs.api_result = JSON.stringify(report.result ?? null);
        if (report.passed !== undefined)
            outputs.api_passed = String(report.passed);
    }
    finally {
        sink.setOutputs(outputs);
    }
}
/** The job summary of one call: the verdict, what was asked, what came back. No secrets. */
function renderApiSummary(report, api) {
    const rows = [
        ['Request', (0,markdown/* codeSpan */.SS)(`${report.method} ${report.path}`)],
        [
            'Status',
            report.status === undefined
                ? 'no response'
                : `${report.status} (expected ${(0,markdown/* escapeMarkdown */.FV)(api.expectedStatusText)})`
        ],
        ['Duration', formatDuration(report.durationMs)],
        ['Attempts', String(report.attempts)]
    ];
    if (api.waitUntil) {
        rows.push(['Polls', String(report.polls)]);
        rows.push(['Wait until', (0,markdown/* codeSpan */.SS)(api.waitUntil)]);
    }
    if (api.assert) {
        const verdict = report.passed === undefined ? 'not evaluated' : report.passed ? '✅ passed' : '❌ failed';
        rows.push(['Assertion', `${(0,markdown/* codeSpan */.SS)(api.assert)} ${verdict}`]);
    }
    if (api.query) {
        rows.push(['Query', (0,markdown/* codeSpan */.SS)(api.query)]);
        rows.push([
            'api_result',
            report.hasResult ? (0,markdown/* codeSpan */.SS)((0,json/* previewJson */.Nm)(report.result, 500)) : 'not evaluated'
        ]);
    }
    if (report.failure)
        rows.push(['Failure', (0,markdown/* escapeMarkdown */.FV)(report.failure)]);
    return `${apiVerdict(report)}\n\n${(0,markdown/* table */.tp)(['API call', ''], rows)}\n`;
}
/** The line a person reads first: did the call do what the workflow asked? */
function apiVerdict(report) {
    const call = (0,markdown/* codeSpan */.SS)(`${report.method} ${report.path}`);
    if (report.failure) {
        const what = report.passed === false
            ? 'the assertion is false'
            : report.status === undefined
                ? 'no response'
                : `HTTP ${report.status}`;
        return `❌ **API call failed:** ${call} — ${(0,markdown/* escapeMarkdown */.FV)(what)}`;
    }
    const status = report.status === undefined ? '' : ` — HTTP ${report.status}`;
    const gate = report.passed === true ? ', assertion passed' : '';
    const polls = report.polls > 1 ? ` after ${report.polls} polls` : '';
    return `✅ **API call succeeded:** ${call}${status}${gate}${polls}`;
}
function formatDuration(ms) {
    const rounded = Math.round(ms);
    return rounded < 1000 ? `${rounded} ms` : `${(rounded / 1000).toFixed(1)} s`;
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
        parts.push(`api_result ${(0,json/* previewJson */.Nm)(report.result)}`);
    if (report.passed !== undefined)
        parts.push(`api_assert ${report.passed ? 'passed' : 'failed'}`);
    return `${parts.join('; ')}.`;
}

;// CONCATENATED MODULE: ./src/api/api-step.ts
// Part api: the configured API call: request, JMESPath query/assert/wait, its outputs and summary.





/**
 * Checks the expressions before any request is sent, so a typo costs no token. What the step
 * prints and summarises passes the redactor; the outputs hold the response as it came.
 */
async function prepareApiStep(settings, redactor) {
    await checkExpressions(settings);
    const log = (0,report_log/* createLog */.h)(redactor);
    const report = newApiReport(settings);
    let called = false;
    return {
        async call(http, token) {
            called = true;
            await runApiCall(http, settings, { value: token.accessToken, source: token.source, scope: token.scope }, report, { onPoll: log.info, onWarning: log.warning, responseFile: settings.responseFile });
        },
        async publish(failure) {
            // A step that failed before the call (the token request) has no API call to report.
            if (!called)
                return undefined;
            if (failure)
                report.failure = failure;
            try {
                publishApiReport(report, settings, {
                    setOutputs: outputs => (0,runner_files/* setOutputs */.n)(outputs),
                    notice: core.notice
                });
                if (!report.failure)
                    log.info(describeApiOutcome(report));
            }
            catch (error) {
                log.warning(`Could not write the API call's outputs: ${String(error)}`);
            }
            return redactor.redact(renderApiSummary(report, settings));
        }
    };
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


/***/ })

};
