import { AmqpDeclarer } from '../apply/amqp-declarer.js';
import { assertCompatible } from '../apply/assert-compatible.js';
import { DEFAULT_APPLY_CONCURRENCY, executePlan } from '../apply/execute-plan.js';
import { currentHolder } from '../apply/lock-holder.js';
import { STEP_RETRY_POLICY } from '../apply/step-retry-policy.js';
import { takeApplyLocks } from '../apply/take-apply-locks.js';
import type { Connection } from '../broker/connection.js';
import { readReadyCountsOverAmqp } from '../broker/amqp-ready-counts.js';
import { amqpTargetOf, type AmqpTarget } from '../broker/amqp-target.js';
import { ManagementClient } from '../broker/management-client.js';
import { ExitCode, TopoError } from '../errors.js';
import type { Plan } from '../plan/plan.js';
import { planAgainstBroker, recheckSavedPlan, type SavedPlanCheck } from '../plan/plan-against-broker.js';
import { parsePlan } from '../plan/plan-file.js';
import {
  renderApplyFailures,
  renderApplyJson,
  renderApplyVerdict,
  renderBlockedVerdict,
  renderLockoutVerdict,
  renderRefusals,
  renderRefusalVerdict,
} from '../render/render-apply-result.js';
import { renderInterrupted } from '../render/render-apply-progress.js';
import { renderText } from '../render/render-text.js';
import type { NormalizedTopology } from '../model/normalized-topology.js';
import { applyProgress, DEFAULT_CI_PROGRESS_SECONDS, ERASE_LINE } from './apply-progress.js';
import { ask, isYes } from './ask.js';
import { interruptOnce } from './interrupt-once.js';
import type { CommandIO } from './io.js';
import { loadSpecFromFlags, onlyVhosts } from './load-spec.js';
import type { ApplyOptions } from './options.js';
import { hasChanges } from './plan.js';
import { readText } from './read-text.js';
import { secretReader } from '../load/read-secret.js';
import { resolveConnection } from './resolve-connection.js';
import { useColor } from './use-color.js';

/** How long an apply waits for another one's lock by default (`--lock-timeout`). */
const DEFAULT_LOCK_TIMEOUT_SECONDS = 120;

/**
 * `topo apply`: plan (or re-check a saved plan), show it, refuse on guards, ask, execute.
 * The locks of the vhosts it changes are taken before the broker is read, so the plan shown is
 * the plan executed: a second apply that waited for a lock plans against what the first one
 * left. Applies to other vhosts do not wait.
 */
export async function applyCommand(paths: string[], options: ApplyOptions, io: CommandIO): Promise<number> {
  if (options.plan && paths.length > 0) throw new TopoError('usage', 'give spec paths or --plan FILE, not both');
  if (!options.plan && paths.length === 0) throw new TopoError('usage', 'give spec paths, or --plan FILE saved by topo plan --out');
  if (options.plan && options.vhost && options.vhost.length > 0) {
    throw new TopoError('usage', '--vhost is decided when the plan is made: topo plan --vhost NAME --out FILE');
  }
  if (options.plan && options.prune) {
    throw new TopoError('usage', '--prune is decided when the plan is made: topo plan --prune --out FILE');
  }
  if (options.plan && options.migrate) {
    throw new TopoError('usage', '--migrate is decided when the plan is made: topo plan --migrate --out FILE');
  }
  // What to plan from: the spec, or a saved plan (checked for staleness under the lock).
  const source: { saved: Plan; file: string } | { desired: NormalizedTopology } = options.plan
    ? { saved: parsePlan(await readText(options.plan), options.plan), file: options.plan }
    : { desired: onlyVhosts(await loadSpecFromFlags(paths, options, io, 'broker'), options.vhost) };

  const connection = resolveConnection(options, io.env);
  const concurrency = options.concurrency ?? DEFAULT_APPLY_CONCURRENCY;
  // Reads fail fast; the steps ride out short outages (STEP_RETRY_POLICY). One socket per call
  // in flight: a smaller pool would cap --concurrency silently.
  const client = new ManagementClient(connection, { maxSockets: concurrency });
  const writer = new ManagementClient(connection, { maxSockets: concurrency, ...STEP_RETRY_POLICY });
  const closeClients = (): void => {
    client.close();
    writer.close();
  };
  const lockTimeout = options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT_SECONDS;
  const vhosts = 'saved' in source ? source.saved.vhosts : source.desired.vhosts.map((v) => v.name);
  const locked = async () => {
    const target = await amqpTargetOf(client);
    const lock = await takeApplyLocks(connection, client, vhosts, {
      timeoutMs: lockTimeout * 1000,
      holder: currentHolder(),
      target,
      onWait: (vhost, heldBy) =>
        io.err(
          `Waiting for another topo apply to finish in vhost ${JSON.stringify(vhost)}` +
            `${heldBy ? ` (held by ${heldBy})` : ''}, up to ${lockTimeout}s...\n`,
        ),
    });
    return { lock, target };
  };
  const { lock, target } = await locked().catch((error: unknown) => {
    closeClients();
    throw error;
  });
  try {
    // The guards are this apply's flags; a saved plan keeps the --prune and --migrate it was made with.
    const guards = { allowReplace: Boolean(options.allowReplace), allowDataLoss: Boolean(options.allowDataLoss) };
    const plan =
      'saved' in source
        ? savedPlanOrStale(await recheckSavedPlan(client, source.saved, guards), source.file)
        : await planAgainstBroker(
            client,
            source.desired,
            { ...guards, prune: Boolean(options.prune), migrate: Boolean(options.migrate) },
            secretReader(io.env),
          );
    // Before the plan is shown and confirmed: a plan the broker refuses is never asked about.
    assertCompatible(plan.problems, (line) => io.err(`${line}\n`));

    if (!options.json) io.out(renderText(plan, { color: useColor(options.color, io) }));
    if (plan.refusals.length > 0) {
      // The text view lists each refused object with its flag; JSON readers get them here too.
      if (options.json) {
        io.out(renderApplyJson(plan, null));
        io.err(renderRefusals(plan));
      }
      io.err(`topo: ${renderRefusalVerdict(plan)}\n`);
      return ExitCode.refused;
    }
    if (plan.lockouts && plan.lockouts.length > 0) {
      // The text view lists each one; no flag allows these.
      if (options.json) io.out(renderApplyJson(plan, null));
      io.err(`topo: ${renderLockoutVerdict(plan)}\n`);
      return ExitCode.refused;
    }
    if (plan.blocked && plan.blocked.length > 0) {
      // The text view lists each blocked change; no flag allows these.
      if (options.json) io.out(renderApplyJson(plan, null));
      io.err(`topo: ${renderBlockedVerdict(plan)}\n`);
      return ExitCode.error;
    }
    // The text view already says "No changes."
    if (!hasChanges(plan)) {
      if (options.json) io.out(renderApplyJson(plan, null));
      return ExitCode.ok;
    }
    if (!options.yes) {
      if (!io.stdinIsTTY) {
        throw new TopoError('usage', 'apply needs --yes when standard input is not a terminal; nothing was changed');
      }
      const answer = await ask('Apply these changes? (yes/no) ', options.json ? io.err : io.out);
      if (!isYes(answer)) {
        io.err('Apply cancelled; nothing was changed.\n');
        return ExitCode.error;
      }
    }

    return await execute(plan, { client: writer, connection, target, concurrency, lost: lock.lost }, options, io);
  } finally {
    closeClients();
    await lock.release();
  }
}

/**
 * Takes the apply lock on the cluster `client` manages, over its nodes' own AMQP endpoints,
 * and returns it with those endpoints (exact counts use them too).
 */
/** The re-checked saved plan, or the one-line refusal of a stale one (exit 1). */
function savedPlanOrStale(check: SavedPlanCheck, file: string): Plan {
  if (check.ok) return check.plan;
  throw new TopoError(
    'plan-stale',
    `the plan in ${file} is stale: the broker changed since it was made; run topo plan --out ${file} again`,
    ExitCode.error,
  );
}

/**
 * Runs the plan's steps: a line per finished step and a progress line (./apply-progress.ts),
 * stopped by a lost lock or by Ctrl-C / SIGTERM, after which the running steps finish, no new
 * one starts, and the closing lines say what was done, what was not, and that a re-run
 * converges. A second Ctrl-C ends topo at once.
 */
async function execute(
  plan: Plan,
  broker: { client: ManagementClient; connection: Connection; target: AmqpTarget; concurrency: number; lost: AbortSignal },
  options: ApplyOptions,
  io: CommandIO,
): Promise<number> {
  // A blank line between the plan and the lines of the steps.
  if (!options.json) io.out('\n');
  const progress = options.json
    ? undefined
    : applyProgress(io, {
        total: plan.steps.length,
        color: useColor(options.color, io),
        ciIntervalSeconds: progressSeconds(io.env.TOPO_PROGRESS_INTERVAL),
      });
  const interrupted = new AbortController();
  const stopHandling = interruptOnce(() => {
    progress?.writeAtOnce();
    // On a terminal, in place of the progress line; the next redraw comes below.
    io.err(`${io.isTTY ? ERASE_LINE : ''}Interrupted: no new step starts; the running ones finish (press Ctrl-C again to quit now)...\n`);
    interrupted.abort();
  });
  // Declares go over AMQP unless asked otherwise: no HTTP authentication per object (issue 16).
  const declarer = options.declareOver === 'http' ? undefined : new AmqpDeclarer(broker.connection, broker.target, broker.client.retryPolicy);
  let report;
  try {
    report = await executePlan(broker.client, plan, {
      concurrency: broker.concurrency,
      ...(progress ? { onProgress: progress.update } : {}),
      signal: AbortSignal.any([broker.lost, interrupted.signal]),
      secrets: secretReader(io.env),
      countMessages: async (vhost, name) => (await readReadyCountsOverAmqp(broker.connection, vhost, [name], broker.target)).get(name),
      ...(declarer ? { declarer } : {}),
    });
  } finally {
    progress?.end();
    stopHandling();
    await declarer?.close();
  }
  const wasInterrupted = interrupted.signal.aborted && report.summary.skipped > 0;
  if (options.json) {
    io.out(renderApplyJson(plan, report, { interrupted: wasInterrupted }));
  } else {
    io.out('\n');
    io.err(renderApplyFailures(plan, report));
    if (broker.lost.aborted && broker.lost.reason instanceof Error) io.err(`${broker.lost.reason.message}\n`);
    io.out(wasInterrupted ? renderInterrupted(plan, report) : renderApplyVerdict(report));
  }
  return report.ok ? ExitCode.ok : ExitCode.error;
}

/** `TOPO_PROGRESS_INTERVAL`: seconds between progress lines in CI logs. */
function progressSeconds(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_CI_PROGRESS_SECONDS;
  const seconds = Number(value);
  if (!(seconds > 0)) throw new TopoError('usage', `TOPO_PROGRESS_INTERVAL must be a positive number of seconds, got "${value}"`);
  return seconds;
}
