import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/support/fast-check-setup.ts'],
    // A developer's .env must never point the tests at a real database.
    env: { SIGMASIGHT_ENV_FILE: 'none' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Database suites create their own database each; two workers fit the 2-core machines CI runs on.
    maxWorkers: 2,
    // CI reads the JSON report to print a plain "N passed, N failed" line per engine.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
