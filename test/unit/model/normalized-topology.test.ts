import { describe, expect, it } from 'vitest';
import { combineNormalized, normalizeTopology } from '../../../src/model/normalized-topology.js';
import type { Topology } from '../../../src/model/topology.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { binding, exchange, queue, vhost } from '../../support/builders.js';

const raw: Topology = {
  vhosts: [
    vhost({
      name: 'b',
      queues: [queue({ vhost: 'b', name: 'z', arguments: { 'x-message-ttl': '60000', 'x-b': 1, 'x-a': 2 } }), queue({ vhost: 'b', name: 'a' })],
      bindings: [binding({ vhost: 'b', source: 'e', destination: 'z' }), binding({ vhost: 'b', source: 'd', destination: 'a' })],
    }),
    vhost({ name: 'a', exchanges: [exchange({ vhost: 'a', name: 'y' }), exchange({ vhost: 'a', name: 'x' })] }),
  ],
  tests: [],
};

describe('normalizeTopology', () => {
  it('sorts vhosts and objects by identity and makes arguments canonical', () => {
    const n = normalizeTopology(raw);
    expect(n.vhosts.map((v) => v.name)).toEqual(['a', 'b']);
    expect(n.vhosts[0]!.exchanges.map((e) => e.name)).toEqual(['x', 'y']);
    expect(n.vhosts[1]!.queues.map((q) => q.name)).toEqual(['a', 'z']);
    expect(n.vhosts[1]!.bindings.map((b) => b.source)).toEqual(['d', 'e']);
    const z = n.vhosts[1]!.queues[1]!;
    expect(Object.keys(z.arguments)).toEqual(['x-a', 'x-b', 'x-message-ttl']);
    expect(z.arguments['x-message-ttl']).toBe(60000);
  });

  it('is idempotent and never mutates its input', () => {
    const before = structuredClone(raw);
    const once = normalizeTopology(raw);
    expect(normalizeTopology(once)).toEqual(once);
    expect(raw).toEqual(before);
  });

  it('keeps an object whose arguments are canonical already, and copies one whose are not', () => {
    const once = normalizeTopology(raw);
    const twice = normalizeTopology(once);
    expect(twice.vhosts[1]!.queues[1]).toBe(once.vhosts[1]!.queues[1]);
    expect(once.vhosts[1]!.queues[1]).not.toBe(raw.vhosts[0]!.queues[0]);
  });

  it.each<[string, Record<string, string | number>, string[]]>([
    ['keys out of order', { 'x-b': 1, 'x-a': 2 }, []],
    ['a numeric argument written as text', { 'x-message-ttl': '60000' }, []],
    ['a key that lives elsewhere in the model', { 'x-queue-type': 'quorum' }, ['x-queue-type']],
  ])('makes arguments canonical: %s', (_, args, omit) => {
    const [q] = normalizeTopology({ vhosts: [vhost({ name: 'v', queues: [queue({ vhost: 'v', name: 'q', arguments: args })] })], tests: [] }).vhosts[0]!.queues;
    const expected = Object.fromEntries(Object.entries(args).filter(([k]) => !omit.includes(k)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, k === 'x-message-ttl' ? Number(v) : v]));
    expect(q!.arguments).toStrictEqual(expected);
    expect(Object.keys(q!.arguments)).toEqual(Object.keys(expected));
  });

  it('is the only way into the diff', () => {
    const n = normalizeTopology(raw);
    expect(diffTopology(n, n)).toEqual([]);
    // @ts-expect-error a raw Topology is not accepted by the diff (checked by npm run lint)
    expect(() => diffTopology(raw, n)).not.toThrow();
  });
});

describe('combineNormalized', () => {
  it('keeps the named vhosts of several normalized topologies, sorted', () => {
    const a = normalizeTopology({ vhosts: [raw.vhosts[1]!], tests: [] });
    const b = normalizeTopology({ vhosts: [raw.vhosts[0]!], tests: [] });
    expect(combineNormalized([b, a], ['a', 'b']).vhosts.map((v) => v.name)).toEqual(['a', 'b']);
    expect(combineNormalized([b, a], ['b']).vhosts.map((v) => v.name)).toEqual(['b']);
  });
});
