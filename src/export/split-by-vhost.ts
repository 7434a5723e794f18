import type { Topology } from '../model/topology.js';

/**
 * One Topology per vhost, in the order of `topology.vhosts` (sorted by name), each with the
 * routing tests of that vhost: the content of one file per vhost. Pure.
 */
export function splitByVhost(topology: Topology): Topology[] {
  return topology.vhosts.map((vhost) => ({
    vhosts: [vhost],
    tests: topology.tests.filter((t) => t.vhost === vhost.name),
  }));
}
