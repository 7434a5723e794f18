import { describe, expect, it } from 'vitest';
import { buildGraph, type Graph } from '../../../src/graph/graph-model.js';
import { exchange, policy, queue, topology, vhost } from '../../support/builders.js';

/** Edges as `from-name -kind-> to-name [label]`, for readable expectations. */
function edges(graph: Graph): string[] {
  return graph.clusters.flatMap((c) => {
    const name = new Map(c.nodes.map((n) => [n.id, n.name]));
    return c.edges.map((e) => `${name.get(e.from)} -${e.kind}-> ${name.get(e.to)} [${e.label.join('|')}]`);
  });
}

describe('buildGraph', () => {
  it('takes dead-letter exchanges from arguments before policies, key by key', () => {
    const t = topology(
      vhost({
        exchanges: [exchange({ name: 'a' }), exchange({ name: 'b' })],
        queues: [
          queue({ name: 'own', arguments: { 'x-dead-letter-exchange': 'a' } }),
          queue({ name: 'by-policy' }),
          queue({ name: 'quorum', type: 'quorum' }),
        ],
        policies: [
          policy({ name: 'low', pattern: '.', priority: 0, applyTo: 'queues', definition: { 'dead-letter-exchange': 'a' } }),
          policy({
            name: 'high',
            pattern: '^(own|by-policy)$',
            priority: 5,
            applyTo: 'classic_queues',
            definition: { 'dead-letter-exchange': 'b', 'dead-letter-routing-key': 'k' },
          }),
        ],
      }),
    );
    expect(edges(buildGraph(t))).toEqual([
      'by-policy -dead-letter-> b [dead-letter|key k|policy high]',
      'own -dead-letter-> a [dead-letter|key k]',
      'quorum -dead-letter-> a [dead-letter|policy low]',
    ]);
  });

  it('draws dead-lettering through the default exchange to the queue the key names, and only then', () => {
    const t = topology(
      vhost({
        queues: [
          queue({ name: 'retry', arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'work' } }),
          queue({ name: 'lost', arguments: { 'x-dead-letter-exchange': '' } }),
          queue({ name: 'work' }),
        ],
      }),
    );
    expect(edges(buildGraph(t))).toEqual(['retry -dead-letter-> work [dead-letter]']);
  });

  it('draws alternate exchanges set by a policy, and ignores patterns JavaScript cannot compile', () => {
    const t = topology(
      vhost({
        exchanges: [exchange({ name: 'in' }), exchange({ name: 'spill', type: 'fanout' })],
        policies: [
          policy({ name: 'ae', pattern: '^in$', applyTo: 'exchanges', definition: { 'alternate-exchange': 'spill' } }),
          policy({ name: 'broken', pattern: '(?<', applyTo: 'all', priority: 9, definition: { 'alternate-exchange': 'in' } }),
        ],
      }),
    );
    expect(edges(buildGraph(t))).toEqual(['in -alternate-> spill [alternate|policy ae]']);
  });

  it('gives names used but not declared a node of their own', () => {
    const t = topology(vhost({ queues: [queue({ name: 'q', arguments: { 'x-dead-letter-exchange': 'gone' } })] }));
    const [cluster] = buildGraph(t).clusters;
    expect(cluster!.nodes.map((n) => [n.name, n.category])).toEqual([
      ['q', 'queue'],
      ['gone', 'undeclared'],
    ]);
  });

  it('draws only the vhost asked for', () => {
    const t = topology(vhost({ name: '/' }), vhost({ name: 'b' }));
    expect(buildGraph(t, { vhost: 'b' }).clusters.map((c) => [c.id, c.vhost])).toEqual([['v0', 'b']]);
  });
});
