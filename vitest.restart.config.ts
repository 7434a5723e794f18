import { defineConfig } from 'vitest/config';

// Tests that stop and start a broker. They never touch the host's broker: the globalSetup
// starts a throwaway node of their own (scripts/throwaway-node.sh, free ports, a temp dir),
// points TOPO_URL / TOPO_AMQP_URL at it, and stops it afterwards. They still run one file at
// a time, since they share that node.
export default defineConfig({
  test: {
    include: ['test/restart/**/*.test.ts'],
    globalSetup: ['test/restart/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
