/**
 * A 2-second outage of the management API in the middle of an apply: apply's step retry
 * policy (a budget of seconds, with backoff) rides it out; the default policy (3 tries,
 * 100-200 ms apart) fails, which proves the outage is real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executePlan } from '../../src/apply/execute-plan.js';
import { STEP_RETRY_POLICY } from '../../src/apply/step-retry-policy.js';
import { createConnection } from '../../src/broker/create-connection.js';
import { ManagementClient, type ManagementClientOptions } from '../../src/broker/management-client.js';
import type { ApplyReport } from '../../src/plan/apply-report.js';
import { planAgainstBroker } from '../../src/plan/plan-against-broker.js';
import { binding, exchange, queue, topology, vhost } from '../support/builders.js';
import { enc, mgmtAt, node, PASSWORD, USER } from './cluster.js';
import { FlakyProxy } from './flaky-proxy.js';

const QUEUES = 300;
const proxy = new FlakyProxy(node(2).mgmt);
let proxyUrl = '';

beforeAll(async () => {
  proxyUrl = await proxy.start();
});

afterAll(async () => {
  await proxy.stop();
});

/** Plans QUEUES queues with bindings in a new vhost through the proxy, and applies them with `policy`, cutting the proxy for 2 s after 50 steps. */
async function applyThroughOutage(label: string, policy: ManagementClientOptions): Promise<{ vhost: string; report: ApplyReport }> {
  const name = `outage-${label}-${Date.now().toString(36)}`;
  const desired = topology(
    vhost({
      name,
      exchanges: [exchange({ name: 'x' })],
      queues: Array.from({ length: QUEUES }, (_, i) => queue({ name: `q${i}` })),
      bindings: Array.from({ length: QUEUES }, (_, i) => binding({ source: 'x', destination: `q${i}`, routingKey: `k${i}` })),
    }),
  );
  const connection = createConnection({ urls: [proxyUrl], user: USER, password: PASSWORD });
  const reader = new ManagementClient(connection);
  const writer = new ManagementClient(connection, { maxSockets: 8, ...policy });
  try {
    const plan = await planAgainstBroker(reader, desired, { prune: false, allowReplace: false, allowDataLoss: false });
    let outage: Promise<void> | undefined;
    const report = await executePlan(writer, plan, {
      concurrency: 8,
      onProgress: (event) => {
        if (event.type === 'finished' && event.finished === 50) outage = proxy.outage(2_000);
      },
    });
    await outage;
    return { vhost: name, report };
  } finally {
    reader.close();
    writer.close();
  }
}

describe('a 2-second outage of the management API during apply', () => {
  it('fails an apply with the default retries (the outage is real)', async () => {
    const { report } = await applyThroughOutage('default', {});
    expect(report.ok).toBe(false);
    expect(report.steps.find((s) => s.status === 'failed')?.error).toMatch(/cannot reach the management API|closed the connection/);
  });

  it("is ridden out by apply's step retry policy: every step done, every queue there", async () => {
    const { vhost, report } = await applyThroughOutage('budget', STEP_RETRY_POLICY);
    expect(report.summary).toEqual({ done: report.steps.length, failed: 0, skipped: 0 });
    const queues = await mgmtAt<unknown[]>(1, 'GET', `/queues/${enc(vhost)}?disable_stats=true&columns=name`);
    expect(queues).toHaveLength(QUEUES);
    const bindings = await mgmtAt<{ source: string }[]>(1, 'GET', `/bindings/${enc(vhost)}`);
    expect(bindings.filter((b) => b.source === 'x')).toHaveLength(QUEUES);
  });
});
