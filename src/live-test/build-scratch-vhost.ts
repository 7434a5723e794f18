import { describeStep } from '../render/describe-step.js';
import { executePlan } from '../apply/execute-plan.js';
import type { ManagementClient } from '../broker/management-client.js';
import { TopoError } from '../errors.js';
import { diffTopology } from '../plan/diff-topology.js';
import { planChanges } from '../plan/plan-changes.js';
import { normalizeTopology, type NormalizedTopology } from '../model/normalized-topology.js';

const EMPTY = normalizeTopology({ vhosts: [], tests: [] });

export interface BuildOptions {
  /** Management API calls in flight at once. */
  concurrency: number;
  /** Once aborted, no new call starts. */
  signal?: AbortSignal;
}

/**
 * Creates everything `scratch` (a Topology of one vhost, see `vhostAs`) declares, with
 * topo's own pipeline: diff against an empty broker, plan (only creates, so no guard can
 * refuse), execute. Exclusive queues and their bindings are left out, as `apply` leaves
 * them: they belong to a connection (`declareRuntime`). Throws a `TopoError` naming the
 * first call the broker refused; `specVhost` is the spec's name for the vhost, for that
 * message. Stops early when `signal` aborts (the caller checks it).
 */
export async function buildScratchVhost(
  client: ManagementClient,
  scratch: NormalizedTopology,
  specVhost: string,
  options: BuildOptions,
): Promise<void> {
  const vhosts = scratch.vhosts.map((v) => v.name);
  const plan = planChanges(
    diffTopology(scratch, EMPTY),
    { prune: false, allowReplace: false, allowDataLoss: false },
    { vhosts, fingerprint: '', messages: new Map() },
  );
  const report = await executePlan(client, plan, {
    concurrency: options.concurrency,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const failed = report.steps.find((s) => s.status === 'failed');
  if (!failed) return;
  const step = plan.steps.find((s) => s.id === failed.id);
  const what = step ? describeStep(step) : `step ${failed.id}`;
  throw new TopoError(
    'apply-failed',
    `cannot build vhost "${specVhost}" in scratch vhost "${vhosts.join(', ')}": ${what} failed: ${failed.error ?? 'unknown error'}`,
  );
}
