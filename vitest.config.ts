import { defineConfig } from 'vitest/config';
import { testBrokers } from './test/support/test-brokers.js';

// Unit tests run once. Integration tests run once per broker (test/support/test-brokers.ts):
// each file in its own vitest project, with the broker's URLs in TOPO_URL / TOPO_AMQP_URL, the
// variables topo itself reads. Each test works in its own vhost, so files may run in parallel.
// Tests that restart the local broker, or stop nodes of the local cluster, run on their own after
// these (the `test` script runs vitest.restart.config.ts, then vitest.cluster.config.ts).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      ...testBrokers().map((broker) => ({
        extends: true as const,
        test: {
          name: broker.name,
          include: ['test/integration/**/*.test.ts'],
          env: { TOPO_URL: broker.url, TOPO_AMQP_URL: broker.amqpUrl, TOPO_TEST_BROKER: broker.name },
        },
      })),
    ],
  },
});
