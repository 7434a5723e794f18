import { describe, expect, it } from 'vitest';
import type { Definitions } from '../../../src/broker/definitions.js';
import { topologyFromDefinitions } from '../../../src/broker/from-definitions.js';
import { binding, exchange, queue, readVhost, vhostAsWritten } from '../../support/builders.js';
import { bindingDefinition, exchangeDefinition, queueDefinition } from '../../support/definitions-rows.js';

const V = 'shop/eu';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('topologyFromDefinitions on a single-vhost export (GET /api/definitions/{vhost})', () => {
  // The shape RabbitMQ 3.10 answers: no vhost on exchanges/queues/bindings, operator
  // policies as runtime parameters.
  const defs: Definitions = deepFreeze({
    parameters: [
      {
        value: { pattern: '^x', definition: { 'max-length': 100 }, priority: 3, 'apply-to': 'queues' },
        vhost: V,
        component: 'operator_policy',
        name: 'cap',
      },
      { value: { uri: 'amqp://' }, vhost: V, component: 'federation-upstream', name: 'up' },
    ],
    policies: [{ vhost: V, name: 'ttl', pattern: '^temp\\.', 'apply-to': 'queues', definition: { 'message-ttl': 60000 }, priority: 0 }],
    queues: [
      queueDefinition('orders', { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 }),
      queueDefinition('audit', { 'x-queue-type': 'classic', 'x-message-ttl': 60000 }),
      queueDefinition('amq.gen-Xy12', {}, { durable: false, auto_delete: true }),
      queueDefinition('tmp', {}, { durable: false, auto_delete: true }),
    ],
    exchanges: [
      exchangeDefinition('topic_logs', 'topic', { arguments: { 'alternate-exchange': 'unrouted' } }),
      exchangeDefinition('amq.direct', 'direct'),
      exchangeDefinition('', 'direct'),
      exchangeDefinition('unrouted', 'fanout'),
    ],
    bindings: [
      bindingDefinition('topic_logs', 'audit', 'kern.*'),
      bindingDefinition('topic_logs', 'amq.gen-Xy12', '#'),
      bindingDefinition('', 'audit', 'audit'),
      bindingDefinition('amq.topic', 'audit', '*.critical'),
      bindingDefinition('topic_logs', 'unrouted', '#', { destination_type: 'exchange' }),
    ],
  });

  it('gives the normalized vhost, with only what a spec can declare', () => {
    expect(topologyFromDefinitions(defs, { vhost: V })).toEqual({
      vhosts: [
        // In the order the reader must give: sorted by identity.
        {
          ...readVhost({}),
          federationUpstreams: [{ vhost: V, name: 'up', value: { uri: 'amqp://' } }],
          ...vhostAsWritten({
          name: V,
          exchanges: [
            exchange({ name: 'topic_logs', type: 'topic', arguments: { 'alternate-exchange': 'unrouted' } }),
            exchange({ name: 'unrouted', type: 'fanout' }),
          ],
          queues: [
            queue({ name: 'audit', arguments: { 'x-message-ttl': 60000 } }),
            queue({ name: 'orders', type: 'quorum', arguments: { 'x-delivery-limit': 5 } }),
            queue({ name: 'tmp', durable: false, autoDelete: true }),
          ],
          bindings: [
            binding({ source: 'amq.topic', destination: 'audit', routingKey: '*.critical' }),
            binding({ source: 'topic_logs', destination: 'unrouted', destinationType: 'exchange', routingKey: '#' }),
            binding({ source: 'topic_logs', destination: 'audit', routingKey: 'kern.*' }),
          ],
          policies: [
            { vhost: V, name: 'ttl', pattern: '^temp\\.', applyTo: 'queues', priority: 0, definition: { 'message-ttl': 60000 } },
          ],
          operatorPolicies: [
            { vhost: V, name: 'cap', pattern: '^x', applyTo: 'queues', priority: 3, definition: { 'max-length': 100 } },
          ],
          }),
        },
      ],
      tests: [],
    });
  });

  it('takes operator policies read apart instead of the parameters', () => {
    const topology = topologyFromDefinitions(defs, {
      vhost: V,
      operatorPolicies: [{ vhost: V, name: 'other', pattern: '.*', 'apply-to': 'all', priority: 1, definition: {} }],
    });
    expect(topology.vhosts[0]!.operatorPolicies.map((p) => p.name)).toEqual(['other']);
  });

  it('puts objects that name no vhost in "/" by default', () => {
    const topology = topologyFromDefinitions({ queues: [{ name: 'q', durable: true, auto_delete: false, arguments: {} }] });
    expect(topology.vhosts.map((v) => v.name)).toEqual(['/']);
    expect(topology.vhosts[0]!.queues[0]!.vhost).toBe('/');
  });

  it('keeps an empty vhost that was asked for', () => {
    expect(topologyFromDefinitions({}, { vhost: V }).vhosts).toEqual([readVhost({ name: V })]);
  });

  it('puts every object in the vhost asked for, also the policies that name the vhost it was exported from', () => {
    // What a 3.10 broker writes: `vhost` on policies and parameters only.
    const topology = topologyFromDefinitions(defs, { vhost: 'elsewhere' });
    expect(topology.vhosts.map((v) => v.name)).toEqual(['elsewhere']);
    const [vhost] = topology.vhosts;
    expect([vhost!.exchanges.length, vhost!.queues.length, vhost!.bindings.length]).toEqual([2, 3, 3]);
    expect(vhost!.policies).toEqual([
      { vhost: 'elsewhere', name: 'ttl', pattern: '^temp\\.', applyTo: 'queues', priority: 0, definition: { 'message-ttl': 60000 } },
    ]);
    expect(vhost!.operatorPolicies.map((p) => `${p.vhost}|${p.name}`)).toEqual(['elsewhere|cap']);
  });

  it('keeps the vhosts a whole-broker export names, even with a vhost asked for', () => {
    const topology = topologyFromDefinitions(
      {
        queues: [{ name: 'q', vhost: 'a', durable: true, auto_delete: false, arguments: {} }],
        policies: [{ vhost: 'a', name: 'p', pattern: '.*', definition: {} }],
      },
      { vhost: 'b' },
    );
    expect(topology.vhosts.map((v) => [v.name, v.queues.length, v.policies.length])).toEqual([
      ['a', 1, 1],
      ['b', 0, 0],
    ]);
  });
});

describe('queue types', () => {
  it.each([
    ['no x-queue-type', { arguments: {} }, 'classic'],
    ['x-queue-type classic (RabbitMQ 4.x reports it)', { arguments: { 'x-queue-type': 'classic' } }, 'classic'],
    ['x-queue-type quorum', { arguments: { 'x-queue-type': 'quorum' } }, 'quorum'],
    ['x-queue-type stream', { arguments: { 'x-queue-type': 'stream' } }, 'stream'],
    ['a listing type field', { type: 'quorum', arguments: {} }, 'quorum'],
    ['null arguments', { arguments: null }, 'classic'],
  ])('%s', (_label, fields, type) => {
    const [q] = topologyFromDefinitions({ queues: [{ name: 'q', durable: true, ...fields }] }).vhosts[0]!.queues;
    expect(q!.type).toBe(type);
    expect(q!.arguments).toEqual({});
  });
});

describe('runtime queues are left out with their bindings', () => {
  it('drops exclusive queues of a listing and amq.gen-* queues, and only their bindings', () => {
    const topology = topologyFromDefinitions({
      queues: [
        { name: 'worker-1', durable: false, auto_delete: false, exclusive: true, arguments: {} },
        { name: 'amq.gen-abc', durable: false, auto_delete: true, exclusive: false, arguments: {} },
        { name: 'orders', durable: true, auto_delete: false, exclusive: null, arguments: { 'x-queue-type': 'quorum' } },
      ],
      exchanges: [{ name: 'e', type: 'fanout', durable: true, auto_delete: false, internal: false, arguments: {} }],
      bindings: [
        { source: 'e', destination: 'worker-1', destination_type: 'queue', routing_key: '', arguments: {} },
        { source: 'e', destination: 'amq.gen-abc', destination_type: 'queue', routing_key: '', arguments: {} },
        { source: 'e', destination: 'orders', destination_type: 'queue', routing_key: '', arguments: {} },
        { source: '', destination: 'orders', destination_type: 'queue', routing_key: 'orders', arguments: {} },
      ],
    }, { vhost: V });
    const vhost = topology.vhosts[0]!;
    expect(vhost.queues.map((q) => q.name)).toEqual(['orders']);
    expect(vhost.bindings).toEqual([binding({ vhost: V, source: 'e', destination: 'orders' })]);
  });

  it('drops bindings to queues the definitions do not hold (4.x exports those of exclusive queues)', () => {
    const topology = topologyFromDefinitions({
      queues: [{ name: 'orders', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'classic' } }],
      exchanges: [{ name: 'e', type: 'topic', durable: true, auto_delete: false, arguments: {} }],
      bindings: [
        { source: 'e', destination: 'dashboard-1', destination_type: 'queue', routing_key: 'order.#', arguments: {} },
        { source: 'e', destination: 'orders', destination_type: 'queue', routing_key: 'order.#', arguments: {} },
      ],
    }, { vhost: V });
    expect(topology.vhosts[0]!.bindings).toEqual([binding({ vhost: V, source: 'e', destination: 'orders', routingKey: 'order.#' })]);
  });

  it('does not drop a same-named queue of another vhost', () => {
    const topology = topologyFromDefinitions({
      queues: [
        { name: 'w', vhost: 'a', exclusive: true },
        { name: 'w', vhost: 'b', durable: true },
      ],
      bindings: [
        { source: 'e', vhost: 'a', destination: 'w', destination_type: 'queue' },
        { source: 'e', vhost: 'b', destination: 'w', destination_type: 'queue' },
      ],
    });
    expect(topology.vhosts.map((v) => [v.name, v.queues.length, v.bindings.length])).toEqual([
      ['a', 0, 0],
      ['b', 1, 1],
    ]);
  });
});

describe('canonical values', () => {
  it('coerces well-known numbers given as strings and sorts argument keys', () => {
    const vhost = topologyFromDefinitions({
      queues: [{ name: 'q', durable: true, arguments: { 'x-max-length': '10', 'x-message-ttl': '60000', 'x-custom': '7' } }],
      exchanges: [{ name: 'e', type: 'headers', arguments: { b: 1, a: 2 } }],
      bindings: [{ source: 'e', destination: 'q', arguments: { 'x-match': 'all', format: 'pdf' } }],
      policies: [{ name: 'p', pattern: '.*', priority: '2', definition: { 'max-length': '5', 'dead-letter-exchange': 'dlx' } }],
    }).vhosts[0]!;
    const q = vhost.queues[0]!;
    expect(q.arguments).toEqual({ 'x-custom': '7', 'x-max-length': 10, 'x-message-ttl': 60000 });
    expect(Object.keys(q.arguments)).toEqual(['x-custom', 'x-max-length', 'x-message-ttl']);
    expect(Object.keys(vhost.exchanges[0]!.arguments)).toEqual(['a', 'b']);
    expect(Object.keys(vhost.bindings[0]!.arguments)).toEqual(['format', 'x-match']);
    expect(vhost.policies[0]).toEqual({
      vhost: '/',
      name: 'p',
      pattern: '.*',
      applyTo: 'all',
      priority: 2,
      definition: { 'dead-letter-exchange': 'dlx', 'max-length': 5 },
    });
  });

  it('fills defaults for fields a hand-written file leaves out', () => {
    const vhost = topologyFromDefinitions({
      exchanges: [{ name: 'e' }],
      queues: [{ name: 'q' }],
      bindings: [{ source: 'e', destination: 'q' }],
    }).vhosts[0]!;
    expect(vhost.exchanges).toEqual([exchange({ vhost: '/', name: 'e' })]);
    expect(vhost.queues).toEqual([queue({ vhost: '/', name: 'q' })]);
    expect(vhost.bindings).toEqual([binding({ vhost: '/', source: 'e', destination: 'q' })]);
  });
});

describe('a whole-broker export', () => {
  const defs: Definitions = deepFreeze({
    vhosts: [
      { name: 'z' },
      { name: '/', metadata: { description: 'Default virtual host', tags: [] } },
      { name: 'b', description: 'billing', tags: 'prod, eu' },
      { name: 'empty', description: '', tags: [] },
    ],
    queues: [
      { name: 'q2', vhost: 'b', durable: true, arguments: {} },
      { name: 'q1', vhost: 'b', durable: true, arguments: {} },
      { name: 'q', vhost: 'z', durable: true, arguments: {} },
    ],
    exchanges: [
      { name: 'y', vhost: 'b', type: 'topic' },
      { name: 'x', vhost: 'b', type: 'topic' },
    ],
    bindings: [
      { source: 'x', vhost: 'b', destination: 'q2', destination_type: 'queue', routing_key: 'b' },
      { source: 'x', vhost: 'b', destination: 'q2', destination_type: 'queue', routing_key: 'a' },
      { source: 'x', vhost: 'b', destination: 'q1', destination_type: 'queue', routing_key: 'z' },
      { source: 'x', vhost: 'b', destination: 'y', destination_type: 'exchange', routing_key: 'z' },
    ],
    parameters: [
      { name: 'op', vhost: 'z', component: 'operator_policy', value: { pattern: '.*', definition: { 'message-ttl': '5' } } },
    ],
  });

  it('spreads objects over their vhosts, sorted, with metadata', () => {
    const topology = topologyFromDefinitions(defs);
    expect(topology.vhosts.map((v) => v.name)).toEqual(['/', 'b', 'empty', 'z']);
    const [root, b, empty, z] = topology.vhosts;
    expect(root).toEqual(readVhost({ name: '/', description: 'Default virtual host' }));
    expect(empty).toEqual(readVhost({ name: 'empty' }));
    expect(b!.description).toBe('billing');
    expect(b!.tags).toEqual(['prod', 'eu']);
    expect(b!.exchanges.map((e) => e.name)).toEqual(['x', 'y']);
    expect(b!.queues.map((q) => q.name)).toEqual(['q1', 'q2']);
    expect(b!.bindings.map((x) => [x.destinationType, x.destination, x.routingKey])).toEqual([
      ['exchange', 'y', 'z'],
      ['queue', 'q1', 'z'],
      ['queue', 'q2', 'a'],
      ['queue', 'q2', 'b'],
    ]);
    expect(z!.queues.map((q) => `${q.vhost}|${q.name}`)).toEqual(['z|q']);
    expect(z!.operatorPolicies).toEqual([
      { vhost: 'z', name: 'op', pattern: '.*', applyTo: 'all', priority: 0, definition: { 'message-ttl': 5 } },
    ]);
  });

  it('reads the default queue type of 4.x (metadata) and of 3.x listings, and none from 3.10\'s "undefined"', () => {
    const topology = topologyFromDefinitions({
      vhosts: [
        { name: 'four', metadata: { description: '', tags: [], default_queue_type: 'quorum' } },
        { name: 'listed', default_queue_type: 'stream' },
        { name: 'old', default_queue_type: 'undefined', metadata: { description: '', tags: [] } },
      ],
    });
    expect(topology.vhosts.map((v) => [v.name, v.defaultQueueType])).toEqual([
      ['four', 'quorum'],
      ['listed', 'stream'],
      ['old', undefined],
    ]);
    expect(topology.vhosts[2]).not.toHaveProperty('defaultQueueType');
  });

  it('lets vhost metadata given apart win', () => {
    const topology = topologyFromDefinitions(defs, { vhostMeta: [{ name: 'b', description: 'new', tags: ['t'] }] });
    const b = topology.vhosts.find((v) => v.name === 'b')!;
    expect([b.description, b.tags]).toEqual(['new', ['t']]);
  });

  it('is the same whatever the input order', () => {
    const reversed: Definitions = {
      ...defs,
      vhosts: [...defs.vhosts!].reverse(),
      queues: [...defs.queues!].reverse(),
      exchanges: [...defs.exchanges!].reverse(),
      bindings: [...defs.bindings!].reverse(),
    };
    expect(topologyFromDefinitions(reversed)).toEqual(topologyFromDefinitions(defs));
  });
});
