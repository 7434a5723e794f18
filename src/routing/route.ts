import type { Arguments, Binding, DestinationType } from '../model/topology.js';
import { compareStrings } from '../text/compare-strings.js';
import { headersMatch } from './headers-match.js';
import type { CompiledExchange, RouteTable } from './route-table.js';
import { routingKeysOf } from './routing-keys.js';
import { matchTopic } from './topic-trie.js';

/** A message to route: what a publisher passes to basic.publish. */
export interface RouteMessage {
  /** The exchange published to; `""` is the default exchange. */
  exchange: string;
  routingKey: string;
  /** Message headers; values keep their types (`5` is not `"5"`). */
  headers?: Arguments;
}

/**
 * Why a message could not be routed at all:
 * - `unknown-exchange`: the exchange published to does not exist (RabbitMQ: NOT_FOUND);
 * - `internal-exchange`: it is internal (RabbitMQ: ACCESS_REFUSED);
 * - `invalid-routing-header`: a `CC` or `BCC` header is not an array (RabbitMQ refuses it);
 * - `unsupported-exchange-type`: the message reached an exchange whose type routes by hash
 *   (x-consistent-hash, ...), or one that picks at random among exchanges (x-random bound to
 *   an exchange), which topo cannot predict.
 */
export type RouteError =
  | 'unknown-exchange'
  | 'internal-exchange'
  | 'invalid-routing-header'
  | 'unsupported-exchange-type';

/**
 * What happened at the end of a hop:
 * - queues: `delivered` (first copy), `duplicate` (the queue already had it: a queue gets
 *   a message at most once), `one-of` (a candidate of an exchange that picks one at random:
 *   see `RouteResult.oneOf`);
 * - exchanges: `entered` (routed onward), `already-visited` (each exchange routes a message
 *   once, which is how cycles end), `missing` (not declared: RabbitMQ skips it).
 */
export type HopOutcome = 'delivered' | 'duplicate' | 'one-of' | 'entered' | 'already-visited' | 'missing';

/** A binding of `source` that matched the message. */
export interface BindingHop {
  via: 'binding';
  source: string;
  destination: string;
  destinationType: DestinationType;
  routingKey: string;
  arguments: Arguments;
  outcome: HopOutcome;
}

/** `source` matched no binding at all, so the message went to its alternate exchange. */
export interface AlternateExchangeHop {
  via: 'alternate-exchange';
  source: string;
  destination: string;
  destinationType: 'exchange';
  /** The policy that set the alternate exchange, when the exchange's argument did not. */
  policy?: string;
  outcome: HopOutcome;
}

/** The default exchange delivered to the queue named by a routing key. */
export interface DefaultExchangeHop {
  via: 'default-exchange';
  source: '';
  destination: string;
  destinationType: 'queue';
  routingKey: string;
  outcome: HopOutcome;
}

/** One step of a message's way through the vhost. */
export type RouteHop = BindingHop | AlternateExchangeHop | DefaultExchangeHop;

/** Where a message lands, and how it got there. */
export interface RouteResult {
  /** The queues (spec names) that receive the message for sure; sorted, unique. Empty on error. */
  queues: string[];
  /**
   * Groups of queues of which exactly one receives the message, picked at random by an
   * exchange on the way (x-local-random, x-random): one group per such exchange, each sorted,
   * groups in the order the message reached them. Absent when there is none.
   */
  oneOf?: string[][];
  /**
   * Every binding that fired and every alternate exchange used, each exchange's hops in the
   * topology's binding order, exchanges in the order the message reached them.
   */
  path: RouteHop[];
  /** Some exchange on the way matched no binding and used its alternate exchange. */
  alternateExchangeUsed: boolean;
  error?: RouteError;
  /** The exchange the error is about. */
  errorExchange?: string;
}

/**
 * Routes `message` through `table` exactly as RabbitMQ does (rabbit_exchange:route): starting
 * at the exchange published to, each exchange reached routes the message once by its type;
 * bindings to exchanges are followed, cycles included; an exchange whose own bindings matched
 * nothing (not even one to another exchange) hands the message to its alternate exchange. An
 * exchange that picks one of several queues at random adds a group to `oneOf` rather than
 * guessing (x-local-random picks among the queues on the publisher's node: offline, every
 * queue is taken for local, as on a single node). Pure and synchronous.
 */
export function route(table: RouteTable, message: RouteMessage): RouteResult {
  const headers = message.headers ?? {};
  const fail = (error: RouteError, path: RouteHop[] = []): RouteResult => ({
    queues: [],
    path,
    alternateExchangeUsed: false,
    error,
    errorExchange: message.exchange,
  });
  const start = message.exchange === '' ? undefined : table.exchanges.get(message.exchange);
  if (message.exchange !== '' && !start) return fail('unknown-exchange');
  if (start?.internal) return fail('internal-exchange');
  const keys = routingKeysOf(message.routingKey, headers);
  if (!keys) return fail('invalid-routing-header');

  const queues = new Set<string>();
  const path: RouteHop[] = [];
  const toQueue = (name: string): HopOutcome => {
    if (queues.has(name)) return 'duplicate';
    queues.add(name);
    return 'delivered';
  };

  if (!start) {
    for (const key of [...new Set(keys)].sort(compareStrings)) {
      if (!table.defaultExchangeQueues.has(key)) continue;
      path.push({ via: 'default-exchange', source: '', destination: key, destinationType: 'queue', routingKey: key, outcome: toQueue(key) });
    }
    return { queues: [...queues].sort(compareStrings), path, alternateExchangeUsed: false };
  }

  const visited = new Set<string>([start.name]);
  const work: CompiledExchange[] = [start];
  const toExchange = (name: string): HopOutcome => {
    if (visited.has(name)) return 'already-visited';
    const next = table.exchanges.get(name);
    if (!next) return 'missing';
    visited.add(name);
    work.push(next);
    return 'entered';
  };

  let alternateExchangeUsed = false;
  const oneOf: string[][] = [];
  for (let exchange = work.shift(); exchange; exchange = work.shift()) {
    if (exchange.matcher.kind === 'unsupported') {
      return { ...fail('unsupported-exchange-type', path), errorExchange: exchange.name };
    }
    const fired = matchingBindings(exchange, keys, headers);
    const choice = exchange.matcher.kind === 'random' ? randomChoice(fired) : undefined;
    if (choice === 'unpredictable') return { ...fail('unsupported-exchange-type', path), errorExchange: exchange.name };
    if (choice) {
      oneOf.push(choice.queues);
      for (const b of choice.bindings) path.push({ ...bindingHop(b), outcome: 'one-of' });
      continue;
    }
    if (fired.length === 0 && exchange.alternate) {
      alternateExchangeUsed = true;
      const { exchange: destination, policy } = exchange.alternate;
      path.push({
        via: 'alternate-exchange',
        source: exchange.name,
        destination,
        destinationType: 'exchange',
        ...(policy === undefined ? {} : { policy }),
        outcome: toExchange(destination),
      });
    }
    for (const b of fired) {
      path.push({ ...bindingHop(b), outcome: b.destinationType === 'queue' ? toQueue(b.destination) : toExchange(b.destination) });
    }
  }
  return { queues: [...queues].sort(compareStrings), ...(oneOf.length > 0 ? { oneOf } : {}), path, alternateExchangeUsed };
}

function bindingHop(b: Binding): Omit<BindingHop, 'outcome'> {
  return { via: 'binding', source: b.source, destination: b.destination, destinationType: b.destinationType, routingKey: b.routingKey, arguments: b.arguments };
}

/**
 * What an exchange that picks at random does with the bindings that matched: nothing special
 * when they lead to one destination (it is that one, as RabbitMQ routes a single match); a
 * choice among several queues; `unpredictable` when the choice may fall on an exchange, whose
 * own routing would then depend on the draw.
 */
function randomChoice(fired: readonly Binding[]): { queues: string[]; bindings: readonly Binding[] } | 'unpredictable' | undefined {
  const destinations = new Set(fired.map((b) => `${b.destinationType}\u0000${b.destination}`));
  if (destinations.size < 2) return undefined;
  if (fired.some((b) => b.destinationType === 'exchange')) return 'unpredictable';
  return { queues: [...new Set(fired.map((b) => b.destination))].sort(compareStrings), bindings: fired };
}

/** The bindings of `exchange` that match, in binding order, each once. */
function matchingBindings(exchange: CompiledExchange, keys: readonly string[], headers: Arguments): Binding[] {
  const { bindings, matcher } = exchange;
  switch (matcher.kind) {
    case 'fanout':
      return [...bindings];
    case 'headers':
      return bindings.filter((b) => headersMatch(b.arguments, headers));
    case 'direct':
      return pick(bindings, keys.flatMap((key) => matcher.byRoutingKey.get(key) ?? []));
    case 'topic':
      return pick(bindings, keys.flatMap((key) => matchTopic(matcher.trie, key)));
    case 'random':
      // x-local-random matches the bindings of the empty key (its validation allows no other).
      return matcher.emptyKeyOnly ? bindings.filter((b) => b.routingKey === '') : [...bindings];
    case 'unsupported':
      return [];
    default: {
      const impossible: never = matcher;
      return impossible;
    }
  }
}

function pick(bindings: readonly Binding[], indices: number[]): Binding[] {
  return [...new Set(indices)].sort((a, b) => a - b).map((i) => bindings[i] as Binding);
}
