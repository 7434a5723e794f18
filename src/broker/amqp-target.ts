import { amqpEndpoints, type AmqpEndpoint } from './amqp-endpoints.js';
import type { ManagementClient } from './management-client.js';
import { readOverviewWithListeners } from './overview.js';

/**
 * Where topo opens AMQP connections for the broker a management client manages: the
 * endpoints to try in order, and the identity of the cluster they must belong to.
 */
export interface AmqpTarget {
  /** Tried in order until one opens; never empty. */
  endpoints: readonly AmqpEndpoint[];
  /**
   * The `cluster_name` the management API reports. An AMQP server that reports another one in
   * its connection.start properties is a different broker, and is refused.
   */
  clusterName?: string;
  /** The management URL the cluster name was read from, for messages. */
  managementUrl: string;
}

/**
 * The AMQP target of the broker `client` manages (one `GET /api/overview`): the URLs the user
 * gave (`--amqp-url`, `TOPO_AMQP_URL`), else one per running node from the nodes' own AMQP
 * listeners (see `amqpEndpoints`), followed by the guesses from the management hosts (port
 * 5672) for a broker whose listeners cannot be reached as they are bound (e.g. behind a proxy).
 */
export async function readAmqpTarget(client: ManagementClient): Promise<AmqpTarget> {
  const conn = client.connection;
  const overview = await readOverviewWithListeners(client);
  const given = conn.amqpUrls.map((url) => ({ url }));
  const discovered = conn.amqpGiven
    ? []
    : amqpEndpoints({
        listeners: overview.listeners,
        managementUrls: conn.urls,
        ...(overview.node !== undefined ? { answeredBy: { node: overview.node, base: overview.base } } : {}),
      });
  const seen = new Set<string>();
  const endpoints = [...discovered, ...given].filter((e) => !seen.has(e.url) && seen.add(e.url));
  return {
    endpoints,
    ...(overview.clusterName !== undefined ? { clusterName: overview.clusterName } : {}),
    managementUrl: overview.base,
  };
}

const targets = new WeakMap<ManagementClient, Promise<AmqpTarget>>();

/**
 * `readAmqpTarget(client)`, read once per client: a command opens its AMQP connections (lock,
 * counts, probes) on the same target. A failed read is not kept.
 */
export function amqpTargetOf(client: ManagementClient): Promise<AmqpTarget> {
  let target = targets.get(client);
  if (!target) {
    target = readAmqpTarget(client);
    targets.set(client, target);
    target.catch(() => targets.delete(client));
  }
  return target;
}
