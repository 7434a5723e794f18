import { bindingKey } from './identity.js';
import { compareStrings } from '../text/compare-strings.js';
import type { Binding, Topology, Vhost } from './topology.js';

/**
 * `topology` with the order ./topology.ts promises: vhosts sorted by name, and in each vhost
 * the exchanges, queues, bindings, policies and operator policies sorted by identity key
 * (./identity.ts). Routing tests keep the order they were written in. Every producer of a
 * Topology (the spec loader, the broker reader) ends with it, so two equal topologies are
 * structurally equal. Pure; never mutates its input.
 */
export function sortTopology(topology: Topology): Topology {
  const vhosts = topology.vhosts.map(sortVhost).sort((a, b) => compareStrings(a.name, b.name));
  return {
    ...topology,
    vhosts,
    ...(topology.users ? { users: byName(topology.users) } : {}),
    ...(topology.globalParameters && { globalParameters: byName(topology.globalParameters) }),
  };
}

function sortVhost(vhost: Vhost): Vhost {
  return {
    ...vhost,
    exchanges: byName(vhost.exchanges),
    queues: byName(vhost.queues),
    bindings: byBindingKey(vhost.bindings),
    policies: byName(vhost.policies),
    operatorPolicies: byName(vhost.operatorPolicies),
    ...(vhost.limits && { limits: byName(vhost.limits) }),
    ...(vhost.shovels && { shovels: byName(vhost.shovels) }),
    ...(vhost.federationUpstreams && { federationUpstreams: byName(vhost.federationUpstreams) }),
    ...(vhost.permissions ? { permissions: byUser(vhost.permissions) } : {}),
    ...(vhost.topicPermissions ? { topicPermissions: byUser(vhost.topicPermissions) } : {}),
  };
}

/** Permissions are one per user in a vhost. */
function byUser<T extends { user: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareStrings(a.user, b.user));
}

/** Within one vhost the identity key (vhost, name) orders by name. */
function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareStrings(a.name, b.name));
}

/** Computes each key once: a binding's key serializes its arguments. */
function byBindingKey(bindings: readonly Binding[]): Binding[] {
  return bindings
    .map((binding) => ({ binding, key: bindingKey(binding) }))
    .sort((a, b) => compareStrings(a.key, b.key))
    .map((entry) => entry.binding);
}
