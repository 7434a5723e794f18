import { TopoError } from '../errors.js';
import type { Topology, Vhost } from '../model/topology.js';

/**
 * The spec's vhost an application runs in. amqplib does not expose the vhost a channel is
 * open on, so the caller names it; a name the spec does not have is the caller's mistake
 * (a spec for another environment, or a typo), reported with the vhosts the spec has.
 */
export function specVhost(topology: Topology, vhost: string): Vhost {
  const found = topology.vhosts.find((v) => v.name === vhost);
  if (found) return found;
  const names = topology.vhosts.map((v) => `"${v.name}"`).join(', ') || 'none';
  throw new TopoError('usage', `vhost "${vhost}" is not in the spec (the spec has: ${names})`);
}
