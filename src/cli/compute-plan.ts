import type { Connection } from '../broker/connection.js';
import { resolveConnection } from '../broker/connection.js';
import { ManagementClient } from '../broker/management-client.js';
import { readBrokerState, readQueueMessageCounts } from '../broker/read-state.js';
import { ExitCode, TopoError } from '../errors.js';
import type { Change } from '../plan/change.js';
import { diffTopology } from '../plan/diff-topology.js';
import { fingerprintState } from '../plan/fingerprint.js';
import type { Plan, PlanOptions } from '../plan/plan.js';
import { planChanges } from '../plan/plan-changes.js';
import { requiredMessageCounts } from '../plan/required-message-counts.js';
import { resolveMigrations } from '../plan/resolve-migrations.js';
import type { Topology } from '../model/topology.js';
import type { ConnectionFlags } from './options.js';

/** A management API client for the broker the flags name; `close` when done. */
export interface BrokerSession {
  connection: Connection;
  client: ManagementClient;
}

/** Resolves the connection from flags and environment and opens a management API client. */
export function openBroker(flags: ConnectionFlags, env: NodeJS.ProcessEnv): BrokerSession {
  const connection = resolveConnection(flags, env);
  return { connection, client: new ManagementClient(connection) };
}

/**
 * The plan for `desired`: reads the vhosts the spec names from the broker, diffs, decides
 * migrations, reads the message counts of the queues the plan would delete, replace or
 * migrate, and plans. Reads only.
 */
export async function computePlan(client: ManagementClient, desired: Topology, options: PlanOptions): Promise<Plan> {
  const vhosts = desired.vhosts.map((v) => v.name);
  const actual = await readBrokerState(client, vhosts);
  const changes = resolveMigrations(diffTopology(desired, actual), { desired, actual }, options);
  return planAgainst(client, changes, actual, vhosts, options);
}

/**
 * A saved plan made fit to run now: refuses it (`plan-stale`, exit 1) if the broker state of
 * its vhosts differs from the state it was computed from, then plans its changes again with
 * `options`, so that the guards are those of this apply and the message counts are fresh.
 */
export async function recheckSavedPlan(
  client: ManagementClient,
  saved: Plan,
  options: PlanOptions,
  file: string,
): Promise<Plan> {
  const actual = await readBrokerState(client, saved.vhosts);
  if (fingerprintState(actual, saved.vhosts) !== saved.fingerprint) {
    throw new TopoError(
      'plan-stale',
      `the plan in ${file} is stale: the broker changed since it was made; run topo plan --out ${file} again`,
      ExitCode.error,
    );
  }
  return planAgainst(client, saved.changes, actual, saved.vhosts, options);
}

async function planAgainst(
  client: ManagementClient,
  changes: Change[],
  actual: Topology,
  vhosts: string[],
  options: PlanOptions,
): Promise<Plan> {
  const counted = requiredMessageCounts(changes, options);
  const messages = counted.length > 0 ? await readQueueMessageCounts(client, counted) : new Map<string, number>();
  return planChanges(changes, options, { vhosts, fingerprint: fingerprintState(actual, vhosts), messages });
}
