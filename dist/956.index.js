export const id = 956;
export const ids = [956];
export const modules = {

/***/ 3956:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   writeRepositorySecret: () => (/* binding */ writeRepositorySecret)
/* harmony export */ });
/* harmony import */ var _common_json_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9927);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1922);
/* harmony import */ var _common_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2450);
/* harmony import */ var _common_url_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3628);




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
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(refusal(keyResponse, `Reading the public key of ${where}`, opts));
    }
    const publicKey = readPublicKey(keyResponse, where);
    const encrypted = await sealForGitHub(opts.value, publicKey.key, where);
    const putResponse = await http.send({
        ...githubRequest(opts, 'PUT', `${base}/${encodeURIComponent(opts.name)}`, `Writing the secret ${opts.name} of ${where}`),
        body: JSON.stringify({ encrypted_value: encrypted, key_id: publicKey.keyId })
    });
    if (putResponse.status !== 201 && putResponse.status !== 204) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(refusal(putResponse, `Writing the secret ${opts.name} of ${where}`, opts));
    }
}
function secretsPath(opts) {
    if (opts.environment) {
        if (!opts.repositoryId || !/^\d+$/.test(opts.repositoryId)) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Cannot write the secret ${opts.name} of environment ${opts.environment}: the repository id is unknown (GITHUB_REPOSITORY_ID is not set; runners set it, so this is not a GitHub Actions job or the runner is very old). Leave secret_environment empty to write the repository secret instead.`);
        }
        return `/repositories/${opts.repositoryId}/environments/${encodeURIComponent(opts.environment)}/secrets`;
    }
    const [owner, repo, ...rest] = opts.repository.split('/');
    if (!owner || !repo || rest.length > 0) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Cannot write the secret ${opts.name}: the repository "${opts.repository}" is not owner/repo (GITHUB_REPOSITORY is set by the runner).`);
    }
    return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/secrets`;
}
function validateName(name) {
    // GitHub's rules for secret names: refused up front rather than as a 422 after a key lookup.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Input refresh_token_secret is "${name}", which GitHub does not accept as a secret name: use letters, digits and _, not starting with a digit or GITHUB_ (for example CLAYTON_REFRESH_TOKEN).`);
    }
}
function githubRequest(opts, method, path, label) {
    return {
        method,
        url: (0,_common_url_js__WEBPACK_IMPORTED_MODULE_1__/* .joinUrl */ .we)(new URL(opts.apiUrl), path),
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
    const body = (0,_common_json_js__WEBPACK_IMPORTED_MODULE_2__/* .parseJsonObject */ .dw)(response.body);
    const keyId = body?.key_id;
    const key = body?.key;
    if (typeof keyId !== 'string' || typeof key !== 'string' || !keyId || !key) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Reading the public key of ${where} failed: the answer has no key_id and key. Check that GITHUB_API_URL points at the GitHub REST API.`);
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
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`The public key of ${where} is not a valid Curve25519 key (base64, 32 bytes); the secret was not written. Check that GITHUB_API_URL points at the GitHub REST API.`);
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
    const message = (0,_common_json_js__WEBPACK_IMPORTED_MODULE_2__/* .parseJsonObject */ .dw)(response.body)?.message;
    return typeof message === 'string' && message ? (0,_common_text_js__WEBPACK_IMPORTED_MODULE_3__/* .sanitize */ .aj)(message, 200) : undefined;
}
function describeTarget(opts) {
    return opts.environment
        ? `environment ${opts.environment} of ${opts.repository}`
        : `repository ${opts.repository}`;
}


/***/ })

};
