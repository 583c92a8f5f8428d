export const id = 125;
export const ids = [125];
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

/***/ 5125:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createReviewSink: () => (/* binding */ createReviewSink),
  prepareReviewStep: () => (/* binding */ prepareReviewStep)
});

// UNUSED EXPORTS: SUMMARY_FINDINGS, publishReviewOutputs

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/common/text.ts
var common_text = __webpack_require__(2450);
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
        const outcome = report.taskOutcome && !['SUCCESS', 'PENDING'].includes(report.taskOutcome)
            ? ` (outcome ${(0,markdown/* escapeMarkdown */.FV)(report.taskOutcome)})`
            : '';
        return `❌ **Code Reviews: no result**${outcome} for ${(0,markdown/* escapeMarkdown */.FV)(report.target)}`;
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
            ? ` · gate ${(0,markdown/* codeSpan */.SS)(report.gate)}: ${report.passed ? 'passed' : 'not passed'}`
            : '') +
        ` · ${report.polls} poll${report.polls === 1 ? '' : 's'} in ${formatDuration(report.durationMs)}`);
    if (report.failure)
        parts.push(`**Why the step failed:** ${(0,markdown/* escapeMarkdown */.FV)(report.failure)}`);
    const severities = Object.entries(report.violations);
    if (severities.length > 0) {
        parts.push((0,markdown/* table */.tp)(['Severity', 'Findings'], severities.map(([severity, count]) => [(0,markdown/* escapeMarkdown */.FV)(severity), String(count)])));
    }
    if (report.statusCheck) {
        const what = report.kind === 'pull_request' ? 'Approval' : 'Status check';
        const filter = report.referenceDate
            ? ` (Legacy Code Filter: issues after ${(0,markdown/* escapeMarkdown */.FV)(report.referenceDate)})`
            : '';
        parts.push(`${what} published by Code Reviews: ${(0,markdown/* codeSpan */.SS)(report.statusCheck)}${filter}`);
    }
    for (const note of report.gateNotes ?? [])
        parts.push((0,markdown/* escapeMarkdown */.FV)(note));
    if (report.policies.length > 0) {
        const gated = new Set((report.gatedPolicies ?? []).map(t => t.toLowerCase()));
        const checks = report.policies.some(p => p.statusCheck);
        parts.push((0,markdown/* table */.tp)(['Policy', 'Result', ...(checks ? ['Status check'] : []), 'Problems', 'Gated'], report.policies
            .slice(0, 20)
            .map(p => [
            (0,markdown/* escapeMarkdown */.FV)(p.title.slice(0, 120)),
            p.result ? (0,markdown/* escapeMarkdown */.FV)(p.result) : '—',
            ...(checks ? [p.statusCheck ? (0,markdown/* escapeMarkdown */.FV)(p.statusCheck) : '—'] : []),
            p.problems === undefined ? '—' : String(p.problems),
            gated.size === 0 || gated.has(p.title.toLowerCase()) ? 'yes' : 'no'
        ])));
    }
    if (report.findings.length > 0) {
        const rows = report.findings.map(f => [
            (0,markdown/* escapeMarkdown */.FV)(f.severity),
            (0,markdown/* codeSpan */.SS)(f.rule.slice(0, 100)),
            f.file ? (0,markdown/* codeSpan */.SS)(`${f.file.slice(0, 200)}${f.line ? `:${f.line}` : ''}`) : '—',
            (0,markdown/* escapeMarkdown */.FV)(f.message.slice(0, 300))
        ]);
        const of = report.sarif.source === 'head-scan' ? ' of the scan of the head revision' : '';
        parts.push(`**Top findings${of}** (${report.findings.length} of ${report.findingsTotal})`);
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
        [
            'Polls',
            `${report.polls}${report.staleAnswers > 0 ? ` (${report.staleAnswers} passed over: report of another commit or obsolete)` : ''}`
        ],
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
const TASK_STATUSES = new Set(['FUTURE', 'THROTTLED', 'ACCEPTED', 'PROCESSING', 'PROCESSED']);
/** Task outcomes that mean the review will not run (or did not run to the end). */
const REFUSED_OUTCOMES = new Set(['CANCELLED', 'ABORTED', 'INTERRUPTED', 'ERROR']);
/** Undocumented statuses that, with a pending outcome, read as waiting in line. */
const QUEUED_STATUSES = new Set(['FUTURE', 'THROTTLED']);
function isRefusedOutcome(outcome) {
    return outcome !== undefined && REFUSED_OUTCOMES.has(outcome);
}
/**
 * What a trigger's answer means. Only a refused outcome (or no task status the plugin knows) is a
 * refusal; FUTURE and THROTTLED with a pending outcome are a review waiting in line.
 */
function judgeTrigger(state) {
    if (isRefusedOutcome(state.taskOutcome))
        return 'refused';
    if (state.taskStatus === undefined || !TASK_STATUSES.has(state.taskStatus))
        return 'refused';
    return QUEUED_STATUSES.has(state.taskStatus) ? 'queued' : 'accepted';
}
function isQueued(state) {
    return judgeTrigger(state) === 'queued';
}
/** PROCESSED, and for a PullRequest also no longer `is_processing`. */
function isReviewDone(state) {
    return state.taskStatus === 'PROCESSED' && state.isProcessing !== true;
}
/**
 * Whether an answer's report is the verdict for this commit. The pull request resource is shared
 * with the provider's own webhook reviews, so right after a trigger it can still show the previous
 * commit's finished report. A report of another commit, or one marked obsolete, is not this
 * commit's; an answer that names no commit is taken as it is.
 */
function judgeFreshness(state, headSha) {
    if (headSha && state.revisionSha && !sameCommit(state.revisionSha, headSha)) {
        return {
            fresh: false,
            why: `its report is of commit ${state.revisionSha.slice(0, 12)}, not ${headSha.slice(0, 12)}`
        };
    }
    if (state.obsolete === true)
        return { fresh: false, why: 'its report is marked obsolete' };
    return { fresh: true };
}
/** Shas compare case-insensitively, a short sha (7+) matching the full one it starts. */
function sameCommit(a, b) {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    return x.startsWith(y) || y.startsWith(x);
}
/**
 * The wait ends on a refused outcome, or on a finished review of this commit; a finished report of
 * another commit is passed over.
 */
function judgePoll(state, headSha, gateOnStatusCheck = false) {
    if (isRefusedOutcome(state.taskOutcome) && state.taskStatus !== 'PROCESSED')
        return { done: true };
    if (!isReviewDone(state))
        return { done: false };
    const freshness = judgeFreshness(state, headSha);
    if (!freshness.fresh)
        return { done: false, staleWhy: freshness.why };
    // The provider publishes its status check (or approval) after the review: PENDING is waited for.
    if (gateOnStatusCheck && isCheckPending(state))
        return { done: false };
    return { done: true };
}
function isCheckPending(state) {
    return (state.statusCheck === 'PENDING' || (state.policies ?? []).some(p => p.statusCheck === 'PENDING'));
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
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

// EXTERNAL MODULE: ./src/common/json.ts
var json = __webpack_require__(9927);
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

;// CONCATENATED MODULE: ./src/review/findings.ts







/** Findings listed in the summary; the SARIF report and Code Reviews have them all. */
const SUMMARY_FINDINGS = 20;
/** The SARIF download is parsed, then capped to MAX_SARIF_BYTES for the file. */
const MAX_SARIF_DOWNLOAD_BYTES = 64 * 1024 * 1024;
/**
 * The findings, from where the service has them: a Scan's SARIF report (written for upload-sarif,
 * read for annotations and the summary). A pull request review has none in the API; only the scan
 * of its head revision may name one.
 */
async function collectFindings(ctx, state) {
    const { report } = ctx;
    if (!state.sarifUrl) {
        report.sarif.note = noSarifNote(ctx, state);
        return;
    }
    report.sarif.source = state.sarifSource;
    let url;
    try {
        url = new URL(state.sarifUrl, ctx.service.baseUrl);
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
    const headers = ctx.service.trustedOrigins.has(url.origin)
        ? ctx.tokens.headers()
        : { Accept: 'application/json' };
    let response;
    try {
        response = await ctx.http.send({
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
        return skip(ctx, error instanceof errors/* ResponseTooLargeError */.by
            ? `The SARIF report is over ${(0,common_text/* formatBytes */.z3)(MAX_SARIF_DOWNLOAD_BYTES)}, more than this step reads: no SARIF file and no annotations.`
            : 'The SARIF report could not be downloaded (network error): no SARIF file and no annotations.');
    }
    report.attempts += response.attempts;
    if (response.status < 200 || response.status > 299) {
        return skip(ctx, `The SARIF report could not be downloaded (HTTP ${response.status}): no SARIF file and no annotations.`);
    }
    const parsed = parseSarif(response.body);
    if (!parsed.ok) {
        return skip(ctx, `The review's SARIF report is not usable: ${parsed.why}. No SARIF file and no annotations.`);
    }
    const { sarifFile } = ctx.settings;
    const capped = capSarif(parsed.log);
    if (!capped.ok) {
        report.sarif.note = `The review's SARIF report cannot be cut to a file upload-sarif accepts: ${capped.why}. No SARIF file; the findings are still annotated and summarised.`;
        ctx.sink.warning(report.sarif.note);
    }
    else {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(sarifFile), { recursive: true });
        (0,external_node_fs_.writeFileSync)(sarifFile, capped.text, { mode: 0o600 });
        report.sarif.file = sarifFile;
        if (capped.kept < capped.total) {
            report.sarif.note = `The SARIF report had ${capped.total} results; ${sarifFile} keeps the ${capped.kept} most severe, so upload-sarif accepts it.`;
            ctx.sink.info(report.sarif.note);
        }
    }
    const findings = sarifFindings(parsed.log, ctx.service.workspace);
    report.findingsTotal = findings.length;
    report.findings = findings.slice(0, SUMMARY_FINDINGS);
    const plan = planAnnotations(findings);
    for (const annotation of plan.annotations)
        ctx.sink.annotate(annotation);
    report.annotated = {
        errors: plan.annotations.filter(a => a.kind === 'error').length,
        warnings: plan.annotations.filter(a => a.kind === 'warning').length,
        hiddenErrors: plan.hiddenErrors,
        hiddenWarnings: plan.hiddenWarnings
    };
}
function skip(ctx, note) {
    ctx.report.sarif.note = note;
    ctx.sink.warning(note);
}
function noSarifNote(ctx, state) {
    if (state.issueDetails === 'PAYWALL') {
        return 'Code Reviews withholds the findings of this review on the current plan (issue_details PAYWALL): no SARIF report and no annotations.';
    }
    if (state.issueDetails === 'UNAVAILABLE') {
        return 'Code Reviews has no findings to share for this review (issue_details UNAVAILABLE): no SARIF report and no annotations.';
    }
    if (ctx.settings.kind === 'pull_request') {
        return "Code Reviews' API gives a pull request review's verdict, counts and policies, not its findings: they are on the review's page, and in the comments Code Reviews' GitHub App posts on the pull request. No SARIF report and no annotations.";
    }
    return 'This review has no SARIF report: findings are in Code Reviews only.';
}
/** Where the person reading a failed gate finds the findings, for the error message. */
function whereFindingsAre(ctx) {
    const { report } = ctx;
    if (report.annotated.errors + report.annotated.warnings > 0) {
        const of = report.sarif.source === 'head-scan' ? ' of the scan of the head revision' : '';
        return `see the annotations${of} and the job summary`;
    }
    return report.url
        ? `see them on the review's page, ${(0,common_text/* sanitize */.aj)(report.url, 300)}`
        : 'see them on the review in Code Reviews';
}

;// CONCATENATED MODULE: ./src/review/gate.ts

const SEVERITY_RANK = { critical: 0, error: 1, warning: 2 };
function decideGate(facts, rules) {
    const gate = rules.failOn !== 'never';
    const decision = (why, reasons, notes = [], gated = facts.policies) => ({
        passed: why === 'passed',
        failsStep: why === 'unknown_policies' || (why !== 'passed' && gate),
        why,
        reasons,
        notes,
        gated
    });
    if (facts.taskOutcome !== undefined && facts.taskOutcome !== 'SUCCESS') {
        return decision('outcome', [`finished with outcome ${facts.taskOutcome}`]);
    }
    const selected = selectPolicies(facts.policies, rules.policies);
    if ('missing' in selected) {
        const has = facts.policies.map(p => `"${p.title}"`).join(', ') || 'none';
        return decision('unknown_policies', [
            `has no policy ${selected.missing.map(t => `"${t}"`).join(', ')} (review_policies); its policies are: ${has}`
        ]);
    }
    const gated = selected.policies ?? facts.policies;
    const notes = [];
    const reasons = [];
    if (rules.gateOn === 'result') {
        if (selected.policies) {
            for (const p of selected.policies)
                reasons.push(...resultReasons(`policy "${p.title}"`, p.result, rules));
        }
        else {
            if (facts.result === undefined)
                return decision('no_result', ['finished without a result']);
            const counts = describeViolations(facts.violations);
            reasons.push(...resultReasons(`is`, facts.result, rules, counts));
        }
    }
    else {
        reasons.push(...statusCheckReasons(facts, selected.policies, rules, notes));
    }
    if (rules.failOnSeverity) {
        const counts = selected.policies ? sumCounts(selected.policies) : facts.violations;
        const worse = SEVERITY_ORDER.slice(0, SEVERITY_RANK[rules.failOnSeverity] + 1);
        const found = worse.reduce((n, s) => n + (counts[s] ?? 0), 0);
        if (found > 0) {
            const where = selected.policies ? ' in the gated policies' : '';
            reasons.push(`has ${found} finding${found === 1 ? '' : 's'} of severity ${rules.failOnSeverity} or worse${where} (review_fail_on_severity is ${rules.failOnSeverity})`);
        }
    }
    return decision(reasons.length === 0 ? 'passed' : 'failed', reasons, notes, gated);
}
/** Clauses for a result under review_fail_on: NOT_PASSED, and PASSED_WITH_WARNINGS on warnings. */
function resultReasons(subject, result, rules, counts = '') {
    const tail = counts ? ` — ${counts}` : '';
    if (result === undefined)
        return [`${subject} has no result`];
    const named = subject === 'is' ? `is ${result}${tail}` : `${subject} is ${result}`;
    if (result === 'NOT_PASSED')
        return [`${named}; review_fail_on is ${rules.failOn}`];
    if (result === 'PASSED_WITH_WARNINGS' && rules.failOn === 'warnings') {
        return [`${named}; review_fail_on is warnings, so warnings fail the step too`];
    }
    return [];
}
/**
 * What Code Reviews publishes to GitHub: a scan's status_check (or its gated policies'), a pull
 * request's approval. A field the service did not send is not guessed: the result stands in, and
 * a note says so.
 */
function statusCheckReasons(facts, policies, rules, notes) {
    const judge = (subject, check) => {
        if (check === 'PASSED' || check === 'APPROVED')
            return [];
        if (check === 'ERROR') {
            return [
                `${subject} is ERROR: Code Reviews could not judge it (review_gate_on is status_check)`
            ];
        }
        return [`${subject} is ${check} (review_gate_on is status_check)`];
    };
    if (policies) {
        return policies.flatMap(p => {
            if (p.statusCheck)
                return judge(`policy "${p.title}"'s status check`, p.statusCheck);
            notes.push(`Policy "${p.title}" has no status check in Code Reviews' answer: its result gates instead.`);
            return resultReasons(`policy "${p.title}"`, p.result, rules);
        });
    }
    const what = facts.kind === 'pull_request' ? 'its approval' : 'its status check';
    if (facts.statusCheck === undefined) {
        notes.push(`Code Reviews sent no ${facts.kind === 'pull_request' ? 'approval' : 'status_check'} for this review: gated on its result instead.`);
        if (facts.result === undefined)
            return ['finished without a result or a status check'];
        return resultReasons('is', facts.result, rules, describeViolations(facts.violations));
    }
    return judge(what, facts.statusCheck);
}
/**
 * The policies review_policies names, matched case-insensitively; `policies` undefined when it is
 * empty (all of them gate, through the review's own result or status check).
 */
function selectPolicies(all, titles) {
    if (titles.length === 0)
        return {};
    const byTitle = new Map(all.map(p => [p.title.toLowerCase(), p]));
    const missing = titles.filter(t => !byTitle.has(t.toLowerCase()));
    if (missing.length > 0)
        return { missing };
    return { policies: titles.map(t => byTitle.get(t.toLowerCase())) };
}
function sumCounts(policies) {
    const out = {};
    for (const p of policies) {
        for (const [severity, n] of Object.entries(p.problemsBySeverity)) {
            out[severity] = (out[severity] ?? 0) + n;
        }
    }
    return out;
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
/**
 * Reads a PullRequest or a Scan; anything missing or of the wrong type is simply unknown. Only
 * fields of the plugin's types are read: a PullRequest, its report and the report's policies carry
 * no `sarif_url`.
 */
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
        const revision = record(report.to_revision);
        state.isProcessing = typeof o.is_processing === 'boolean' ? o.is_processing : undefined;
        state.statusCheck = label(o.approval);
        state.result = result(report.result) ?? result(o.last_review_result);
        state.violations = counts(record(report.metrics).violation_count_by_severity);
        // The plugin's types give one policy object here; accept a list too.
        state.policies = listOf(report.report_policies).map(policy);
        state.revisionSha = sha(revision.sha);
        state.obsolete = typeof report.obsolete === 'boolean' ? report.obsolete : undefined;
        const headScan = record(revision.last_scan);
        state.sarifUrl = policySarif(headScan.scan_policies);
        if (state.sarifUrl)
            state.sarifSource = 'head-scan';
    }
    else {
        state.result = result(o.result);
        state.statusCheck = label(o.status_check);
        state.statusCheckBehavior = label(o.status_check_issue_behavior);
        state.referenceDate = label(o.status_check_issue_reference_date);
        const metrics = counts(record(o.metrics).violation_count_by_severity);
        state.violations = Object.keys(metrics).length > 0 ? metrics : counts(o.problems_by_severity);
        state.policies = (Array.isArray(o.scan_policies) ? o.scan_policies : []).map(policy);
        state.revisionSha = sha(record(o.revision).sha);
        state.obsolete = typeof o.obsolete === 'boolean' ? o.obsolete : undefined;
        state.sarifUrl = review_api_text(o.sarif_url) ?? policySarif(o.scan_policies);
        if (state.sarifUrl)
            state.sarifSource = 'scan';
    }
    state.issueDetails = state.policies.map(p => p.issueDetails).find(d => d && d !== 'AVAILABLE');
    return state;
}
/** The first `scan_policies[].sarif_url`. */
function policySarif(policies) {
    const list = Array.isArray(policies) ? policies : [];
    return list.map(p => review_api_text(record(p).sarif_url)).find(url => url !== undefined);
}
function sha(value) {
    const t = review_api_text(value);
    return t !== undefined && /^[0-9a-f]{7,64}$/i.test(t) ? t.toLowerCase() : undefined;
}
function policy(value) {
    const p = record(value);
    return {
        title: review_api_text(p.title) ?? review_api_text(p.id) ?? 'policy',
        result: review_api_text(p.result),
        statusCheck: label(p.status_check),
        problems: typeof p.problems === 'number' ? p.problems : undefined,
        problemsBySeverity: counts(p.problems_by_severity),
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

;// CONCATENATED MODULE: ./src/review/run-context.ts

/** A review (trigger answer or poll) held in memory: far larger than any real one. */
const MAX_REVIEW_BODY_BYTES = 16 * 1024 * 1024;
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
    headers() {
        return { Accept: 'application/json', Authorization: `Bearer ${this.current.accessToken}` };
    }
    track() {
        const seconds = this.current.expiresIn;
        this.lifetimeMs = seconds === undefined ? undefined : seconds * 1000;
        this.expiresAtMs = seconds === undefined ? undefined : this.now() + seconds * 1000;
    }
}

// EXTERNAL MODULE: ./src/http/retry-after.ts
var retry_after = __webpack_require__(202);
;// CONCATENATED MODULE: ./src/review/wait.ts








/** POSTs the trigger once; the answer, accepted or queued, or an error naming the refusal. */
async function triggerReview(ctx) {
    const { settings, report, tokens } = ctx;
    const trigger = triggerRequest(ctx.service.baseUrl, settings);
    const label = `Code Reviews: triggering the review of ${ctx.target}`;
    const response = await ctx.http.send({
        method: 'POST',
        url: trigger.url,
        headers: { ...tokens.headers(), 'Content-Type': 'application/json' },
        body: JSON.stringify(trigger.body),
        label,
        maxBodyBytes: MAX_REVIEW_BODY_BYTES,
        // A second POST would start a second review: never resent once it may have arrived.
        retry: 'unsent'
    });
    report.attempts += response.attempts;
    if (response.status === 404)
        await explainNotFound(ctx);
    checkStatus(response, `${label} (POST ${trigger.url.pathname})`, tokens.current);
    const state = readState(ctx, response, label);
    apply(report, state);
    const judged = judgeTrigger(state);
    if (judged === 'refused') {
        throw new errors/* ActionError */.lZ(`Code Reviews did not accept the review of ${ctx.target}: its task is ${state.taskStatus ?? 'missing'}${state.taskOutcome ? ` (outcome ${state.taskOutcome})` : ''}. Retry later, or check the project in Code Reviews: the plan may not allow more reviews.`);
    }
    if (!state.id) {
        throw new errors/* ActionError */.lZ(`${label}: the answer has no review id, so the review cannot be followed. Check base_url: it should be Code Reviews (https://app.clayton.io).`);
    }
    ctx.sink.info(judged === 'queued'
        ? `Code Reviews: review of ${ctx.target} queued (id ${(0,common_text/* sanitize */.aj)(state.id, 80)}, task ${state.taskStatus}); waiting for it.`
        : `Code Reviews: review of ${ctx.target} accepted (id ${(0,common_text/* sanitize */.aj)(state.id, 80)}); waiting for it.`);
    return { state, retryAfterMs: retryAfter(response.headers, ctx.now()) };
}
/**
 * Polls until the review of this commit is finished (or refused), within review_timeout. A
 * finished report of another commit, or an obsolete one, is passed over and said so in debug.
 */
async function waitForReview(ctx, trigger) {
    const { settings, report, tokens, sink } = ctx;
    const url = pollUrl(ctx.service.baseUrl, settings, trigger.state.id);
    const label = `Code Reviews: polling the review of ${ctx.target}`;
    let state = trigger.state;
    let retryAfterMs = trigger.retryAfterMs;
    let judged = judgePoll(state, settings.headSha, settings.gateOn === 'status_check');
    let queuedSince = isQueued(state) ? ctx.now() : undefined;
    while (!judged.done) {
        if (judged.staleWhy) {
            report.staleAnswers += 1;
            sink.debug(`Code Reviews: passed over a finished answer: ${judged.staleWhy}.`);
        }
        const decision = nextPollDelay({
            intervalMs: settings.pollIntervalMs,
            retryAfterMs: retryAfterMs,
            elapsedMs: ctx.now() - ctx.startedAt,
            timeoutMs: settings.timeoutMs
        });
        if (!decision.wait)
            throw timeoutError(ctx, state);
        sink.info(`${describeTask(ctx, state, queuedSince)}; next poll in ${(decision.delayMs / 1000).toFixed(1)} s`);
        await ctx.wait(decision.delayMs);
        if (tokens.expiring())
            await tokens.refresh('the access token is about to expire', sink);
        let poll = await sendPoll(ctx, url, label);
        if (poll.status === 401 && tokens.canRefresh()) {
            await tokens.refresh('a poll was refused with HTTP 401', sink);
            poll = await sendPoll(ctx, url, label);
        }
        if (poll.status === 401 && tokens.current.source === 'input') {
            throw new errors/* ActionError */.lZ(`${label} returned HTTP 401 after ${Math.round((ctx.now() - ctx.startedAt) / 1000)} s: the access_token input expired or was revoked while waiting for the review. Let this step request the token itself (client_id, client_secret, refresh_token instead of access_token), so it can refresh during the wait, or pass a token with more life left.`);
        }
        retryAfterMs = retryAfter(poll.headers, ctx.now());
        if (isBusy(poll.status) && retryAfterMs !== undefined) {
            // Rate-limited for longer than the client's own retries wait: the review goes on, and
            // so does the wait, at the pace the service asks for (within review_timeout).
            sink.info(`${label}: HTTP ${poll.status}, the service asks to wait ${Math.round(retryAfterMs / 1000)} s`);
            continue;
        }
        checkStatus(poll, `${label} (GET ${url.pathname})`, tokens.current);
        state = readState(ctx, poll, label);
        apply(report, state);
        if (isQueued(state))
            queuedSince ??= ctx.now();
        else
            queuedSince = undefined;
        judged = judgePoll(state, settings.headSha, settings.gateOn === 'status_check');
    }
    return state;
}
function describeTask(ctx, state, queuedSince) {
    const polls = `${ctx.report.polls} poll${ctx.report.polls === 1 ? '' : 's'}`;
    const task = (0,common_text/* sanitize */.aj)(state.taskStatus ?? 'unknown', 40);
    if (queuedSince !== undefined) {
        const waited = Math.round((ctx.now() - queuedSince) / 1000);
        return `Code Reviews: queued (task ${task}) for ${waited} s after ${polls}`;
    }
    const still = state.taskStatus === 'PROCESSED' && state.isProcessing ? ' (still processing)' : '';
    return `Code Reviews: task ${task}${still} after ${polls}`;
}
function timeoutError(ctx, state) {
    const { report, settings } = ctx;
    const polls = `${report.polls} poll${report.polls === 1 ? '' : 's'}`;
    const seconds = settings.timeoutMs / 1000;
    if (report.staleAnswers > 0) {
        const commit = settings.headSha ? ` (${settings.headSha.slice(0, 12)})` : '';
        return new errors/* ActionError */.lZ(`Code Reviews: no report of this commit${commit} for ${ctx.target} within review_timeout ${seconds} s: ${report.staleAnswers} of ${polls} showed a finished report of an earlier commit or an obsolete one, which is not this commit's verdict. Look at the review in Code Reviews, or raise review_timeout if reviews of this project take longer.`);
    }
    if (settings.gateOn === 'status_check' && isReviewDone(state) && isCheckPending(state)) {
        return new errors/* ActionError */.lZ(`Code Reviews: the status check of ${ctx.target} was still PENDING at review_timeout ${seconds} s (${polls}): review_gate_on is status_check, so the gate waits for Code Reviews to publish it. Raise review_timeout, or look at the review in Code Reviews.`);
    }
    return new errors/* ActionError */.lZ(`Code Reviews: the review of ${ctx.target} did not finish within review_timeout ${seconds} s (${polls}; task ${state.taskStatus ?? 'unknown'}). Raise review_timeout if reviews of this project take longer, or look at the review in Code Reviews.`);
}
async function sendPoll(ctx, url, label) {
    const response = await ctx.http.send({
        method: 'GET',
        url,
        headers: ctx.tokens.headers(),
        label,
        maxBodyBytes: MAX_REVIEW_BODY_BYTES,
        retry: 'always'
    });
    ctx.report.polls += 1;
    ctx.report.attempts += response.attempts;
    return response;
}
/** What the summary shows while waiting: the latest answer's task, id and page. */
function apply(report, state) {
    report.id = state.id ?? report.id;
    report.url = state.htmlUrl ?? report.url;
    report.taskStatus = state.taskStatus;
    report.taskOutcome = state.taskOutcome;
}
function readState(ctx, response, label) {
    const body = (0,json/* parseJsonObject */.dw)(response.body);
    if (!body) {
        throw new errors/* ActionError */.lZ(`${label}: HTTP ${response.status} with a body that is not a JSON object (${response.body.length} bytes). Check base_url: it should be Code Reviews (https://app.clayton.io).`);
    }
    return readReviewState(ctx.settings.kind, body);
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
async function explainNotFound(ctx) {
    const { settings } = ctx;
    const get = async (path) => {
        try {
            const r = await ctx.http.send({
                method: 'GET',
                url: (0,common_url/* joinUrl */.we)(ctx.service.baseUrl, path),
                headers: ctx.tokens.headers(),
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
        : `${ctx.target} (has Code Reviews seen this branch or commit? push it first, or check branch and revision)`;
    throw new errors/* ActionError */.lZ(`Code Reviews answered HTTP 404 to the review of ${subject}; workspace "${settings.workspace}" and project "${settings.project}" exist.`);
}
/** 429 and 503 with Retry-After: the service is busy, not the review broken. */
function isBusy(status) {
    return status === 429 || status === 503;
}
function retryAfter(headers, nowMs) {
    const value = headers['retry-after'];
    return (0,retry_after/* parseRetryAfterMs */.o)(Array.isArray(value) ? value[0] : value, nowMs);
}

;// CONCATENATED MODULE: ./src/review/review-step.ts
// Part review: the Code Reviews review gate: trigger, wait (refreshing the token), gate, SARIF, annotations.













/**
 * The review's sink in the action: the redacting log, step outputs and workflow-command
 * annotations. Annotation text comes from the service: redacted too (core escapes line breaks).
 */
function createReviewSink(log, redact) {
    return {
        info: log.info,
        warning: log.warning,
        debug: log.debug,
        setOutput: core.setOutput,
        annotate: ({ kind, message, title, ...properties }) => core[kind](redact(message), { ...properties, title: redact(title) })
    };
}
function prepareReviewStep(settings, service, sink) {
    const { target } = triggerRequest(service.baseUrl, settings);
    const report = {
        target,
        kind: settings.kind,
        failOn: settings.failOn,
        gate: describeRules(settings),
        violations: {},
        policies: [],
        findings: [],
        findingsTotal: 0,
        annotated: { errors: 0, warnings: 0, hiddenErrors: 0, hiddenWarnings: 0 },
        sarif: {},
        polls: 0,
        staleAnswers: 0,
        attempts: 0,
        durationMs: 0,
        refreshes: 0
    };
    let started = false;
    return {
        async run(run) {
            started = true;
            const now = run.now ?? Date.now;
            const ctx = {
                settings,
                service,
                http: run.http,
                tokens: new TokenHolder(run.token, run.refresh, now),
                sink,
                report,
                target,
                now,
                wait: run.wait ?? (ms => (0,promises_.setTimeout)(ms)),
                startedAt: now()
            };
            try {
                await runReview(ctx);
            }
            finally {
                report.durationMs = now() - ctx.startedAt;
                report.refreshes = ctx.tokens.refreshes;
            }
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
/** `review_gate_on: status_check · review_policies: Security · review_fail_on_severity: critical`. */
function describeRules(settings) {
    return [
        `review_gate_on: ${settings.gateOn}`,
        `review_fail_on: ${settings.failOn}`,
        ...(settings.policies.length > 0 ? [`review_policies: ${settings.policies.join(', ')}`] : []),
        ...(settings.failOnSeverity ? [`review_fail_on_severity: ${settings.failOnSeverity}`] : [])
    ].join(' · ');
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
    sink.setOutput('review_status_check', report.statusCheck ?? '');
}
/** Trigger, wait for this commit's verdict, take its findings, then gate. */
async function runReview(ctx) {
    const trigger = await triggerReview(ctx);
    const state = await waitForReview(ctx, trigger);
    const { report, settings, sink, target } = ctx;
    const gate = decideGate({ ...state, kind: settings.kind }, settings);
    report.passed = gate.passed;
    review_step_record(report, state, gate);
    await collectFindings(ctx, state);
    const counts = describeViolations(report.violations);
    const shown = report.result ?? `has no result (outcome ${state.taskOutcome ?? 'unknown'})`;
    const line = `Code Reviews: ${target} ${shown}${counts ? ` — ${counts}` : ''}${report.url ? ` (${(0,common_url/* describeUrl */.Ng)(new URL(report.url))})` : ''}.`;
    sink.info((0,common_text/* sanitize */.aj)(line, 500));
    if (gate.why === 'outcome' || gate.why === 'no_result') {
        const why = gate.why === 'outcome'
            ? `the review finished with outcome ${state.taskOutcome}, so it has no trustworthy result`
            : 'the review finished without a result';
        const message = `Code Reviews: ${why} (${target}). Re-run the review, or look at it in Code Reviews.`;
        if (gate.failsStep)
            throw new errors/* ActionError */.lZ(message);
        sink.warning(`${message} review_fail_on is never, so the step passes.`);
    }
    else if (gate.why === 'unknown_policies') {
        throw new errors/* ActionError */.lZ(`Code Reviews: the review of ${target} ${gate.reasons.join('; ')}. Set review_policies to titles as Code Reviews shows them (case does not matter).`);
    }
    else if (gate.failsStep) {
        throw new errors/* ActionError */.lZ(`Code Reviews: the review of ${target} ${gate.reasons.join('; ')}. Fix the findings (${whereFindingsAre(ctx)}) and push again.`);
    }
    else if (!gate.passed) {
        sink.warning(`Code Reviews: the review of ${target} ${gate.reasons.join('; ')}. review_fail_on is never, so the step passes.`);
    }
}
/**
 * The finished review's verdict, counts and policies. The result only when the review finished
 * with a trustworthy outcome: an `if:` on review_result must not read a stale PASSED.
 */
function review_step_record(report, state, gate) {
    report.result = gate.why === 'outcome' ? undefined : state.result;
    report.statusCheck = state.statusCheck;
    report.violations = state.violations;
    report.policies = state.policies;
    report.gatedPolicies = gate.gated.map(p => p.title);
    report.gateNotes = gate.notes;
    if (state.statusCheckBehavior === 'REFERENCE_DATE' && state.referenceDate) {
        report.referenceDate = state.referenceDate;
    }
}


/***/ })

};
