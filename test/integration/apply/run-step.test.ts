import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStep } from '../../../src/apply/run-step.js';
import { resolveConnection } from '../../../src/cli/resolve-connection.js';
import { ManagementClient } from '../../../src/broker/management-client.js';
import type { StepOperation } from '../../../src/plan/step.js';
import type { Binding, Exchange, Policy, Queue } from '../../../src/model/topology.js';
import { AMQP_URL, deleteVhost, enc, MGMT_URL, mgmt, PASSWORD, scratchVhost, uniqueVhostName, USER } from '../../support/broker.js';
import { bindingDefinition, exchangeDefinition, queueDefinition } from '../../support/definitions-rows.js';
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
const policy = (vhost: string, name: string, extra: Partial<Policy> = {}): Policy => ({
  vhost, name, pattern: '^x\\.', applyTo: 'queues', priority: 0, definition: { 'message-ttl': 1000 }, ...extra,
});

/** Objects with odd names, every declare step kind, as steps and as a definitions import. */
function declareSteps(v: string): StepOperation[] {
  return [
    { op: 'declare-exchange', exchange: exchange(v, 'ex/1 #%') },
    { op: 'declare-exchange', exchange: exchange(v, 'ae', { type: 'fanout', internal: true }) },
    { op: 'declare-exchange', exchange: exchange(v, 'topic', { type: 'topic', arguments: { 'alternate-exchange': 'ae' } }) },
    { op: 'declare-exchange', exchange: exchange(v, 'hdr', { type: 'headers', autoDelete: true, durable: false }) },
    { op: 'declare-queue', queue: queue(v, 'q ü/1', { arguments: { 'x-message-ttl': 60000, 'x-dead-letter-exchange': 'ae' } }) },
    { op: 'declare-queue', queue: queue(v, 'orders', { type: 'quorum', arguments: { 'x-delivery-limit': 5 } }) },
    { op: 'declare-queue', queue: queue(v, 'temp', { durable: false, autoDelete: true }) },
    { op: 'bind', binding: binding(v, 'ex/1 #%', 'q ü/1', { routingKey: 'a/b #' }) },
    { op: 'bind', binding: binding(v, 'topic', 'orders', { routingKey: 'order.*' }) },
    { op: 'bind', binding: binding(v, 'hdr', 'orders', { arguments: { 'x-match': 'all', format: 'pdf' } }) },
    { op: 'bind', binding: binding(v, 'topic', 'ex/1 #%', { destinationType: 'exchange', routingKey: '#' }) },
    { op: 'put-policy', policy: policy(v, 'ttl p'), operator: false },
    { op: 'put-policy', policy: policy(v, 'cap', { applyTo: 'queues', priority: 3, definition: { 'max-length': 10 } }), operator: true },
  ];
}

/** The same objects as a RabbitMQ definitions document. */
const sameAsDefinitions = {
  exchanges: [
    exchangeDefinition('ex/1 #%', 'direct'),
    exchangeDefinition('ae', 'fanout', { internal: true }),
    exchangeDefinition('topic', 'topic', { arguments: { 'alternate-exchange': 'ae' } }),
    exchangeDefinition('hdr', 'headers', { durable: false, auto_delete: true }),
  ],
  queues: [
    queueDefinition('q ü/1', { 'x-message-ttl': 60000, 'x-dead-letter-exchange': 'ae' }),
    queueDefinition('orders', { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 }),
    queueDefinition('temp', {}, { durable: false, auto_delete: true }),
  ],
  bindings: [
    bindingDefinition('ex/1 #%', 'q ü/1', 'a/b #'),
    bindingDefinition('topic', 'orders', 'order.*'),
    bindingDefinition('hdr', 'orders', '', { arguments: { 'x-match': 'all', format: 'pdf' } }),
    bindingDefinition('topic', 'ex/1 #%', '#', { destination_type: 'exchange' }),
  ],
  policies: [{ name: 'ttl p', pattern: '^x\\.', 'apply-to': 'queues', priority: 0, definition: { 'message-ttl': 1000 } }],
};

describe('runStep on the real broker', () => {
  let applied: string;
  let imported: string;
  beforeAll(async () => {
    applied = await vhost('run-step');
    imported = await vhost('run-step-import');
    await importDefinitions(imported, sameAsDefinitions);
    await mgmt('PUT', `/operator-policies/${enc(imported)}/cap`, {
      pattern: '^x\\.', 'apply-to': 'queues', priority: 3, definition: { 'max-length': 10 },
    });
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
