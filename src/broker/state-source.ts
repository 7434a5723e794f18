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
 *   less (0.9 s, 3.2 s; the queue listing 0.4 s, 2.4 s, 6.1 s); up to 10k objects per vhost
 *   its export is the cheaper (see `MNESIA_EXPORT_LIMIT`).
 *
 * Paging (`page`/`page_size`) is never used for the state: both brokers build the whole listing
 * for every page, so reading N pages costs N listings (3.10.8: 40k objects paged by 500, 190 s),
 * and the binding listing has no pages at all.
 */
export type StateSource = 'definitions' | 'listings';

/**
 * RabbitMQ 3.x exports a vhost of up to this many queues and bindings faster than it lists
 * them (10 vhosts of 10,000: 4.5 to 7.0 s against 8.8 to 9.6 s for the listings, all in
 * parallel, 3.10.8 on this 2-core machine), and a larger one far slower (×20 from 10k to 20k).
 */
export const MNESIA_EXPORT_LIMIT = 10_000;

/**
 * The source for a vhost on a broker of `version` (`rabbitmq_version`) that is expected to
 * hold `expected` queues and bindings (its spec's; undefined when not known). RabbitMQ
 * before 4.0 stores its metadata in Mnesia like 3.10: the export up to MNESIA_EXPORT_LIMIT,
 * else the listings; an unknown version reads the listings, which every broker answers within
 * reason. A 3.x vhost much larger than its spec is read the slow way: the broker's size is not
 * known before it is read.
 */
export function stateSourceFor(version: string | undefined, expected?: number): StateSource {
  const major = Number(/^(\d+)\./.exec(version ?? '')?.[1]);
  if (!Number.isInteger(major)) return 'listings';
  if (major >= 4) return 'definitions';
  return expected !== undefined && expected <= MNESIA_EXPORT_LIMIT ? 'definitions' : 'listings';
}
