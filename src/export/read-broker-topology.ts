import { apiPath } from '../broker/api-path.js';
import type { ManagementClient } from '../broker/management-client.js';
import { readBrokerState, type ReadStateOptions } from '../broker/read-state.js';
import { TopoError } from '../errors.js';
import type { Topology } from '../model/topology.js';
import { selectVhosts } from './select-vhosts.js';

/**
 * The broker's topology in the vhosts `vhosts`, or in every vhost the user can see when
 * empty (with the global parameters when `options` asks for them): the I/O edge of `topo export`. Reads only. A vhost the broker does not have is a
 * one-line `TopoError('broker-not-found')`, with the nearest vhost it has when one is near; one the user may not see is the reader's
 * `broker-forbidden` error, never "missing".
 */
export async function readBrokerTopology(
  client: ManagementClient,
  vhosts: readonly string[],
  options: ReadStateOptions = {},
): Promise<Topology> {
  const state = await readBrokerState(client, vhosts.length > 0 ? [...vhosts] : await listVhosts(client), options);
  const selected = selectVhosts(state, vhosts, 'on the broker');
  if (!selected.ok) {
    // Only the named vhosts were read: the near misses come from the broker's full list.
    const withHints = selectVhosts(state, vhosts, 'on the broker', await listVhosts(client));
    throw new TopoError('broker-not-found', withHints.ok ? selected.error : withHints.error);
  }
  return selected.topology;
}

async function listVhosts(client: ManagementClient): Promise<string[]> {
  const listed = await client.get<{ name: string }[]>(apiPath('vhosts'), { disable_stats: 'true', columns: 'name' });
  return listed.map((v) => v.name);
}
