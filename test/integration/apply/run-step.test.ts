import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStep } from '../../../src/apply/run-step.js';
import { resolveConnection } from '../../../src/cli/resolve-connection.js';
import { ManagementClient } from '../../../src/broker/management-client.js';
import type { StepOperation } from '../../../src/plan/step.js';
import type { Binding, Exchange, Queue } from '../../../src/model/topology.js';
import { AMQP_URL, deleteVhost, enc, MGMT_URL, mgmt, PASSWORD, scratchVhost, uniqueVhostName, USER } from '../../support/broker.js';
import { EVERY_KIND_DEFINITIONS, EVERY_KIND_OPERATOR_POLICY, everyKindVhost } from '../../support/every-kind-vhost.js';
import { importDefinitions, messageCount, publish, stateOf } from './support.js';

const client = new ManagementClient(
  resolveConnection({ url: [MGMT_URL], user: USER, password: PASSWORD, amqpUrl: AMQP_URL }, {}),
);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups) await dispose();
  client.close();
});

async function vhost(label: string): Promise<string> {
  const v = await scratchVhost(label);
  cleanups.push(v.dispose);
  return v.name;
}

const exchange = (vhost: string, name: string, extra: Partial<Exchange> = {}): Exchange => ({
  vhost, name, type: 'direct', durable: true, autoDelete: false, internal: false, arguments: {}, ...extra,
});
const queue = (vhost: string, name: string, extra: Partial<Queue> = {}): Queue => ({
  vhost, name, type: 'classic', durable: true, autoDelete: false, exclusive: false, serverNamed: false, arguments: {}, ...extra,
});
const binding = (vhost: string, source: string, destination: string, extra: Partial<Binding> = {}): Binding => ({
  vhost, source, destination, destinationType: 'queue', routingKey: '', arguments: {}, ...extra,
});

/** The steps that declare every object of the shared every-kind vhost in `v`. */
function declareSteps(v: string): StepOperation[] {
  const vhost = everyKindVhost(v);
  return [
    ...vhost.exchanges.map((exchange): StepOperation => ({ op: 'declare-exchange', exchange })),
    ...vhost.queues.map((queue): StepOperation => ({ op: 'declare-queue', queue })),
    ...vhost.bindings.map((binding): StepOperation => ({ op: 'bind', binding })),
    ...vhost.policies.map((policy): StepOperation => ({ op: 'put-policy', policy, operator: false })),
    ...vhost.operatorPolicies.map((policy): StepOperation => ({ op: 'put-policy', policy, operator: true })),
  ];
}

describe('runStep on the real broker', () => {
  let applied: string;
  let imported: string;
  beforeAll(async () => {
    applied = await vhost('run-step');
    imported = await vhost('run-step-import');
    await importDefinitions(imported, EVERY_KIND_DEFINITIONS);
    await mgmt('PUT', `/operator-policies/${enc(imported)}/${enc(EVERY_KIND_OPERATOR_POLICY.name)}`, EVERY_KIND_OPERATOR_POLICY.body);
  });

  it('declares every kind of object exactly as a definitions import of the same objects', async () => {
    for (const step of declareSteps(applied)) await runStep(client, step);
    expect(await stateOf(applied)).toEqual(await stateOf(imported));
  });

  it('repeats every declare step without error and without change', async () => {
    const before = await stateOf(applied);
    await Promise.all(declareSteps(applied).map((step) => runStep(client, step)));
    expect(await stateOf(applied)).toEqual(before);
  });

  it('treats a delete of something already gone as done', async () => {
    const v = await vhost('run-step-gone');
    const before = await stateOf(v);
    const steps: StepOperation[] = [
      { op: 'delete-exchange', vhost: v, name: 'nothing' },
      { op: 'delete-queue', vhost: v, name: 'nothing', ifEmpty: true },
      { op: 'delete-queue', vhost: v, name: 'nothing', ifEmpty: false },
      { op: 'delete-policy', vhost: v, name: 'nothing', operator: false },
      { op: 'delete-policy', vhost: v, name: 'nothing', operator: true },
      { op: 'unbind', binding: binding(v, 'no-source', 'no-queue') },
    ];
    for (const step of steps) await expect(runStep(client, step)).resolves.toBeUndefined();
    expect(await stateOf(v)).toEqual(before);
  });

  it('unbinds only the binding with the same routing key and arguments, whatever their key order', async () => {
    const v = await vhost('run-step-unbind');
    await runStep(client, { op: 'declare-exchange', exchange: exchange(v, 'h', { type: 'headers' }) });
    await runStep(client, { op: 'declare-queue', queue: queue(v, 'q') });
    const keep1 = binding(v, 'h', 'q', { arguments: { 'x-match': 'any', a: '1' } });
    const keep2 = binding(v, 'h', 'q', { routingKey: 'other', arguments: { 'x-match': 'all', a: '1' } });
    const drop = binding(v, 'h', 'q', { arguments: { 'x-match': 'all', a: '1' } });
    for (const b of [keep1, keep2, drop]) await runStep(client, { op: 'bind', binding: b });
    // The same identity with the argument keys in another order.
    await runStep(client, { op: 'unbind', binding: { ...drop, arguments: { a: '1', 'x-match': 'all' } } });
    const left = await mgmt<{ routing_key: string; arguments: object }[]>('GET', `/bindings/${enc(v)}/e/h/q/q`);
    expect(left.map((b) => [b.routing_key, b.arguments])).toEqual(
      expect.arrayContaining([
        ['', { 'x-match': 'any', a: '1' }],
        ['other', { 'x-match': 'all', a: '1' }],
      ]),
    );
    expect(left).toHaveLength(2);
  });

  it('keeps a queue that holds messages when deleting if empty, and says so', async () => {
    const v = await vhost('run-step-if-empty');
    await runStep(client, { op: 'declare-queue', queue: queue(v, 'busy') });
    await publish(v, 'busy', 2);
    await expect(runStep(client, { op: 'delete-queue', vhost: v, name: 'busy', ifEmpty: true })).rejects.toThrow(
      /^kept: (2 messages|messages) arrived after the plan$/,
    );
    expect(await messageCount(v, 'busy')).toBe(2);
    await runStep(client, { op: 'delete-queue', vhost: v, name: 'busy', ifEmpty: false });
    await expect(mgmt('GET', `/queues/${enc(v)}/busy`)).rejects.toThrow(/404/);
  });

  it('fails in one line when the broker refuses a declare (an immutable property differs)', async () => {
    const v = await vhost('run-step-refused');
    await runStep(client, { op: 'declare-queue', queue: queue(v, 'q') });
    const attempt = runStep(client, { op: 'declare-queue', queue: queue(v, 'q', { durable: false }) });
    await expect(attempt).rejects.toThrow(/inequivalent arg 'durable'/);
    await expect(attempt).rejects.not.toThrow(/\n/);
  });

  it('puts vhost metadata, creating the vhost when missing', async () => {
    const name = uniqueVhostName('run-step-vhost');
    cleanups.push(() => deleteVhost(name));
    await runStep(client, { op: 'put-vhost', vhost: { name, description: 'made by topo', tags: ['a', 'b'] } });
    await runStep(client, { op: 'put-vhost', vhost: { name, description: 'changed', tags: ['c'] } });
    const read = await mgmt<{ description: string; tags: string[] }>('GET', `/vhosts/${enc(name)}`);
    expect({ description: read.description, tags: read.tags }).toEqual({ description: 'changed', tags: ['c'] });
  });
});
