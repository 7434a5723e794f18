/**
 * Small builders of normalized Topology objects for unit tests of the pure stages. Each
 * fills every default (as the loader and the broker reader do) and takes overrides.
 * `vhost()` sets the vhost of everything it holds and sorts it by identity, like a loader.
 */
import { bindingKey } from '../../src/model/identity.js';
import { compareStrings } from '../../src/text/compare-strings.js';
import { normalizeTopology, type NormalizedTopology } from '../../src/model/normalized-topology.js';
import type { Arguments, Binding, Exchange, Policy, Queue, RoutingTest, Vhost } from '../../src/model/topology.js';
import type { PlanOptions } from '../../src/plan/plan.js';

export function exchange(o: Partial<Exchange> = {}): Exchange {
  return { vhost: '/', name: 'ex', type: 'direct', durable: true, autoDelete: false, internal: false, arguments: {}, ...o };
}

export function queue(o: Partial<Queue> = {}): Queue {
  return { vhost: '/', name: 'q', type: 'classic', durable: true, autoDelete: false, exclusive: false, serverNamed: false, arguments: {}, ...o };
}

export function binding(o: Partial<Binding> = {}): Binding {
  return { vhost: '/', source: 'ex', destination: 'q', destinationType: 'queue', routingKey: '', arguments: {}, ...o };
}

/** A binding to a queue, written as a row of a routing table: `bind('logs', 'audit', 'kern.*')`. */
export function bind(source: string, destination: string, routingKey = '', args: Arguments = {}): Binding {
  return binding({ source, destination, routingKey, arguments: args });
}

/** An exchange-to-exchange binding, written like `bind()`. */
export function toExchange(source: string, destination: string, routingKey = '', args: Arguments = {}): Binding {
  return binding({ source, destination, destinationType: 'exchange', routingKey, arguments: args });
}

export function policy(o: Partial<Policy> = {}): Policy {
  return { vhost: '/', name: 'p', pattern: '.*', applyTo: 'queues', priority: 0, definition: {}, ...o };
}

export function routingTest(o: Partial<RoutingTest> = {}): RoutingTest {
  return { name: 't', vhost: '/', exchange: 'ex', routingKey: '', headers: {}, expect: [], ...o };
}

export function vhost(o: Partial<Vhost> = {}): Vhost {
  const v = vhostAsWritten(o);
  const byName = <T extends { name: string }>(a: T, b: T): number => compareStrings(a.name, b.name);
  return {
    ...v,
    exchanges: v.exchanges.sort(byName),
    queues: v.queues.sort(byName),
    bindings: v.bindings.sort((a, b) => compareStrings(bindingKey(a), bindingKey(b))),
    policies: v.policies.sort(byName),
    operatorPolicies: v.operatorPolicies.sort(byName),
  };
}

/** A vhost as the broker reader gives it: its limits, shovels and upstreams read, if only none. */
export function readVhost(o: Partial<Vhost> = {}): Vhost {
  return { ...vhost(o), limits: [], shovels: [], federationUpstreams: [] };
}

/**
 * Like `vhost()`, but keeps every list in the order given. Real topologies are sorted; this is
 * for tests whose expected output follows the order the test wrote (routing paths follow
 * binding order).
 */
export function vhostAsWritten(o: Partial<Vhost> = {}): Vhost {
  const name = o.name ?? '/';
  const own = <T extends { vhost: string }>(list: readonly T[] | undefined): T[] => (list ?? []).map((x) => ({ ...x, vhost: name }));
  return {
    ...o,
    name,
    exchanges: own(o.exchanges),
    queues: own(o.queues),
    bindings: own(o.bindings),
    policies: own(o.policies),
    operatorPolicies: own(o.operatorPolicies),
    ignore: o.ignore ?? [],
  };
}

/** A normalized topology of these vhosts, without routing tests. */
export function topology(...vhosts: Vhost[]): NormalizedTopology {
  return normalizeTopology({ vhosts, tests: [] });
}

/** Planner options; everything off unless given. */
export function options(o: Partial<PlanOptions> = {}): PlanOptions {
  return { prune: false, allowReplace: false, allowDataLoss: false, ...o };
}
