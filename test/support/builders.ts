/**
 * Small builders of normalized Topology objects for unit tests of the pure stages. Each
 * fills every default (as the loader and the broker reader do) and takes overrides.
 * `vhost()` sets the vhost of everything it holds and sorts it by identity, like a loader.
 */
import { bindingKey, compareStrings } from '../../src/spec/identity.js';
import type { Binding, Exchange, Policy, Queue, Topology, Vhost } from '../../src/spec/topology.js';
import type { PlanOptions } from '../../src/plan/plan.js';

export function exchange(o: Partial<Exchange> = {}): Exchange {
  return { vhost: '/', name: 'ex', type: 'direct', durable: true, autoDelete: false, internal: false, arguments: {}, ...o };
}

export function queue(o: Partial<Queue> = {}): Queue {
  return {
    vhost: '/',
    name: 'q',
    type: 'classic',
    durable: true,
    autoDelete: false,
    exclusive: false,
    serverNamed: false,
    arguments: {},
    ...o,
  };
}

export function binding(o: Partial<Binding> = {}): Binding {
  return { vhost: '/', source: 'ex', destination: 'q', destinationType: 'queue', routingKey: '', arguments: {}, ...o };
}

export function policy(o: Partial<Policy> = {}): Policy {
  return { vhost: '/', name: 'p', pattern: '.*', applyTo: 'queues', priority: 0, definition: {}, ...o };
}

export function vhost(o: Partial<Vhost> = {}): Vhost {
  const name = o.name ?? '/';
  const own = <T extends { vhost: string }>(list: readonly T[] | undefined): T[] => (list ?? []).map((x) => ({ ...x, vhost: name }));
  const byName = <T extends { name: string }>(a: T, b: T): number => compareStrings(a.name, b.name);
  return {
    ...o,
    name,
    exchanges: own(o.exchanges).sort(byName),
    queues: own(o.queues).sort(byName),
    bindings: own(o.bindings).sort((a, b) => compareStrings(bindingKey(a), bindingKey(b))),
    policies: own(o.policies).sort(byName),
    operatorPolicies: own(o.operatorPolicies).sort(byName),
    ignore: o.ignore ?? [],
  };
}

export function topology(...vhosts: Vhost[]): Topology {
  return { vhosts: [...vhosts].sort((a, b) => compareStrings(a.name, b.name)), tests: [] };
}

/** Planner options; everything off unless given. */
export function options(o: Partial<PlanOptions> = {}): PlanOptions {
  return { prune: false, allowReplace: false, allowDataLoss: false, ...o };
}
