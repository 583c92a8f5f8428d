'use strict'
// Stands in for semver in @actions/cache's dependency tree (package.json `overrides`).
// @actions/cache imports all of semver at the top of its utilities (every range and function
// module, a quarter of the cache chunk, and a few dozen regular expressions built at load) and
// calls one function: semver.clean, on what `zstd --version` printed. The token cache runs the
// library with a PATH that holds no zstd, so that text is always empty, and clean('') is null;
// any other text goes to the real clean (the `semver-real` alias), required on first use: it is
// synchronous, so required, not imported, and the bundler evaluates it only then. Only what
// @actions/cache 6 calls is provided; __tests__/layout/on-demand-packages.test.ts checks that
// against its sources and the answers against the real semver.
let realClean
// eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous on purpose, see above
const load = () => (realClean ??= require('semver-real/functions/clean'))

exports.clean = (version, options) => (version === '' ? null : load()(version, options))
