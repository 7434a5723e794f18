/**
 * One topology written twice, independently: as a topo spec, and as the RabbitMQ definitions
 * (plus operator policy) that declare the same objects. Every kind of object, names that need
 * URL-encoding, a quorum queue, exchange-to-exchange and headers bindings, and a runtime
 * (exclusive) queue that apply must leave to applications.
 */
import { enc, mgmt } from '../../support/broker.js';
import { bindingDefinition, exchangeDefinition, queueDefinition } from '../../support/definitions-rows.js';
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
    exchangeDefinition('orders', 'topic'),
    exchangeDefinition('events', 'fanout', { arguments: { 'alternate-exchange': 'unrouted' } }),
    exchangeDefinition('unrouted', 'fanout'),
    exchangeDefinition('docs', 'headers'),
  ],
  queues: [
    queueDefinition('order-created', { 'x-message-ttl': 60000, 'x-dead-letter-exchange': 'unrouted' }),
    queueDefinition('billing', { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 }),
    queueDefinition('unrouted-log'),
    queueDefinition('odd name/ü #'),
  ],
  bindings: [
    bindingDefinition('orders', 'order-created', 'order.created'),
    bindingDefinition('orders', 'billing', 'order.*'),
    bindingDefinition('orders', 'billing', 'invoice.#'),
    bindingDefinition('events', 'orders', '#', { destination_type: 'exchange' }),
    bindingDefinition('unrouted', 'unrouted-log'),
    bindingDefinition('docs', 'odd name/ü #', '', { arguments: { 'x-match': 'all', format: 'pdf' } }),
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
