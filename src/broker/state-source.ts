/**
 * Where a vhost's queues, bindings and policies are read from, per broker: whichever grows
 * linearly there, as measured by `node dist/bench/read-strategies.js` (docs/benchmark.md,
 * "Reading the state"), not as documented.
 *
 * - `definitions`: one `GET /api/definitions/{vhost}`. RabbitMQ 4.3.6 (Khepri) answers it
 *   fastest of all the ways, and in time that grows with the vhost.
 * - `listings`: the queue (`disable_stats`, `columns`), binding and policy listings in
 *   parallel. RabbitMQ 3.10.8 (Mnesia) exports one vhost in time that grows far faster than its
 *   size (10k objects 0.8 s, 20k 16 s, 40k 29 s on this machine), where its listings grow much
 *   less (0.9 s, 3.2 s; the queue listing 0.4 s, 2.4 s, 6.1 s).
 *
 * Paging (`page`/`page_size`) is never used for the state: both brokers build the whole listing
 * for every page, so reading N pages costs N listings (3.10.8: 40k objects paged by 500, 190 s),
 * and the binding listing has no pages at all.
 */
export type StateSource = 'definitions' | 'listings';

/**
 * The source for a broker of `version` (`rabbitmq_version`). RabbitMQ before 4.0 stores its
 * metadata in Mnesia like 3.10; an unknown version reads the listings, which every broker
 * answers within reason.
 */
export function stateSourceFor(version: string | undefined): StateSource {
  const major = Number(/^(\d+)\./.exec(version ?? '')?.[1]);
  return Number.isInteger(major) && major >= 4 ? 'definitions' : 'listings';
}
