import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { ApplyProgress } from '../plan/apply-report.js';
import { assertCompatible } from '../apply/assert-compatible.js';
import { acquireApplyLock, type ApplyLock } from '../apply/broker-lock.js';
import { DEFAULT_APPLY_CONCURRENCY, executePlan } from '../apply/execute-plan.js';
import { STEP_RETRY_POLICY } from '../apply/step-retry-policy.js';
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
  renderRefusals,
  renderRefusalVerdict,
} from '../render/render-apply-result.js';
import { renderText } from '../render/render-text.js';
import type { NormalizedTopology } from '../model/normalized-topology.js';
import type { CommandIO } from './io.js';
import { loadSpecFromFlags } from './load-spec.js';
import type { ApplyOptions } from './options.js';
import { hasChanges } from './plan.js';
import { resolveConnection } from './resolve-connection.js';
import { useColor } from './use-color.js';

/** How long an apply waits for another one's lock by default (`--lock-timeout`). */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 120;
/** The progress line is redrawn at most this often. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * `topo apply`: plan (or re-check a saved plan), show it, refuse on guards, ask, execute.
 * The lock is taken before the broker is read, so the plan shown is the plan executed: a
 * second apply that waited for the lock plans against what the first one left.
 */
export async function applyCommand(paths: string[], options: ApplyOptions, io: CommandIO): Promise<number> {
  if (options.plan && paths.length > 0) throw new TopoError('usage', 'give spec paths or --plan FILE, not both');
  if (!options.plan && paths.length === 0) throw new TopoError('usage', 'give spec paths, or --plan FILE saved by topo plan --out');
  if (options.plan && options.prune) {
    throw new TopoError('usage', '--prune is decided when the plan is made: topo plan --prune --out FILE');
  }
  // What to plan from: the spec, or a saved plan (checked for staleness under the lock).
  const source: { saved: Plan; file: string } | { desired: NormalizedTopology } = options.plan
    ? { saved: parsePlan(await readText(options.plan), options.plan), file: options.plan }
    : { desired: await loadSpecFromFlags(paths, options, io, 'broker') };

  const connection = resolveConnection(options, io.env);
  const lockTimeout = options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT_SECONDS;
  const concurrency = options.concurrency ?? DEFAULT_APPLY_CONCURRENCY;
  // Reads fail fast; the steps ride out short outages (STEP_RETRY_POLICY). One socket per call
  // in flight: a smaller pool would cap --concurrency silently.
  const client = new ManagementClient(connection, { maxSockets: concurrency });
  const writer = new ManagementClient(connection, { maxSockets: concurrency, ...STEP_RETRY_POLICY });
  const closeClients = (): void => {
    client.close();
    writer.close();
  };
  const { lock, target } = await lockCluster(client, lockTimeout, io).catch((error: unknown) => {
    closeClients();
    throw error;
  });
  try {
    // The guards are this apply's flags; a saved plan keeps the --prune it was made with.
    const guards = { allowReplace: Boolean(options.allowReplace), allowDataLoss: Boolean(options.allowDataLoss) };
    const plan =
      'saved' in source
        ? savedPlanOrStale(await recheckSavedPlan(client, source.saved, guards), source.file)
        : await planAgainstBroker(client, source.desired, { ...guards, prune: Boolean(options.prune) });
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
      if (answer !== 'yes') {
        io.err('Apply cancelled; nothing was changed.\n');
        return ExitCode.error;
      }
    }

    const progress = io.isTTY && !options.json ? progressLine(io, plan.steps.length) : undefined;
    const report = await executePlan(writer, plan, {
      concurrency,
      ...(progress ? { onProgress: progress.update } : {}),
      signal: lock.lost,
      countMessages: async (vhost, name) => (await readReadyCountsOverAmqp(connection, vhost, [name], target)).get(name),
    });
    progress?.end();
    if (options.json) {
      io.out(renderApplyJson(plan, report));
    } else {
      io.out('\n');
      io.err(renderApplyFailures(plan, report));
      if (lock.lost.aborted && lock.lost.reason instanceof Error) io.err(`${lock.lost.reason.message}\n`);
      io.out(renderApplyVerdict(report));
    }
    return report.ok ? ExitCode.ok : ExitCode.error;
  } finally {
    closeClients();
    await lock.release();
  }
}

/**
 * Takes the apply lock on the cluster `client` manages, over its nodes' own AMQP endpoints,
 * and returns it with those endpoints (exact counts use them too).
 */
async function lockCluster(client: ManagementClient, lockTimeout: number, io: CommandIO): Promise<{ lock: ApplyLock; target: AmqpTarget }> {
  const target = await amqpTargetOf(client);
  const lock = await acquireApplyLock(client.connection, {
    timeoutMs: lockTimeout * 1000,
    onWait: () => io.err(`Waiting for another topo apply to finish (up to ${lockTimeout}s)...\n`),
    target,
  });
  return { lock, target };
}

/** The re-checked saved plan, or the one-line refusal of a stale one (exit 1). */
function savedPlanOrStale(check: SavedPlanCheck, file: string): Plan {
  if (check.ok) return check.plan;
  throw new TopoError(
    'plan-stale',
    `the plan in ${file} is stale: the broker changed since it was made; run topo plan --out ${file} again`,
    ExitCode.error,
  );
}

/** A one-line progress counter on a terminal, redrawn in place, erased at the end. */
function progressLine(io: CommandIO, total: number): { update: (event: ApplyProgress) => void; end: () => void } {
  let last = 0;
  let shown = false;
  return {
    update(event) {
      if (event.type !== 'finished') return;
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS && event.finished < total) return;
      last = now;
      shown = true;
      io.err(`\r\x1b[KApplying: ${event.finished}/${total}`);
    },
    end() {
      if (shown) io.err('\r\x1b[K');
    },
  };
}

/** Reads one line from the terminal after writing `question`; '' if input ends first. */
async function ask(question: string, write: (text: string) => void): Promise<string> {
  write(question);
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    const line = await Promise.race([
      once(rl, 'line').then(([text]) => String(text)),
      once(rl, 'close').then(() => ''),
    ]);
    return line.trim().toLowerCase();
  } finally {
    rl.close();
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new TopoError('file', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
