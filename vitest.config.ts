import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Three projects: `server` (unit and database tests, next to the code), `web` (the web's pure helpers, in Node) and
// `e2e` (Chromium against the built app).
// The database engine is chosen by MIDE_TEST_ENGINE (pglite | postgres); scripts/test-all.sh runs both.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts'],
          globalSetup: ['server/src/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        resolve: { alias: { '@mide/format': fileURLToPath(new URL('server/src/core/i18n/format.ts', import.meta.url)) } },
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
