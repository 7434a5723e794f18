/**
 * The pipeline's "read, decide" step against a live broker: the one file of src/plan/ that
 * does I/O (it reads through a ManagementClient and never writes). Everything it decides is
 * decided by the pure planner; this file only gathers what the planner needs.
 */
import type { BrokerFacts } from '../broker/broker-facts.js';
import type { ClusterState } from '../broker/cluster-state.js';
import type { ManagementClient } from '../broker/management-client.js';
import { readBrokerFacts } from '../broker/read-broker-facts.js';
import { readClusterState } from '../broker/read-cluster.js';
import { readOverview, type Overview } from '../broker/overview.js';
import { readBrokerState, readQueueMessageCounts } from '../broker/read-state.js';
import type { CompatibilityProblem } from '../compat/compatibility-rule.js';
import type { NormalizedTopology } from '../model/normalized-topology.js';
import { assessCluster } from './assess-cluster.js';
import type { Change } from './change.js';
import { diffTopology } from './diff-topology.js';
import { fingerprintState } from './fingerprint.js';
import type { Plan, PlanOptions } from './plan.js';
import { planChanges } from './plan-changes.js';
import { planCompatibility } from './plan-compatibility.js';
import { requiredMessageCounts } from './required-message-counts.js';
import { resolveMigrations } from './resolve-migrations.js';
import { passwordWarnings } from './password-warnings.js';
import { readActingUser } from '../broker/read-access.js';
import { isTopologyOnly, readScopeOf, type ReadScope } from '../model/read-scope.js';
import type { SecretReader } from '../model/secret-ref.js';

/**
 * The plan for `desired`: reads the vhosts the spec names from the broker, the cluster (nodes,
 * where those vhosts' queues live), and the broker's version and deprecated features; diffs;
 * decides migrations; checks what the plan would declare against that broker
 * (`Plan.problems`); reads the message counts of the queues the plan would delete, replace or
 * migrate; and plans. Reads only.
 */
export async function planAgainstBroker(
  client: ManagementClient,
  desired: NormalizedTopology,
  options: PlanOptions,
  secrets?: SecretReader,
  early?: BrokerReading,
): Promise<Plan> {
  const vhosts = desired.vhosts.map((v) => v.name);
  const scope = readScopeOf(desired);
  const reading = early && readsTheSame(early, vhosts, scope) ? early : startBrokerReading(client, vhosts, scope, declaredObjects(desired));
  const { actual, cluster, broker, actingUser } = await reading.read;
  const changes = resolveMigrations(diffTopology(desired, actual, secrets), { desired, actual }, options);
  const problems = [...planCompatibility(desired, changes, broker), ...passwordWarnings(desired, actual)];
  return planFromState(client, changes, { actual, cluster, broker, scope, actingUser }, vhosts, options, problems);
}

/** Who topo is connected as, when the plan compares users or permissions (for `Plan.lockouts`). */
async function actingUserFor(client: ManagementClient, scope: ReadScope | undefined): Promise<string | undefined> {
  return isTopologyOnly(scope) ? undefined : readActingUser(client);
}

/** The guards of the apply that runs a saved plan; whether to prune and migrate was decided when it was made. */
export type SavedPlanGuards = Omit<PlanOptions, 'prune' | 'migrate'>;

/** A saved plan fit to run now, or the reason it is not. */
export type SavedPlanCheck = { ok: true; plan: Plan } | { ok: false; reason: 'stale' };

/**
 * A saved plan made fit to run now: `stale` if the broker state of its vhosts, or the broker's
 * version or denied deprecated features, differ from those it was computed from; otherwise its
 * changes planned again with the saved `prune` and these `guards`, so that the guards are
 * those of this apply and the message counts are fresh. Its compatibility problems hold as
 * long as the broker is the same. Reads only.
 */
export async function recheckSavedPlan(client: ManagementClient, saved: Plan, guards: SavedPlanGuards): Promise<SavedPlanCheck> {
  const { actual, cluster, broker, actingUser } = await startBrokerReading(client, saved.vhosts, saved.scope).read;
  if (fingerprintState(actual, saved.vhosts, broker) !== saved.fingerprint) return { ok: false, reason: 'stale' };
  const options: PlanOptions = { ...guards, prune: saved.options.prune, ...(saved.options.migrate ? { migrate: true } : {}) };
  const read = { actual, cluster, broker, ...(saved.scope ? { scope: saved.scope } : {}), actingUser };
  return { ok: true, plan: await planFromState(client, saved.changes, read, saved.vhosts, options, saved.problems) };
}

/** What a plan reads from the broker. */
export interface BrokerRead {
  actual: NormalizedTopology;
  cluster: ClusterState;
  broker: BrokerFacts;
  actingUser: string | undefined;
}

/** A read under way, of these vhosts in this scope. */
export interface BrokerReading {
  vhosts: readonly string[];
  scope: ReadScope | undefined;
  read: Promise<BrokerRead>;
}

/**
 * Starts reading what a plan reads, all at once: the vhosts' state (with the access kinds
 * `scope` names), the cluster, the broker's facts, and who topo is connected as. The first
 * three need `GET /api/overview` (the state reader for the broker's version): it is read once,
 * and may have been started already (`overview`). `expected`: how many queues and bindings
 * the spec declares in each vhost (on 3.x it decides how a vhost is read fastest). A failure
 * is thrown by whoever awaits `read`, never an unhandled rejection: a command may start
 * reading before it knows its spec is valid, and then report the spec's errors instead.
 */
export function startBrokerReading(
  client: ManagementClient,
  vhosts: readonly string[],
  scope: ReadScope | undefined,
  expected?: ReadonlyMap<string, number>,
  overview: Promise<Overview> = readOverview(client),
): BrokerReading {
  const read = readEverything(client, [...vhosts], scope, overview, expected);
  read.catch(() => undefined);
  return { vhosts, scope, read };
}

/** How many queues and bindings the spec declares in each vhost. */
function declaredObjects(desired: NormalizedTopology): Map<string, number> {
  return new Map(desired.vhosts.map((v) => [v.name, v.queues.length + v.bindings.length]));
}

/** A reading started early serves the plan when it read the vhosts and kinds the plan reads. */
function readsTheSame(reading: BrokerReading, vhosts: readonly string[], scope: ReadScope): boolean {
  return JSON.stringify([reading.vhosts, reading.scope]) === JSON.stringify([vhosts, scope]);
}

async function readEverything(
  client: ManagementClient,
  vhosts: string[],
  scope: ReadScope | undefined,
  overview: Promise<Overview>,
  expected: ReadonlyMap<string, number> | undefined,
): Promise<BrokerRead> {
  // The readers await it; a failure is theirs to throw, never an unhandled rejection here.
  overview.catch(() => undefined);
  const [actual, cluster, broker, actingUser] = await Promise.all([
    readBrokerState(client, vhosts, scope, overview.then((o) => o.version), expected),
    readClusterState(client, vhosts, overview),
    readBrokerFacts(client, overview),
    actingUserFor(client, scope),
  ]);
  return { actual, cluster, broker, actingUser };
}

async function planFromState(
  client: ManagementClient,
  changes: Change[],
  read: { actual: NormalizedTopology; cluster: ClusterState; broker: BrokerFacts; scope?: ReadScope; actingUser?: string | undefined },
  vhosts: string[],
  options: PlanOptions,
  problems: readonly CompatibilityProblem[],
): Promise<Plan> {
  const counted = requiredMessageCounts(changes, options);
  const messages = counted.length > 0 ? await readQueueMessageCounts(client, counted) : new Map<string, number>();
  return planChanges(changes, options, {
    vhosts,
    fingerprint: fingerprintState(read.actual, vhosts, read.broker),
    messages,
    cluster: assessCluster(read.cluster, read.actual),
    broker: read.broker,
    problems,
    ...(read.scope ? { scope: read.scope } : {}),
    ...(read.actingUser !== undefined ? { actingUser: read.actingUser } : {}),
  });
}
