import { combineNormalized, type NormalizedTopology } from '../model/normalized-topology.js';
import { isBrokerOwnedGlobalParameter, type GlobalParameter } from '../model/parameters.js';
import type { ArgumentValue } from '../model/topology.js';
import { compareStrings } from '../text/compare-strings.js';
import { namedKey } from '../model/identity.js';
import { amqpTargetOf } from './amqp-target.js';
import { apiPath } from './api-path.js';
import { BrokerHttpError } from './broker-http-error.js';
import type { Definitions, DefinitionsParameter, DefinitionsPolicy, DefinitionsVhost } from './definitions.js';
import { brokerDefinitions } from './definitions-shape.js';
import { topologyFromDefinitions } from './from-definitions.js';
import type { ManagementClient } from './management-client.js';
import { readOverview } from './overview.js';
import { stateSourceFor, type StateSource } from './state-source.js';
import { isTopologyOnly, type ReadScope } from '../model/read-scope.js';
import { readPermissions, readTopicPermissions, readUsers } from './read-access.js';

/**
 * The actual topology of those of `vhosts` that exist on the broker, with the users and the
 * permissions `scope` asks for (the kinds the spec mentions: ../model/read-scope.ts), normalized like a spec
 * (see `topologyFromDefinitions`). A vhost that does not exist is absent from the result.
 * Requests, all in parallel: `GET /api/vhosts` (metadata), and per existing vhost the exchange
 * listing, `GET /api/operator-policies/{vhost}`, and the rest from what reads fastest on this
 * broker (`stateSourceFor` its version): `GET /api/definitions/{vhost}`, or the queue, binding
 * and policy listings. When the definitions cannot be read (they need the administrator tag,
 * and RabbitMQ 4.3 cannot export every vhost) the listings are read instead.
 * A vhost the user may not see is reported as a `broker-forbidden` error, never as missing.
 * `version` is the broker's, when the caller has read it (`GET /api/overview`) already;
 * `expected`, how many queues and bindings the caller's spec has in each vhost (on 3.x it
 * decides which source is faster: ./state-source.ts).
 */
export async function readBrokerState(
  client: ManagementClient,
  vhosts: string[],
  scope?: ReadScope,
  version?: Promise<string | undefined>,
  expected?: ReadonlyMap<string, number>,
): Promise<NormalizedTopology> {
  const [topology, users, globalParameters] = await Promise.all([
    readVhosts(client, [...new Set(vhosts)], version, (name) => !scope || (scope.settings ?? []).includes(name), expected),
    scope?.users ? readUsers(client) : undefined,
    scope?.globalParameters ? readGlobalParameters(client) : undefined,
  ]);
  if (isTopologyOnly(scope) || !scope) return topology;
  const read = await Promise.all(
    topology.vhosts.map(async (v) => {
      try {
        const [permissions, topicPermissions] = await Promise.all([
          scope.permissions.includes(v.name) ? readPermissions(client, v.name) : undefined,
          scope.topicPermissions.includes(v.name) ? readTopicPermissions(client, v.name) : undefined,
        ]);
        return { ...v, ...(permissions ? { permissions } : {}), ...(topicPermissions ? { topicPermissions } : {}) };
      } catch (error) {
        // Deleted since its objects were read: gone, as for readVhost.
        if (error instanceof BrokerHttpError && error.code === 'broker-not-found') return undefined;
        throw error;
      }
    }),
  );
  // Read in the shape and order of the model: nothing to normalize again.
  const present = read.filter((v): v is NonNullable<typeof v> => v !== undefined);
  return { ...topology, vhosts: present, ...(users ? { users } : {}), ...(globalParameters ? { globalParameters } : {}) } as NormalizedTopology;
}

/** The broker's global parameters, without those it writes for itself, sorted by name. */
export async function readGlobalParameters(client: ManagementClient): Promise<GlobalParameter[]> {
  const listed = await client.get<{ name: string; value: unknown }[]>('/api/global-parameters');
  return listed
    .filter((p) => !isBrokerOwnedGlobalParameter(p.name))
    .map((p) => ({ name: p.name, value: p.value as ArgumentValue }))
    .sort((a, b) => compareStrings(a.name, b.name));
}

/** The topology of those of `wanted` (no repeats) that exist; see `readBrokerState`. */
async function readVhosts(
  client: ManagementClient,
  wanted: string[],
  version: Promise<string | undefined> | undefined,
  wantsParameters: (vhost: string) => boolean,
  expected: ReadonlyMap<string, number> | undefined,
): Promise<NormalizedTopology> {
  if (wanted.length === 0) return combineNormalized([], []);
  const [listed, brokerVersion] = await Promise.all([
    client.get<DefinitionsVhost[]>('/api/vhosts', {
      disable_stats: 'true',
      columns: 'name,description,tags,metadata,default_queue_type,protected_from_deletion',
    }),
    version ?? readOverview(client).then((o) => o.version),
  ]);
  const metaByName = new Map(listed.map((meta) => [meta.name, meta]));
  const read = await Promise.all(
    wanted.map((name) => readVhost(client, name, metaByName.get(name), stateSourceFor(brokerVersion, expected?.get(name)), wantsParameters(name))),
  );
  return combineNormalized(
    read.filter((t): t is NormalizedTopology => t !== undefined),
    wanted,
  );
}

async function readVhost(
  client: ManagementClient,
  name: string,
  meta: DefinitionsVhost | undefined,
  source: StateSource,
  withParameters: boolean,
): Promise<NormalizedTopology | undefined> {
  // Users without the administrator tag only see the vhosts they have permissions on: probe,
  // so that "not allowed" is an error rather than "missing, create everything".
  if (!meta && !(await vhostExists(client, name))) return undefined;
  try {
    const [definitions, operatorPolicies] = await Promise.all([
      readDefinitions(client, name, source, withParameters),
      client.get<DefinitionsPolicy[]>(apiPath('operator-policies', name)),
    ]);
    return topologyFromDefinitions(definitions, {
      vhost: name,
      vhostMeta: meta ? [meta] : [],
      operatorPolicies,
    });
  } catch (error) {
    // Deleted between the vhost listing and this read.
    if (error instanceof BrokerHttpError && error.code === 'broker-not-found') return undefined;
    throw error;
  }
}

/** A forbidden probe (4.x answers 404 `not_found` for that) is thrown, not taken for "missing". */
async function vhostExists(client: ManagementClient, name: string): Promise<boolean> {
  try {
    await client.get(apiPath('exchanges', name), { disable_stats: 'true', columns: 'name' });
    return true;
  } catch (error) {
    if (error instanceof BrokerHttpError && error.code === 'broker-not-found') return false;
    throw error;
  }
}

const NO_STATS = { disable_stats: 'true' };

/**
 * One vhost's objects. Exchanges always come from their listing: RabbitMQ 4.x leaves internal
 * exchanges out of its definitions, and a vhost has few exchanges, so the listing costs little.
 * The rest comes from `source` (see ./state-source.ts for why each broker reads what it does);
 * when the definitions cannot be read, from the listings, with the vhost's limits, shovels and
 * upstreams only when `withParameters` (the spec lists them, or there is no spec: export).
 */
async function readDefinitions(client: ManagementClient, vhost: string, source: StateSource, withParameters: boolean): Promise<Definitions> {
  const exchangeListing = client.get<unknown>(apiPath('exchanges', vhost), {
    ...NO_STATS,
    columns: 'name,type,durable,auto_delete,internal,arguments',
  });
  // Reading the listings anyway: all at once, not after the exchanges.
  const listings = source === 'listings' ? readListings(client, vhost, withParameters) : undefined;
  listings?.catch(() => undefined);
  const [definitions, listed] = await Promise.all([source === 'definitions' ? readDefinitionsDocument(client, vhost) : undefined, exchangeListing]);
  const { exchanges } = brokerDefinitions({ exchanges: listed }, `the exchange listing of vhost "${vhost}"`);
  if (definitions) return { ...definitions, exchanges };
  // The listings say the same, and include exclusive queues (which topologyFromDefinitions
  // leaves out with their bindings) and default-exchange bindings.
  const { queues, bindings, policies, parameters } = await (listings ?? readListings(client, vhost, withParameters));
  return brokerDefinitions({ exchanges, queues, bindings, policies, parameters }, `the listings of vhost "${vhost}"`);
}

/** A vhost's queue, binding and policy listings (and its parameters when `withParameters`), in parallel. */
async function readListings(client: ManagementClient, vhost: string, withParameters: boolean): Promise<Omit<Definitions, 'exchanges'>> {
  const [queues, bindings, policies, parameters] = await Promise.all([
    client.get<Definitions['queues']>(apiPath('queues', vhost), {
      ...NO_STATS,
      columns: 'name,type,durable,auto_delete,exclusive,arguments',
    }),
    client.get<Definitions['bindings']>(apiPath('bindings', vhost), {
      columns: 'source,destination,destination_type,routing_key,arguments',
    }),
    client.get<Definitions['policies']>(apiPath('policies', vhost)),
    // Their listings need the policymaker tag: read only for a spec that lists them.
    withParameters ? listParameters(client, vhost) : undefined,
  ]);
  return { queues, bindings, policies, ...(parameters ? { parameters } : {}) };
}

/**
 * A vhost's limits, shovels and federation upstreams as its definitions list them (runtime
 * parameters). A component whose plugin is not enabled has none (the broker answers 404).
 */
async function listParameters(client: ManagementClient, vhost: string): Promise<DefinitionsParameter[]> {
  const orNone = <T>(read: Promise<T[]>): Promise<T[]> =>
    read.catch((error: unknown) => {
      if (error instanceof BrokerHttpError && error.code === 'broker-not-found') return [];
      throw error;
    });
  const [limits, shovels, upstreams] = await Promise.all([
    orNone(client.get<{ value: unknown }[]>(apiPath('vhost-limits', vhost))),
    orNone(client.get<DefinitionsParameter[]>(apiPath('parameters', 'shovel', vhost))),
    orNone(client.get<DefinitionsParameter[]>(apiPath('parameters', 'federation-upstream', vhost))),
  ]);
  return [...limits.map((l) => ({ component: 'vhost-limits', name: 'limits', value: l.value })), ...shovels, ...upstreams];
}

/**
 * `GET /api/definitions/{vhost}`, or undefined when it cannot be had: the user lacks the
 * administrator tag, or the broker fails to export the vhost. RabbitMQ 4.3.6 does for any vhost
 * whose name is not ASCII: a 500 for names beyond Latin-1, a body cut short for the others.
 */
async function readDefinitionsDocument(client: ManagementClient, vhost: string): Promise<Definitions | undefined> {
  const path = apiPath('definitions', vhost);
  try {
    return brokerDefinitions(await client.get<unknown>(path), `GET ${path}`);
  } catch (error) {
    if (!(error instanceof BrokerHttpError)) throw error;
    if (error.code === 'broker-forbidden' || error.code === 'broker-response' || error.status === 500) return undefined;
    throw error;
  }
}

/** The most names one regex filter carries, and its longest source, to keep URLs short. */
const NAMES_PER_FILTER = 100;
const FILTER_CHARS = 1500;
/** Above this many wanted queues in one vhost, one full listing is cheaper than filters. */
const LIST_ALL_ABOVE = 500;
/** The management API's largest page. */
const PAGE_SIZE = 500;

interface QueueTotals {
  name: string;
  type?: string;
  messages?: number;
  messages_ready?: number;
  messages_unacknowledged?: number;
}

/**
 * Messages (ready + unacknowledged) of the named queues, keyed by `namedKey`, for the queues
 * whose count is exact; every other queue is absent, and the planner counts it as unknown:
 * one that does not exist (or whose vhost does not exist), one the broker gives no totals for,
 * and every stream. Reads the queue totals of listings
 * (`disable_stats=true&enable_queue_totals=true`), filtered by an exact-name regex, so the cost
 * follows the number of queues asked for, not the vhost's size. Classic queues report fresh
 * totals; quorum queues only every statistics interval (5 s by default), and RabbitMQ 3.x
 * cannot delete them with `if-empty`, so their ready count is also read over AMQP (passive
 * declare, exact) and the larger number wins; that needs AMQP, on the cluster's own
 * listeners (`amqpTargetOf`). Streams have no exact count at all (docs/apply.md, "Streams"),
 * so none is read.
 */
export async function readQueueMessageCounts(
  client: ManagementClient,
  queues: { vhost: string; name: string }[],
): Promise<Map<string, number>> {
  const byVhost = new Map<string, Set<string>>();
  for (const q of queues) {
    let names = byVhost.get(q.vhost);
    if (!names) byVhost.set(q.vhost, (names = new Set()));
    names.add(q.name);
  }
  const counts = new Map<string, number>();
  const quorum = new Map<string, string[]>();
  const requests: Promise<void>[] = [];
  for (const [vhost, names] of byVhost) {
    const filters = names.size > LIST_ALL_ABOVE ? [undefined] : exactNameFilters([...names]);
    for (const filter of filters) {
      requests.push(
        listQueueTotals(client, vhost, filter).then((rows) => {
          for (const row of rows) {
            // The filter is caseless on the broker; keep exact matches only.
            if (!names.has(row.name) || row.type === 'stream') continue;
            const messages = messagesOf(row);
            if (messages === undefined) continue;
            counts.set(namedKey({ vhost, name: row.name }), messages);
            if (row.type !== 'quorum') continue;
            let quorumNames = quorum.get(vhost);
            if (!quorumNames) quorum.set(vhost, (quorumNames = []));
            quorumNames.push(row.name);
          }
        }),
      );
    }
  }
  await Promise.all(requests);
  await Promise.all([...quorum].map(([vhost, names]) => addExactReadyCounts(client, vhost, names, counts)));
  return counts;
}

async function addExactReadyCounts(
  client: ManagementClient,
  vhost: string,
  names: string[],
  counts: Map<string, number>,
): Promise<void> {
  // Loaded only when needed: most plans delete no quorum queue, and amqplib costs start-up time.
  const { readReadyCountsOverAmqp } = await import('./amqp-ready-counts.js');
  const ready = await readReadyCountsOverAmqp(client.connection, vhost, names, await amqpTargetOf(client));
  for (const [name, n] of ready) {
    const key = namedKey({ vhost, name });
    counts.set(key, Math.max(counts.get(key) ?? 0, n));
  }
}

/** The row's total, or undefined when it has none: an unknown count, never 0. */
function messagesOf(row: QueueTotals): number | undefined {
  if (typeof row.messages === 'number') return row.messages;
  if (typeof row.messages_ready === 'number' || typeof row.messages_unacknowledged === 'number') {
    return (row.messages_ready ?? 0) + (row.messages_unacknowledged ?? 0);
  }
  return undefined;
}

async function listQueueTotals(client: ManagementClient, vhost: string, filter: string | undefined): Promise<QueueTotals[]> {
  const query = {
    disable_stats: 'true',
    enable_queue_totals: 'true',
    columns: 'name,type,messages,messages_ready,messages_unacknowledged',
  };
  const path = apiPath('queues', vhost);
  try {
    if (filter === undefined) return await client.get<QueueTotals[]>(path, query);
    const rows: QueueTotals[] = [];
    for (let page = 1; ; page++) {
      const answer = await client.get<{ items: QueueTotals[]; page_count: number }>(path, {
        ...query,
        name: filter,
        use_regex: 'true',
        page: String(page),
        page_size: String(PAGE_SIZE),
      });
      rows.push(...answer.items);
      if (page >= answer.page_count) return rows;
    }
  } catch (error) {
    if (error instanceof BrokerHttpError && error.code === 'broker-not-found') return [];
    throw error;
  }
}

/** Regexes `^(?:a|b|...)$` matching exactly the given names, in chunks that keep URLs short. */
export function exactNameFilters(names: string[]): string[] {
  const filters: string[] = [];
  let chunk: string[] = [];
  let length = 0;
  const flush = () => {
    if (chunk.length > 0) filters.push(`^(?:${chunk.join('|')})$`);
    chunk = [];
    length = 0;
  };
  for (const name of names) {
    const escaped = name.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
    if (chunk.length >= NAMES_PER_FILTER || (chunk.length > 0 && length + escaped.length > FILTER_CHARS)) flush();
    chunk.push(escaped);
    length += escaped.length + 1;
  }
  flush();
  return filters;
}
