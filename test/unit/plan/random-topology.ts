/**
 * Seeded random topologies for property tests: small name pools (with odd characters) so
 * that two random topologies share objects, and every kind of difference occurs.
 */
import type { NormalizedTopology } from '../../../src/model/normalized-topology.js';
import type { ArgumentValue, Arguments, Binding, Topology, Vhost } from '../../../src/model/topology.js';
import { binding, exchange, policy, queue, topology, vhost } from '../../support/builders.js';
import { seededRandom } from '../../support/seeded-random.js';

export type Random = () => number;

/** A seeded generator, so a failing seed can be replayed. */
export const random: (seed: number) => Random = seededRandom;

export const pick = <T>(next: Random, list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
const some = <T>(next: Random, list: readonly T[], p = 0.5): T[] => list.filter(() => next() < p);

const VHOSTS = ['/', 'v 1', 'ünï/%23'];
const EXCHANGES = ['e1', 'e2', 'logs.#', 'e %', 'ign.e'];
const QUEUES = ['q1', 'q2', 'q/3', 'q #', 'ign.q', 'ü'];
const ARGUMENTS: Record<string, readonly ArgumentValue[]> = {
  'x-message-ttl': [1000, 2000],
  'x-max-length': [5],
  'x-custom': ['1', 1, true, { a: 1, b: [1, 2] }],
};

function randomArguments(next: Random): Arguments {
  const out: Arguments = {};
  for (const key of some(next, Object.keys(ARGUMENTS), 0.25)) out[key] = pick(next, ARGUMENTS[key] ?? []);
  return out;
}

export interface RandomOptions {
  /** Spec only: exclusive (runtime) queues. */
  exclusive?: boolean;
  /** Spec only: an `ignore` pattern for names starting with `ign.`. */
  ignore?: boolean;
}

function randomVhost(next: Random, name: string, options: RandomOptions): Vhost {
  // What exchanges and queues have alike, drawn in this order (a seed must give the same topology).
  const randomObject = <T extends string>(name: string, types: readonly T[]) => ({
    name,
    type: pick(next, types),
    durable: next() < 0.8,
    autoDelete: next() < 0.15,
  });
  const exchanges = some(next, EXCHANGES).map((n) =>
    exchange({ ...randomObject(n, ['direct', 'topic', 'fanout'] as const), internal: next() < 0.1, arguments: randomArguments(next) }),
  );
  const queues = some(next, QUEUES).map((n) =>
    queue({ ...randomObject(n, ['classic', 'classic', 'quorum'] as const), exclusive: Boolean(options.exclusive) && next() < 0.15, arguments: randomArguments(next) }),
  );
  const sources = [...exchanges.map((e) => e.name), 'amq.direct'];
  const bindings: Binding[] = [];
  for (let i = 0; i < 8; i++) {
    const toExchange = next() < 0.3 && exchanges.length > 0;
    const targets: readonly { name: string }[] = toExchange ? exchanges : queues;
    if (targets.length === 0) continue;
    bindings.push(
      binding({
        source: pick(next, sources),
        destination: pick(next, targets).name,
        destinationType: toExchange ? 'exchange' : 'queue',
        routingKey: pick(next, ['', 'a.*', '#']),
        arguments: pick<Arguments>(next, [{}, {}, { 'x-match': 'all', format: 'pdf' }]),
      }),
    );
  }
  const randomPolicy = (n: string) =>
    policy({ name: n, pattern: pick(next, ['^a', '.*']), priority: pick(next, [0, 1]), definition: randomArguments(next) });
  return vhost({
    name,
    ...(next() < 0.3 && { description: pick(next, ['', 'd']) }),
    ...(next() < 0.3 && { tags: some(next, ['a', 'b']) }),
    exchanges,
    queues,
    bindings,
    policies: some(next, ['p1', 'p 2']).map(randomPolicy),
    operatorPolicies: some(next, ['op']).map(randomPolicy),
    ignore: options.ignore && next() < 0.5 ? ['^ign\\.'] : [],
  });
}

export function randomTopology(next: Random, options: RandomOptions = {}): NormalizedTopology {
  return topology(...some(next, VHOSTS, 0.7).map((name) => randomVhost(next, name, options)));
}

/** A random message count per queue of `t`, keyed by namedKey. */
export function randomMessages(next: Random, t: Topology): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of t.vhosts) for (const q of v.queues) if (next() < 0.5) out.set(`${v.name}\u0000${q.name}`, pick(next, [0, 3]));
  return out;
}
