/**
 * The pipeline's "read, decide" step against a live broker: the one file of src/plan/ that
 * does I/O (it reads through a ManagementClient and never writes). Everything it decides is
 * decided by the pure planner; this file only gathers what the planner needs.
 */
import type { ManagementClient } from '../broker/management-client.js';
import { readBrokerState, readQueueMessageCounts } from '../broker/read-state.js';
import type { NormalizedTopology } from '../model/normalized-topology.js';
import type { Change } from './change.js';
import { diffTopology } from './diff-topology.js';
import { fingerprintState } from './fingerprint.js';
import type { Plan, PlanOptions } from './plan.js';
import { planChanges } from './plan-changes.js';
import { requiredMessageCounts } from './required-message-counts.js';

/**
 * The plan for `desired`: reads the vhosts the spec names from the broker, diffs, reads the
 * message counts of the queues the plan would delete or replace, and plans. Reads only.
 */
export async function planAgainstBroker(client: ManagementClient, desired: NormalizedTopology, options: PlanOptions): Promise<Plan> {
  const vhosts = desired.vhosts.map((v) => v.name);
  const actual = await readBrokerState(client, vhosts);
  return planFromState(client, diffTopology(desired, actual), actual, vhosts, options);
}

/** The guards of the apply that runs a saved plan; whether to prune was decided when it was made. */
export type SavedPlanGuards = Omit<PlanOptions, 'prune'>;

/** A saved plan fit to run now, or the reason it is not. */
export type SavedPlanCheck = { ok: true; plan: Plan } | { ok: false; reason: 'stale' };

/**
 * A saved plan made fit to run now: `stale` if the broker state of its vhosts differs from
 * the state it was computed from; otherwise its changes planned again with the saved `prune`
 * and these `guards`, so that the guards are those of this apply and the message counts are
 * fresh. Reads only.
 */
export async function recheckSavedPlan(client: ManagementClient, saved: Plan, guards: SavedPlanGuards): Promise<SavedPlanCheck> {
  const actual = await readBrokerState(client, saved.vhosts);
  if (fingerprintState(actual, saved.vhosts) !== saved.fingerprint) return { ok: false, reason: 'stale' };
  const options: PlanOptions = { ...guards, prune: saved.options.prune };
  return { ok: true, plan: await planFromState(client, saved.changes, actual, saved.vhosts, options) };
}

async function planFromState(
  client: ManagementClient,
  changes: Change[],
  actual: NormalizedTopology,
  vhosts: string[],
  options: PlanOptions,
): Promise<Plan> {
  const counted = requiredMessageCounts(changes, options);
  const messages = counted.length > 0 ? await readQueueMessageCounts(client, counted) : new Map<string, number>();
  return planChanges(changes, options, { vhosts, fingerprint: fingerprintState(actual, vhosts), messages });
}
