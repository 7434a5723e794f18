import type { ManagementClient } from './management-client.js';

/** One listener of one node, as `GET /api/overview` lists it (only nodes that are running). */
export interface Listener {
  node: string;
  /** `amqp`, `amqp/ssl`, `http`, `https`, `clustering`, `mqtt`, ... */
  protocol: string;
  /** The address the listener is bound to; `::` or `0.0.0.0` for every interface. */
  ip_address: string;
  port: number;
}

/** What `GET /api/overview` says about the cluster, as far as topo reads it. */
export interface Overview {
  /** The cluster's name: the identity topo compares with what an AMQP server reports. */
  clusterName?: string;
  /** The node whose management API answered. */
  node?: string;
  /** The RabbitMQ version of that node. */
  version?: string;
  listeners: Listener[];
  /** The management URL that answered, without credentials. */
  base: string;
}

interface OverviewBody {
  cluster_name?: string;
  node?: string;
  rabbitmq_version?: string;
  listeners?: Listener[];
}

/** Reads the cluster's name, the answering node and every running node's listeners (one GET, no statistics). */
export async function readOverview(client: ManagementClient): Promise<Overview> {
  const { body = {}, base } = await client.request<OverviewBody>('GET', '/api/overview', {
    query: { columns: 'cluster_name,node,rabbitmq_version,listeners' },
  });
  return {
    ...(typeof body.cluster_name === 'string' ? { clusterName: body.cluster_name } : {}),
    ...(typeof body.node === 'string' ? { node: body.node } : {}),
    ...(typeof body.rabbitmq_version === 'string' ? { version: body.rabbitmq_version } : {}),
    listeners: Array.isArray(body.listeners) ? body.listeners : [],
    base,
  };
}
