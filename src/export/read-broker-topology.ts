import { apiPath } from '../broker/api-path.js';
import type { ManagementClient } from '../broker/management-client.js';
import { readBrokerState } from '../broker/read-state.js';
import { BrokerHttpError } from '../broker/broker-http-error.js';
import { leaveOut, type NotExported } from './not-exported.js';
import { TopoError } from '../errors.js';
import type { Topology } from '../model/topology.js';
import { selectVhosts } from './select-vhosts.js';

/**
 * The broker's topology in the vhosts `vhosts`, or in every vhost the user can see when
 * empty, with their permissions and (for the whole broker) its users: the I/O edge of `topo
 * export`. What it cannot read is added to `notExported`. Reads only. A vhost the broker does not have is a
 * one-line `TopoError('broker-not-found')`, with the nearest vhost it has when one is near; one the user may not see is the reader's
 * `broker-forbidden` error, never "missing".
 */
export async function readBrokerTopology(client: ManagementClient, vhosts: readonly string[], notExported: NotExported[] = []): Promise<Topology> {
  const names = vhosts.length > 0 ? [...vhosts] : await listVhosts(client);
  // Users are broker-wide: exported with the whole broker only. Reading them, the permissions
  // and the vhosts' parameters needs the administrator tag; without it the rest is exported,
  // and that said.
  const scope = { users: vhosts.length === 0, permissions: names, topicPermissions: names, globalParameters: vhosts.length === 0, settings: names };
  const state = await readBrokerState(client, names, scope).catch(async (error: unknown) => {
    if (!(error instanceof BrokerHttpError) || error.code !== 'broker-forbidden') throw error;
    leaveOut(notExported, 'users, permissions, vhost limits, shovels and federation upstreams (reading them needs the administrator tag)');
    return readBrokerState(client, names, { users: false, permissions: [], topicPermissions: [] });
  });
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
