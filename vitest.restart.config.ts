import { defineConfig } from 'vitest/config';

// Tests that need a broker of their own: those that stop and start it or prune its broker-wide
// objects, users above all (test/restart/), and
// the first run of the README (test/first-run/), which wants a fresh broker and rebuilds
// dist/. They never touch the host's broker: the globalSetup starts a throwaway node
// (scripts/throwaway-node.sh, free ports, a temp dir), points TOPO_URL / TOPO_AMQP_URL at it,
// and stops it afterwards. They run after the other tests, one file at a time.
export default defineConfig({
  test: {
    include: ['test/restart/**/*.test.ts', 'test/first-run/**/*.test.ts'],
    globalSetup: ['test/restart/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
