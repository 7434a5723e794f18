import { afterAll, describe, expect, it } from 'vitest';
import { definitionsOf, mgmt, scratchVhost } from '../support/broker.js';

describe('the brokers made ready by scripts/broker-ready.sh and scripts/broker4-ready.sh', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const dispose of cleanups) await dispose();
  });

  it('answers the management API overview', async () => {
    const overview = await mgmt<{ management_version: string; rabbitmq_version: string }>('GET', '/overview');
    expect(overview.management_version).toMatch(/^\d+\.\d+/);
    expect(overview.rabbitmq_version).toMatch(/^\d+\.\d+/);
  });

  // The matrix is real: each project talks to the broker it is named after (test-brokers.ts).
  const project = process.env.TOPO_TEST_BROKER;
  it.runIf(project === 'rabbitmq-3' || project === 'rabbitmq-4')('is the RabbitMQ major version the project is named after', async () => {
    const { rabbitmq_version: version } = await mgmt<{ rabbitmq_version: string }>('GET', '/overview');
    expect(`rabbitmq-${version.split('.')[0]}`).toBe(project);
  });

  it('creates and removes a scratch vhost whose name needs URL-encoding', async () => {
    const vhost = await scratchVhost('ready');
    cleanups.push(vhost.dispose);
    const defs = await definitionsOf(vhost.name);
    expect(defs.queues).toEqual([]);
    await vhost.dispose();
    await expect(mgmt('GET', `/vhosts/${encodeURIComponent(vhost.name)}`)).rejects.toThrow(/404/);
  });
});
