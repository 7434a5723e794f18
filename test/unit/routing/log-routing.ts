/**
 * The log routing of the RabbitMQ tutorials that several routing tests share: a topic
 * exchange with an alternate exchange, a fanout it feeds through an exchange-to-exchange
 * binding, and a headers exchange. Each test adds what it needs.
 */
import type { Binding, Exchange, Policy, Queue, RoutingTest, Topology } from '../../../src/model/topology.js';
import { bind, exchange, queue, topology, toExchange, vhostAsWritten } from '../../support/builders.js';

export interface LogRoutingExtras {
  exchanges?: Exchange[];
  bindings?: Binding[];
  policies?: Policy[];
  /** The `log-listener` queue; a plain durable queue unless given. */
  logListener?: Queue;
  tests?: RoutingTest[];
}

/** Source, queue and routing key of the plain queue bindings. */
const QUEUE_BINDINGS: readonly (readonly [string, string, string])[] = [
  ['topic_logs', 'audit', 'kern.*'],
  ['topic_logs', 'audit', '*.critical'],
  ['logs', 'log-listener', ''],
  ['unrouted', 'lost', ''],
];

export function logRouting(extras: LogRoutingExtras = {}): Topology {
  return {
    ...topology(
      vhostAsWritten({
        exchanges: [
          exchange({ name: 'topic_logs', type: 'topic', arguments: { 'alternate-exchange': 'unrouted' } }),
          exchange({ name: 'logs', type: 'fanout' }),
          exchange({ name: 'unrouted', type: 'fanout' }),
          exchange({ name: 'pdf_router', type: 'headers' }),
          ...(extras.exchanges ?? []),
        ],
        queues: [queue({ name: 'audit' }), extras.logListener ?? queue({ name: 'log-listener' }), queue({ name: 'lost' })],
        bindings: [
          ...QUEUE_BINDINGS.map(([source, destination, routingKey]) => bind(source, destination, routingKey)),
          toExchange('topic_logs', 'logs', '#.critical'),
          bind('pdf_router', 'audit', '', { 'x-match': 'all', format: 'pdf' }),
          ...(extras.bindings ?? []),
        ],
        policies: extras.policies ?? [],
      }),
    ),
    tests: extras.tests ?? [],
  };
}
