import { defineConfig } from 'vitest/config';

// Tests that stop and start the broker: they would break any test running beside them, so
// they run in their own step after the others (`vitest run --config vitest.restart.config.ts`),
// one file at a time.
export default defineConfig({
  test: {
    include: ['test/restart/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
