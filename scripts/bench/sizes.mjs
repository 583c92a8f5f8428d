// Sizes: every file in dist/, their total, and the floor bundle for reference.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DIST, kB } from './measure.mjs'

/** The Sizes table; no budgets. */
export async function sizes(ctx) {
  const { floorBundle } = ctx
  const rows = readdirSync(DIST)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map(name => [
      `dist/${name}`,
      String(statSync(join(DIST, name)).size),
      kB(statSync(join(DIST, name)).size)
    ])
  const total = rows.reduce((sum, r) => sum + Number(r[1]), 0)
  rows.push(['dist/ total', String(total), kB(total)])
  const floorSize = statSync(floorBundle).size
  rows.push([
    'floor bundle index.js (core + http-client, for reference)',
    String(floorSize),
    kB(floorSize)
  ])
  return {
    tables: [{ title: 'Sizes', headers: ['file', 'bytes', 'size'], rows }],
    budgets: [],
    errors: []
  }
}
