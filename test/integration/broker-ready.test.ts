import { afterAll, describe, expect, it } from 'vitest';
import { definitionsOf, mgmt, scratchVhost } from '../support/broker.js';

describe('the local broker made ready by scripts/broker-ready.sh', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const dispose of cleanups) await dispose();
  });

  it('answers the management API overview', async () => {
    const overview = await mgmt<{ management_version: string; rabbitmq_version: string }>('GET', '/overview');
    expect(overview.management_version).toMatch(/^\d+\.\d+/);
    expect(overview.rabbitmq_version).toMatch(/^\d+\.\d+/);
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
