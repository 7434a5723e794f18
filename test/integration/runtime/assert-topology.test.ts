import type { ChannelModel } from 'amqplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopoError } from '../../../src/errors.js';
import { assertTopology } from '../../../src/runtime/assert-topology.js';
import type { Topology } from '../../../src/model/topology.js';
import { enc, mgmt, scratchVhost } from '../../support/broker.js';
import { Connections } from './support/amqp.js';
import { provision } from './support/provision.js';
import { binding, exchange, queue, topology as topologyOf, vhost as vhostOf } from '../../support/builders.js';

describe('assertTopology on the real broker', () => {
  const conns = new Connections();
  let vhost: { name: string; dispose: () => Promise<void> };
  let conn: ChannelModel;
  let topology: Topology;

  beforeEach(async () => {
    vhost = await scratchVhost('assert-topology');
    topology = topologyOf(
      vhostOf({
        name: vhost.name,
        exchanges: [exchange({ name: 'direct_logs' }), exchange({ name: 'logs', type: 'fanout' })],
        queues: [
          queue({ name: 'hello' }),
          queue({ name: 'log-listener', exclusive: true, serverNamed: true }),
          queue({ name: 'task_queue' }),
        ],
        bindings: [
          binding({ source: 'logs', destination: 'log-listener' }),
          binding({ source: 'direct_logs', destination: 'task_queue', routingKey: 'task' }),
        ],
      }),
    );
    conn = await conns.connect(vhost.name);
  });

  afterEach(async () => {
    await conns.closeAll();
    await vhost.dispose();
  });

  it('passes when every exchange and shared queue exists, without needing the exclusive ones', async () => {
    await provision(topology, vhost.name);

    await expect(assertTopology(conn, topology, { vhost: vhost.name })).resolves.toBeUndefined();
  });

  it('lists everything missing in one error', async () => {
    await provision(topology, vhost.name);
    await mgmt('DELETE', `/exchanges/${enc(vhost.name)}/logs`);
    await mgmt('DELETE', `/queues/${enc(vhost.name)}/hello`);
    await mgmt('DELETE', `/queues/${enc(vhost.name)}/task_queue`);

    const attempt = assertTopology(conn, topology, { vhost: vhost.name });

    await expect(attempt).rejects.toThrow(TopoError);
    await expect(attempt).rejects.toMatchObject({
      code: 'broker-not-found',
      message: `missing on the broker in vhost "${vhost.name}": exchange "logs", queue "hello", queue "task_queue" (run topo apply)`,
    });
  });

  it('reports every object of an empty vhost, more than it checks at once, and leaves the connection usable', async () => {
    const many = topologyOf(
      vhostOf({
        name: vhost.name,
        exchanges: Array.from({ length: 7 }, (_, i) => exchange({ name: `x${i}` })),
        queues: Array.from({ length: 7 }, (_, i) => queue({ name: `q${i}` })),
      }),
    );
    await mgmt('PUT', `/queues/${enc(vhost.name)}/q3`, { durable: true });

    const error = await assertTopology(conn, many, { vhost: vhost.name }).catch((e: unknown) => e);

    const expected = [0, 1, 2, 3, 4, 5, 6].map((i) => `exchange "x${i}"`).concat(
      [0, 1, 2, 4, 5, 6].map((i) => `queue "q${i}"`),
    );
    expect((error as TopoError).message).toBe(
      `missing on the broker in vhost "${vhost.name}": ${expected.join(', ')} (run topo apply)`,
    );
    const channel = await conn.createChannel();
    await expect(channel.checkQueue('q3')).resolves.toMatchObject({ queue: 'q3' });
  });

  it('accepts any source of channels, such as a factory of the application', async () => {
    await provision(topology, vhost.name);
    let opened = 0;
    const factory = { createChannel: () => (opened++, conn.createChannel()) };

    await assertTopology(factory, topology, { vhost: vhost.name });

    expect(opened).toBeGreaterThan(0);
  });

  it('turns a failure other than "not found" into an amqp error', async () => {
    await conn.close();

    await expect(assertTopology(conn, topology, { vhost: vhost.name })).rejects.toMatchObject({
      code: 'amqp',
      message: expect.stringMatching(/^opening a channel to check the topology: /),
    });
  });

  it('refuses a vhost the spec does not describe', async () => {
    await expect(assertTopology(conn, topology, { vhost: 'elsewhere' })).rejects.toThrow(
      `vhost "elsewhere" is not in the spec (the spec has: "${vhost.name}")`,
    );
  });
});
