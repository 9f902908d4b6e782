import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Most e2e tests wait on child processes: two test files at a time keep both cores busy.
    maxWorkers: 2,
  },
});
