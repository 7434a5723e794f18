import { describe, expect, it } from 'vitest';
import { sortTopology } from '../../../src/model/sort-topology.js';
import type { Topology } from '../../../src/model/topology.js';
import { binding, exchange, policy, queue, routingTest, vhostAsWritten } from '../../support/builders.js';

const unsorted: Topology = {
  vhosts: [
    vhostAsWritten({ name: 'b' }),
    vhostAsWritten({
      name: 'a',
      exchanges: [exchange({ name: 'x2' }), exchange({ name: 'X' }), exchange({ name: 'x1' })],
      queues: [queue({ name: 'q2' }), queue({ name: 'q1' })],
      bindings: [
        binding({ source: 'x1', destination: 'q2', routingKey: 'k' }),
        binding({ source: 'x1', destination: 'x2', destinationType: 'exchange' }),
        binding({ source: 'x1', destination: 'q2', routingKey: 'k', arguments: { a: 1 } }),
        binding({ source: 'x1', destination: 'q1', routingKey: 'z' }),
        binding({ source: 'X', destination: 'q1' }),
      ],
      policies: [policy({ name: 'p2' }), policy({ name: 'p1' })],
      operatorPolicies: [policy({ name: 'o2' }), policy({ name: 'o1' })],
    }),
  ],
  tests: [routingTest({ name: 'second' }), routingTest({ name: 'first' })],
};

describe('sortTopology', () => {
  it('sorts vhosts by name and their objects by identity, by code point', () => {
    const sorted = sortTopology(unsorted);
    expect(sorted.vhosts.map((v) => v.name)).toEqual(['a', 'b']);
    const [a] = sorted.vhosts;
    expect(a!.exchanges.map((x) => x.name)).toEqual(['X', 'x1', 'x2']);
    expect(a!.queues.map((q) => q.name)).toEqual(['q1', 'q2']);
    // Source, then destination type, destination, routing key, arguments.
    expect(a!.bindings.map((b) => `${b.source}>${b.destinationType}:${b.destination}[${b.routingKey}]${JSON.stringify(b.arguments)}`)).toEqual([
      'X>queue:q1[]{}',
      'x1>exchange:x2[]{}',
      'x1>queue:q1[z]{}',
      'x1>queue:q2[k]{"a":1}',
      'x1>queue:q2[k]{}',
    ]);
    expect(a!.policies.map((p) => p.name)).toEqual(['p1', 'p2']);
    expect(a!.operatorPolicies.map((p) => p.name)).toEqual(['o1', 'o2']);
  });

  it('keeps the routing tests in the order they were written', () => {
    expect(sortTopology(unsorted).tests.map((t) => t.name)).toEqual(['second', 'first']);
  });

  it('never mutates its input, and sorting twice changes nothing', () => {
    const before = structuredClone(unsorted);
    const sorted = sortTopology(unsorted);
    expect(unsorted).toEqual(before);
    expect(sortTopology(sorted)).toEqual(sorted);
  });
});
