import { apiPath } from './api-path.js';
import { BrokerHttpError } from './broker-http-error.js';
import type { ManagementClient } from './management-client.js';
import type { ClusterState, NodeState, QueuePlacement } from './cluster-state.js';
import { readOverview, type Overview } from './overview.js';

interface NodeRow {
  name: string;
  running?: boolean;
  partitions?: string[];
  mem_alarm?: boolean;
  disk_free_alarm?: boolean;
}

interface QueueRow {
  name: string;
  type?: string;
  state?: string;
  node?: string;
  leader?: string;
  members?: string[];
  online?: string[];
  exclusive?: boolean | null;
}

/**
 * The cluster's name and version (`GET /api/overview`), its nodes (`GET /api/nodes`), and,
 * when there is more than one node (or the nodes cannot be listed), where each queue of
 * `vhosts` lives: one queue listing per vhost without statistics, and one GET per stream
 * (only statistics carry a stream's members). Exclusive queues are left out: they live and
 * die with their connection. A caller that needs the overview too passes the one it reads.
 * Reads only.
 */
export async function readClusterState(
  client: ManagementClient,
  vhosts: readonly string[],
  overviewRead: Promise<Overview> = readOverview(client),
): Promise<ClusterState> {
  const [overview, nodes] = await Promise.all([overviewRead, readNodes(client)]);
  const placed = nodes === undefined || nodes.length > 1;
  const queues = placed ? (await Promise.all(vhosts.map((v) => readPlacement(client, v)))).flat() : [];
  return {
    ...(overview.clusterName !== undefined ? { name: overview.clusterName } : {}),
    ...(overview.version !== undefined ? { version: overview.version } : {}),
    ...(nodes !== undefined ? { nodes } : {}),
    queues,
  };
}

async function readNodes(client: ManagementClient): Promise<NodeState[] | undefined> {
  try {
    const rows = await client.get<NodeRow[]>('/api/nodes', { columns: 'name,running,partitions,mem_alarm,disk_free_alarm' });
    return rows.map((row) => ({
      name: row.name,
      running: row.running === true,
      partitions: Array.isArray(row.partitions) ? row.partitions : [],
      ...(typeof row.mem_alarm === 'boolean' ? { memAlarm: row.mem_alarm } : {}),
      ...(typeof row.disk_free_alarm === 'boolean' ? { diskAlarm: row.disk_free_alarm } : {}),
    }));
  } catch (error) {
    // Listing nodes needs the monitoring tag; the plan goes on without the node list.
    if (error instanceof BrokerHttpError && error.code === 'broker-forbidden') return undefined;
    throw error;
  }
}

async function readPlacement(client: ManagementClient, vhost: string): Promise<QueuePlacement[]> {
  let rows: QueueRow[];
  try {
    rows = await client.get<QueueRow[]>(apiPath('queues', vhost), {
      disable_stats: 'true',
      columns: 'name,type,state,node,leader,members,online,exclusive',
    });
  } catch (error) {
    // A vhost the spec creates does not exist yet: nothing in it is placed anywhere.
    if (error instanceof BrokerHttpError && error.code === 'broker-not-found') return [];
    throw error;
  }
  const placements = rows.filter((row) => row.exclusive !== true).map((row) => placementOf(vhost, row));
  return Promise.all(placements.map((p) => (p.type === 'stream' ? withStreamMembers(client, p) : p)));
}

function placementOf(vhost: string, row: QueueRow): QueuePlacement {
  return {
    vhost,
    name: row.name,
    type: row.type ?? 'classic',
    ...(row.state !== undefined ? { state: row.state } : {}),
    ...(row.node !== undefined ? { node: row.node } : {}),
    ...(row.leader !== undefined ? { leader: row.leader } : {}),
    ...(Array.isArray(row.members) ? { members: row.members } : {}),
    ...(Array.isArray(row.online) ? { online: row.online } : {}),
  };
}

async function withStreamMembers(client: ManagementClient, stream: QueuePlacement): Promise<QueuePlacement> {
  const { status, body } = await client.request<{ members?: string[] }>('GET', apiPath('queues', stream.vhost, stream.name), {
    query: { columns: 'members' },
    okStatuses: [200, 404],
  });
  // Its statistics' `online` lags node restarts both ways, so only the members are taken.
  return status === 200 && Array.isArray(body?.members) ? { ...stream, members: body.members } : stream;
}
