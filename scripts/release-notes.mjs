// `node scripts/release-notes.mjs vX.Y.Z`: prints CHANGELOG.md's section for X.Y.Z (the release
// notes), after checking that package.json says the same version. Fails, saying what to fix,
// when the tag is not vX.Y.Z, the versions differ, or the section is missing or empty; so the
// release workflow stops before publishing anything.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..')

/**
 * @param {string} tag
 * @param {string} changelog
 * @param {string} packageVersion
 * @returns {string}
 */
export function releaseNotes(tag, changelog, packageVersion) {
  const match = /^v(\d+\.\d+\.\d+)$/.exec(tag)
  if (!match) throw new Error(`The tag ${tag} is not vX.Y.Z.`)
  const version = match[1]
  if (packageVersion !== version) {
    throw new Error(`package.json says ${packageVersion}, the tag ${tag}: bump package.json first.`)
  }
  const lines = changelog.split('\n')
  const start = lines.findIndex(line => line.startsWith(`## [${version}]`))
  if (start < 0) {
    throw new Error(`CHANGELOG.md has no "## [${version}]" section: move [Unreleased] there.`)
  }
  const end = lines.findIndex((line, i) => i > start && /^## |^\[[^\]]+\]: /.test(line))
  const notes = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
  if (!notes) throw new Error(`CHANGELOG.md's section for ${version} is empty.`)
  return `${notes}\n`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    process.stdout.write(releaseNotes(process.argv[2] ?? '', changelog, version))
  } catch (error) {
    console.log(`::error::${error.message}`)
    process.exitCode = 1
  }
}
