import type { Queue } from './topology.js';

/**
 * The argument that marks a holding queue of `topo apply --migrate`: its value is the name of
 * the queue whose messages it holds while that queue is re-created. It is the only state a
 * migration keeps, and it lives on the broker: a later plan finds the queue by this argument
 * (never by its name, which depends on the vhost's policies) and completes the migration.
 * RabbitMQ stores unknown queue arguments and ignores them, on 3.10 and 4.x alike.
 */
export const HOLDING_QUEUE_ARGUMENT = 'x-topo-migration-of';

/** The name of the queue whose messages `queue` holds, or undefined when it is not a holding queue. */
export function holdingQueueOf(queue: Pick<Queue, 'arguments'>): string | undefined {
  const of = queue.arguments[HOLDING_QUEUE_ARGUMENT];
  return typeof of === 'string' ? of : undefined;
}

/**
 * The arguments a holding queue is declared with. Always a classic queue, named explicitly: on
 * RabbitMQ 4.x a vhost's default queue type could otherwise make it a quorum queue. Classic,
 * because it can be deleted `if-empty` on every supported version, has no delivery limit, and
 * keeps persistent messages on disk; the trade-off (one node holds it in a cluster) is in
 * docs/apply.md.
 */
export function holdingQueueArguments(of: string): { 'x-queue-type': 'classic'; [HOLDING_QUEUE_ARGUMENT]: string } {
  return { 'x-queue-type': 'classic', [HOLDING_QUEUE_ARGUMENT]: of };
}
