export const id = 646;
export const ids = [646];
export const modules = {

/***/ 8646:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CACHE_PATH: () => (/* reexport */ CACHE_PATH),
  DEFAULT_CACHE_TIMEOUT_MS: () => (/* reexport */ DEFAULT_CACHE_TIMEOUT_MS),
  cacheKeyPrefix: () => (/* reexport */ cacheKeyPrefix),
  createTokenCache: () => (/* binding */ createTokenCache)
});

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
// A response is announced from the socket's parser, outside the call's async context.
const owners = new WeakMap();
let listening = false;
let stdoutWrite;
function startLibraryCall(work) {
    if (!listening) {
        (0,external_node_diagnostics_channel_.subscribe)('http.client.request.start', onRequestStart);
        (0,external_node_diagnostics_channel_.subscribe)('http.client.response.finish', onResponse);
        listening = true;
    }
    // Checked on every call: something else (a test's spy) may have replaced stdout.write since.
    if (process.stdout.write !== stdoutWrite)
        stdoutWrite = holdWrites(process.stdout.write);
    const call = { requests: new Set(), held: { problems: [], lines: [] }, responses: [] };
    return {
        result: calls.run(call, work),
        output: () => ({ problems: [...call.held.problems], lines: [...call.held.lines] }),
        responses: () => [...call.responses],
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
    owners.set(request, call);
    request.once('close', () => call.requests.delete(request));
}
function onResponse(message) {
    const { request, response } = message;
    const call = owners.get(request);
    if (call && !call.errorFor && response.statusCode !== undefined) {
        call.responses.push({ path: request.path, status: response.statusCode });
    }
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/lifecycle/private-workspace.ts



async function createPrivateWorkspace(runnerTemp) {
    // Absolute: the current directory moves while the call runs.
    const root = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_path_.resolve)(runnerTemp), 'clayton-oauth-cache-'));
    const workspace = (0,external_node_path_.join)(root, 'workspace');
    const temp = (0,external_node_path_.join)(root, 'temp');
    await (0,promises_.mkdir)(workspace, { mode: 0o700 });
    await (0,promises_.mkdir)(temp, { mode: 0o700 });
    return {
        root,
        workspace,
        enter(extra = {}) {
            const names = ['GITHUB_WORKSPACE', 'RUNNER_TEMP', 'PATH', ...Object.keys(extra.env ?? {})];
            const saved = new Map(names.map(name => [name, process.env[name]]));
            const cwd = process.cwd();
            process.env.GITHUB_WORKSPACE = workspace;
            process.env.RUNNER_TEMP = temp;
            if (extra.path !== undefined)
                process.env.PATH = extra.path;
            Object.assign(process.env, extra.env);
            process.chdir(workspace);
            return () => {
                for (const [name, value] of saved)
                    setEnv(name, value);
                process.chdir(cwd);
            };
        },
        // Synchronous: Node's rmSync walks the tree natively; the promise version walks it in
        // JavaScript, which costs more than the few files a cache call leaves.
        remove: async () => (0,external_node_fs_.rmSync)(root, { recursive: true, force: true, maxRetries: 2 })
    };
}
function setEnv(name, value) {
    if (value === undefined)
        delete process.env[name];
    else
        process.env[name] = value;
}

;// CONCATENATED MODULE: ./src/lifecycle/save-tools.ts



/**
 * The programs @actions/cache may run to save: tar (`gtar` first on macOS) and gzip, which tar
 * runs for `-z`. zstd is left out on purpose: the library compresses with zstd whenever its
 * `zstd --version` probe finds the program, and that choice is part of the cache version. A
 * restore finds no zstd either (see tar-capture.ts), so both sides agree on gzip without spawning
 * the probe, and a token state of a few hundred bytes gains nothing from zstd.
 */
const SAVE_PROGRAMS = ['gtar', 'tar', 'gzip'];
/** Links the first `name` on `path` (as PATH lookup finds it) for each of SAVE_PROGRAMS. */
async function installSaveTools(folder, path = process.env.PATH ?? '') {
    const bin = (0,external_node_path_.join)(folder, 'save-bin');
    await (0,promises_.mkdir)(bin, { mode: 0o700 });
    const found = [];
    for (const name of SAVE_PROGRAMS) {
        const program = findOnPath(name, path);
        if (!program)
            continue;
        await (0,promises_.symlink)(program, (0,external_node_path_.join)(bin, name));
        found.push(name);
    }
    return { bin, found };
}
function findOnPath(name, path) {
    for (const dir of path.split(external_node_path_.delimiter)) {
        if (!dir)
            continue;
        const candidate = (0,external_node_path_.join)(dir, name);
        try {
            (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
            if ((0,external_node_fs_.statSync)(candidate).isFile())
                return candidate;
        }
        catch {
            // not here
        }
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/tar/dist/esm/parse.js + 10 modules
var parse = __webpack_require__(3979);
;// CONCATENATED MODULE: ./src/lifecycle/state-archive.ts


/**
 * The one member our own saves put in a cache archive. GNU tar names it exactly so: @actions/cache
 * lists the path relative to the workspace and archives with -P, which keeps names as given.
 */
const CACHE_PATH = '.clayton-oauth/state.bin';
/**
 * Limits far above what a sealed state needs (under 1 kB; a few kB with long JWTs), far below
 * what could hurt: an archive is refused before decompressing, a tar stream stops growing.
 * zlib decodes in 16 KiB chunks up to MAX_TAR_BYTES whatever the members claim, so a read holds
 * at most about twice MAX_TAR_BYTES; with the input capped too, it takes milliseconds.
 */
const MAX_ARCHIVE_BYTES = 64 * 1024;
const MAX_TAR_BYTES = 1024 * 1024;
const MAX_STATE_BYTES = 64 * 1024;
/**
 * Reads a restored cache archive in memory, never on disk: @actions/cache would extract it with
 * `tar -P`, which writes absolute and `..` members wherever they point. Accepts exactly one
 * regular file named CACHE_PATH within MAX_STATE_BYTES; everything else is refused whole.
 *
 */
async function readStateArchive(archive, options = { zstdDecompress: defaultZstd }) {
    if (archive.length > MAX_ARCHIVE_BYTES) {
        return {
            refused: `the archive is ${archive.length} bytes, over the ${MAX_ARCHIVE_BYTES} a token state needs`
        };
    }
    const tar = await decompress(archive, options);
    if ('refused' in tar)
        return tar;
    return readMembers(tar.blob);
}
async function defaultZstd(data, options) {
    const zlib = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 8522, 23));
    // Looked up, not imported by name: Node before 22.15 has no such export.
    return typeof zlib.zstdDecompressSync === 'function'
        ? zlib.zstdDecompressSync(data, options)
        : zstdProgram(data, options);
}
/**
 * Node before 22.15 has no zstd in zlib (the action runs on Node 24; self-hosted setups may run
 * it on older): the zstd program that made the archive reads it from stdin and writes the tar
 * stream to a pipe, never to disk.
 */
async function zstdProgram(data, options) {
    const { execFileSync } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1421, 23));
    try {
        return execFileSync('zstd', ['-d', '-c', '-q'], {
            input: data,
            maxBuffer: options.maxOutputLength,
            timeout: 10_000,
            stdio: ['pipe', 'pipe', 'ignore']
        });
    }
    catch (error) {
        if (error.code === 'ENOBUFS') {
            throw new RangeError('output over maxOutputLength');
        }
        throw new Error(error.code === 'ENOENT'
            ? `this Node.js (${process.version}) has no zstd and no zstd program is on PATH`
            : 'zstd could not decompress it');
    }
}
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
async function decompress(archive, options) {
    try {
        if (archive.subarray(0, 4).equals(ZSTD_MAGIC)) {
            const zstd = options.zstdDecompress;
            if (!zstd) {
                return {
                    refused: `it is zstd-compressed and this Node.js (${process.version}) cannot decompress zstd; Node 24, the runtime of this action, can`
                };
            }
            return {
                // zstd's default window limit (128 MiB), as the library's own `unzstd`: it compresses
                // without --long. A frame asking for more is refused.
                blob: await zstd(archive, { maxOutputLength: MAX_TAR_BYTES })
            };
        }
        if (archive[0] === 0x1f && archive[1] === 0x8b) {
            return { blob: (0,external_node_zlib_.gunzipSync)(archive, { maxOutputLength: MAX_TAR_BYTES }) };
        }
    }
    catch (error) {
        const tooBig = error instanceof RangeError || error.code === 'ERR_BUFFER_TOO_LARGE';
        return {
            refused: tooBig
                ? `it decompresses to more than ${MAX_TAR_BYTES} bytes`
                : `it does not decompress (${error instanceof Error ? error.message : String(error)})`
        };
    }
    return { refused: 'it is neither zstd- nor gzip-compressed, as @actions/cache writes them' };
}
function readMembers(tar) {
    const members = [];
    const problems = [];
    // Synchronous: end() emits every entry and its data before it returns.
    const parser = new parse/* Parser */.i({
        strict: true,
        onwarn: (_code, message) => problems.push(String(message))
    });
    parser.on('entry', (entry) => {
        const member = {
            path: entry.path,
            type: entry.type,
            size: entry.size,
            linkpath: entry.linkpath ?? '',
            data: []
        };
        members.push(member);
        // Only a member that may be the state is kept; the rest is counted and drained.
        if (members.length === 1 && member.size <= MAX_STATE_BYTES) {
            entry.on('data', (chunk) => member.data.push(chunk));
        }
        else {
            entry.resume();
        }
    });
    parser.on('error', (error) => problems.push(error.message));
    let ended = false;
    parser.on('end', () => {
        ended = true;
    });
    try {
        parser.end(tar);
    }
    catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
    }
    if (problems.length > 0) {
        return { refused: `it is not a well-formed tar archive (${problems[0]})` };
    }
    if (!ended)
        return { refused: 'the tar archive ends early' };
    if (members.length === 0)
        return { refused: 'it holds no file' };
    for (const member of members) {
        const why = unsafe(member);
        if (why)
            return { refused: why };
    }
    if (members.length > 1) {
        return {
            refused: `it holds ${members.length} members where a token state is one file (${members
                .map(m => show(m.path))
                .slice(0, 3)
                .join(', ')})`
        };
    }
    const [state] = members;
    if (state.path !== CACHE_PATH)
        return { refused: `member ${show(state.path)} is not ${CACHE_PATH}` };
    if (state.size > MAX_STATE_BYTES) {
        return {
            refused: `member ${show(state.path)} is ${state.size} bytes, over the ${MAX_STATE_BYTES} a token state needs`
        };
    }
    const blob = Buffer.concat(state.data);
    if (blob.length !== state.size)
        return { refused: 'the tar archive ends early' };
    return { blob };
}
/** Why a member could write outside the folder or be anything but a file; for the log. */
function unsafe(member) {
    const name = show(member.path);
    if (member.path.startsWith('/') || /^[A-Za-z]:/.test(member.path)) {
        return `member ${name} has an absolute path`;
    }
    if (member.path.split(/[/\\]/).includes('..'))
        return `member ${name} has a ".." segment`;
    switch (member.type) {
        case 'File':
        case 'OldFile':
            break;
        case 'SymbolicLink':
            return `member ${name} is a symbolic link (to ${show(member.linkpath)})`;
        case 'Link':
            return `member ${name} is a hard link (to ${show(member.linkpath)})`;
        case 'CharacterDevice':
        case 'BlockDevice':
            return `member ${name} is a device`;
        case 'FIFO':
            return `member ${name} is a FIFO`;
        default:
            return `member ${name} is not a regular file (${member.type})`;
    }
    return undefined;
}
/** Member names come from whoever wrote the entry: quoted, escaped and short in the log. */
function show(text) {
    const quoted = JSON.stringify(text);
    return quoted.length > 120 ? `${quoted.slice(0, 117)}..."` : quoted;
}

// EXTERNAL MODULE: ./packages/exec-in-process/index.js
var exec_in_process = __webpack_require__(3953);
// EXTERNAL MODULE: ./src/lifecycle/bounded-file.ts
var bounded_file = __webpack_require__(6808);
;// CONCATENATED MODULE: ./src/lifecycle/tar-capture.ts





const CAPTURE_VARIABLE = 'CLAYTON_OAUTH_CACHE_ARCHIVE';
// -xf <archive> is how @actions/cache 6 extracts and -tf how it lists (debug only). Anything else
// means the library changed: fail, so the restore fails loudly instead of doing something new.
// Programs by absolute path: PATH holds only this folder while the script runs.
const STAND_IN = `#!/bin/sh
# Stand-in for tar while the token cache restores: keeps the archive, extracts nothing.
case "$1" in
  -xf) [ -f "$2" ] && { /bin/ln -- "$2" "$${CAPTURE_VARIABLE}" 2>/dev/null || /bin/cp -- "$2" "$${CAPTURE_VARIABLE}"; } ;;
  -tf) exit 0 ;;
  *) echo "tar $1: not expected while restoring the token cache (only -xf and -tf are)" >&2; exit 2 ;;
esac
`;
const NAMES = ['tar', 'gtar'];
async function installTarCapture(folder) {
    const bin = (0,external_node_path_.join)(folder, 'bin');
    await (0,promises_.mkdir)(bin, { mode: 0o700 });
    for (const name of NAMES) {
        await (0,promises_.writeFile)((0,external_node_path_.join)(bin, name), STAND_IN, { mode: 0o700 });
    }
    const archive = (0,external_node_path_.join)(folder, 'restored-archive');
    let taken;
    // The script's rules, in process: -xf keeps a regular file, -tf succeeds, the rest is the
    // script's to refuse.
    const run = (args) => {
        if (args[0] === '-tf')
            return 0;
        if (args[0] !== '-xf' || args.length < 2)
            return undefined;
        const read = readArchiveFile(args[1]);
        if (read === undefined)
            return 1;
        taken = read;
        return 0;
    };
    return {
        bin,
        archive,
        env: { [CAPTURE_VARIABLE]: archive },
        inProcess() {
            const releases = NAMES.map(name => (0,exec_in_process/* runInProcess */.mJ)((0,external_node_path_.join)(bin, name), run));
            // The library asks `zstd --version` which compression to use. The restore's PATH holds no
            // zstd, so the answer is "not found" (what a shell says with 127, and what makes the
            // library pick gzip); given here, the real @actions/exec is never loaded for it.
            releases.push((0,exec_in_process/* runInProcess */.mJ)('zstd', () => 127));
            return () => {
                for (const release of releases)
                    release();
            };
        },
        read: () => taken ?? readArchiveFile(archive)
    };
}
/**
 * An archive read only up to the size a state archive can have: the library downloads whatever
 * the entry holds before anyone can look at it. Undefined when there is none.
 */
function readArchiveFile(path) {
    const read = (0,bounded_file/* readFileUpTo */.N)(path, MAX_ARCHIVE_BYTES);
    if (read === undefined || 'data' in read)
        return read;
    return read.refused === 'not a file'
        ? { refused: 'the archive is not a regular file' }
        : {
            refused: `the archive is ${read.size} bytes, over the ${MAX_ARCHIVE_BYTES} a token state needs`
        };
}

;// CONCATENATED MODULE: ./src/lifecycle/actions-cache.ts








/**
 * One fixed relative path: the cache version hashes the path strings as given, so an absolute
 * path (RUNNER_TEMP differs between self-hosted runners) would make entries unfindable elsewhere.
 */

const DEFAULT_CACHE_TIMEOUT_MS = 15_000;
/** The service's method that reserves a key: it answers 409 when the key exists in the scope. */
const CREATE_ENTRY = /\.CacheService\/CreateCacheEntry$/;
// Cache calls repoint process-wide settings (environment, current directory, stdout): one at a
// time, even across adapters.
let queue = Promise.resolve();
function oneAtATime(work) {
    const next = queue.then(work, work);
    queue = next.catch(() => { });
    return next;
}
function createActionsCache(opts) {
    const budgetMs = opts.timeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS;
    const { log } = opts;
    const platform = opts.platform ?? process.platform;
    let unavailableReported = false;
    let toolsExplained = false;
    /** Time spent in cache calls so far: every call of the run shares one bound. */
    let spentMs = 0;
    // A service that failed once (timeout, error, refusal) is not asked again in this run: a
    // second wait would only add to the delay, and what failed once mostly fails again.
    let failed = false;
    async function loadCache() {
        if (platform === 'win32') {
            if (!unavailableReported) {
                unavailableReported = true;
                log.warning('Token cache: not used on Windows runners. There @actions/cache extracts restored archives with a tar of its own choosing (Git for Windows or System32), which this action cannot keep from writing files outside its folder if an entry was planted; so the token state is neither restored nor saved, and every run makes its own token request. Set cache: false to silence this.');
            }
            return undefined;
        }
        // Loaded here, not at the top: the bundler emits it as a chunk of its own, and a run without
        // the cache never pays for loading it.
        const cache = await Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(284), __webpack_require__.e(64)]).then(__webpack_require__.bind(__webpack_require__, 284));
        if (cache.isFeatureAvailable())
            return cache;
        if (!unavailableReported) {
            unavailableReported = true;
            log.warning('Token cache: the Actions cache service is not available to this job (its URL is not in the environment, as on some self-hosted or local runners), so the token state is neither restored nor saved. Set cache: false to silence this.');
        }
        return undefined;
    }
    function remainingMs() {
        return Math.max(0, budgetMs - spentMs);
    }
    /**
     * Runs one @actions/cache call in the private folder, bounded by what is left of the budget,
     * with `tools.path` as the whole PATH: the tar stand-in for a restore, the real tar and gzip for
     * a save, never zstd.
     */
    async function bounded(place, limitMs, run, tools, charged = true) {
        if (!toolsExplained) {
            toolsExplained = true;
            // The library's own debug lines say zstd cannot be found: say why before they do.
            log.debug('Token cache: @actions/cache runs with a PATH of its own: a stand-in tar to restore, tar and gzip to save, no zstd (so it reports zstd missing and uses gzip).');
        }
        const started = Date.now();
        const leave = place.enter(tools);
        let timer;
        try {
            const call = startLibraryCall(run);
            const settled = call.result.then(value => ({ kind: 'done', value }), (error) => ({ kind: 'failed', error }));
            const timeout = new Promise(resolve => {
                timer = setTimeout(() => resolve({ kind: 'timeout' }), limitMs);
            });
            const outcome = await Promise.race([settled, timeout]);
            if (outcome.kind === 'timeout') {
                const held = call.output();
                const responses = call.responses();
                call.abandon(abandonedRequestError);
                // The abandoned call may still be past its downloads. Once PATH and GITHUB_WORKSPACE are
                // restored it would find the real tar: the archive it would hand it goes first.
                await place.remove();
                return { kind: 'timeout', held, responses };
            }
            return { ...outcome, held: call.output(), responses: call.responses() };
        }
        finally {
            clearTimeout(timer);
            leave();
            if (charged)
                spentMs += Date.now() - started;
        }
    }
    function reportHeld(held) {
        for (const line of held.lines)
            log.debug(`Token cache: ${line}`);
    }
    /** Runs `work` alone; a throw anywhere in it is a failure of the cache, never of the step. */
    function guarded(work) {
        return oneAtATime(async () => {
            try {
                return await work();
            }
            catch (error) {
                failed = true;
                return { kind: 'failed', failure: { detail: detail(NOTHING_HELD, error) } };
            }
        });
    }
    /** One restoreCache by key prefix in a private folder, its archive read in memory. */
    async function restoreOnce(keyPrefix, withinMs) {
        if (failed)
            return { kind: 'off' };
        const cache = await loadCache();
        if (!cache)
            return { kind: 'off' };
        const mode = cacheMode();
        if (mode === 'none' || mode === 'write-only') {
            log.debug(`Token cache: ACTIONS_CACHE_MODE is ${mode}, which does not allow restoring.`);
            return { kind: 'off', mode };
        }
        const place = await createPrivateWorkspace(opts.runnerTemp);
        try {
            const capture = await installTarCapture(place.root);
            const limitMs = withinMs ?? remainingMs();
            const release = capture.inProcess();
            const outcome = await bounded(place, limitMs, () => cache.restoreCache([CACHE_PATH], keyPrefix, [keyPrefix], {
                // Only apply to downloads from Azure storage (GitHub's); the bound above covers the rest.
                timeoutInMs: limitMs,
                segmentTimeoutInMs: limitMs
            }), { path: capture.bin, env: capture.env }, withinMs === undefined).finally(release);
            reportHeld(outcome.held);
            if (outcome.kind === 'timeout') {
                failed = true;
                return { kind: 'failed', failure: { timedOutAfterMs: limitMs } };
            }
            const key = outcome.kind === 'done' ? outcome.value : undefined;
            if (key)
                return await readEntry(capture, key);
            // @actions/cache answers a failure like a miss, after printing a warning we held back.
            if (outcome.kind === 'failed' || outcome.held.problems.length > 0) {
                failed = true;
                const error = outcome.kind === 'failed' ? outcome.error : undefined;
                return { kind: 'failed', failure: { detail: detail(outcome.held, error) } };
            }
            return { kind: 'miss' };
        }
        finally {
            await place.remove();
        }
    }
    async function readEntry(capture, key) {
        const archive = capture.read();
        if (archive === undefined)
            return { kind: 'unreadable', key };
        const reading = 'refused' in archive ? archive : await readStateArchive(archive.data);
        if ('refused' in reading)
            return { kind: 'unreadable', key, refused: reading.refused };
        return { kind: 'hit', key, content: reading.blob };
    }
    /** A save, or with `claim` a create that tells a key taken by another job from a failure. */
    async function saveOnce(key, content, claim) {
        if (failed)
            return { kind: 'off' };
        const cache = await loadCache();
        if (!cache)
            return { kind: 'off' };
        const mode = cacheMode();
        if (mode === 'none' || mode === 'read')
            return { kind: 'off', mode };
        const limitMs = remainingMs();
        const place = await createPrivateWorkspace(opts.runnerTemp);
        try {
            const file = (0,external_node_path_.join)(place.workspace, CACHE_PATH);
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(file), { recursive: true, mode: 0o700 });
            await (0,promises_.writeFile)(file, content, { mode: 0o600 });
            const tools = await installSaveTools(place.root);
            const outcome = await bounded(place, limitMs, () => cache.saveCache([CACHE_PATH], key), {
                path: tools.bin
            });
            reportHeld(outcome.held);
            if (outcome.kind === 'timeout') {
                failed = true;
                return { kind: 'failed', failure: { timedOutAfterMs: limitMs } };
            }
            if (outcome.kind === 'failed' || outcome.value === -1) {
                // The service said the key exists: it works, and another job holds the key.
                if (claim && outcome.responses.some(r => CREATE_ENTRY.test(r.path) && r.status === 409)) {
                    return { kind: 'exists' };
                }
                failed = true;
                const error = outcome.kind === 'failed' ? outcome.error : undefined;
                return { kind: 'failed', failure: { detail: detail(outcome.held, error) } };
            }
            return { kind: 'created' };
        }
        finally {
            await place.remove();
        }
    }
    return {
        restore: (keyPrefix, withinMs) => guarded(() => restoreOnce(keyPrefix, withinMs)),
        save: (key, content) => guarded(async () => {
            const saved = await saveOnce(key, content, false);
            return saved.kind === 'created' ? { kind: 'saved' } : saved;
        }),
        create: (key, content) => guarded(() => saveOnce(key, content, true))
    };
}
const NOTHING_HELD = { problems: [], lines: [] };
/** What the library printed about a failure, and the error it threw, for one warning. */
function detail(held, error) {
    // Some failures (a key taken by another job) are only printed as plain lines.
    const failures = held.lines.filter(line => /^Failed to (save|restore)\b/.test(line));
    const parts = [...held.problems, ...failures];
    if (error !== undefined)
        parts.push(error instanceof Error ? error.message : String(error));
    return (0,errors/* clip */.$Q)(parts.map(part => part.split('\n')[0]).join('; '), 400);
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/lifecycle/sealing.ts
var sealing = __webpack_require__(3791);
;// CONCATENATED MODULE: ./src/lifecycle/cache-keys.ts


/**
 * Entries of one client, token endpoint and scope share this prefix. It is a hash, so the key
 * shows nothing but that the entries belong together.
 */
function cacheKeyPrefix(ctx) {
    return `clayton-oauth-v1-${settingsDigest(ctx)}-`;
}
function settingsDigest(ctx) {
    return (0,external_node_crypto_.createHash)('sha256').update((0,sealing/* encodeSealContext */.hI)(ctx)).digest('hex').slice(0, 16);
}
function stateKeys(ctx) {
    const prefix = cacheKeyPrefix(ctx);
    // Not under the prefix of states: no restore of a state ever matches a claim.
    const claimPrefix = `clayton-oauth-claim-v1-${settingsDigest(ctx)}-`;
    return {
        prefix,
        next: (link, replaced, nowMs) => `${prefix}${link}${replaced ? 1 : 0}${nowMs}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`,
        successorsOf: link => `${prefix}${link}1`,
        obtainedWith: link => `${prefix}${link}`,
        claim(link, replacedKey, run) {
            const what = JSON.stringify([link, replacedKey, run.id, run.attempt]);
            return `${claimPrefix}${(0,external_node_crypto_.createHash)('sha256').update(what).digest('hex').slice(0, 32)}`;
        },
        linkIn: key => key.slice(prefix.length, prefix.length + sealing/* LINK_DIGITS */.gP),
        replacedIn: key => key[prefix.length + sealing/* LINK_DIGITS */.gP] === '1'
    };
}

// EXTERNAL MODULE: ./src/lifecycle/single-flight.ts
var single_flight = __webpack_require__(1513);
// EXTERNAL MODULE: ./src/lifecycle/token-state.ts
var token_state = __webpack_require__(7729);
;// CONCATENATED MODULE: ./src/lifecycle/token-cache.ts







/** How many replaced states a restore follows before it gives up on the entry it found. */
const MAX_CHAIN_STEPS = 20;
/**
 * The token state in the Actions cache: which entry to restore, sealed under which key, and what
 * the entries say about spent refresh tokens. The cache itself is actions-cache.ts.
 */
function createTokenCache(opts) {
    const { log } = opts;
    const keys = stateKeys(opts.context);
    const store = createActionsCache(opts);
    /** Link tags of tokens some entry replaced by another token, seen while restoring. */
    const spentLinks = new Set();
    /** ACTIONS_CACHE_MODE forbids restoring: a waiting job could never see the winner's state. */
    let unreadable = false;
    /** The entry the last restore returned: the state a refresh now would replace. */
    let restored;
    const link = (token) => (0,sealing/* linkTag */.jg)(opts.secret, opts.context, token);
    /**
     * The newest entry by upload, then the states that replaced its refresh token, one lookup
     * each: a genuine old entry re-uploaded into a scope this run reads first (another branch's)
     * is newest by upload there, and sending its spent token would get a rotating grant revoked.
     */
    async function restore(input) {
        restored = await restoreEntry(input);
        return restored?.state;
    }
    async function restoreEntry(input) {
        const first = await lookup(keys.prefix);
        if (first.kind === 'miss')
            log.debug(`Token cache: no entry matches ${keys.prefix}*.`);
        if (first.kind === 'failed' || first.kind === 'miss')
            return undefined;
        let current = first.kind === 'state' ? first : undefined;
        if (current)
            noteReplaced(current);
        // A state that kept the token it was obtained with was not rotated: nothing replaced it.
        // An entry that does not open may hide a newer one: look from the input's token.
        let token = current === undefined
            ? input
            : keys.replacedIn(current.key)
                ? current.state.refreshToken
                : undefined;
        for (let step = 0; token !== undefined; step++) {
            if (step === MAX_CHAIN_STEPS) {
                log.debug(`Token cache: more than ${MAX_CHAIN_STEPS} newer states follow the newest entry; not using any.`);
                return undefined;
            }
            const next = await lookup(keys.successorsOf(link(token)), current !== undefined);
            // Failed: whether it was replaced is unknown, and the newest upload is the likeliest.
            if (next.kind === 'miss' || next.kind === 'failed')
                break;
            if (next.kind === 'unreadable') {
                // Only a run holding the secret can name the successor of a token: the name is genuine,
                // whatever was put under it.
                spentLinks.add(link(token));
                log.debug(`Token cache: entry ${next.key} replaced the refresh token this run would send, but does not open; not sending that token from the cache.`);
                return undefined;
            }
            if (next.key === current?.key)
                break;
            log.debug(`Token cache: entry ${next.key} replaced ${current ? `the refresh token of entry ${current.key}` : "the refresh_token input's token"}; using it.`);
            current = next;
            noteReplaced(next);
            const advanced = next.state.refreshToken !== undefined && next.state.refreshToken !== token;
            token = advanced ? next.state.refreshToken : undefined;
        }
        return current;
    }
    function noteReplaced(found) {
        if (keys.replacedIn(found.key))
            spentLinks.add(keys.linkIn(found.key));
    }
    /** The newest entry under `keyPrefix`, opened. */
    async function lookup(keyPrefix, holdingState = false, withinMs) {
        const found = await store.restore(keyPrefix, withinMs);
        if (found.kind === 'off' && found.mode !== undefined)
            unreadable = true;
        if (found.kind === 'off' || found.kind === 'failed') {
            if (found.kind === 'failed')
                warnRestoreFailed(found.failure, holdingState);
            return { kind: 'failed' };
        }
        if (found.kind === 'miss')
            return found;
        const state = open(found);
        return state ? { kind: 'state', key: found.key, state } : { kind: 'unreadable', key: found.key };
    }
    function warnRestoreFailed(failure, holdingState) {
        const goingOn = holdingState
            ? 'Continuing with the state restored before'
            : 'Continuing without the cached token state';
        log.warning('timedOutAfterMs' in failure
            ? `Token cache: gave up restoring after ${seconds(failure.timedOutAfterMs)} s: the Actions cache service did not answer in time. ${goingOn}; this run will not save one either.`
            : `Token cache: could not restore the token state${inParentheses(failure.detail)}. ${goingOn}; this run will not ask the cache service again, so it saves no new state either.`);
    }
    function open(found) {
        const { key } = found;
        if (found.kind === 'unreadable') {
            log.debug(found.refused === undefined
                ? `Token cache: entry ${key} holds no token state; ignoring it.`
                : `Token cache: entry ${key} ignored: ${found.refused}. Nothing from it was written; continuing as on a cache miss.`);
            return undefined;
        }
        const plaintext = (0,sealing/* openState */.Gf)(found.content, opts.secret, opts.context, key);
        if (!plaintext) {
            log.debug(`Token cache: entry ${key} does not decrypt under this client_secret, client_id, token endpoint, scope and cache key (written with other settings or by an earlier version of this action, moved to another key, or altered); ignoring it.`);
            return undefined;
        }
        const state = (0,token_state/* parseState */.Bu)(plaintext);
        if (!state) {
            log.debug(`Token cache: entry ${key} decrypts but is not a readable token state; ignoring it.`);
            return undefined;
        }
        // An age, not a date: formatting a Date cost a warm run about a millisecond, for a debug line.
        const age = Math.max(0, Math.round((Date.now() - state.savedAtMs) / 1000));
        log.debug(`Token cache: restored the state saved ${age} s ago (entry ${key}).`);
        return state;
    }
    async function save(state, obtainedWith) {
        // The key is chosen first: the sealing binds the state to it.
        const spent = obtainedWith ?? state.refreshToken ?? '';
        const replaced = state.refreshToken !== undefined && state.refreshToken !== spent;
        const key = keys.next(link(spent), replaced, Date.now());
        const blob = (0,sealing/* sealState */.Bw)((0,token_state/* serializeState */.sU)(state), opts.secret, opts.context, key);
        const saved = await store.save(key, blob);
        if (saved.kind === 'saved') {
            log.debug(`Token cache: saved the token state as entry ${key}.`);
            return true;
        }
        const consequence = 'The token is still output; other jobs and later runs cannot reuse this state and make their own token request.';
        if (saved.kind === 'off') {
            if (saved.mode !== undefined) {
                log.warning(`Token cache: this run may not write to the Actions cache (ACTIONS_CACHE_MODE is ${saved.mode}; GitHub restricts it for untrusted triggers such as pull requests from forks), so the new token state was not saved. The token is still output.`);
            }
        }
        else if ('timedOutAfterMs' in saved.failure) {
            log.warning(`Token cache: gave up saving after ${seconds(saved.failure.timedOutAfterMs)} s: the Actions cache service did not answer in time. ${consequence}`);
        }
        else {
            log.warning(`Token cache: the Actions cache did not store the token state${inParentheses(saved.failure.detail)}. ${consequence}`);
        }
        return false;
    }
    async function claim(token) {
        if (!opts.run) {
            log.debug('Token cache: no GITHUB_RUN_ID here, so this refresh is not claimed.');
            return { kind: 'unclaimed' };
        }
        if (unreadable)
            return { kind: 'unclaimed' };
        const replaced = restored;
        const key = keys.claim(link(token), replaced?.key ?? '', opts.run);
        // Nothing secret in a claim: its key is a hash, and it holds nothing.
        const created = await store.create(key, Buffer.alloc(0));
        if (created.kind === 'created') {
            log.debug(`Token cache: claimed this refresh for this job as entry ${key}.`);
            return { kind: 'won' };
        }
        if (created.kind === 'off')
            return { kind: 'unclaimed' };
        if (created.kind === 'failed') {
            log.warning(`Token cache: could not claim this refresh for this job${inParentheses(describe(created.failure))}, so other jobs of this run starting now may refresh with the same refresh token; a provider that rotates refresh tokens then revokes the grant. Continuing with the refresh; this run will not ask the cache service again, so it saves no new state either.`);
            return { kind: 'unclaimed' };
        }
        const waitMs = opts.claimWaitMs ?? 0;
        log.info(`Another job of this run is refreshing the same refresh token (it claimed entry ${key}): waiting up to ${seconds(waitMs)} s for the token state it saves, instead of sending that token too.`);
        return awaitSuccessor(token, replaced, waitMs);
    }
    /** Polls for a state obtained with `token` that is newer than the one it would replace. */
    async function awaitSuccessor(token, replaced, waitMs) {
        const started = Date.now();
        const left = () => started + waitMs - Date.now();
        for (let poll = 0; left() > 0; poll++) {
            await new Promise(resolve => setTimeout(resolve, Math.min((0,single_flight/* claimPollDelayMs */.TF)(poll), left())));
            if (left() <= 0)
                break;
            const found = await lookup(keys.obtainedWith(link(token)), replaced !== undefined, left());
            if (found.kind === 'failed')
                break;
            if (found.kind !== 'state' || found.key === replaced?.key)
                continue;
            if (replaced && found.state.savedAtMs <= replaced.state.savedAtMs)
                continue;
            noteReplaced(found);
            restored = { key: found.key, state: found.state };
            log.info(`Using the token state the job that claimed the refresh saved (entry ${found.key}).`);
            return { kind: 'successor', state: found.state };
        }
        return { kind: 'gave-up', waitedMs: Date.now() - started };
    }
    return {
        knownSpent: token => spentLinks.has(link(token)),
        restore,
        save,
        claim,
        rotationSeen: () => spentLinks.size > 0
    };
}
function describe(failure) {
    return 'timedOutAfterMs' in failure
        ? `the Actions cache service did not answer within ${seconds(failure.timedOutAfterMs)} s`
        : failure.detail;
}
function inParentheses(text) {
    return text ? ` (${text})` : '';
}
function seconds(ms) {
    return String(Math.round(ms / 100) / 10);
}


/***/ }),

/***/ 3953:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m0: () => (/* binding */ exec),
/* harmony export */   mJ: () => (/* binding */ runInProcess)
/* harmony export */ });
/* unused harmony export getExecOutput */
// Stands in for @actions/exec in @actions/cache's dependency tree (package.json `overrides`).
// The library hands a restored archive over only by running tar on it. The token cache puts a
// tar stand-in first on PATH that keeps the archive and extracts nothing (src/lifecycle/
// tar-capture.ts); spawning that script cost a warm run about a fifth of its time. Here a program
// registered by its path runs as a function in this process instead. A command of any other
// shape, or for a program nobody registered, goes to the real @actions/exec (resolved from this
// folder: the repository's own), so the script still runs whenever the function declines.
// Imported on the first command that is not registered: a restore runs only registered ones.
let loaded
const real = () => (loaded ??= __webpack_require__.e(/* import() */ 955).then(__webpack_require__.bind(__webpack_require__, 1955)))

/** @type {Map<string, (args: string[]) => number | undefined>} */
const programs = new Map()

/**
 * Until the returned function is called, `exec` of `path` calls `run(args)` instead of spawning.
 * `run` returns the exit code, or undefined to let the real program run after all.
 */
function runInProcess(path, run) {
  programs.set(path, run)
  return () => {
    if (programs.get(path) === run) programs.delete(path)
  }
}

/**
 * The program and its arguments, as @actions/cache writes a command: `"<path>" arg arg ...`,
 * arguments joined by single spaces. Quotes or backslashes after the path would need the real
 * parser's rules: undefined, and the real exec runs it.
 */
function split(commandLine, args) {
  if (args !== undefined) return { path: commandLine, args: [...args] }
  const match = /^"([^"]+)"((?: [^ "'\\]+)*)$/.exec(commandLine)
  if (!match) return undefined
  return { path: match[1], args: match[2].split(' ').slice(1) }
}

async function exec(commandLine, args, options) {
  const command = typeof commandLine === 'string' ? split(commandLine, args) : undefined
  const run = command && programs.get(command.path)
  const code = run ? run(command.args) : undefined
  if (code === undefined) return (await real()).exec(commandLine, args, options)
  // What the real one prints before it starts a program, so the library's log reads the same.
  if (!options?.silent) {
    const out = options?.outStream ?? process.stdout
    out.write(`[command]${command.path} ${command.args.join(' ')}\n`)
  }
  if (code !== 0 && !options?.ignoreReturnCode) {
    throw new Error(`The process '${command.path}' failed with exit code ${code}`)
  }
  return code
}

async function getExecOutput(...args) {
  return (await real()).getExecOutput(...args)
}


/***/ })

};
