import type { BrokerFacts, DeprecatedFeatureState, DeprecatedFeatureUse } from './broker-facts.js';
import { BrokerHttpError } from './broker-http-error.js';
import type { ManagementClient } from './management-client.js';
import { readOverview, type Overview } from './overview.js';

/** A deprecated feature as `GET /api/deprecated-features[/used]` lists it (3.13+). */
interface ListedFeature {
  name: string;
  deprecation_phase: string;
  doc_url?: string;
  /** Only in the full list: `permitted` or `denied`. */
  state?: string;
}

/**
 * The broker's version, deprecated features and enabled plugins: four GETs in parallel. Brokers
 * before 3.13 have no deprecated-features API: those facts are then absent, quietly. A caller
 * that reads `GET /api/overview` anyway (a plan reads the cluster's too) passes its answer, so
 * that the overview, which the broker computes afresh each time, is read once.
 */
export async function readBrokerFacts(client: ManagementClient, overview: Promise<Overview> = readOverview(client)): Promise<BrokerFacts> {
  const [{ version }, all, used, enabledPlugins] = await Promise.all([
    overview,
    listIfAny(client, '/api/deprecated-features'),
    listIfAny(client, '/api/deprecated-features/used'),
    readEnabledPlugins(client),
  ]);
  return {
    // Every RabbitMQ with the management API reports it; an answer without one compares as no version.
    version: version ?? '',
    ...(enabledPlugins ? { enabledPlugins } : {}),
    ...(all ? { deprecatedFeatures: all.map((f): DeprecatedFeatureState => ({ ...featureUse(f), permitted: f.state !== 'denied' })) } : {}),
    ...(used ? { deprecatedFeaturesUsed: used.map(featureUse) } : {}),
  };
}

async function listIfAny(client: ManagementClient, path: string): Promise<ListedFeature[] | undefined> {
  try {
    return await client.get<ListedFeature[]>(path);
  } catch (error) {
    // An endpoint the broker does not have: 404, or 406 when JSON is asked for (3.10.8 measured).
    if (error instanceof BrokerHttpError && (error.code === 'broker-not-found' || error.status === 406)) return undefined;
    throw error;
  }
}

function featureUse(f: ListedFeature): DeprecatedFeatureUse {
  return { name: f.name, phase: f.deprecation_phase, ...(f.doc_url ? { docUrl: f.doc_url } : {}) };
}

/**
 * The plugins enabled on every running node: a shovel or federation upstream needs its plugin
 * on each of them. Undefined when the user may not list nodes (it needs the monitoring tag).
 */
async function readEnabledPlugins(client: ManagementClient): Promise<string[] | undefined> {
  let nodes: { running?: boolean; enabled_plugins?: string[] }[];
  try {
    nodes = await client.get('/api/nodes', { columns: 'name,running,enabled_plugins' });
  } catch (error) {
    if (error instanceof BrokerHttpError && (error.code === 'broker-forbidden' || error.code === 'broker-not-found')) return undefined;
    throw error;
  }
  const lists = nodes.filter((n) => n.running !== false && Array.isArray(n.enabled_plugins)).map((n) => n.enabled_plugins as string[]);
  if (lists.length === 0) return undefined;
  return [...new Set(lists[0])].filter((p) => lists.every((l) => l.includes(p))).sort();
}
