/**
 * One topology written twice, independently: as a topo spec, and as the RabbitMQ definitions
 * (plus operator policy) that declare the same objects. Every kind of object, names that need
 * URL-encoding, a quorum queue, exchange-to-exchange and headers bindings, and a runtime
 * (exclusive) queue that apply must leave to applications.
 */
import { enc, mgmt } from '../../support/broker.js';
import { importDefinitions, q } from './support.js';

export function fixtureSpec(vhost: string): string {
  return `version: 1
vhosts:
  ${q(vhost)}:
    exchanges:
      orders: { type: topic }
      events: { type: fanout, alternateExchange: unrouted }
      unrouted: { type: fanout }
      docs: { type: headers }
    queues:
      order-created: { arguments: { x-message-ttl: 60000, x-dead-letter-exchange: unrouted } }
      billing: { type: quorum, arguments: { x-delivery-limit: 5 } }
      unrouted-log: {}
      "odd name/ü #": { durable: true }
      listener: { exclusive: true, serverNamed: true }
    bindings:
      - { source: orders, destination: order-created, routingKey: order.created }
      - { source: orders, destination: billing, routingKeys: ["order.*", "invoice.#"] }
      - { source: events, destination: orders, destinationType: exchange, routingKey: "#" }
      - { source: unrouted, destination: unrouted-log }
      - { source: docs, destination: "odd name/ü #", arguments: { x-match: all, format: pdf } }
      - { source: events, destination: listener }
    policies:
      ttl: { pattern: "^temp\\\\.", applyTo: queues, priority: 1, definition: { message-ttl: 60000 } }
    operatorPolicies:
      cap: { pattern: ".*", applyTo: queues, definition: { max-length: 100000 } }
`;
}

/** The fixture's managed objects: what `topo apply` of `fixtureSpec` must leave on the broker. */
export const FIXTURE_DEFINITIONS = {
  exchanges: [
    { name: 'orders', type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} },
    { name: 'events', type: 'fanout', durable: true, auto_delete: false, internal: false, arguments: { 'alternate-exchange': 'unrouted' } },
    { name: 'unrouted', type: 'fanout', durable: true, auto_delete: false, internal: false, arguments: {} },
    { name: 'docs', type: 'headers', durable: true, auto_delete: false, internal: false, arguments: {} },
  ],
  queues: [
    { name: 'order-created', durable: true, auto_delete: false, arguments: { 'x-message-ttl': 60000, 'x-dead-letter-exchange': 'unrouted' } },
    { name: 'billing', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 } },
    { name: 'unrouted-log', durable: true, auto_delete: false, arguments: {} },
    { name: 'odd name/ü #', durable: true, auto_delete: false, arguments: {} },
  ],
  bindings: [
    { source: 'orders', destination: 'order-created', destination_type: 'queue', routing_key: 'order.created', arguments: {} },
    { source: 'orders', destination: 'billing', destination_type: 'queue', routing_key: 'order.*', arguments: {} },
    { source: 'orders', destination: 'billing', destination_type: 'queue', routing_key: 'invoice.#', arguments: {} },
    { source: 'events', destination: 'orders', destination_type: 'exchange', routing_key: '#', arguments: {} },
    { source: 'unrouted', destination: 'unrouted-log', destination_type: 'queue', routing_key: '', arguments: {} },
    { source: 'docs', destination: 'odd name/ü #', destination_type: 'queue', routing_key: '', arguments: { 'x-match': 'all', format: 'pdf' } },
  ],
  policies: [{ name: 'ttl', pattern: '^temp\\.', 'apply-to': 'queues', priority: 1, definition: { 'message-ttl': 60000 } }],
};

export const FIXTURE_OPERATOR_POLICY = {
  name: 'cap',
  body: { pattern: '.*', 'apply-to': 'queues', priority: 0, definition: { 'max-length': 100000 } },
};

/** Declares the fixture's objects in `vhost` the broker's own way: a definitions import. */
export async function importFixture(vhost: string): Promise<void> {
  await importDefinitions(vhost, FIXTURE_DEFINITIONS);
  await mgmt('PUT', `/operator-policies/${enc(vhost)}/${FIXTURE_OPERATOR_POLICY.name}`, FIXTURE_OPERATOR_POLICY.body);
}
