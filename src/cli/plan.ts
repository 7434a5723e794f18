import { writeFile } from 'node:fs/promises';
import { assertCompatible } from '../apply/assert-compatible.js';
import { ExitCode, TopoError } from '../errors.js';
import { renderMermaid } from '../graph/render-mermaid.js';
import { MUTATING_ACTIONS } from '../plan/change.js';
import type { Plan } from '../plan/plan.js';
import { serializePlan } from '../plan/plan-file.js';
import { renderPlan, type PlanFormat } from '../render/render-plan.js';
import { planAgainstBroker } from '../plan/plan-against-broker.js';
import { secretReader } from '../load/read-secret.js';
import type { CommandIO } from './io.js';
import { loadSpecFromFlags, onlyVhosts } from './load-spec.js';
import { readWhileChecking } from './read-while-checking.js';
import type { NormalizedTopology } from '../model/normalized-topology.js';
import { useColor } from './use-color.js';
import type { PlanOptions } from './options.js';

/** `topo plan`: diff the spec against the broker and show what apply would change. */
export async function planCommand(paths: string[], options: PlanOptions, io: CommandIO): Promise<number> {
  const format = planFormat(options);
  if (options.graph && format !== 'markdown') {
    throw new TopoError('usage', '--graph goes with --format markdown (for a picture alone: topo graph)');
  }
  // The broker is read while the spec is checked (./read-while-checking.ts).
  const early = readWhileChecking(options, io.env);
  let plan: Plan;
  let desired: NormalizedTopology;
  try {
    desired = onlyVhosts(await loadSpecFromFlags(paths, options, io, 'broker', early.beforeChecks), options.vhost);
    const { client } = early.session();
    // The plan shows every guard; whether it is allowed is decided by apply's flags.
    plan = await planAgainstBroker(client, desired, {
      prune: Boolean(options.prune),
      allowReplace: false,
      allowDataLoss: false,
      migrate: Boolean(options.migrate),
    }, secretReader(io.env), early.reading());
  } finally {
    early.close();
  }
  // What the broker refuses ends the command before anything is saved.
  assertCompatible(plan.problems, (line) => io.err(`${line}\n`));
  if (options.out) {
    await writeFile(options.out, serializePlan(plan)).catch((error: NodeJS.ErrnoException) => {
      throw new TopoError('file', `cannot write ${options.out}: ${error.code ?? error.message}`);
    });
  }
  io.out(
    renderPlan(plan, format, {
      color: useColor(options.color, io),
      // The picture is of the spec: what the broker will look like once the plan is applied.
      ...(options.graph ? { graph: renderMermaid(desired) } : {}),
      ...(options.fullPlan ? { fullPlan: options.fullPlan } : {}),
    }),
  );
  if (options.out) io.err(`Saved the plan to ${options.out}; run: topo apply --plan ${options.out}\n`);
  return options.detailedExitcode && hasChanges(plan) ? ExitCode.changes : ExitCode.ok;
}

/**
 * The format `--json` and `--format` ask for (text by default); they must not contradict, and
 * `--full-plan` goes with Markdown only.
 */
export function planFormat(options: { json?: boolean; format?: PlanFormat; fullPlan?: string }): PlanFormat {
  if (options.json && options.format && options.format !== 'json') {
    throw new TopoError('usage', `--json and --format ${options.format} contradict each other`);
  }
  const format = options.json ? 'json' : (options.format ?? 'text');
  if (options.fullPlan && format !== 'markdown') throw new TopoError('usage', '--full-plan goes with --format markdown');
  return format;
}

/** The plan would change the broker: anything created, updated, replaced or deleted. */
export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((c) => MUTATING_ACTIONS.has(c.action));
}
