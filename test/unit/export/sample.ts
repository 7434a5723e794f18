/** A small topology that uses every feature the spec format has, for whole-output tests. */
import type { Topology } from '../../../src/model/topology.js';
import { binding, exchange, policy, queue, topology, vhost } from '../../support/builders.js';

export function sampleTopology(): Topology {
  const t = topology(
    vhost({
      name: '/',
      description: 'Order events',
      tags: ['orders', 'prod'],
      exchanges: [
        exchange({ name: 'orders', type: 'topic', arguments: { 'alternate-exchange': 'unrouted' } }),
        exchange({ name: 'unrouted', type: 'fanout', internal: true }),
        exchange({ name: 'dlx', type: 'direct' }),
        exchange({ name: 'pdf', type: 'headers', durable: false, autoDelete: true }),
        exchange({ name: 'delayed', type: 'x-delayed-message', arguments: { 'x-delayed-type': 'direct' } }),
      ],
      queues: [
        queue({ name: 'hello' }),
        queue({ name: 'billing', type: 'quorum', arguments: { 'x-delivery-limit': 5, 'x-dead-letter-exchange': 'dlx' } }),
        queue({ name: 'history', type: 'stream', arguments: { 'x-max-age': '7D' } }),
        queue({ name: 'scratch', durable: false, autoDelete: true }),
        queue({ name: 'listener', exclusive: true, serverNamed: true }),
        queue({ name: 'dead', arguments: { 'x-message-ttl': 60000 } }),
      ],
      bindings: [
        binding({ source: 'orders', destination: 'billing', routingKey: 'order.created' }),
        binding({ source: 'orders', destination: 'billing', routingKey: 'order.paid' }),
        binding({ source: 'orders', destination: 'history', routingKey: '#' }),
        binding({ source: 'orders', destination: 'pdf', destinationType: 'exchange' }),
        binding({ source: 'pdf', destination: 'hello', arguments: { 'x-match': 'all', format: 'pdf', pages: 3, color: true, department: 'accounting' } }),
        binding({ source: 'dlx', destination: 'dead', routingKey: 'billing' }),
        binding({ source: 'unrouted', destination: 'listener' }),
        binding({ source: 'amq.fanout', destination: 'scratch' }),
      ],
      policies: [
        policy({ name: 'ttl', pattern: '^scratch$', applyTo: 'queues', definition: { 'message-ttl': 1000 } }),
        policy({ name: 'lazy', pattern: '.*', applyTo: 'all', priority: -1, definition: { 'queue-mode': 'lazy' } }),
      ],
      operatorPolicies: [policy({ name: 'cap', pattern: '.*', definition: { 'max-length': 100000 } })],
      ignore: ['^tmp\\.'],
    }),
    vhost({ name: 'staging' }),
  );
  t.tests = [
    { name: 'paid orders reach billing', vhost: '/', exchange: 'orders', routingKey: 'order.paid', headers: {}, expect: ['billing', 'history'] },
  ];
  return t;
}
