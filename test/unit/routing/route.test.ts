import { describe, expect, it } from 'vitest';
import { compileRoutes } from '../../../src/routing/route-table.js';
import { route, type RouteMessage } from '../../../src/routing/route.js';
import type { Topology } from '../../../src/model/topology.js';
import { bind, exchange, policy, queue, toExchange, topology, vhostAsWritten } from '../../support/builders.js';

const VHOST = '/';

const routeIn = (t: Topology, message: RouteMessage) => route(compileRoutes(t, VHOST), message);
const queuesOf = (t: Topology, exchangeName: string, routingKey = '', headers = {}) =>
  routeIn(t, { exchange: exchangeName, routingKey, headers }).queues;

describe('route: exchange types', () => {
  const t = topology(vhostAsWritten({
    exchanges: [
      exchange({ name: 'd', type: 'direct' }),
      exchange({ name: 'f', type: 'fanout' }),
      exchange({ name: 't', type: 'topic' }),
      exchange({ name: 'h', type: 'headers' }),
    ],
    queues: ['q1', 'q2', 'q3'].map((n) => queue({ name: n })),
    bindings: [
      bind('d', 'q1', 'red'),
      bind('d', 'q2', 'red'),
      bind('d', 'q3', 'Red'),
      bind('f', 'q1', 'ignored'),
      bind('f', 'q2'),
      bind('t', 'q1', '*.orange.*'),
      bind('t', 'q2', '*.*.rabbit'),
      bind('t', 'q2', 'lazy.#'),
      bind('h', 'q1', '', { 'x-match': 'all', format: 'pdf', type: 'report' }),
      bind('h', 'q2', 'any-key-is-ignored', { 'x-match': 'any', format: 'pdf', type: 'log' }),
      bind('h', 'q3', '', { count: 5 }),
    ],
  }));

  it.each([
    ['d', 'red', {}, ['q1', 'q2']],
    ['d', 'Red', {}, ['q3']],
    ['d', 'blue', {}, []],
    ['d', '', {}, []],
    ['f', 'anything', {}, ['q1', 'q2']],
    ['t', 'quick.orange.rabbit', {}, ['q1', 'q2']],
    ['t', 'lazy.orange.elephant', {}, ['q1', 'q2']],
    ['t', 'quick.orange.fox', {}, ['q1']],
    ['t', 'lazy.brown.fox', {}, ['q2']],
    ['t', 'lazy.pink.rabbit', {}, ['q2']],
    ['t', 'quick.brown.fox', {}, []],
    ['t', 'orange', {}, []],
    ['t', 'quick.orange.male.rabbit', {}, []],
    ['t', 'lazy.orange.male.rabbit', {}, ['q2']],
    ['h', 'x', { format: 'pdf', type: 'report' }, ['q1', 'q2']],
    ['h', 'x', { format: 'pdf' }, ['q2']],
    ['h', 'x', { type: 'log' }, ['q2']],
    ['h', 'x', { count: 5 }, ['q3']],
    ['h', 'x', { count: '5' }, []],
    ['h', 'x', {}, []],
  ])('%s with key %j and headers %j reaches %j', (x, key, headers, expected) => {
    expect(queuesOf(t, x, key, headers)).toEqual(expected);
  });

  it('lists the bindings that fired, in binding order, with the queue delivered once', () => {
    const result = routeIn(t, { exchange: 'd', routingKey: 'red' });
    expect(result.path).toEqual([
      { via: 'binding', source: 'd', destination: 'q1', destinationType: 'queue', routingKey: 'red', arguments: {}, outcome: 'delivered' },
      { via: 'binding', source: 'd', destination: 'q2', destinationType: 'queue', routingKey: 'red', arguments: {}, outcome: 'delivered' },
    ]);
    expect(result.alternateExchangeUsed).toBe(false);
    expect(result.error).toBeUndefined();
  });

  it('delivers one copy to a queue that several bindings match', () => {
    const result = routeIn(t, { exchange: 't', routingKey: 'lazy.orange.rabbit' });
    expect(result.queues).toEqual(['q1', 'q2']);
    expect(result.path.map((h) => [h.destination, h.outcome])).toEqual([
      ['q1', 'delivered'],
      ['q2', 'delivered'],
      ['q2', 'duplicate'],
    ]);
  });
});

describe('route: exchange-to-exchange bindings', () => {
  it('follows chains, filtering at every exchange', () => {
    const t = topology(vhostAsWritten({
      exchanges: [exchange({ name: 'a', type: 'topic' }), exchange({ name: 'b', type: 'direct' }), exchange({ name: 'c', type: 'fanout' })],
      queues: [queue({ name: 'qb' }), queue({ name: 'qc' })],
      bindings: [toExchange('a', 'b', 'x.#'), bind('b', 'qb', 'x.y'), toExchange('b', 'c', 'x.z'), bind('c', 'qc')],
    }));
    expect(queuesOf(t, 'a', 'x.y')).toEqual(['qb']);
    expect(queuesOf(t, 'a', 'x.z')).toEqual(['qc']);
    expect(queuesOf(t, 'a', 'y.z')).toEqual([]);
    expect(queuesOf(t, 'b', 'x.z')).toEqual(['qc']);
  });

  it('ends cycles: each exchange routes a message once, each queue gets one copy', () => {
    const t = topology(vhostAsWritten({
      exchanges: [exchange({ name: 'a', type: 'fanout' }), exchange({ name: 'b', type: 'fanout' }), exchange({ name: 'c', type: 'topic' })],
      queues: [queue({ name: 'q' })],
      bindings: [toExchange('a', 'b'), toExchange('b', 'c'), toExchange('c', 'a', '#'), toExchange('c', 'c', '#'), bind('c', 'q', '#'), bind('a', 'q')],
    }));
    const result = routeIn(t, { exchange: 'a', routingKey: 'k' });
    expect(result.queues).toEqual(['q']);
    const outcomes = result.path.map((h) => `${h.source}->${h.destination}:${h.outcome}`);
    expect(outcomes.sort()).toEqual(
      ['a->b:entered', 'a->q:delivered', 'b->c:entered', 'c->a:already-visited', 'c->c:already-visited', 'c->q:duplicate'].sort(),
    );
  });

  it('a self-binding does not route twice', () => {
    const t = topology(vhostAsWritten({
      exchanges: [exchange({ name: 'a', type: 'fanout' })],
      queues: [queue({ name: 'q' })],
      bindings: [toExchange('a', 'a'), bind('a', 'q')],
    }));
    const result = routeIn(t, { exchange: 'a', routingKey: '' });
    expect(result.queues).toEqual(['q']);
    expect(result.path.filter((h) => h.destination === 'q')).toHaveLength(1);
  });

  it('routes from built-in amq.* exchanges', () => {
    const t = topology(vhostAsWritten({
      exchanges: [exchange({ name: 'mine', type: 'fanout' })],
      queues: [queue({ name: 'q1' }), queue({ name: 'q2' }), queue({ name: 'q3' })],
      bindings: [
        bind('amq.topic', 'q1', 'a.*'),
        toExchange('amq.direct', 'mine', 'k'),
        bind('mine', 'q2'),
        bind('amq.match', 'q3', '', { 'x-match': 'any', a: 1 }),
        bind('amq.headers', 'q1', '', { a: 1 }),
      ],
    }));
    expect(queuesOf(t, 'amq.topic', 'a.b')).toEqual(['q1']);
    expect(queuesOf(t, 'amq.direct', 'k')).toEqual(['q2']);
    expect(queuesOf(t, 'amq.match', '', { a: 1 })).toEqual(['q3']);
    expect(queuesOf(t, 'amq.headers', '', { a: 1 })).toEqual(['q1']);
    expect(queuesOf(t, 'amq.fanout', 'x')).toEqual([]);
  });
});

describe('route: alternate exchanges', () => {
  const t = topology(vhostAsWritten({
    exchanges: [
      exchange({ name: 'main', type: 'direct', arguments: { 'alternate-exchange': 'ae' } }),
      exchange({ name: 'ae', type: 'fanout', internal: true }),
      exchange({ name: 'empty', type: 'direct' }),
      exchange({ name: 'second', type: 'direct', arguments: { 'alternate-exchange': 'ae2' } }),
      exchange({ name: 'ae2', type: 'fanout' }),
      exchange({ name: 'loop', type: 'direct', arguments: { 'alternate-exchange': 'loop' } }),
      exchange({ name: 'dangling', type: 'direct', arguments: { 'alternate-exchange': 'nowhere' } }),
    ],
    queues: [queue({ name: 'routed' }), queue({ name: 'unrouted' }), queue({ name: 'unrouted2' })],
    bindings: [
      bind('main', 'routed', 'ok'),
      toExchange('main', 'empty', 'to-empty'),
      toExchange('main', 'second', 'to-second'),
      bind('ae', 'unrouted'),
      bind('ae2', 'unrouted2'),
    ],
  }));

  it('is used when the exchange matched no binding', () => {
    const result = routeIn(t, { exchange: 'main', routingKey: 'nope' });
    expect(result.queues).toEqual(['unrouted']);
    expect(result.alternateExchangeUsed).toBe(true);
    expect(result.path[0]).toEqual({ via: 'alternate-exchange', source: 'main', destination: 'ae', destinationType: 'exchange', outcome: 'entered' });
  });

  it('is not used when a binding matched, even if the message then reaches nothing', () => {
    // RabbitMQ looks only at the exchange's own bindings: one to an exchange counts.
    const result = routeIn(t, { exchange: 'main', routingKey: 'to-empty' });
    expect(result.queues).toEqual([]);
    expect(result.alternateExchangeUsed).toBe(false);
  });

  it('is used by any exchange on the way, not only the one published to', () => {
    const result = routeIn(t, { exchange: 'main', routingKey: 'to-second' });
    expect(result.queues).toEqual(['unrouted2']);
    expect(result.alternateExchangeUsed).toBe(true);
  });

  it('receives even when internal, and an exchange that is its own alternate routes once', () => {
    expect(queuesOf(t, 'loop', 'x')).toEqual([]);
    expect(routeIn(t, { exchange: 'loop', routingKey: 'x' }).path).toEqual([
      { via: 'alternate-exchange', source: 'loop', destination: 'loop', destinationType: 'exchange', outcome: 'already-visited' },
    ]);
  });

  it('is skipped when it does not exist, as RabbitMQ does', () => {
    const result = routeIn(t, { exchange: 'dangling', routingKey: 'x' });
    expect(result.queues).toEqual([]);
    expect(result.path[0]?.outcome).toBe('missing');
  });

  it('can come from the highest-priority matching policy; the argument wins over it', () => {
    const p = topology(vhostAsWritten({
      exchanges: [
        exchange({ name: 'events.a', type: 'direct' }),
        exchange({ name: 'events.b', type: 'direct', arguments: { 'alternate-exchange': 'own' } }),
        exchange({ name: 'own', type: 'fanout' }),
        exchange({ name: 'low', type: 'fanout' }),
        exchange({ name: 'high', type: 'fanout' }),
      ],
      queues: [queue({ name: 'q-own' }), queue({ name: 'q-low' }), queue({ name: 'q-high' })],
      bindings: [bind('own', 'q-own'), bind('low', 'q-low'), bind('high', 'q-high')],
      policies: [
        policy({ name: 'low', pattern: '^events\\.', applyTo: 'exchanges', definition: { 'alternate-exchange': 'low' }, priority: 1 }),
        policy({ name: 'high', pattern: '^events\\.', applyTo: 'exchanges', definition: { 'alternate-exchange': 'high' }, priority: 5 }),
        policy({ name: 'queues-only', pattern: '.*', definition: { 'alternate-exchange': 'low' }, priority: 9, applyTo: 'queues' }),
      ],
    }));
    const viaPolicy = routeIn(p, { exchange: 'events.a', routingKey: 'x' });
    expect(viaPolicy.queues).toEqual(['q-high']);
    expect(viaPolicy.path[0]).toMatchObject({ via: 'alternate-exchange', destination: 'high', policy: 'high' });
    expect(queuesOf(p, 'events.b', 'x')).toEqual(['q-own']);
    expect(queuesOf(p, 'own', 'x')).toEqual(['q-own']);
  });

  it('a higher-priority policy without an alternate exchange hides a lower one that has one', () => {
    const p = topology(vhostAsWritten({
      exchanges: [exchange({ name: 'x', type: 'direct' }), exchange({ name: 'ae', type: 'fanout' })],
      queues: [queue({ name: 'q' })],
      bindings: [bind('ae', 'q')],
      policies: [
        policy({ name: 'ae', pattern: '.*', applyTo: 'exchanges', definition: { 'alternate-exchange': 'ae' }, priority: 1 }),
        policy({ name: 'other', pattern: '^x$', applyTo: 'exchanges', definition: { 'federation-upstream-set': 'all' }, priority: 2 }),
      ],
    }));
    expect(queuesOf(p, 'x', 'k')).toEqual([]);
  });
});

describe('route: publishing rules', () => {
  const t = topology(vhostAsWritten({
    exchanges: [exchange({ name: 'internal', type: 'fanout', internal: true }), exchange({ name: 'front', type: 'fanout' })],
    queues: [queue({ name: 'q' }), queue({ name: 'excl', exclusive: true }), queue({ name: 'listener', exclusive: true, serverNamed: true })],
    bindings: [toExchange('front', 'internal'), bind('internal', 'q')],
  }));

  it('refuses an internal exchange, which still receives through bindings', () => {
    expect(routeIn(t, { exchange: 'internal', routingKey: '' })).toEqual({
      queues: [],
      path: [],
      alternateExchangeUsed: false,
      error: 'internal-exchange',
      errorExchange: 'internal',
    });
    expect(queuesOf(t, 'front')).toEqual(['q']);
  });

  it('refuses an unknown exchange', () => {
    expect(routeIn(t, { exchange: 'nope', routingKey: '' })).toMatchObject({ queues: [], error: 'unknown-exchange', errorExchange: 'nope' });
  });

  it('the built-in trace exchange is internal', () => {
    expect(routeIn(t, { exchange: 'amq.rabbitmq.trace', routingKey: '' }).error).toBe('internal-exchange');
  });

  it.each([
    ['q', ['q']],
    ['excl', ['excl']],
    // A server-named queue's spec name is only a handle: the broker calls it amq.gen-….
    ['listener', []],
    ['nope', []],
    ['', []],
  ])('the default exchange with key %j reaches %j', (key, expected) => {
    const result = routeIn(t, { exchange: '', routingKey: key });
    expect(result.queues).toEqual(expected);
    expect(result.path).toEqual(
      expected.map((q) => ({ via: 'default-exchange', source: '', destination: q, destinationType: 'queue', routingKey: q, outcome: 'delivered' })),
    );
  });
});

describe('route: CC and BCC headers add routing keys', () => {
  const t = topology(vhostAsWritten({
    exchanges: [exchange({ name: 'd', type: 'direct' }), exchange({ name: 't', type: 'topic' }), exchange({ name: 'h', type: 'headers' })],
    queues: [queue({ name: 'q1' }), queue({ name: 'q2' }), queue({ name: 'q3' })],
    bindings: [bind('d', 'q1', 'one'), bind('d', 'q2', 'two'), bind('t', 'q3', 'three.#'), bind('h', 'q1', '', { CC: ['two'] })],
  }));

  it.each([
    ['d', 'one', { CC: ['two'] }, ['q1', 'q2']],
    ['d', 'none', { BCC: ['two', 'one'] }, ['q1', 'q2']],
    ['d', 'one', { CC: [5, 'two'] }, ['q1', 'q2']],
    ['t', 'x', { CC: ['three.a'], BCC: [] }, ['q3']],
    ['', 'q1', { CC: ['q2', 'q1'] }, ['q1', 'q2']],
    ['h', '', { CC: ['two'] }, ['q1']],
  ])('%s, key %j, headers %j reach %j', (x, key, headers, expected) => {
    expect(queuesOf(t, x, key, headers)).toEqual(expected);
  });

  it('a CC header that is not an array makes the message invalid', () => {
    expect(routeIn(t, { exchange: 'd', routingKey: 'one', headers: { CC: 'two' } }).error).toBe('invalid-routing-header');
  });
});

describe('route: plugin exchange types', () => {
  const t = topology(vhostAsWritten({
    exchanges: [
      exchange({ name: 'delayed', type: 'x-delayed-message', arguments: { 'x-delayed-type': 'topic' } }),
      exchange({ name: 'hash', type: 'x-consistent-hash' }),
      exchange({ name: 'front', type: 'fanout' }),
    ],
    queues: [queue({ name: 'q' })],
    bindings: [bind('delayed', 'q', 'a.#'), bind('hash', 'q', '1'), toExchange('front', 'hash')],
  }));

  it('routes a delayed-message exchange as its x-delayed-type', () => {
    expect(queuesOf(t, 'delayed', 'a.b')).toEqual(['q']);
    expect(queuesOf(t, 'delayed', 'b')).toEqual([]);
  });

  it('reports an exchange type it cannot predict, wherever the message meets it', () => {
    expect(routeIn(t, { exchange: 'hash', routingKey: 'k' })).toMatchObject({ error: 'unsupported-exchange-type', errorExchange: 'hash' });
    expect(routeIn(t, { exchange: 'front', routingKey: 'k' })).toMatchObject({ queues: [], error: 'unsupported-exchange-type', errorExchange: 'hash' });
  });
});

describe('compileRoutes', () => {
  it('compiles an undeclared vhost to the built-in exchanges alone', () => {
    const table = compileRoutes(topology(vhostAsWritten({ exchanges: [exchange({ name: 'x', type: 'fanout' })] })), 'other');
    expect([...table.exchanges.keys()].sort()).toEqual(['amq.direct', 'amq.fanout', 'amq.headers', 'amq.match', 'amq.rabbitmq.trace', 'amq.topic']);
    expect(table.defaultExchangeQueues.size).toBe(0);
  });

  it('leaves the topology unchanged and does not depend on it once compiled', () => {
    const t = topology(
      vhostAsWritten({ exchanges: [exchange({ name: 'x', type: 'fanout' })], queues: [queue({ name: 'q' })], bindings: [bind('x', 'q')] }),
    );
    const before = JSON.stringify(t);
    const table = compileRoutes(t, VHOST);
    route(table, { exchange: 'x', routingKey: '' });
    expect(JSON.stringify(t)).toBe(before);
    t.vhosts[0]!.exchanges.length = 0;
    t.vhosts[0]!.bindings.length = 0;
    expect(route(table, { exchange: 'x', routingKey: '' }).queues).toEqual(['q']);
  });
});
