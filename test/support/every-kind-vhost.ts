/**
 * One vhost holding every kind of object topo manages in a vhost, written twice,
 * independently: as the RabbitMQ definitions (and operator policy, which definitions cannot
 * hold) that declare it the broker's own way, and as the normalized model that reading it
 * back must give. Names that need URL-encoding, an internal alternate exchange, a transient
 * exchange and queue, quorum and stream queues, headers and exchange-to-exchange bindings, a
 * binding from an `amq.*` exchange, a routing key with `/`, a space and `#`.
 */
import type { Vhost } from '../../src/model/topology.js';
import { binding, exchange, policy, queue, readVhost } from './builders.js';
import { bindingDefinition, exchangeDefinition, queueDefinition } from './definitions-rows.js';

export const EVERY_KIND_DEFINITIONS = {
  exchanges: [
    exchangeDefinition('topic_logs', 'topic', { arguments: { 'alternate-exchange': 'un/routed %' } }),
    exchangeDefinition('un/routed %', 'fanout', { internal: true }),
    exchangeDefinition('pdf router/#%', 'headers'),
    exchangeDefinition('scratchpad', 'direct', { durable: false, auto_delete: true }),
  ],
  queues: [
    queueDefinition('hello'),
    queueDefinition('orders', { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 }),
    queueDefinition('audit ü/1', { 'x-message-ttl': 60000, 'x-dead-letter-exchange': 'un/routed %' }),
    queueDefinition('events', { 'x-queue-type': 'stream', 'x-max-age': '7D' }),
    queueDefinition('temp', {}, { durable: false, auto_delete: true }),
  ],
  bindings: [
    bindingDefinition('topic_logs', 'audit ü/1', 'kern.*'),
    bindingDefinition('topic_logs', 'audit ü/1', '*.critical'),
    bindingDefinition('pdf router/#%', 'audit ü/1', '', { arguments: { 'x-match': 'all', format: 'pdf' } }),
    bindingDefinition('topic_logs', 'un/routed %', '#', { destination_type: 'exchange' }),
    bindingDefinition('amq.fanout', 'hello'),
    bindingDefinition('scratchpad', 'orders', 'a/b #'),
  ],
  policies: [{ name: 'temp ttl/%', pattern: '^temp\\.', 'apply-to': 'queues', priority: 2, definition: { 'message-ttl': 60000 } }],
};

/** The operator policy, for `PUT /api/operator-policies/{vhost}/{name}`. */
export const EVERY_KIND_OPERATOR_POLICY = {
  name: 'cap',
  body: { pattern: '.*', 'apply-to': 'queues', priority: 1, definition: { 'max-length': 100000 } },
};

/** The same objects in the vhost `name`, as the broker reader gives them; `metadata` is the vhost's own. */
export function everyKindVhost(name: string, metadata: Pick<Vhost, 'description' | 'tags' | 'defaultQueueType'> = {}): Vhost {
  return readVhost({
    name,
    ...metadata,
    exchanges: [
      exchange({ name: 'pdf router/#%', type: 'headers' }),
      exchange({ name: 'scratchpad', type: 'direct', durable: false, autoDelete: true }),
      exchange({ name: 'topic_logs', type: 'topic', arguments: { 'alternate-exchange': 'un/routed %' } }),
      exchange({ name: 'un/routed %', type: 'fanout', internal: true }),
    ],
    queues: [
      queue({ name: 'audit ü/1', arguments: { 'x-dead-letter-exchange': 'un/routed %', 'x-message-ttl': 60000 } }),
      queue({ name: 'events', type: 'stream', arguments: { 'x-max-age': '7D' } }),
      queue({ name: 'hello' }),
      queue({ name: 'orders', type: 'quorum', arguments: { 'x-delivery-limit': 5 } }),
      queue({ name: 'temp', durable: false, autoDelete: true }),
    ],
    bindings: [
      binding({ source: 'amq.fanout', destination: 'hello' }),
      binding({ source: 'pdf router/#%', destination: 'audit ü/1', arguments: { format: 'pdf', 'x-match': 'all' } }),
      binding({ source: 'scratchpad', destination: 'orders', routingKey: 'a/b #' }),
      binding({ source: 'topic_logs', destination: 'un/routed %', destinationType: 'exchange', routingKey: '#' }),
      binding({ source: 'topic_logs', destination: 'audit ü/1', routingKey: '*.critical' }),
      binding({ source: 'topic_logs', destination: 'audit ü/1', routingKey: 'kern.*' }),
    ],
    policies: [policy({ name: 'temp ttl/%', pattern: '^temp\\.', priority: 2, definition: { 'message-ttl': 60000 } })],
    operatorPolicies: [policy({ name: 'cap', pattern: '.*', priority: 1, definition: { 'max-length': 100000 } })],
  });
}
