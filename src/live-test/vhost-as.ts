import { normalizeTopology, type NormalizedTopology } from '../model/normalized-topology.js';
import type { Topology } from '../model/topology.js';

/**
 * A copy of vhost `from` of `topology`, renamed `to` (in the vhost and in every object of
 * it), as the only vhost of a new Topology without tests. Its `ignore` patterns are
 * dropped: the copy must hold every object the spec declares, ignored names included, or
 * it would not route as the spec says. Pure; `topology` is not mutated. Throws when the
 * spec has no vhost `from` (the caller checks first).
 */
export function vhostAs(topology: Topology, from: string, to: string): NormalizedTopology {
  const vhost = topology.vhosts.find((v) => v.name === from);
  if (!vhost) throw new Error(`vhostAs: no vhost "${from}" in the topology`);
  const moved = <T extends { vhost: string }>(list: readonly T[]): T[] => list.map((o) => ({ ...o, vhost: to }));
  return normalizeTopology({
    vhosts: [
      {
        ...vhost,
        name: to,
        exchanges: moved(vhost.exchanges),
        queues: moved(vhost.queues),
        bindings: moved(vhost.bindings),
        policies: moved(vhost.policies),
        operatorPolicies: moved(vhost.operatorPolicies),
        ignore: [],
      },
    ],
    tests: [],
  });
}
