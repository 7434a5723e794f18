import type { BrokerFacts, DeprecatedFeatureState, DeprecatedFeatureUse } from './broker-facts.js';
import { BrokerHttpError } from './broker-http-error.js';
import type { ManagementClient } from './management-client.js';

/** A deprecated feature as `GET /api/deprecated-features[/used]` lists it (3.13+). */
interface ListedFeature {
  name: string;
  deprecation_phase: string;
  doc_url?: string;
  /** Only in the full list: `permitted` or `denied`. */
  state?: string;
}

/**
 * The broker's version and deprecated features: three GETs in parallel. Brokers before 3.13
 * have no deprecated-features API: those facts are then absent, quietly.
 */
export async function readBrokerFacts(client: ManagementClient): Promise<BrokerFacts> {
  const [overview, all, used] = await Promise.all([
    client.get<{ rabbitmq_version: string }>('/api/overview', { columns: 'rabbitmq_version' }),
    listIfAny(client, '/api/deprecated-features'),
    listIfAny(client, '/api/deprecated-features/used'),
  ]);
  return {
    version: overview.rabbitmq_version,
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
