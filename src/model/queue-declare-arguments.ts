import type { Arguments, Queue } from './topology.js';

/**
 * The arguments a queue is declared with: its own, and always its type as `x-queue-type`. Even
 * classic, the default: in a vhost whose default queue type is quorum (RabbitMQ 3.11+, or set by
 * `rabbitmqctl add_vhost --default-queue-type` on 3.10) a queue declared without it becomes a
 * quorum queue. Every supported version (3.10 included) accepts `x-queue-type: classic`.
 */
export function queueDeclareArguments(queue: Pick<Queue, 'type' | 'arguments'>): Arguments {
  return { ...queue.arguments, 'x-queue-type': queue.type };
}
