import { defineConfig } from 'vitest/config';

// Tests on a local 3-node cluster that stop, kill and start its nodes: they run in their own
// step after the single-node tiers (`vitest run --config vitest.cluster.config.ts`), one file at
// a time. The global setup starts the cluster (scripts/cluster-ready.sh) and stops it at the end.
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    globalSetup: ['test/cluster/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
