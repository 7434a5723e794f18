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
 * - `unsupported-exchange-type`: the message reached an exchange whose type routes by
 *   chance or by hash (x-consistent-hash, x-random, ...), which topo cannot predict.
 */
export type RouteError =
  | 'unknown-exchange'
  | 'internal-exchange'
  | 'invalid-routing-header'
  | 'unsupported-exchange-type';

/**
 * What happened at the end of a hop:
 * - queues: `delivered` (first copy), `duplicate` (the queue already had it: a queue gets
 *   a message at most once);
 * - exchanges: `entered` (routed onward), `already-visited` (each exchange routes a message
 *   once, which is how cycles end), `missing` (not declared: RabbitMQ skips it).
 */
export type HopOutcome = 'delivered' | 'duplicate' | 'entered' | 'already-visited' | 'missing';

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
  /** The queues (spec names) that receive the message; sorted, unique. Empty on error. */
  queues: string[];
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
 * Routes `message` through `table` exactly as RabbitMQ 3.x does (rabbit_exchange:route):
 * starting at the exchange published to, each exchange reached routes the message once by
 * its type; bindings to exchanges are followed, cycles included; an exchange whose own
 * bindings matched nothing (not even one to another exchange) hands the message to its
 * alternate exchange. Pure and synchronous.
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
  for (let exchange = work.shift(); exchange; exchange = work.shift()) {
    if (exchange.matcher.kind === 'unsupported') {
      return { ...fail('unsupported-exchange-type', path), errorExchange: exchange.name };
    }
    const fired = matchingBindings(exchange, keys, headers);
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
      const outcome = b.destinationType === 'queue' ? toQueue(b.destination) : toExchange(b.destination);
      path.push({
        via: 'binding',
        source: b.source,
        destination: b.destination,
        destinationType: b.destinationType,
        routingKey: b.routingKey,
        arguments: b.arguments,
        outcome,
      });
    }
  }
  return { queues: [...queues].sort(compareStrings), path, alternateExchangeUsed };
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
