import type { Channel } from 'amqplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopoError } from '../../../src/errors.js';
import { declareRuntime } from '../../../src/runtime/declare-runtime.js';
import type { Topology } from '../../../src/model/topology.js';
import { enc, mgmt, scratchVhost } from '../../support/broker.js';
import { Connections } from './support/amqp.js';
import { provision } from './support/provision.js';
import { binding, exchange, queue, topology as topologyOf, vhost as vhostOf } from '../../support/builders.js';

interface BrokerQueue {
  name: string;
  exclusive: boolean;
  durable: boolean;
  auto_delete: boolean;
  arguments: Record<string, unknown>;
}
interface BrokerBinding {
  source: string;
  destination: string;
  routing_key: string;
  arguments: Record<string, unknown>;
}

describe('declareRuntime on the real broker', () => {
  const conns = new Connections();
  let vhost: { name: string; dispose: () => Promise<void> };
  let channel: Channel;
  let topology: Topology;

  const queuesOnBroker = () => mgmt<BrokerQueue[]>('GET', `/queues/${enc(vhost.name)}`);
  const bindingsTo = (q: string) =>
    mgmt<BrokerBinding[]>('GET', `/queues/${enc(vhost.name)}/${enc(q)}/bindings`).then((bs) =>
      bs.filter((b) => b.source !== '').sort((a, b) => (a.routing_key < b.routing_key ? -1 : 1)),
    );

  beforeEach(async () => {
    vhost = await scratchVhost('declare-runtime');
    const listener = { exclusive: true, serverNamed: true };
    topology = topologyOf(
      vhostOf({
        name: vhost.name,
        exchanges: [
          exchange({ name: 'logs', type: 'fanout' }),
          exchange({ name: 'direct_logs' }),
          exchange({ name: 'pdf', type: 'headers' }),
        ],
        queues: [
          queue({ name: 'task_queue' }),
          queue({ name: 'log-listener', ...listener }),
          queue({ name: 'errors', ...listener }),
          queue({ name: 'inbox', exclusive: true, durable: false, arguments: { 'x-message-ttl': 60000 } }),
        ],
        bindings: [
          binding({ source: 'logs', destination: 'log-listener' }),
          binding({ source: 'direct_logs', destination: 'errors', routingKey: 'error' }),
          binding({ source: 'direct_logs', destination: 'errors', routingKey: 'critical' }),
          binding({ source: 'pdf', destination: 'inbox', arguments: { format: 'pdf', 'x-match': 'all' } }),
          binding({ source: 'direct_logs', destination: 'task_queue', routingKey: 'task' }),
        ],
      }),
    );
    await provision(topology, vhost.name);
    const conn = await conns.connect(vhost.name);
    channel = await conn.createChannel();
    channel.on('error', () => undefined);
  });

  afterEach(async () => {
    await conns.closeAll();
    await vhost.dispose();
  });

  it('declares a server-named exclusive queue, returns the broker-picked name, and binds it', async () => {
    const { queues } = await declareRuntime(channel, topology, { vhost: vhost.name, queues: ['log-listener'] });

    expect(Object.keys(queues)).toEqual(['log-listener']);
    const actual = queues['log-listener']!;
    expect(actual).toMatch(/^amq\.gen-/);
    const onBroker = (await queuesOnBroker()).find((q) => q.name === actual);
    expect(onBroker).toMatchObject({ exclusive: true });
    expect(await bindingsTo(actual)).toMatchObject([{ source: 'logs', routing_key: '' }]);

    channel.publish('logs', '', Buffer.from('hello'));
    const got = await waitForMessage(channel, actual);
    expect(got).toBe('hello');
  });

  it('gives each server-named queue its own broker name and binds each routing key of the spec', async () => {
    const { queues } = await declareRuntime(channel, topology, {
      vhost: vhost.name,
      queues: ['log-listener', 'errors', 'errors'],
    });

    expect(Object.keys(queues).sort()).toEqual(['errors', 'log-listener']);
    expect(queues.errors).toMatch(/^amq\.gen-/);
    expect(queues.errors).not.toBe(queues['log-listener']);
    expect((await bindingsTo(queues.errors!)).map((b) => [b.source, b.routing_key])).toEqual([
      ['direct_logs', 'critical'],
      ['direct_logs', 'error'],
    ]);
    // Bindings of the shared queue are apply's business; only the runtime ones were added.
    expect((await bindingsTo('task_queue')).map((b) => b.routing_key)).toEqual(['task']);
  });

  it('declares a named exclusive queue under its spec name with its arguments and binding arguments', async () => {
    const { queues } = await declareRuntime(channel, topology, { vhost: vhost.name, queues: ['inbox'] });

    expect(queues).toEqual({ inbox: 'inbox' });
    const onBroker = (await queuesOnBroker()).find((q) => q.name === 'inbox');
    expect(onBroker).toMatchObject({ exclusive: true, durable: false, arguments: { 'x-message-ttl': 60000 } });
    expect(await bindingsTo('inbox')).toMatchObject([{ source: 'pdf', arguments: { format: 'pdf', 'x-match': 'all' } }]);
  });

  it('refuses names the spec does not have, and shared queues, before declaring anything', async () => {
    const attempt = declareRuntime(channel, topology, {
      vhost: vhost.name,
      queues: ['log-listener', 'nope', 'task_queue'],
    });

    await expect(attempt).rejects.toThrow(TopoError);
    await expect(attempt).rejects.toThrow(
      `declareRuntime: queue "nope" is not in vhost "${vhost.name}" of the spec; ` +
        `queue "task_queue" in vhost "${vhost.name}" is not exclusive: shared queues are declared by topo apply, not at runtime ` +
        '(runtime queues there: "errors", "inbox", "log-listener")',
    );
    expect((await queuesOnBroker()).map((q) => q.name)).toEqual(['task_queue']);
  });

  it('refuses a vhost the spec does not describe, naming the ones it does', async () => {
    await expect(declareRuntime(channel, topology, { vhost: 'prod', queues: ['log-listener'] })).rejects.toThrow(
      `vhost "prod" is not in the spec (the spec has: "${vhost.name}")`,
    );
  });

  it('fails with a hint to run topo apply when a binding source exchange is missing', async () => {
    await mgmt('DELETE', `/exchanges/${enc(vhost.name)}/logs`);

    const attempt = declareRuntime(channel, topology, { vhost: vhost.name, queues: ['log-listener'] });

    await expect(attempt).rejects.toMatchObject({ code: 'amqp' });
    await expect(attempt).rejects.toThrow(
      /^declaring binding "logs" → "log-listener" \(routing key ""\) in vhost "[^"]+": .*404.*no exchange 'logs'.* \(run topo apply\)$/,
    );
  });
});

/** The next message's body from a queue, polling with basic.get until it arrives. */
async function waitForMessage(channel: Channel, queueName: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const msg = await channel.get(queueName, { noAck: true });
    if (msg) return msg.content.toString();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no message in ${queueName}`);
}
