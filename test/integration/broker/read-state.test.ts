import { randomBytes } from 'node:crypto';
import { connect } from 'amqplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from '../../../src/broker/create-connection.js';
import { ManagementClient } from '../../../src/broker/management-client.js';
import { readBrokerState, readQueueMessageCounts } from '../../../src/broker/read-state.js';
import { namedKey } from '../../../src/model/identity.js';
import type { Topology, Vhost } from '../../../src/model/topology.js';
import { AMQP_URL, enc, MGMT_URL, mgmt, PASSWORD, scratchVhost, USER } from '../../support/broker.js';
import { readVhost } from '../../support/builders.js';
import { EVERY_KIND_DEFINITIONS, EVERY_KIND_OPERATOR_POLICY, everyKindVhost } from '../../support/every-kind-vhost.js';

const clients: ManagementClient[] = [];
function clientFor(user = USER, password = PASSWORD): ManagementClient {
  const client = new ManagementClient(createConnection({ urls: [MGMT_URL], user, password, amqpUrl: AMQP_URL }));
  clients.push(client);
  return client;
}
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

const scratch: { dispose: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const v of scratch) await v.dispose();
});
async function newVhost(label: string): Promise<string> {
  const v = await scratchVhost(label);
  scratch.push(v);
  return v.name;
}

function amqpUrlFor(vhost: string): string {
  const url = new URL(AMQP_URL);
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return url.toString();
}

/**
 * The default queue type the broker reports for vhosts made without one: 4.x says classic,
 * 3.10 "undefined" (none), read with the test's own client.
 */
const reportedDefaultQueueType = async (vhost: string): Promise<Pick<Vhost, 'defaultQueueType'>> => {
  const { default_queue_type: type } = await mgmt<{ default_queue_type?: string }>('GET', `/vhosts/${enc(vhost)}`);
  return type === undefined || type === 'undefined' ? {} : { defaultQueueType: type as Vhost['defaultQueueType'] };
};
let defaultQueueType: Pick<Vhost, 'defaultQueueType'> = {};

/** The vhost `name` as imported in `beforeAll`, with the metadata given it there. */
function expectedVhost(name: string): Vhost {
  return everyKindVhost(name, { description: 'Tutorial topologies', tags: ['team-a', 'prod'], ...defaultQueueType });
}

describe('readBrokerState', () => {
  let populated: string;
  beforeAll(async () => {
    populated = await newVhost('read');
    await mgmt('PUT', `/vhosts/${enc(populated)}`, { description: 'Tutorial topologies', tags: 'team-a,prod' });
    // Imported through the broker's own API, as an operator would.
    await mgmt('POST', `/definitions/${enc(populated)}`, EVERY_KIND_DEFINITIONS);
    await mgmt('PUT', `/operator-policies/${enc(populated)}/${enc(EVERY_KIND_OPERATOR_POLICY.name)}`, EVERY_KIND_OPERATOR_POLICY.body);
    defaultQueueType = await reportedDefaultQueueType(populated);
  });

  it('reads a populated vhost as the normalized Topology', async () => {
    const topology = await readBrokerState(clientFor(), [populated]);
    expect(topology).toEqual({ vhosts: [expectedVhost(populated)], tests: [] } satisfies Topology);
  });

  // Which one a broker gets depends on its version (src/broker/state-source.ts): both must
  // read the same on every broker, whatever version is claimed.
  it.each([
    ['the definitions export', '4.3.6'],
    ['the listings', '3.10.8'],
  ])('reads the same from %s', async (_, claimedVersion) => {
    const topology = await readBrokerState(clientFor(), [populated], undefined, Promise.resolve(claimedVersion));
    expect(topology).toEqual({ vhosts: [expectedVhost(populated)], tests: [] } satisfies Topology);
  });

  it('leaves out exclusive and server-named queues and their bindings', async () => {
    const amqp = await connect(amqpUrlFor(populated));
    try {
      const channel = await amqp.createChannel();
      const named = await channel.assertQueue('worker-1', { exclusive: true });
      const generated = await channel.assertQueue('', { exclusive: true });
      await channel.bindQueue(named.queue, 'topic_logs', 'x.y');
      await channel.bindQueue(generated.queue, 'topic_logs', 'x.z');
      const topology = await readBrokerState(clientFor(), [populated]);
      expect(topology.vhosts).toEqual([expectedVhost(populated)]);
    } finally {
      await amqp.close();
    }
  });

  it('reads the same through the listings for a user without the administrator tag', async () => {
    const user = `topo-test-mgmt-${randomBytes(3).toString('hex')}`;
    const password = 'Mgmt-only-pa55-xyz';
    await mgmt('PUT', `/users/${enc(user)}`, { password, tags: 'management' });
    await mgmt('PUT', `/permissions/${enc(populated)}/${enc(user)}`, { configure: '.*', write: '.*', read: '.*' });
    const amqp = await connect(amqpUrlFor(populated));
    try {
      const channel = await amqp.createChannel();
      const generated = await channel.assertQueue('', { exclusive: true });
      await channel.bindQueue(generated.queue, 'topic_logs', 'x.z');
      // As a plan of a spec without limits, shovels or upstreams reads it: their listings need the
      // policymaker tag, and such a spec does not read them.
      const topology = await readBrokerState(clientFor(user, password), [populated], { users: false, permissions: [], topicPermissions: [] });
      expect(topology.vhosts).toEqual([expectedVhost(populated)]);
    } finally {
      await amqp.close();
      await mgmt('DELETE', `/users/${enc(user)}`, undefined, { expect: [204, 404] });
    }
  });

  it('leaves a vhost that does not exist out, and keeps an empty one', async () => {
    const empty = await newVhost('empty');
    const missing = `topo-test-missing-${randomBytes(3).toString('hex')}`;
    const topology = await readBrokerState(clientFor(), [missing, populated, empty, populated]);
    expect(topology.vhosts.map((v) => v.name)).toEqual([populated, empty].sort());
    expect(topology.vhosts.find((v) => v.name === empty)).toEqual(readVhost({ name: empty, ...(await reportedDefaultQueueType(empty)) }));
    expect(await readBrokerState(clientFor(), [missing])).toEqual({ vhosts: [], tests: [] });
  });

  it('round-trips names with `/`, `%`, `#`, spaces and unicode', async () => {
    const vhost = await newVhost('odd %#é ☃');
    const names = ['a/b', '50% off', 'x#y', 'with space', 'été ☃ 😀', 'Ab', 'ab'];
    await mgmt('POST', `/definitions/${enc(vhost)}`, {
      exchanges: names.map((n) => ({ name: `ex ${n}`, type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} })),
      queues: names.map((n) => ({ name: n, durable: true, auto_delete: false, arguments: {} })),
      bindings: names.map((n) => ({ source: `ex ${n}`, destination: n, destination_type: 'queue', routing_key: `#.${n}`, arguments: {} })),
      policies: names.map((n) => ({ name: `pol ${n}`, pattern: `^${n}$`, 'apply-to': 'queues', priority: 0, definition: { 'max-length': 1 } })),
    });
    const [read] = (await readBrokerState(clientFor(), [vhost])).vhosts;
    expect(read!.name).toBe(vhost);
    expect(read!.queues.map((q) => q.name).sort()).toEqual([...names].sort());
    expect(read!.exchanges.map((e) => e.name).sort()).toEqual(names.map((n) => `ex ${n}`).sort());
    expect(read!.bindings.map((b) => [b.source, b.destination, b.routingKey]).sort()).toEqual(
      names.map((n) => [`ex ${n}`, n, `#.${n}`]).sort(),
    );
    expect(read!.policies.map((p) => [p.name, p.pattern]).sort()).toEqual(names.map((n) => [`pol ${n}`, `^${n}$`]).sort());
  });

  it('reports a vhost the user may not access as forbidden, not as missing', async () => {
    const user = `topo-test-noperm-${randomBytes(3).toString('hex')}`;
    const password = 'No-perm-pa55-xyz';
    await mgmt('PUT', `/users/${enc(user)}`, { password, tags: 'management' });
    try {
      const attempt = readBrokerState(clientFor(user, password), [populated]);
      await expect(attempt).rejects.toMatchObject({
        code: 'broker-forbidden',
        message: `user "${user}" is not allowed to access vhost "${populated}" at ${MGMT_URL} (needs permissions on vhost "${populated}")`,
      });
    } finally {
      await mgmt('DELETE', `/users/${enc(user)}`, undefined, { expect: [204, 404] });
    }
  });
});

describe('readQueueMessageCounts', () => {
  it('counts ready and unacknowledged messages of only the named queues', async () => {
    const vhost = await newVhost('counts');
    for (const name of ['counted', 'Counted', 'fresh', 'odd #% é', 'other']) {
      await mgmt('PUT', `/queues/${enc(vhost)}/${enc(name)}`, { durable: true });
    }
    await mgmt('PUT', `/queues/${enc(vhost)}/quorum`, { durable: true, arguments: { 'x-queue-type': 'quorum' } });

    const amqp = await connect(amqpUrlFor(vhost));
    try {
      const channel = await amqp.createConfirmChannel();
      const publish = (queue: string, n: number) => {
        for (let i = 0; i < n; i++) channel.sendToQueue(queue, Buffer.from(`m${i}`));
      };
      publish('counted', 7);
      publish('Counted', 1);
      publish('odd #% é', 3);
      publish('quorum', 4);
      publish('other', 2);
      await channel.waitForConfirms();
      // Two of the odd queue's messages delivered and not acknowledged: still the queue's.
      await channel.prefetch(2);
      let delivered = 0;
      const gotTwo = new Promise<void>((resolve) => {
        void channel.consume('odd #% é', () => {
          if (++delivered === 2) resolve();
        });
      });
      await gotTwo;

      const wanted = ['counted', 'Counted', 'fresh', 'odd #% é', 'quorum', 'missing'].map((name) => ({ vhost, name }));
      wanted.push({ vhost: `topo-test-missing-${randomBytes(3).toString('hex')}`, name: 'counted' });
      const counts = await readQueueMessageCounts(clientFor(), wanted);
      expect(Object.fromEntries([...counts].map(([key, n]) => [key.split('\u0000')[1], n]))).toEqual({
        counted: 7,
        Counted: 1,
        fresh: 0,
        'odd #% é': 3,
        quorum: 4,
      });
      expect(counts.get(namedKey({ vhost, name: 'counted' }))).toBe(7);
    } finally {
      await amqp.close();
    }
  });

  it('reads a whole listing when many queues are asked for', async () => {
    const vhost = await newVhost('counts-many');
    await mgmt('PUT', `/queues/${enc(vhost)}/q-3`, { durable: true });
    await mgmt('POST', `/exchanges/${enc(vhost)}/amq.default/publish`, {
      properties: {},
      routing_key: 'q-3',
      payload: 'x',
      payload_encoding: 'string',
    });
    const wanted = Array.from({ length: 600 }, (_, i) => ({ vhost, name: `q-${i}` }));
    const counts = await readQueueMessageCounts(clientFor(), wanted);
    expect([...counts]).toEqual([[namedKey({ vhost, name: 'q-3' }), 1]]);
  });
});
