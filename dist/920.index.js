export const id = 920;
export const ids = [920];
export const modules = {

/***/ 3920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkExpressions: () => (/* binding */ checkExpressions),
/* harmony export */   evaluate: () => (/* binding */ evaluate),
/* harmony export */   isTruthy: () => (/* binding */ isTruthy)
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


/***/ })

};
