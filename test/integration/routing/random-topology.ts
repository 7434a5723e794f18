/**
 * Seeded generators of random topologies and messages for the differential routing test.
 * Small alphabets on purpose: patterns, keys and headers collide often, so most messages
 * reach something and the tricky cases (empty words, `#` runs, void arguments, cycles,
 * alternate exchanges) come up in every run.
 */
import type { ArgumentValue, Arguments, Binding, Exchange, Queue, Topology } from '../../../src/model/topology.js';
import { bindingKey } from '../../../src/model/identity.js';
import { seededRandom } from '../../support/seeded-random.js';

/** A seeded generator with helpers, so a failing seed replays exactly. */
export function prng(seed: number): Random {
  const next = seededRandom(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

export interface Random {
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

const WORDS = ['a', 'b', 'c', ''];
const HEADER_KEYS = ['h1', 'h2', 'h3', 'x-h'];
const HEADER_VALUES: ArgumentValue[] = [1, 2, 300, 1.5, '1', 'a', true, false, null];
const X_MATCH = ['all', 'any', 'all-with-x', 'any-with-x', undefined];
const BUILTIN_SOURCES = ['amq.direct', 'amq.fanout', 'amq.topic', 'amq.headers', 'amq.match'];
const BUILTIN_TYPES: Record<string, string> = {
  'amq.direct': 'direct',
  'amq.fanout': 'fanout',
  'amq.topic': 'topic',
  'amq.headers': 'headers',
  'amq.match': 'headers',
};

function words(r: Random, min: number, max: number, wildcards: number): string {
  const n = r.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.chance(wildcards) ? r.pick(['*', '#']) : r.pick(WORDS));
  return out.join('.');
}

function headerTable(r: Random, min: number, max: number): Arguments {
  const table: Arguments = {};
  const n = r.int(min, max);
  for (let i = 0; i < n; i++) table[r.pick(HEADER_KEYS)] = r.pick(HEADER_VALUES);
  return table;
}

/**
 * A random vhost `vhost`: 3–6 exchanges, 3–6 queues, 8–20 bindings; every declared name
 * starts with `prefix`, so several topologies can share a vhost one after the other.
 */
export function randomTopology(r: Random, vhost: string, prefix = ''): Topology {
  const exchanges: Exchange[] = [];
  const nx = r.int(3, 6);
  for (let i = 0; i < nx; i++) {
    const args: Arguments = {};
    if (r.chance(0.35)) args['alternate-exchange'] = r.chance(0.1) ? 'x-missing' : `${prefix}x${r.int(0, nx - 1)}`;
    exchanges.push({
      vhost,
      name: `${prefix}x${i}`,
      type: r.pick(['direct', 'fanout', 'topic', 'topic', 'headers', 'headers']),
      durable: false,
      autoDelete: false,
      internal: r.chance(0.15),
      arguments: args,
    });
  }
  const queues: Queue[] = Array.from({ length: r.int(3, 6) }, (_, i) => ({
    vhost,
    name: `${prefix}q${i}`,
    type: 'classic',
    durable: false,
    autoDelete: false,
    exclusive: false,
    serverNamed: false,
    arguments: {},
  }));
  const typeOf = (name: string) => exchanges.find((x) => x.name === name)?.type ?? BUILTIN_TYPES[name]!;
  const bindings = new Map<string, Binding>();
  const nb = r.int(8, 20);
  for (let i = 0; i < nb; i++) {
    const source = r.chance(0.1) ? r.pick(BUILTIN_SOURCES) : r.pick(exchanges).name;
    const toExchange = r.chance(0.3);
    const destination = toExchange ? r.pick(exchanges).name : r.pick(queues).name;
    const type = typeOf(source);
    const binding: Binding = {
      vhost,
      source,
      destination,
      destinationType: toExchange ? 'exchange' : 'queue',
      routingKey: type === 'topic' ? words(r, 0, 4, 0.35) : type === 'direct' ? words(r, 0, 2, 0) : '',
      arguments: {},
    };
    if (type === 'headers') {
      const xMatch = r.pick(X_MATCH);
      binding.arguments = { ...headerTable(r, 0, 3), ...(xMatch === undefined ? {} : { 'x-match': xMatch }) };
    }
    bindings.set(bindingKey(binding), binding);
  }
  return {
    vhosts: [
      { name: vhost, exchanges, queues, bindings: [...bindings.values()], policies: [], operatorPolicies: [], ignore: [] },
    ],
    tests: [],
  };
}

export interface RandomMessage {
  exchange: string;
  routingKey: string;
  headers: Arguments;
}

/**
 * A random message to a publishable exchange of `topology` (never an internal one), a
 * built-in one, or the default exchange (keyed by a queue name most of the time).
 */
export function randomMessage(r: Random, topology: Topology): RandomMessage {
  const vhost = topology.vhosts[0]!;
  const publishable = vhost.exchanges.filter((x) => !x.internal).map((x) => x.name);
  const roll = r.next();
  const exchange =
    roll < 0.1 ? '' : roll < 0.2 || publishable.length === 0 ? r.pick(BUILTIN_SOURCES) : r.pick(publishable);
  const routingKey =
    exchange === '' && r.chance(0.8)
      ? r.pick(vhost.queues).name
      : r.chance(0.05)
        ? words(r, 1, 3, 0.5)
        : words(r, 0, 4, 0);
  const headers = headerTable(r, 0, 3);
  if (r.chance(0.1)) headers.CC = Array.from({ length: r.int(1, 2) }, () => words(r, 0, 3, 0));
  return { exchange, routingKey, headers };
}
