import { writeFile } from 'node:fs/promises';
import { assertCompatible } from '../apply/assert-compatible.js';
import { ExitCode, TopoError } from '../errors.js';
import { renderMermaid } from '../graph/render-mermaid.js';
import { MUTATING_ACTIONS } from '../plan/change.js';
import type { Plan } from '../plan/plan.js';
import { serializePlan } from '../plan/plan-file.js';
import { renderJson } from '../render/render-json.js';
import { renderMarkdown } from '../render/render-markdown.js';
import { renderText } from '../render/render-text.js';
import type { Topology } from '../model/topology.js';
import { planAgainstBroker } from '../plan/plan-against-broker.js';
import type { CommandIO } from './io.js';
import { loadSpecFromFlags } from './load-spec.js';
import { openBroker } from './open-broker.js';
import { useColor } from './use-color.js';
import type { PlanOptions } from './options.js';

/** `topo plan`: diff the spec against the broker and show what apply would change. */
export async function planCommand(paths: string[], options: PlanOptions, io: CommandIO): Promise<number> {
  const format = outputFormat(options);
  if (options.graph && format !== 'markdown') {
    throw new TopoError('usage', '--graph goes with --format markdown (for a picture alone: topo graph)');
  }
  const desired = await loadSpecFromFlags(paths, options, io, 'broker');
  const { client } = openBroker(options, io.env);
  let plan: Plan;
  try {
    // The plan shows every guard; whether it is allowed is decided by apply's flags.
    plan = await planAgainstBroker(client, desired, { prune: Boolean(options.prune), allowReplace: false, allowDataLoss: false });
  } finally {
    client.close();
  }
  // What the broker refuses ends the command before anything is saved.
  assertCompatible(plan.problems, (line) => io.err(`${line}\n`));
  if (options.out) {
    await writeFile(options.out, serializePlan(plan)).catch((error: NodeJS.ErrnoException) => {
      throw new TopoError('file', `cannot write ${options.out}: ${error.code ?? error.message}`);
    });
  }
  io.out(render(plan, format, options, io, desired));
  if (options.out) io.err(`Saved the plan to ${options.out}; run: topo apply --plan ${options.out}\n`);
  return options.detailedExitcode && hasChanges(plan) ? ExitCode.changes : ExitCode.ok;
}

type Format = 'text' | 'json' | 'markdown';

function outputFormat(options: PlanOptions): Format {
  if (options.json && options.format && options.format !== 'json') {
    throw new TopoError('usage', `--json and --format ${options.format} contradict each other`);
  }
  return options.json ? 'json' : (options.format ?? 'text');
}

function render(plan: Plan, format: Format, options: PlanOptions, io: CommandIO, desired: Topology): string {
  switch (format) {
    case 'text':
      return renderText(plan, { color: useColor(options.color, io) });
    case 'json':
      return renderJson(plan);
    case 'markdown':
      // The picture is of the spec: what the broker will look like once the plan is applied.
      return renderMarkdown(plan, options.graph ? { graph: renderMermaid(desired) } : {});
    default: {
      const impossible: never = format;
      throw new TopoError('usage', `unknown format ${String(impossible)}`);
    }
  }
}

/** The plan would change the broker: anything created, updated, replaced or deleted. */
export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((c) => MUTATING_ACTIONS.has(c.action));
}
