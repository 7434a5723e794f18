import { defineConfig } from 'vitest/config';

// Integration tests share one broker; each works in its own vhost, so files may run in
// parallel. Tests that restart the broker live in test/restart/ and run on their own
// (see the `test` script), never beside the others.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
