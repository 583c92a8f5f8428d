export const id = 103;
export const ids = [103];
export const modules = {

/***/ 5103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPost: () => (/* binding */ runPost)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./src/http.ts
var src_http = __webpack_require__(6803);
// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var inputs = __webpack_require__(9763);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/json.ts
var json = __webpack_require__(8301);
// EXTERNAL MODULE: ./src/oauth-errors.ts
var oauth_errors = __webpack_require__(6122);
// EXTERNAL MODULE: ./src/token-client.ts
var token_client = __webpack_require__(2916);
// EXTERNAL MODULE: ./src/url.ts
var url = __webpack_require__(7666);
;// CONCATENATED MODULE: ./src/revoke.ts





/** RFC 7009 revocation request, the client authenticated exactly as for the token request. */
function buildRevokeRequest(opts) {
    const form = new URLSearchParams({ token: opts.token, token_type_hint: 'access_token' });
    const headers = {
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded'
    };
    (0,token_client/* authenticateClient */.p7)(opts.client, form, headers);
    return {
        method: 'POST',
        url: new URL(opts.revokeUrl.href),
        headers,
        body: form.toString(),
        label: 'Token revocation',
        // Revoking twice is harmless (RFC 7009 §2.2: unknown tokens get 200 too).
        retry: 'always'
    };
}
/**
 * Never throws: revocation runs in the post step, where a failure is a warning. The reason quotes
 * the provider's error, scrubbed of the token and the client credentials.
 */
async function revokeAccessToken(http, opts) {
    const redactor = new redact/* Redactor */.p();
    redactor.add(opts.token, opts.client.secret, (0,token_client/* basicCredential */.gp)(opts.client.id, opts.client.secret));
    const clean = (text) => (0,oauth_errors/* sanitize */.a)(redactor.redact(text), 500);
    try {
        const response = await http.send(buildRevokeRequest(opts));
        if (response.status >= 200 && response.status <= 299)
            return { ok: true };
        const body = (0,json/* parseJsonObject */.d)(response.body);
        const error = typeof body?.error === 'string' ? body.error : undefined;
        const description = typeof body?.error_description === 'string' ? body.error_description : undefined;
        const oauth = error ? ` ${error}${description ? ` (${description})` : ''}` : '';
        return {
            ok: false,
            reason: clean(`${(0,url/* describeUrl */.Ng)(opts.revokeUrl)} answered HTTP ${response.status}${oauth}.${advice(response.status, error)}`)
        };
    }
    catch (error) {
        return { ok: false, reason: clean(error instanceof Error ? error.message : String(error)) };
    }
}
function advice(status, error) {
    if (error === 'invalid_client' || status === 401) {
        return ' Check client_id, client_secret and client_auth.';
    }
    if (error === 'unsupported_token_type') {
        return ' The provider does not revoke access tokens; set revoke: false.';
    }
    if (status === 404 || status === 405)
        return ' Check revoke_url.';
    return '';
}

// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/version.ts + 1 modules
var version = __webpack_require__(1013);
;// CONCATENATED MODULE: ./src/post.ts










/**
 * The post step: revokes the access token this job obtained (RFC 7009) when `revoke: true`.
 * Revocation is hygiene, not the job's purpose: any failure is a warning and the step exits 0.
 */
async function runPost() {
    const token = (0,state/* tokenToRevoke */.$R)();
    if (!token)
        return;
    core.setSecret(token);
    const redactor = new redact/* Redactor */.p();
    redactor.add(token);
    let http;
    try {
        const read = name => core.getInput(name);
        const secret = read('client_secret');
        if (secret)
            redactor.add(secret);
        const parsed = (0,inputs/* parseInputs */.T)(read, {
            runnerTemp: process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
            random: (0,external_node_crypto_.randomUUID)()
        });
        if (parsed.kind !== 'ready' || parsed.settings.credential.kind !== 'request')
            return;
        const { token: tokenSettings, lifecycle } = parsed.settings.credential;
        const { client } = tokenSettings;
        if (client.auth === 'client_secret_basic') {
            const basic = (0,token_client/* basicCredential */.gp)(client.id, client.secret);
            core.setSecret(basic);
            redactor.add(basic);
        }
        http = new src_http/* Http */.l(version/* USER_AGENT */._, parsed.settings.http, message => core.info(message));
        const outcome = await revokeAccessToken(http, { revokeUrl: lifecycle.revokeUrl, client, token });
        if (outcome.ok)
            core.info('Revoked the access token this job obtained.');
        else {
            core.warning(`Could not revoke the access token: ${redactor.redact(outcome.reason)}. It stays valid until it expires.`);
        }
    }
    catch (error) {
        core.warning(`Could not revoke the access token: ${redactor.redact(error instanceof Error ? error.message : String(error))}. It stays valid until it expires.`);
    }
    finally {
        http?.dispose();
    }
}


/***/ })

};
