// Stands in for @actions/glob in @actions/cache's dependency tree (package.json `overrides`).
// @actions/cache imports it at the top of its utilities, but calls it only in resolvePaths, which
// lists the files of a save; a warm run that restores a token never saves, and glob with
// minimatch is a quarter of the cache chunk. create() is async in the real package too, so the
// real one (the `glob-real` alias) is imported on the first call. Only what @actions/cache 6
// calls is forwarded; __tests__/layout/on-demand-packages.test.ts checks that list against its
// sources, and every cache save goes through it.
let loaded
const loadGlob = () => (loaded ??= import('glob-real'))

export async function create(...args) {
  return (await loadGlob()).create(...args)
}
