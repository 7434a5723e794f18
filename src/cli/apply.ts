import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { ApplyProgress, ApplyReport } from '../apply/apply-report.js';
import { acquireApplyLock } from '../apply/broker-lock.js';
import { describeStep } from '../apply/describe-step.js';
import { DEFAULT_APPLY_CONCURRENCY, executePlan } from '../apply/execute-plan.js';
import { readReadyCountsOverAmqp } from '../broker/amqp-ready-counts.js';
import { ManagementClient } from '../broker/management-client.js';
import { resolveConnection } from '../broker/connection.js';
import { ExitCode, TopoError } from '../errors.js';
import { PLAN_FORMAT_VERSION, type Plan, type PlanOptions } from '../plan/plan.js';
import { parsePlan } from '../plan/plan-file.js';
import { renderJson } from '../render/render-json.js';
import { renderText } from '../render/render-text.js';
import type { Topology } from '../model/topology.js';
import { computePlan, recheckSavedPlan } from './compute-plan.js';
import type { CommandIO } from './io.js';
import { loadSpecFromFlags } from './load-spec.js';
import type { ApplyOptions } from './options.js';
import { hasChanges, useColor } from './plan.js';

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
  if (options.plan && options.migrate) {
    throw new TopoError('usage', '--migrate is decided when the plan is made: topo plan --migrate --out FILE');
  }
  // What to plan from: the spec, or a saved plan (checked for staleness under the lock).
  const source: { saved: Plan; file: string } | { desired: Topology } = options.plan
    ? { saved: parsePlan(await readText(options.plan), options.plan), file: options.plan }
    : { desired: await loadSpecFromFlags(paths, options, io) };

  const connection = resolveConnection(options, io.env);
  const lockTimeout = options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT_SECONDS;
  const lock = await acquireApplyLock(connection, {
    timeoutMs: lockTimeout * 1000,
    onWait: () => io.err(`Waiting for another topo apply to finish (up to ${lockTimeout}s)...\n`),
  });
  const concurrency = options.concurrency ?? DEFAULT_APPLY_CONCURRENCY;
  // One socket per call in flight: a smaller pool would cap --concurrency silently.
  const client = new ManagementClient(connection, { maxSockets: concurrency });
  try {
    // The guards are this apply's flags; whether to prune was decided when the plan was made.
    const planOptions: PlanOptions = {
      prune: 'saved' in source ? source.saved.options.prune : Boolean(options.prune),
      allowReplace: Boolean(options.allowReplace),
      allowDataLoss: Boolean(options.allowDataLoss),
      migrate: 'saved' in source ? Boolean(source.saved.options.migrate) : Boolean(options.migrate),
    };
    const plan =
      'saved' in source
        ? await recheckSavedPlan(client, source.saved, planOptions, source.file)
        : await computePlan(client, source.desired, planOptions);

    if (!options.json) io.out(renderText(plan, { color: useColor(options.color, io) }));
    if (plan.refusals.length > 0) {
      // The text view lists each refused object with its flag; JSON readers get them here too.
      if (options.json) {
        io.out(applyJson(plan, null));
        for (const r of plan.refusals) io.err(`refused: ${r.reason} (needs ${r.flag})\n`);
      }
      const flags = [...new Set(plan.refusals.map((r) => r.flag))].sort().join(' ');
      io.err(`topo: apply refused: the plan needs ${flags}; nothing was changed\n`);
      return ExitCode.refused;
    }
    // The text view already says "No changes."
    if (!hasChanges(plan)) {
      if (options.json) io.out(applyJson(plan, null));
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
    const report = await executePlan(client, plan, {
      concurrency,
      ...(progress ? { onProgress: progress.update } : {}),
      signal: lock.lost,
      countMessages: async (vhost, name) => (await readReadyCountsOverAmqp(connection, vhost, [name])).get(name),
    });
    progress?.end();
    if (options.json) io.out(applyJson(plan, report));
    else printResult(plan, report, io, lock.lost);
    return report.ok ? ExitCode.ok : ExitCode.error;
  } finally {
    client.close();
    await lock.release();
  }
}

/** `apply --json`: the plan as `plan --json` prints it, and the result of each step. */
function applyJson(plan: Plan, result: ApplyReport | null): string {
  const view: unknown = JSON.parse(renderJson(plan));
  return `${JSON.stringify({ formatVersion: PLAN_FORMAT_VERSION, plan: view, result }, null, 2)}\n`;
}

function printResult(plan: Plan, report: ApplyReport, io: CommandIO, lost: AbortSignal): void {
  const { done, failed, skipped } = report.summary;
  io.out('\n');
  if (report.ok) {
    io.out(`Apply complete: ${done} step${done === 1 ? '' : 's'} done.\n`);
    return;
  }
  const steps = new Map(plan.steps.map((s) => [s.id, s]));
  for (const result of report.steps) {
    const step = steps.get(result.id);
    if (result.status === 'failed' && step) io.err(`failed: ${describeStep(step)}: ${result.error ?? 'unknown error'}\n`);
  }
  if (lost.aborted && lost.reason instanceof Error) io.err(`${lost.reason.message}\n`);
  io.out(
    `Apply failed: ${done} done, ${failed} failed, ${skipped} not started. ` +
      'Every step is safe to repeat: fix the cause and run topo apply again.\n',
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
