/**
 * Planning against the real broker through the library, as an application would: everything
 * comes from the package's entry point, nothing from the CLI.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  createConnection,
  loadTopology,
  ManagementClient,
  parsePlan,
  planAgainstBroker,
  recheckSavedPlan,
  serializePlan,
} from '../../../src/index.js';
import { AMQP_URL, enc, MGMT_URL, mgmt, PASSWORD, scratchVhost, USER } from '../../support/broker.js';
import { q, tempDir } from '../apply/support.js';

const client = new ManagementClient(createConnection({ urls: [MGMT_URL], user: USER, password: PASSWORD, amqpUrl: AMQP_URL }));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  client.close();
  for (const dispose of cleanups.reverse()) await dispose();
});

async function specOf(vhost: string): Promise<Awaited<ReturnType<typeof loadTopology>>> {
  const dir = await tempDir();
  cleanups.push(dir.dispose);
  const file = await dir.file('spec.yaml', `version: 1\nvhosts:\n  ${q(vhost)}:\n    queues:\n      wanted: {}\n`);
  return loadTopology([file]);
}

describe('planAgainstBroker', () => {
  it('plans the spec against what the broker has, with message counts, and changes nothing', async () => {
    const vhost = await scratchVhost('library-plan');
    cleanups.push(vhost.dispose);
    await mgmt('PUT', `/queues/${enc(vhost.name)}/stray`, { durable: true });
    await mgmt('POST', `/exchanges/${enc(vhost.name)}/amq.default/publish`, {
      routing_key: 'stray',
      payload: 'x',
      payload_encoding: 'string',
      properties: {},
    });

    const desired = await specOf(vhost.name);
    const plan = await planAgainstBroker(client, desired, { prune: true, allowReplace: false, allowDataLoss: false });
    expect(plan.vhosts).toEqual([vhost.name]);
    expect(plan.changes.map((c) => `${c.action} ${c.kind} ${'name' in c ? c.name : ''}`).sort()).toEqual([
      'create queue wanted',
      'delete queue stray',
    ]);
    // The stray queue holds a message: the plan counts it, and deleting it needs --allow-data-loss.
    expect(plan.changes.find((c) => c.action === 'delete')).toMatchObject({ name: 'stray', messages: 1 });
    expect(plan.refusals.map((r) => r.flag)).toEqual(['--allow-data-loss']);
    const queues = await mgmt<{ name: string }[]>('GET', `/queues/${enc(vhost.name)}?columns=name`);
    expect(queues.map((x) => x.name)).toEqual(['stray']);
  });
});

describe('what a plan reads', () => {
  it('reads GET /api/overview once, for the broker version and the cluster alike', async () => {
    const vhost = await scratchVhost('library-overview');
    cleanups.push(vhost.dispose);
    const calls: string[] = [];
    const counting = new ManagementClient(createConnection({ urls: [MGMT_URL], user: USER, password: PASSWORD, amqpUrl: AMQP_URL }), {
      debug: (line) => calls.push(line),
    });
    try {
      const plan = await planAgainstBroker(counting, await specOf(vhost.name), { prune: false, allowReplace: false, allowDataLoss: false });
      expect(plan.broker?.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(plan.cluster?.version).toBe(plan.broker?.version);
    } finally {
      counting.close();
    }
    expect(calls.filter((line) => line.startsWith('GET ') && line.includes('/api/overview'))).toHaveLength(1);
  });
});

describe('recheckSavedPlan', () => {
  it('re-plans a saved plan with its own prune and the given guards while the broker is unchanged', async () => {
    const vhost = await scratchVhost('library-recheck');
    cleanups.push(vhost.dispose);
    await mgmt('PUT', `/queues/${enc(vhost.name)}/stray`, { durable: true });
    const desired = await specOf(vhost.name);
    const made = await planAgainstBroker(client, desired, { prune: true, allowReplace: false, allowDataLoss: false });
    const saved = parsePlan(serializePlan(made), 'plan.json');

    const check = await recheckSavedPlan(client, saved, { allowReplace: true, allowDataLoss: true });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.plan.options).toEqual({ prune: true, allowReplace: true, allowDataLoss: true });
    expect(check.plan.changes).toEqual(made.changes);
    expect(check.plan.refusals).toEqual([]);
  });

  it('says a saved plan is stale once the broker changed', async () => {
    const vhost = await scratchVhost('library-stale');
    cleanups.push(vhost.dispose);
    const desired = await specOf(vhost.name);
    const saved = await planAgainstBroker(client, desired, { prune: false, allowReplace: false, allowDataLoss: false });
    await mgmt('PUT', `/queues/${enc(vhost.name)}/newcomer`, { durable: true });
    expect(await recheckSavedPlan(client, saved, { allowReplace: false, allowDataLoss: false })).toEqual({
      ok: false,
      reason: 'stale',
    });
  });
});
