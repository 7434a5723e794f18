import { ExitCode, TopoError } from '../errors.js';
import { parsePlan } from '../plan/plan-file.js';
import { renderPlan } from '../render/render-plan.js';
import type { CommandIO } from './io.js';
import type { ShowOptions } from './options.js';
import { planFormat } from './plan.js';
import { readText } from './read-text.js';
import { useColor } from './use-color.js';

/**
 * `topo show PLAN_FILE`: a plan saved by `topo plan --out`, rendered as `topo plan` printed it
 * (text, `--json`, or `--format markdown`). Offline: the broker is not read.
 */
export async function showCommand(paths: string[], options: ShowOptions, io: CommandIO): Promise<number> {
  if (paths.length !== 1) throw new TopoError('usage', 'give one plan file, saved by topo plan --out FILE');
  const file = paths[0] as string;
  const plan = parsePlan(await readText(file), file);
  io.out(
    renderPlan(plan, planFormat(options), {
      color: useColor(options.color, io),
      ...(options.fullPlan ? { fullPlan: options.fullPlan } : {}),
    }),
  );
  return ExitCode.ok;
}
