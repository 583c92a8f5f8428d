export const id = 703;
export const ids = [703];
export const modules = {

/***/ 1703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describeApiOutcome: () => (/* binding */ describeApiOutcome),
/* harmony export */   publishApiReport: () => (/* binding */ publishApiReport),
/* harmony export */   renderApiSummary: () => (/* binding */ renderApiSummary)
/* harmony export */ });
/* unused harmony exports MAX_OUTPUT_BODY_BYTES, formatDuration */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _common_json_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2308);



/** GitHub step outputs are meant for small values; the file always has the whole body. */
const MAX_OUTPUT_BODY_BYTES = 1024 * 1024;
/** Sets every output known so far and writes the body to the response file. */
function publishApiReport(report, api, sink) {
    if (report.status !== undefined)
        sink.setOutput('api_status', String(report.status));
    if (report.body !== undefined) {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(api.responseFile), { recursive: true });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(api.responseFile, report.body);
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
            report.hasResult ? code((0,_common_json_js__WEBPACK_IMPORTED_MODULE_2__/* .previewJson */ .N)(report.result, 500)) : 'not evaluated'
        ]);
    }
    if (report.failure)
        rows.push(['Failure', escapeCell(report.failure)]);
    const table = rows.map(([name, value]) => `| ${name} | ${value} |`).join('\n');
    return `### API call\n\n| | |\n|---|---|\n${table}\n`;
}
/**
 * A code span that survives backticks (JMESPath literals like `0`, or response text) and pipes in
 * table cells: CommonMark closes a span at the first run of exactly as many backticks as opened
 * it, so the fence is one longer than the longest run inside.
 */
function code(text) {
    const cell = escapeCell(text);
    const longest = Math.max(0, ...(cell.match(/`+/g) ?? []).map(run => run.length));
    if (longest === 0)
        return `\`${cell}\``;
    const fence = '`'.repeat(longest + 1);
    return `${fence} ${cell} ${fence}`;
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
        parts.push(`api_result ${(0,_common_json_js__WEBPACK_IMPORTED_MODULE_2__/* .previewJson */ .N)(report.result)}`);
    if (report.passed !== undefined)
        parts.push(`api_assert ${report.passed ? 'passed' : 'failed'}`);
    return `${parts.join('; ')}.`;
}
function escapeCell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}


/***/ })

};
