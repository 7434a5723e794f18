import { BUILTIN_EXCHANGES, INTERNAL_BUILTIN_EXCHANGES } from '../model/builtin-exchanges.js';
import type { Arguments, Binding, ExchangeType, Topology } from '../model/topology.js';
import { alternateExchangeOf, type AlternateExchange } from './alternate-exchange.js';
import { buildTopicTrie, type TopicTrie } from './topic-trie.js';

/**
 * How one exchange picks bindings for a message, decided once per exchange type. `random`
 * exchanges deliver to one of their bindings, picked by chance: x-local-random (RabbitMQ 4.0;
 * bindings with an empty key, queues on the publisher's node) and x-random (plugin; every
 * binding). Types that route by hash (x-consistent-hash, x-modulus-hash, ...) cannot be
 * simulated.
 */
export type BindingMatcher =
  | { kind: 'direct'; byRoutingKey: ReadonlyMap<string, readonly number[]> }
  | { kind: 'fanout' }
  | { kind: 'topic'; trie: TopicTrie }
  | { kind: 'headers' }
  | { kind: 'random'; emptyKeyOnly: boolean }
  | { kind: 'unsupported' };

/** One exchange of the vhost, ready to route. */
export interface CompiledExchange {
  name: string;
  type: ExchangeType;
  /** Cannot be published to directly; reachable through bindings and as an alternate exchange. */
  internal: boolean;
  /** Built into every vhost (`amq.*`), not declared by the spec. */
  builtin: boolean;
  alternate?: AlternateExchange;
  /** The bindings whose source is this exchange, in the topology's order. */
  bindings: readonly Binding[];
  matcher: BindingMatcher;
}

/**
 * A vhost compiled for routing: build it once with `compileRoutes`, then route any number of
 * messages through it with `route`. Immutable; never refers back to the Topology.
 */
export interface RouteTable {
  vhost: string;
  /** Declared and built-in exchanges by name; never the default exchange `""`. */
  exchanges: ReadonlyMap<string, CompiledExchange>;
  /**
   * Queues the default exchange reaches by name: every declared queue except server-named
   * ones, whose spec name is only a handle (the broker names them `amq.gen-…`).
   */
  defaultExchangeQueues: ReadonlySet<string>;
}

/**
 * Compiles one vhost of `topology`. A vhost the topology does not declare compiles to the
 * built-in exchanges alone; callers that must refuse unknown vhosts check first.
 */
export function compileRoutes(topology: Topology, vhost: string): RouteTable {
  const declared = topology.vhosts.find((v) => v.name === vhost);
  const bindingsBySource = new Map<string, Binding[]>();
  for (const binding of declared?.bindings ?? []) {
    const list = bindingsBySource.get(binding.source) ?? [];
    list.push(binding);
    bindingsBySource.set(binding.source, list);
  }
  const policies = declared?.policies ?? [];
  const exchanges = new Map<string, CompiledExchange>();
  const add = (name: string, type: ExchangeType, internal: boolean, builtin: boolean, args: Arguments) => {
    const bindings = bindingsBySource.get(name) ?? [];
    const alternate = alternateExchangeOf({ name, arguments: args }, policies);
    exchanges.set(name, {
      name,
      type,
      internal,
      builtin,
      ...(alternate ? { alternate } : {}),
      bindings,
      matcher: matcherFor(routingType(type, args), bindings),
    });
  };
  for (const [name, type] of BUILTIN_EXCHANGES) add(name, type, INTERNAL_BUILTIN_EXCHANGES.has(name), true, {});
  for (const x of declared?.exchanges ?? []) add(x.name, x.type, x.internal, false, x.arguments);
  const defaultExchangeQueues = new Set(
    (declared?.queues ?? []).filter((q) => !q.serverNamed).map((q) => q.name),
  );
  return { vhost, exchanges, defaultExchangeQueues };
}

/** The delayed-message plugin delays, then routes as its `x-delayed-type`. */
function routingType(type: ExchangeType, args: Arguments): ExchangeType {
  const delayedAs = args['x-delayed-type'];
  return type === 'x-delayed-message' && typeof delayedAs === 'string' ? delayedAs : type;
}

function matcherFor(type: ExchangeType, bindings: readonly Binding[]): BindingMatcher {
  switch (type) {
    case 'direct': {
      const byRoutingKey = new Map<string, number[]>();
      bindings.forEach((b, index) => {
        const list = byRoutingKey.get(b.routingKey) ?? [];
        list.push(index);
        byRoutingKey.set(b.routingKey, list);
      });
      return { kind: 'direct', byRoutingKey };
    }
    case 'fanout':
      return { kind: 'fanout' };
    case 'topic':
      return { kind: 'topic', trie: buildTopicTrie(bindings.map((b) => b.routingKey)) };
    case 'headers':
      return { kind: 'headers' };
    case 'x-local-random':
      return { kind: 'random', emptyKeyOnly: true };
    case 'x-random':
      return { kind: 'random', emptyKeyOnly: false };
    default:
      return { kind: 'unsupported' };
  }
}
