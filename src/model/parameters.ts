export type { GlobalParameter, PluginParameter, VhostLimit } from './topology.js';

/**
 * Broker settings kept as runtime parameters: a vhost's limits, its shovels and federation
 * upstreams (parameters of the `shovel` and `federation-upstream` components), and the broker's
 * global parameters. Names and value keys are RabbitMQ's own (`max-connections`, `src-uri`).
 */

/** The limits a vhost may have (`/api/vhost-limits`); a value of -1 means "no limit". */
export const VHOST_LIMIT_NAMES = ['max-connections', 'max-queues'] as const;

/** The runtime parameter component of each plugin kind, and the plugin that provides it. */
export const PLUGIN_COMPONENTS = {
  shovel: { component: 'shovel', plugin: 'rabbitmq_shovel' },
  federationUpstream: { component: 'federation-upstream', plugin: 'rabbitmq_federation' },
} as const;
export type PluginKind = keyof typeof PLUGIN_COMPONENTS;

/**
 * Global parameters the broker writes for itself: never declared, reported or pruned.
 * `internal_cluster_id` identifies the cluster; 4.x writes `cluster_tags` from its
 * configuration file at boot (measured on 4.3.6: `[]`).
 */
const BROKER_OWNED_GLOBAL_PARAMETERS: ReadonlySet<string> = new Set(['internal_cluster_id', 'cluster_tags']);

export function isBrokerOwnedGlobalParameter(name: string): boolean {
  return BROKER_OWNED_GLOBAL_PARAMETERS.has(name);
}
