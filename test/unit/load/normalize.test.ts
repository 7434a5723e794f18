import { describe, expect, it } from 'vitest';
import {
  normalizeBindings,
  normalizeExchange,
  normalizePolicy,
  normalizeQueue,
  normalizeRoutingTest,
} from '../../../src/load/normalize.js';
import { topologyOf } from './spec-helpers.js';

describe('normalize', () => {
  it('fills exchange defaults and folds alternateExchange into the arguments', () => {
    expect(normalizeExchange('/', 'e', { type: 'topic', alternateExchange: 'ae', arguments: { b: 1, a: 'x' } })).toEqual({
      vhost: '/',
      name: 'e',
      type: 'topic',
      durable: true,
      autoDelete: false,
      internal: false,
      arguments: { a: 'x', 'alternate-exchange': 'ae', b: 1 },
    });
  });

  it('fills queue defaults, keeps the type out of the arguments, and makes numeric arguments numbers', () => {
    const queue = normalizeQueue('/', 'q', { arguments: { 'x-queue-type': 'quorum', 'x-message-ttl': '60000', 'x-custom': '5' } });
    expect(queue).toEqual({
      vhost: '/',
      name: 'q',
      type: 'classic',
      durable: true,
      autoDelete: false,
      exclusive: false,
      serverNamed: false,
      arguments: { 'x-custom': '5', 'x-message-ttl': 60000 },
    });
    expect(Object.keys(queue.arguments)).toEqual(['x-custom', 'x-message-ttl']);
    expect(normalizeQueue('/', 'q', null)).toMatchObject({ type: 'classic', durable: true });
  });

  it('expands routingKeys into one binding each, and defaults to the empty key and a queue', () => {
    expect(normalizeBindings('/', { source: 's', destination: 'd', routingKeys: ['a', 'b'] }).map((b) => b.routingKey)).toEqual(['a', 'b']);
    expect(normalizeBindings('/', { source: 's', destination: 'd' })).toEqual([
      { vhost: '/', source: 's', destination: 'd', destinationType: 'queue', routingKey: '', arguments: {} },
    ]);
  });

  it('fills policy defaults', () => {
    expect(normalizePolicy('/', 'p', { pattern: '.*', definition: { 'max-length': '10' } })).toEqual({
      vhost: '/',
      name: 'p',
      pattern: '.*',
      applyTo: 'all',
      priority: 0,
      definition: { 'max-length': 10 },
    });
  });

  it('names a test after its message, and sorts its expected queues without repeats', () => {
    expect(normalizeRoutingTest('/', { exchange: 'logs', routingKey: 'kern.x', headers: { b: 1, a: true }, expect: ['z', 'a', 'z'] })).toEqual({
      name: 'publish to "logs" with routing key "kern.x" with headers {"a":true,"b":1}',
      vhost: '/',
      exchange: 'logs',
      routingKey: 'kern.x',
      headers: { a: true, b: 1 },
      expect: ['a', 'z'],
    });
    expect(normalizeRoutingTest('/', { exchange: '', expect: [] }).name).toBe('publish to the default exchange');
  });

  it('never mutates its input', () => {
    const spec = { type: 'topic', alternateExchange: 'ae', arguments: { b: 1 } };
    const copy = structuredClone(spec);
    normalizeExchange('/', 'e', spec);
    expect(spec).toEqual(copy);
  });

  it('builds a topology sorted by identity, with locations', () => {
    const topology = topologyOf(`vhosts:
  z:
    tags: [b, a, b]
  a:
    exchanges:
      x2: { type: direct }
      x1: { type: direct }
    queues:
      q2: {}
      q1: {}
    bindings:
      - { source: x2, destination: q1 }
      - { source: x1, destination: q2, routingKeys: [k2, k1] }
      - { source: x1, destination: q1 }
    policies:
      p2: { pattern: b, definition: { a: 1 } }
      p1: { pattern: a, definition: { a: 1 } }
tests:
  - { vhost: a, exchange: x2, expect: [q1] }
  - { vhost: a, exchange: x1, expect: [q1] }
`);
    const [a, z] = topology.vhosts;
    expect(topology.vhosts.map((v) => v.name)).toEqual(['a', 'z']);
    expect(z?.tags).toEqual(['a', 'b']);
    expect(a?.exchanges.map((e) => e.name)).toEqual(['x1', 'x2']);
    expect(a?.queues.map((q) => q.name)).toEqual(['q1', 'q2']);
    expect(a?.policies.map((p) => p.name)).toEqual(['p1', 'p2']);
    expect(a?.bindings.map((b) => `${b.source}>${b.destination}:${b.routingKey}`)).toEqual(['x1>q1:', 'x1>q2:k1', 'x1>q2:k2', 'x2>q1:']);
    // Tests keep the order they were written in.
    expect(topology.tests.map((t) => t.exchange)).toEqual(['x2', 'x1']);
    expect(a?.queues[0]?.loc).toEqual({ file: 'spec.yaml', line: 10, col: 7 });
    expect(a?.bindings[0]?.loc).toEqual({ file: 'spec.yaml', line: 14, col: 9 });
    expect(topology.tests[0]?.loc).toEqual({ file: 'spec.yaml', line: 19, col: 5 });
  });

  it('gives equal topologies for equal specs written differently', () => {
    const one = topologyOf('vhosts:\n  /:\n    exchanges: { e: { type: topic, alternateExchange: ae } }\n    queues: { q: { arguments: { x-max-length: 5 } } }\n');
    const two = topologyOf(
      'vhosts:\n  "/":\n    queues:\n      q:\n        durable: true\n        arguments:\n          x-max-length: 5\n    exchanges:\n      e:\n        type: topic\n        durable: true\n        arguments: { alternate-exchange: ae }\n',
    );
    const withoutLoc = (value: unknown) => JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'loc' ? undefined : v)));
    expect(withoutLoc(one)).toEqual(withoutLoc(two));
  });
});
