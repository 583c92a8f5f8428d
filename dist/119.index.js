export const id = 119;
export const ids = [119];
export const modules = {

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

/***/ 9119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createReviewSink: () => (/* binding */ createReviewSink),
  prepareReviewStep: () => (/* binding */ prepareReviewStep)
});

// UNUSED EXPORTS: SUMMARY_FINDINGS, publishReviewOutputs

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/common/json.ts
var json = __webpack_require__(9927);
// EXTERNAL MODULE: ./src/common/text.ts
var common_text = __webpack_require__(2450);
// EXTERNAL MODULE: ./src/http/retry-after.ts
var retry_after = __webpack_require__(202);
// EXTERNAL MODULE: ./src/common/url.ts
var common_url = __webpack_require__(3628);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/report/review-summary.ts


/** `✅ Code Reviews: PASSED` / `❌ NOT_PASSED — 1 critical, 2 errors, 5 warnings`. */
function reviewVerdict(report, counts) {
    const result = report.result;
    if (result === undefined) {
        return `❌ **Code Reviews: no result** for ${(0,markdown/* escapeMarkdown */.FV)(report.target)}`;
    }
    const icon = report.passed === false
        ? result === 'PASSED_WITH_WARNINGS'
            ? '⚠️'
            : '❌'
        : result === 'PASSED'
            ? '✅'
            : '⚠️';
    const tail = counts ? ` — ${(0,markdown/* escapeMarkdown */.FV)(counts)}` : '';
    return `${icon} **Code Reviews: ${(0,markdown/* escapeMarkdown */.FV)(result)}**${tail}`;
}
function renderReviewSection(report, counts, token) {
    const parts = [reviewVerdict(report, counts)];
    const link = (0,markdown/* safeLink */.o3)('Open the review in Code Reviews', report.url);
    parts.push([`Review of ${(0,markdown/* escapeMarkdown */.FV)(report.target)}`, link].filter(Boolean).join(' · ') +
        (report.passed !== undefined
            ? ` · gate ${(0,markdown/* codeSpan */.SS)(`review_fail_on: ${report.failOn}`)}: ${report.passed ? 'passed' : 'not passed'}`
            : ''));
    if (report.failure)
        parts.push(`**Why the step failed:** ${(0,markdown/* escapeMarkdown */.FV)(report.failure)}`);
    const severities = Object.entries(report.violations);
    if (severities.length > 0) {
        parts.push((0,markdown/* table */.tp)(['Severity', 'Findings'], severities.map(([severity, count]) => [(0,markdown/* escapeMarkdown */.FV)(severity), String(count)])));
    }
    if (report.policies.length > 0) {
        parts.push((0,markdown/* table */.tp)(['Policy', 'Result', 'Problems'], report.policies
            .slice(0, 20)
            .map(p => [
            (0,markdown/* escapeMarkdown */.FV)(p.title.slice(0, 120)),
            p.result ? (0,markdown/* escapeMarkdown */.FV)(p.result) : '—',
            p.problems === undefined ? '—' : String(p.problems)
        ])));
    }
    if (report.findings.length > 0) {
        const rows = report.findings.map(f => [
            (0,markdown/* escapeMarkdown */.FV)(f.severity),
            (0,markdown/* codeSpan */.SS)(f.rule.slice(0, 100)),
            f.file ? (0,markdown/* codeSpan */.SS)(`${f.file.slice(0, 200)}${f.line ? `:${f.line}` : ''}`) : '—',
            (0,markdown/* escapeMarkdown */.FV)(f.message.slice(0, 300))
        ]);
        parts.push(`**Top findings** (${report.findings.length} of ${report.findingsTotal})`);
        parts.push((0,markdown/* table */.tp)(['Severity', 'Rule', 'Where', 'Message'], rows));
    }
    const { hiddenErrors, hiddenWarnings } = report.annotated;
    if (hiddenErrors + hiddenWarnings > 0) {
        parts.push(`GitHub shows at most 10 annotations of each kind per step: ${hiddenErrors} more error${hiddenErrors === 1 ? '' : 's'} and ${hiddenWarnings} more warning${hiddenWarnings === 1 ? '' : 's'} are not annotated${report.sarif.file ? '; the SARIF report has them all' : ''}.`);
    }
    if (report.sarif.note)
        parts.push((0,markdown/* escapeMarkdown */.FV)(report.sarif.note));
    const facts = [
        ['Review id', report.id ? (0,markdown/* codeSpan */.SS)(report.id) : '—'],
        ['Task', (0,markdown/* codeSpan */.SS)(`${report.taskStatus ?? 'unknown'} / ${report.taskOutcome ?? 'unknown'}`)],
        ['Polls', String(report.polls)],
        ['Attempts', String(report.attempts)],
        ['Duration', formatDuration(report.durationMs)],
        ['SARIF', report.sarif.file ? (0,markdown/* codeSpan */.SS)(report.sarif.file) : 'none']
    ];
    parts.push(`<details><summary>Request facts</summary>\n\n${(0,markdown/* table */.tp)(['Fact', 'Value'], facts)}\n\n${token ? (0,summary/* tokenTable */.Kn)(token) : ''}\n\n</details>`);
    return `${parts.join('\n\n')}\n`;
}
function formatDuration(ms) {
    const rounded = Math.round(ms);
    return rounded < 1000 ? `${rounded} ms` : `${(rounded / 1000).toFixed(1)} s`;
}

;// CONCATENATED MODULE: ./src/review/decisions.ts
/** Pure decisions of the review: accepted, done, passed, how long to wait, when to refresh. */
const ACCEPTED_OR_LATER = new Set(['ACCEPTED', 'PROCESSING', 'PROCESSED']);
/** A trigger whose task is FUTURE, THROTTLED or missing was not taken on. */
function isTriggerAccepted(taskStatus) {
    return taskStatus !== undefined && ACCEPTED_OR_LATER.has(taskStatus);
}
/** PROCESSED, and for a PullRequest also no longer `is_processing`. */
function isReviewDone(state) {
    return state.taskStatus === 'PROCESSED' && state.isProcessing !== true;
}
/**
 * A finished review passes on PASSED, on PASSED_WITH_WARNINGS unless review_fail_on is warnings,
 * and never with an outcome other than SUCCESS (the plugin misses that: PROCESSED is not passed).
 * `never` reports without failing the step.
 */
function decideVerdict(result, outcome, failOn) {
    const gate = failOn !== 'never';
    if (outcome !== undefined && outcome !== 'SUCCESS') {
        return { passed: false, failsStep: gate, why: 'outcome' };
    }
    if (result === undefined)
        return { passed: false, failsStep: gate, why: 'no_result' };
    if (result === 'NOT_PASSED')
        return { passed: false, failsStep: gate, why: 'not_passed' };
    if (result === 'PASSED_WITH_WARNINGS' && failOn === 'warnings') {
        return { passed: false, failsStep: true, why: 'warnings' };
    }
    return { passed: true, failsStep: false, why: 'passed' };
}
/**
 * The next poll comes after review_poll_interval, or later when the service asked (Retry-After);
 * `wait: false` when that poll would come after review_timeout.
 */
function nextPollDelay(opts) {
    const delayMs = Math.max(opts.intervalMs, opts.retryAfterMs ?? 0);
    if (opts.elapsedMs + delayMs > opts.timeoutMs)
        return { wait: false };
    return { wait: true, delayMs };
}
/** Refresh this long before expiry: a minute, or a quarter of a short lifetime. */
function refreshMarginMs(lifetimeMs) {
    return Math.min(60_000, lifetimeMs / 4);
}
/** Whether the access token should be refreshed before the next request. */
function isTokenExpiring(opts) {
    if (opts.expiresAtMs === undefined || opts.lifetimeMs === undefined)
        return false;
    return opts.expiresAtMs - opts.nowMs <= refreshMarginMs(opts.lifetimeMs);
}
const SEVERITY_ORDER = ['CRITICAL', 'ERROR', 'WARNING'];
/** CRITICAL first, then ERROR, WARNING, then anything else (INFO, NOTE, …). */
function severityRank(severity) {
    const index = SEVERITY_ORDER.indexOf(severity.toUpperCase());
    return index < 0 ? SEVERITY_ORDER.length : index;
}
/** The review_violations output: the three gate severities always present, others as sent. */
function violationCounts(violations) {
    const out = { CRITICAL: 0, ERROR: 0, WARNING: 0 };
    for (const [severity, count] of Object.entries(violations))
        out[severity] = count;
    return out;
}
/** `1 critical, 2 errors, 5 warnings`; empty when there is nothing to count. */
function describeViolations(violations) {
    const v = violationCounts(violations);
    const words = [
        ['CRITICAL', 'critical', 'critical'],
        ['ERROR', 'error', 'errors'],
        ['WARNING', 'warning', 'warnings']
    ];
    return words
        .filter(([key]) => v[key] > 0)
        .map(([key, one, many]) => `${v[key]} ${v[key] === 1 ? one : many}`)
        .join(', ');
}

;// CONCATENATED MODULE: ./src/review/annotations.ts


/** GitHub shows at most this many annotations of each kind per step; the rest silently vanish. */
const MAX_ANNOTATIONS_PER_KIND = 10;
/**
 * CRITICAL and ERROR become errors, WARNING warnings (others are left to the SARIF report): the 10
 * most severe of each kind, and a count of the rest for the summary.
 */
function planAnnotations(findings) {
    const sorted = [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
    const errors = sorted.filter(f => f.severity === 'CRITICAL' || f.severity === 'ERROR');
    const warnings = sorted.filter(f => f.severity === 'WARNING');
    const toAnnotation = (kind) => (f) => ({
        kind,
        // Server text is data: no line breaks, and nothing the runner could read as a command.
        message: (0,common_text/* sanitize */.aj)(`${f.severity}: ${f.message}`, 500).replace(/^:+/, ''),
        title: (0,common_text/* sanitize */.aj)(f.rule, 100),
        file: f.file,
        startLine: f.file ? f.line : undefined
    });
    return {
        annotations: [
            ...errors.slice(0, MAX_ANNOTATIONS_PER_KIND).map(toAnnotation('error')),
            ...warnings.slice(0, MAX_ANNOTATIONS_PER_KIND).map(toAnnotation('warning'))
        ],
        hiddenErrors: Math.max(0, errors.length - MAX_ANNOTATIONS_PER_KIND),
        hiddenWarnings: Math.max(0, warnings.length - MAX_ANNOTATIONS_PER_KIND)
    };
}

;// CONCATENATED MODULE: ./src/review/review-api.ts


/**
 * The review API as Code Reviews' own SFDX plugin (spaceheroes/sfdx-clayton, src/config.ts,
 * src/types.d.ts) uses it: the only public client. Field names are the plugin's.
 */
const REVIEW_RESULTS = ['PASSED', 'PASSED_WITH_WARNINGS', 'NOT_PASSED'];
function projectPath(settings) {
    return `/api/workspaces/${settings.workspace}/projects/${settings.project}`;
}
function triggerRequest(baseUrl, settings) {
    const scans = `${projectPath(settings)}/scans`;
    switch (settings.kind) {
        case 'pull_request':
            return {
                url: (0,common_url/* joinUrl */.we)(baseUrl, `${scans}/by_pull_request`),
                body: { pull_request_number: settings.pullRequestNumber, type: 'AUTO' },
                target: `pull request #${settings.pullRequestNumber}`
            };
        case 'branch':
            return {
                url: (0,common_url/* joinUrl */.we)(baseUrl, `${scans}/by_branch`),
                body: { branch: settings.branch, type: 'AUTO' },
                target: `branch ${settings.branch}`
            };
        case 'revision':
            return {
                url: (0,common_url/* joinUrl */.we)(baseUrl, `${scans}/by_branch_and_revision`),
                body: { branch: settings.branch, revision: settings.revision, type: 'AUTO' },
                target: `revision ${settings.revision?.slice(0, 12)} on branch ${settings.branch}`
            };
    }
}
/** The poll URL: the PullRequest by the uuid from the trigger (not its number), or the Scan. */
function pollUrl(baseUrl, settings, id) {
    const encoded = encodeURIComponent(id);
    if (settings.kind === 'pull_request') {
        return (0,common_url/* joinUrl */.we)(baseUrl, `${projectPath(settings)}/pull-requests/${encoded}`);
    }
    const url = (0,common_url/* joinUrl */.we)(baseUrl, `${projectPath(settings)}/scans/${encoded}`);
    url.search = '?legacy_code=true';
    return url;
}
/** Reads a PullRequest or a Scan; anything missing or of the wrong type is simply unknown. */
function readReviewState(kind, body) {
    const o = record(body);
    const task = record(o.task);
    const state = {
        id: review_api_text(o.id),
        htmlUrl: webAddress(o.html_url),
        // Server text is data: these end up in log lines and messages.
        taskStatus: label(task.status),
        taskOutcome: label(task.outcome),
        violations: {},
        policies: []
    };
    if (kind === 'pull_request') {
        const report = record(o.last_pull_request_review_report);
        state.isProcessing = typeof o.is_processing === 'boolean' ? o.is_processing : undefined;
        state.result = result(report.result) ?? result(o.last_review_result);
        state.violations = counts(record(report.metrics).violation_count_by_severity);
        // The plugin's types give one policy object here; accept a list too.
        state.policies = listOf(report.report_policies).map(policy);
        state.sarifUrl = review_api_text(report.sarif_url) ?? review_api_text(o.sarif_url);
    }
    else {
        state.result = result(o.result);
        const metrics = counts(record(o.metrics).violation_count_by_severity);
        state.violations = Object.keys(metrics).length > 0 ? metrics : counts(o.problems_by_severity);
        state.policies = (Array.isArray(o.scan_policies) ? o.scan_policies : []).map(policy);
        state.sarifUrl = review_api_text(o.sarif_url);
    }
    // Scans name the report on themselves or on a policy; look at a pull request's policies too.
    const policyWithSarif = [
        ...(Array.isArray(o.scan_policies) ? o.scan_policies : []),
        ...listOf(record(o.last_pull_request_review_report).report_policies)
    ]
        .map(record)
        .find(p => review_api_text(p.sarif_url));
    state.sarifUrl ??= policyWithSarif ? review_api_text(policyWithSarif.sarif_url) : undefined;
    state.issueDetails = state.policies.map(p => p.issueDetails).find(d => d && d !== 'AVAILABLE');
    return state;
}
function policy(value) {
    const p = record(value);
    return {
        title: review_api_text(p.title) ?? review_api_text(p.id) ?? 'policy',
        result: review_api_text(p.result),
        problems: typeof p.problems === 'number' ? p.problems : undefined,
        issueDetails: review_api_text(p.issue_details)
    };
}
function listOf(value) {
    return Array.isArray(value) ? value : value ? [value] : [];
}
function record(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? value
        : {};
}
/** The review's page: an http(s) URL, or nothing (it is printed, linked and output). */
function webAddress(value) {
    const t = review_api_text(value);
    if (t === undefined || !URL.canParse(t))
        return undefined;
    return /^https?:$/.test(new URL(t).protocol) ? t : undefined;
}
function review_api_text(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
function label(value) {
    const t = review_api_text(value);
    return t === undefined ? undefined : (0,common_text/* sanitize */.aj)(t, 40);
}
function result(value) {
    return REVIEW_RESULTS.includes(value)
        ? value
        : undefined;
}
function counts(value) {
    const out = {};
    for (const [key, count] of Object.entries(record(value))) {
        if (typeof count === 'number' && Number.isFinite(count) && count >= 0) {
            out[key.toUpperCase()] = Math.floor(count);
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/review/sarif.ts




/**
 * The review's SARIF 2.1.0 report, typed by @types/sarif, checked, capped for
 * github/codeql-action/upload-sarif (10 MB gzipped, 25,000 results per run), and read for findings.
 */
/** Far under upload-sarif's 10 MB gzip limit even for incompressible text. */
const MAX_SARIF_BYTES = 8 * 1024 * 1024;
/** upload-sarif refuses a run with more. */
const MAX_RESULTS_PER_RUN = 25_000;
function parseSarif(body) {
    let value;
    try {
        value = JSON.parse(body.toString('utf8'));
    }
    catch {
        return { ok: false, why: `it is not JSON (${body.length} bytes)` };
    }
    const log = value;
    if (log === null || typeof log !== 'object' || Array.isArray(log)) {
        return { ok: false, why: 'it is not a JSON object' };
    }
    if (log.version !== '2.1.0') {
        // Server text: a preview, however long the value.
        return { ok: false, why: `its version is ${(0,json/* previewJson */.Nm)(log.version ?? null, 40)}, not "2.1.0"` };
    }
    if (!Array.isArray(log.runs))
        return { ok: false, why: 'it has no runs' };
    return { ok: true, log: log };
}
/** Severity of one result: Code Reviews' own (properties.severity), else from its SARIF level. */
function resultSeverity(result) {
    const own = result.properties?.severity;
    if (typeof own === 'string' && own.trim() !== '')
        return own.trim().toUpperCase();
    switch (result.level) {
        case 'error':
            return 'ERROR';
        case 'note':
            return 'INFO';
        case 'none':
            return 'NONE';
        default:
            // SARIF's default level is warning.
            return 'WARNING';
    }
}
/**
 * Keeps the most severe results: at most 25,000 per run, and no more than fit in `maxBytes`
 * with the rest of the document, which is kept whole. When the rest alone is over the cap there
 * is no file to write (upload-sarif would refuse it, and which parts a reader needs is not ours
 * to guess). Sizes are counted without building the text, which is built once, at most
 * `maxBytes` long: memory stays bounded whatever part of the report is large.
 */
function capSarif(log, maxBytes = MAX_SARIF_BYTES) {
    const total = log.runs.reduce((sum, run) => sum + (run.results?.length ?? 0), 0);
    try {
        return capWithin(log, maxBytes, total);
    }
    catch (error) {
        if (!(error instanceof RangeError))
            throw error;
        // Nested deeper than the stack allows (JSON.stringify would fail the same way).
        return { ok: false, why: 'it is nested too deeply to write out', total };
    }
}
function capWithin(log, maxBytes, total) {
    const tooLarge = {
        ok: false,
        why: `it is over ${(0,common_text/* formatBytes */.z3)(maxBytes)} without its results`,
        total
    };
    const withoutResults = {
        ...log,
        runs: log.runs.map(run => (run.results === undefined ? run : { ...run, results: [] }))
    };
    let room = maxBytes - jsonBytesUpTo(withoutResults, maxBytes);
    if (room < 0)
        return tooLarge;
    const ranked = log.runs
        .flatMap((run, index) => (run.results ?? []).map(result => ({ index, result })))
        .map(entry => ({ ...entry, rank: severityRank(resultSeverity(entry.result)) }))
        .sort((a, b) => a.rank - b.rank);
    const kept = log.runs.map(() => []);
    for (const { index, result } of ranked) {
        const results = kept[index];
        if (results.length === MAX_RESULTS_PER_RUN)
            continue;
        const bytes = jsonBytesUpTo(result, room) + (results.length > 0 ? 1 : 0);
        // The most severe first, without gaps: a summary can then say "the N most severe".
        if (bytes > room)
            break;
        results.push(result);
        room -= bytes;
    }
    const runs = log.runs.map((run, index) => run.results === undefined ? run : { ...run, results: kept[index] });
    const capped = { ...log, runs };
    const text = JSON.stringify(capped);
    if (Buffer.byteLength(text) > maxBytes)
        return tooLarge;
    return { ok: true, log: capped, text, kept: kept.reduce((sum, r) => sum + r.length, 0), total };
}
/**
 * The UTF-8 length of `JSON.stringify(value)` for parsed JSON, or a number over `budget` as soon
 * as it is known to be over: no string longer than the budget is built to find out.
 */
function jsonBytesUpTo(value, budget) {
    let used = 0;
    const over = () => used > budget;
    const visit = (v) => {
        if (over())
            return;
        if (typeof v === 'string') {
            // Every character takes at least one byte: a longer string cannot fit.
            used += v.length > budget ? v.length : Buffer.byteLength(JSON.stringify(v));
        }
        else if (Array.isArray(v)) {
            used += 2 + Math.max(0, v.length - 1);
            for (const item of v) {
                if (over())
                    return;
                if (item === undefined || typeof item === 'function')
                    used += 4;
                else
                    visit(item);
            }
        }
        else if (v !== null && typeof v === 'object') {
            const entries = Object.entries(v).filter(([, item]) => item !== undefined && typeof item !== 'function');
            used += 2 + Math.max(0, entries.length - 1);
            for (const [key, item] of entries) {
                if (over())
                    return;
                visit(key);
                used += 1;
                visit(item);
            }
        }
        else {
            used += String(JSON.stringify(v ?? null)).length;
        }
    };
    visit(value);
    return used;
}
/** Every result as a finding with a path relative to the repository root, most severe first. */
function sarifFindings(log, workspace) {
    const findings = [];
    for (const run of log.runs) {
        for (const result of run.results ?? []) {
            const location = result.locations?.[0]?.physicalLocation;
            const rule = result.ruleId ?? result.rule?.id ?? 'unknown rule';
            const message = result.message?.text ?? result.message?.markdown ?? '';
            const line = location?.region?.startLine;
            findings.push({
                severity: resultSeverity(result),
                rule: (0,common_text/* sanitize */.aj)(rule, 100),
                message: (0,common_text/* sanitize */.aj)(message, 500),
                file: repositoryPath(location?.artifactLocation?.uri, workspace),
                line: typeof line === 'number' && Number.isInteger(line) && line > 0 ? line : undefined
            });
        }
    }
    return findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}
/** `file:///work/repo/src/a.cls`, `/src/a.cls`, `./src/a.cls` → `src/a.cls`. */
function repositoryPath(uri, workspace) {
    if (!uri)
        return undefined;
    let path = uri.replace(/[?#].*$/, '');
    if (/^file:/i.test(path)) {
        try {
            path = decodeURIComponent(new URL(path).pathname);
        }
        catch {
            return undefined;
        }
    }
    else if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
        return undefined;
    }
    else {
        try {
            path = decodeURIComponent(path);
        }
        catch {
            // keep it as written
        }
    }
    if ((0,external_node_path_.isAbsolute)(path) && workspace && path.startsWith(`${workspace.replace(/\/+$/, '')}/`)) {
        path = (0,external_node_path_.relative)(workspace, path);
    }
    path = path.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
    if (path === '' || path.split('/').includes('..'))
        return undefined;
    return (0,common_text/* sanitize */.aj)(path, 300);
}

;// CONCATENATED MODULE: ./src/review/review-step.ts
// Part review: the Code Reviews review gate: trigger, wait (refreshing the token), gate, SARIF, annotations.














/** Findings listed in the summary; the SARIF report and Code Reviews have them all. */
const SUMMARY_FINDINGS = 20;
/**
 * The review's sink in the action: the redacting log, step outputs and workflow-command
 * annotations. Annotation text comes from the service: redacted too (core escapes line breaks).
 */
function createReviewSink(log, redact) {
    return {
        info: log.info,
        warning: log.warning,
        setOutput: core.setOutput,
        annotate: ({ kind, message, title, ...properties }) => core[kind](redact(message), { ...properties, title: redact(title) })
    };
}
function prepareReviewStep(settings, context, sink) {
    const trigger = triggerRequest(context.baseUrl, settings);
    const report = {
        target: trigger.target,
        kind: settings.kind,
        failOn: settings.failOn,
        violations: {},
        policies: [],
        findings: [],
        findingsTotal: 0,
        annotated: { errors: 0, warnings: 0, hiddenErrors: 0, hiddenWarnings: 0 },
        sarif: {},
        polls: 0,
        attempts: 0,
        durationMs: 0,
        refreshes: 0
    };
    let started = false;
    return {
        async run(run) {
            started = true;
            await runReview(settings, context, run, sink, report);
        },
        publish(failure, redactor, token) {
            if (!started)
                return undefined;
            if (failure && !report.failure)
                report.failure = failure;
            try {
                publishReviewOutputs(report, sink);
            }
            catch (error) {
                sink.warning(`Could not set the review outputs: ${redactor.redact(String(error))}`);
            }
            return redactor.redact(renderReviewSection(report, describeViolations(report.violations), token));
        }
    };
}
function publishReviewOutputs(report, sink) {
    if (report.id !== undefined)
        sink.setOutput('review_id', report.id);
    sink.setOutput('review_result', report.result ?? '');
    sink.setOutput('review_passed', String(report.passed === true));
    if (report.url !== undefined)
        sink.setOutput('review_url', report.url);
    if (report.result !== undefined || Object.keys(report.violations).length > 0) {
        sink.setOutput('review_violations', JSON.stringify(violationCounts(report.violations)));
    }
    sink.setOutput('sarif_file', report.sarif.file ?? '');
}
async function runReview(settings, context, run, sink, report) {
    const now = run.now ?? Date.now;
    const wait = run.wait ?? (ms => (0,promises_.setTimeout)(ms));
    const start = now();
    const tokens = new TokenHolder(run.token, run.refresh, now);
    try {
        const trigger = triggerRequest(context.baseUrl, settings);
        const triggerLabel = `Code Reviews: triggering the review of ${trigger.target}`;
        const response = await run.http.send({
            method: 'POST',
            url: trigger.url,
            headers: {
                Accept: 'application/json',
                'Content-Type': 'application/json',
                Authorization: `Bearer ${tokens.current.accessToken}`
            },
            body: JSON.stringify(trigger.body),
            label: triggerLabel,
            maxBodyBytes: MAX_REVIEW_BODY_BYTES,
            // A second POST would start a second review: never resent once it may have arrived.
            retry: 'unsent'
        });
        report.attempts += response.attempts;
        if (response.status === 404)
            await explainNotFound(run.http, context, settings, tokens, trigger.target);
        checkStatus(response, `${triggerLabel} (POST ${trigger.url.pathname})`, tokens.current);
        let state = readState(settings, response, triggerLabel);
        apply(report, state);
        if (!isTriggerAccepted(state.taskStatus)) {
            throw new errors/* ActionError */.lZ(`Code Reviews did not accept the review of ${trigger.target}: its task is ${state.taskStatus ?? 'missing'}${state.taskOutcome ? ` (outcome ${state.taskOutcome})` : ''}, not ACCEPTED. The service may be throttling this project or the plan may not allow more reviews: retry later, or check the project in Code Reviews.`);
        }
        if (!state.id) {
            throw new errors/* ActionError */.lZ(`${triggerLabel}: the answer has no review id, so the review cannot be followed. Check base_url: it should be Code Reviews (https://app.clayton.io).`);
        }
        sink.info(`Code Reviews: review of ${trigger.target} accepted (id ${(0,common_text/* sanitize */.aj)(state.id, 80)}); waiting for it.`);
        const url = pollUrl(context.baseUrl, settings, state.id);
        const pollLabel = `Code Reviews: polling the review of ${trigger.target}`;
        let retryAfterMs = retryAfter(response.headers, now());
        while (!isReviewDone(state)) {
            const decision = nextPollDelay({
                intervalMs: settings.pollIntervalMs,
                retryAfterMs,
                elapsedMs: now() - start,
                timeoutMs: settings.timeoutMs
            });
            if (!decision.wait) {
                throw new errors/* ActionError */.lZ(`Code Reviews: the review of ${trigger.target} did not finish within review_timeout ${settings.timeoutMs / 1000} s (${report.polls} poll${report.polls === 1 ? '' : 's'}; task ${state.taskStatus ?? 'unknown'}). Raise review_timeout if reviews of this project take longer, or look at the review in Code Reviews.`);
            }
            sink.info(`Code Reviews: task ${(0,common_text/* sanitize */.aj)(state.taskStatus ?? 'unknown', 40)}${state.taskStatus === 'PROCESSED' && state.isProcessing ? ' (still processing)' : ''} after ${report.polls} poll${report.polls === 1 ? '' : 's'}; next poll in ${(decision.delayMs / 1000).toFixed(1)} s`);
            await wait(decision.delayMs);
            if (tokens.expiring())
                await tokens.refresh('the access token is about to expire', sink);
            let poll = await sendPoll(run.http, url, pollLabel, tokens);
            report.polls += 1;
            report.attempts += poll.attempts;
            if (poll.status === 401 && tokens.canRefresh()) {
                await tokens.refresh('a poll was refused with HTTP 401', sink);
                poll = await sendPoll(run.http, url, pollLabel, tokens);
                report.polls += 1;
                report.attempts += poll.attempts;
            }
            if (poll.status === 401 && tokens.current.source === 'input') {
                throw new errors/* ActionError */.lZ(`${pollLabel} returned HTTP 401 after ${Math.round((now() - start) / 1000)} s: the access_token input expired or was revoked while waiting for the review. Let this step request the token itself (client_id, client_secret, refresh_token instead of access_token), so it can refresh during the wait, or pass a token with more life left.`);
            }
            retryAfterMs = retryAfter(poll.headers, now());
            if (isBusy(poll.status) && retryAfterMs !== undefined) {
                // Rate-limited for longer than the client's own retries wait: the review goes on, and
                // so does the wait, at the pace the service asks for (within review_timeout).
                sink.info(`${pollLabel}: HTTP ${poll.status}, the service asks to wait ${Math.round(retryAfterMs / 1000)} s`);
                continue;
            }
            checkStatus(poll, `${pollLabel} (GET ${url.pathname})`, tokens.current);
            state = readState(settings, poll, pollLabel);
            apply(report, state);
        }
        report.refreshes = tokens.refreshes;
        const verdict = decideVerdict(state.result, state.taskOutcome, settings.failOn);
        report.passed = verdict.passed;
        await collectFindings(run.http, context, settings, tokens, state, report, sink);
        const counts = describeViolations(report.violations);
        const line = `Code Reviews: ${trigger.target} ${state.result ?? 'has no result'}${counts ? ` — ${counts}` : ''}${report.url ? ` (${(0,common_url/* describeUrl */.Ng)(new URL(report.url))})` : ''}.`;
        sink.info((0,common_text/* sanitize */.aj)(line, 500));
        if (verdict.why === 'outcome' || verdict.why === 'no_result') {
            const why = verdict.why === 'outcome'
                ? `the review finished with outcome ${state.taskOutcome}, so it has no trustworthy result`
                : 'the review finished without a result';
            const message = `Code Reviews: ${why} (${trigger.target}). Re-run the review, or look at it in Code Reviews.`;
            if (verdict.failsStep)
                throw new errors/* ActionError */.lZ(message);
            sink.warning(`${message} review_fail_on is never, so the step passes.`);
        }
        else if (verdict.failsStep) {
            const gate = verdict.why === 'warnings'
                ? 'review_fail_on is warnings, so warnings fail the step too'
                : `review_fail_on is ${settings.failOn}`;
            throw new errors/* ActionError */.lZ(`Code Reviews: the review of ${trigger.target} is ${state.result}${counts ? ` — ${counts}` : ''}; ${gate}. Fix the findings (see the annotations and the job summary) and push again.`);
        }
    }
    finally {
        report.durationMs = now() - start;
        report.refreshes = tokens.refreshes;
    }
}
/** A review (trigger answer or poll) held in memory: far larger than any real one. */
const MAX_REVIEW_BODY_BYTES = 16 * 1024 * 1024;
/** The SARIF download is parsed, then capped to MAX_SARIF_BYTES for the file. */
const MAX_SARIF_DOWNLOAD_BYTES = 64 * 1024 * 1024;
function sendPoll(http, url, label, tokens) {
    return http.send({
        method: 'GET',
        url,
        headers: { Accept: 'application/json', Authorization: `Bearer ${tokens.current.accessToken}` },
        label,
        maxBodyBytes: MAX_REVIEW_BODY_BYTES,
        retry: 'always'
    });
}
/** The access token of the wait: refreshed before it expires, or once after a 401. */
class TokenHolder {
    current;
    refresher;
    now;
    refreshes = 0;
    expiresAtMs;
    lifetimeMs;
    constructor(current, refresher, now) {
        this.current = current;
        this.refresher = refresher;
        this.now = now;
        this.track();
    }
    canRefresh() {
        return this.refresher !== undefined;
    }
    expiring() {
        return (this.canRefresh() &&
            isTokenExpiring({
                expiresAtMs: this.expiresAtMs,
                lifetimeMs: this.lifetimeMs,
                nowMs: this.now()
            }));
    }
    async refresh(why, sink) {
        if (!this.refresher)
            return;
        sink.info(`Code Reviews: ${why}; refreshing it before the next poll.`);
        this.current = await this.refresher();
        this.refreshes += 1;
        this.track();
    }
    track() {
        const seconds = this.current.expiresIn;
        this.lifetimeMs = seconds === undefined ? undefined : seconds * 1000;
        this.expiresAtMs = seconds === undefined ? undefined : this.now() + seconds * 1000;
    }
}
function apply(report, state) {
    report.id = state.id ?? report.id;
    report.url = state.htmlUrl ?? report.url;
    report.taskStatus = state.taskStatus;
    report.taskOutcome = state.taskOutcome;
    if (state.result)
        report.result = state.result;
    if (Object.keys(state.violations).length > 0)
        report.violations = state.violations;
    if (state.policies.length > 0)
        report.policies = state.policies;
}
function readState(settings, response, label) {
    const body = (0,json/* parseJsonObject */.dw)(response.body);
    if (!body) {
        throw new errors/* ActionError */.lZ(`${label}: HTTP ${response.status} with a body that is not a JSON object (${response.body.length} bytes). Check base_url: it should be Code Reviews (https://app.clayton.io).`);
    }
    return readReviewState(settings.kind, body);
}
function checkStatus(response, label, token) {
    if (response.status >= 200 && response.status <= 299)
        return;
    if (response.status === 401) {
        const why = token.source === 'input'
            ? 'The access_token input is expired, revoked or not valid for Code Reviews: pass a fresh one, or let this step request it.'
            : 'The access token was refused: check that base_url points at the service that issued it, and that scope grants access to the workspace.';
        throw new errors/* ActionError */.lZ(`${label} returned HTTP 401. ${why}`);
    }
    const retried = response.attempts > 1 ? ` after ${response.attempts} attempts` : '';
    const body = response.body.length > 0 ? ` Response: ${(0,common_text/* sanitize */.aj)(response.body.toString('utf8'), 200)}` : '';
    const hint = response.status === 403
        ? " The OAuth client's user may lack access to this project, or the plan may not allow reviews through the API."
        : '';
    throw new errors/* ActionError */.lZ(`${label} returned HTTP ${response.status}${retried}.${body}${hint}`);
}
/**
 * A 404 on the trigger: look (with GETs, which change nothing) whether the workspace or the project
 * is unknown, and name it.
 */
async function explainNotFound(http, context, settings, tokens, target) {
    const get = async (path) => {
        try {
            const r = await http.send({
                method: 'GET',
                url: (0,common_url/* joinUrl */.we)(context.baseUrl, path),
                headers: {
                    Accept: 'application/json',
                    Authorization: `Bearer ${tokens.current.accessToken}`
                },
                label: 'Code Reviews: checking the workspace and project',
                retry: 'always'
            });
            return r.status;
        }
        catch {
            return undefined;
        }
    };
    const where = 'Code Reviews shows both ids in its URLs: app.clayton.io/workspaces/<workspace>/projects/<project>';
    const project = await get(projectPath(settings));
    if (project === 404) {
        const workspace = await get(`/api/workspaces/${settings.workspace}`);
        if (workspace === 404) {
            throw new errors/* ActionError */.lZ(`Code Reviews has no workspace "${settings.workspace}" that this token can see (HTTP 404). Check input workspace (${where}), and that the OAuth client's user is a member of it.`);
        }
        throw new errors/* ActionError */.lZ(`Code Reviews has no project "${settings.project}" in workspace "${settings.workspace}" that this token can see (HTTP 404). Check input project (${where}).`);
    }
    const subject = settings.kind === 'pull_request'
        ? `pull request #${settings.pullRequestNumber} (is the repository's pull request tracked by Code Reviews yet?)`
        : `${target} (has Code Reviews seen this branch or commit? push it first, or check branch and revision)`;
    throw new errors/* ActionError */.lZ(`Code Reviews answered HTTP 404 to the review of ${subject}; workspace "${settings.workspace}" and project "${settings.project}" exist.`);
}
/** The SARIF report when there is one: written for upload-sarif, read for findings. */
async function collectFindings(http, context, settings, tokens, state, report, sink) {
    if (!state.sarifUrl) {
        report.sarif.note =
            state.issueDetails === 'PAYWALL'
                ? 'Code Reviews withholds the findings of this review on the current plan (issue_details PAYWALL): no SARIF report and no annotations.'
                : state.issueDetails === 'UNAVAILABLE'
                    ? 'Code Reviews has no findings to share for this review (issue_details UNAVAILABLE): no SARIF report and no annotations.'
                    : 'This review has no SARIF report: findings are in Code Reviews only.';
        return;
    }
    let url;
    try {
        url = new URL(state.sarifUrl, context.baseUrl);
    }
    catch {
        report.sarif.note = 'The review names a SARIF report at an address that is not a URL: skipped.';
        return;
    }
    const secure = url.protocol === 'https:' || (url.protocol === 'http:' && (0,common_url/* isLoopbackHost */.cW)(url.hostname));
    if (!secure) {
        report.sarif.note = 'The review names a SARIF report over plain http: not downloaded.';
        return;
    }
    // Whether the download needs the bearer token is not documented: only trusted origins get it.
    const headers = { Accept: 'application/json' };
    if (context.trustedOrigins.has(url.origin)) {
        headers.Authorization = `Bearer ${tokens.current.accessToken}`;
    }
    let response;
    try {
        response = await http.send({
            method: 'GET',
            url,
            headers,
            label: 'Code Reviews: SARIF download',
            maxBodyBytes: MAX_SARIF_DOWNLOAD_BYTES,
            retry: 'always'
        });
    }
    catch (error) {
        // The URL may be signed: say what failed, never where.
        report.sarif.note =
            error instanceof errors/* ResponseTooLargeError */.by
                ? `The SARIF report is over ${(0,common_text/* formatBytes */.z3)(MAX_SARIF_DOWNLOAD_BYTES)}, more than this step reads: no SARIF file and no annotations.`
                : 'The SARIF report could not be downloaded (network error): no SARIF file and no annotations.';
        sink.warning(report.sarif.note);
        return;
    }
    report.attempts += response.attempts;
    if (response.status < 200 || response.status > 299) {
        report.sarif.note = `The SARIF report could not be downloaded (HTTP ${response.status}): no SARIF file and no annotations.`;
        sink.warning(report.sarif.note);
        return;
    }
    const parsed = parseSarif(response.body);
    if (!parsed.ok) {
        report.sarif.note = `The review's SARIF report is not usable: ${parsed.why}. No SARIF file and no annotations.`;
        sink.warning(report.sarif.note);
        return;
    }
    const capped = capSarif(parsed.log);
    if (!capped.ok) {
        report.sarif.note = `The review's SARIF report cannot be cut to a file upload-sarif accepts: ${capped.why}. No SARIF file; the findings are still annotated and summarised.`;
        sink.warning(report.sarif.note);
    }
    else {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(settings.sarifFile), { recursive: true });
        (0,external_node_fs_.writeFileSync)(settings.sarifFile, capped.text, { mode: 0o600 });
        report.sarif.file = settings.sarifFile;
        if (capped.kept < capped.total) {
            report.sarif.note = `The SARIF report had ${capped.total} results; ${settings.sarifFile} keeps the ${capped.kept} most severe, so upload-sarif accepts it.`;
            sink.info(report.sarif.note);
        }
    }
    const findings = sarifFindings(parsed.log, context.workspace);
    report.findingsTotal = findings.length;
    report.findings = findings.slice(0, SUMMARY_FINDINGS);
    const plan = planAnnotations(findings);
    for (const annotation of plan.annotations)
        sink.annotate(annotation);
    report.annotated = {
        errors: plan.annotations.filter(a => a.kind === 'error').length,
        warnings: plan.annotations.filter(a => a.kind === 'warning').length,
        hiddenErrors: plan.hiddenErrors,
        hiddenWarnings: plan.hiddenWarnings
    };
}
/** 429 and 503 with Retry-After: the service is busy, not the review broken. */
function isBusy(status) {
    return status === 429 || status === 503;
}
function retryAfter(headers, nowMs) {
    const value = headers['retry-after'];
    return (0,retry_after/* parseRetryAfterMs */.o)(Array.isArray(value) ? value[0] : value, nowMs);
}


/***/ })

};
