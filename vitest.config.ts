import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Most e2e tests wait on child processes: two test files at a time keep both cores busy.
    maxWorkers: 2,
    // For the forked test workers (the default pool; worker threads would refuse this flag). s3rver, the S3 server
    // of test/support/s3.ts, encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only has in its
    // legacy provider: without it any listing longer than a page fails. The CLI the tests spawn does not get the flag
    // (worker threads and fork()ed children of a test worker do).
    execArgv: ['--openssl-legacy-provider'],
  },
});
