import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that need one engine. `postgres.test.ts` files need the PostgreSQL
 * test cluster; `sqlite.test.ts` files are about SQLite only.
 */
const POSTGRES_ONLY = ['**/postgres.test.ts', 'test/engine-parity.test.ts'];
const SQLITE_ONLY = ['**/sqlite.test.ts'];

export default defineConfig({
  test: {
    // The default reporter for people; the summary reporter prints the closing
    // "N passed, N failed" line that CI reads.
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...POSTGRES_ONLY],
          env: { IMR_TEST_ENGINE: 'sqlite' },
          // Builds dist/ for the tests that run bin/imr.mjs as users do.
          globalSetup: ['./test/build-setup.ts'],
        },
      },
      {
        // The store's whole suite again, on a real PostgreSQL server that
        // the global setup starts for the run (test/postgres-setup.ts).
        extends: true,
        test: {
          name: 'postgres',
          include: ['src/store/**/*.test.ts', ...POSTGRES_ONLY],
          exclude: [...configDefaults.exclude, ...SQLITE_ONLY],
          env: { IMR_TEST_ENGINE: 'postgres' },
          globalSetup: ['./test/postgres-setup.ts', './test/build-setup.ts'],
        },
      },
    ],
  },
});
