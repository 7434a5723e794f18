/** A small topology with every kind of node and edge the graph draws. */
import type { Topology } from '../../../src/model/topology.js';
import { binding, exchange, policy, queue, topology, vhost } from '../../support/builders.js';
import { readExpectedOutput } from '../support/expected-output.js';

export function graphSample(): Topology {
  return topology(
    vhost({
      name: '/',
      exchanges: [
        exchange({ name: 'orders', type: 'topic', arguments: { 'alternate-exchange': 'unrouted' } }),
        exchange({ name: 'unrouted', type: 'fanout', internal: true }),
        exchange({ name: 'dlx', type: 'direct' }),
        exchange({ name: 'pdf', type: 'headers' }),
        exchange({ name: 'later', type: 'x-delayed-message', durable: false }),
      ],
      queues: [
        queue({ name: 'billing', type: 'quorum', arguments: { 'x-dead-letter-exchange': 'dlx', 'x-dead-letter-routing-key': 'dead' } }),
        queue({ name: 'dead' }),
        queue({ name: 'retry', arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'billing' } }),
        queue({ name: 'temp.1', autoDelete: true }),
        queue({ name: 'listener', exclusive: true, serverNamed: true }),
      ],
      bindings: [
        binding({ source: 'orders', destination: 'billing', routingKey: 'order.created' }),
        binding({ source: 'orders', destination: 'billing', routingKey: 'order.paid' }),
        binding({ source: 'orders', destination: 'pdf', destinationType: 'exchange', routingKey: '#' }),
        binding({ source: 'pdf', destination: 'temp.1', arguments: { 'x-match': 'any', format: 'pdf', pages: 3, color: true, code: '7' } }),
        binding({ source: 'dlx', destination: 'dead', routingKey: 'dead' }),
        binding({ source: 'unrouted', destination: 'listener' }),
        binding({ source: 'amq.topic', destination: 'listener', routingKey: 'audit.#' }),
      ],
      policies: [policy({ name: 'temp-dlx', pattern: '^temp\\.', applyTo: 'queues', definition: { 'dead-letter-exchange': 'graveyard' } })],
    }),
  );
}

/** Names that break a naive writer of Mermaid or DOT. */
export const ODD_NAMES = [
  'say "hi"',
  'back\\slash \\N \\l',
  '#quot; #35; &amp; <b>bold</b>',
  'end',
  'subgraph',
  'graph',
  'a --> b',
  'x|y; z',
  '%% comment',
  '`markdown`',
  '{curly} [square] (round)',
  'ünïcödé 注文 🐇',
  'line\nbreak',
  'node',
  '/',
];

/** Every odd name as an exchange, a queue and a binding key, in two vhosts with odd names. */
export function oddTopology(): Topology {
  const vhostOf = (name: string) =>
    vhost({
      name,
      exchanges: ODD_NAMES.map((n) => exchange({ name: `x ${n}`, type: 'topic', arguments: { 'alternate-exchange': `x ${ODD_NAMES[0]}` } })),
      queues: ODD_NAMES.map((n) => queue({ name: n, arguments: { 'x-dead-letter-exchange': `x ${n}` } })),
      bindings: ODD_NAMES.flatMap((n) => [
        binding({ source: `x ${n}`, destination: n, routingKey: n }),
        binding({ source: `x ${n}`, destination: n, arguments: { 'x-match': 'all', [n]: n } }),
      ]),
    });
  return topology(vhostOf('/'), vhostOf('a "vhost" #1'));
}

/** The graph of graphSample() as a renderer draws it, kept in test/unit/graph/expected/ (sample.dot: in DOT). */
export function graphSampleOutput(name: string): string {
  return readExpectedOutput(import.meta.url, name);
}
