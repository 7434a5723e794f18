import type { Topology } from '../model/topology.js';

/** The vhost `topo route` routes in without `--vhost`: the spec's only vhost, else `/`. Pure. */
export function defaultRouteVhost(topology: Topology): string {
  const [only, ...others] = topology.vhosts;
  return only && others.length === 0 ? only.name : '/';
}
