import { createDefaultEsmPreset } from 'ts-jest'

const preset = createDefaultEsmPreset({ tsconfig: 'tsconfig.test.json' })

/** @type {import('jest').Config} */
export default {
  ...preset,
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // End-to-end tests spawn the bundled action and wait on real backoff timers.
  testTimeout: 60000,
  maxWorkers: 2,
  // A worker holding a test run's heap takes more than jest's default 500 ms to take in the end
  // message and tear down on a busy machine (seen: 500-560 ms, with no handle left open), which
  // jest reports as a leak. A handle really left open still hangs a worker past this.
  workerGracefulExitTimeout: 5000,
  // `npm test` passes --coverage: src/ as the unit and in-process tests reach it (the end-to-end
  // tests run dist/ in child processes, which no coverage sees).
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.ts'],
  coverageReporters: ['text-summary'],
  // At the level of 7 December 2026 (94.3% lines, 89.95% branches, 95.1% functions), so that it
  // cannot drop unnoticed.
  coverageThreshold: { global: { lines: 94, statements: 94, branches: 89, functions: 94 } }
}
