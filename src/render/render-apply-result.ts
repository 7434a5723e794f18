import type { ApplyReport } from '../plan/apply-report.js';
import { describeStep } from './describe-step.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../plan/plan.js';
import { planView } from './plan-view.js';
import { countOf } from '../text/count-of.js';

/**
 * `apply --json`: the plan as `plan --json` prints it, and the result of each step (`null`
 * when nothing ran: refused, or nothing to do). Pure.
 */
export function renderApplyJson(plan: Plan, result: ApplyReport | null): string {
  return `${JSON.stringify({ formatVersion: PLAN_FORMAT_VERSION, plan: planView(plan), result }, null, 2)}\n`;
}

/** One line per refused change, with the flag it needs: for readers of `--json` on stderr. Pure. */
export function renderRefusals(plan: Plan): string {
  return plan.refusals.map((r) => `refused: ${r.reason} (needs ${r.flag})\n`).join('');
}

/** The one-line verdict on a refused plan: every flag it needs, sorted. Pure. */
export function renderRefusalVerdict(plan: Plan): string {
  const flags = [...new Set(plan.refusals.map((r) => r.flag))].sort().join(' ');
  return `apply refused: the plan needs ${flags}; nothing was changed`;
}

/** The one-line verdict on a plan that needs a node that is down: which nodes, how many changes. Pure. */
export function renderBlockedVerdict(plan: Plan): string {
  const blocked = plan.blocked ?? [];
  const nodes = [...new Set(blocked.flatMap((b) => b.nodes))].sort();
  const changes = new Set(blocked.map((b) => b.change)).size;
  const which = nodes.length === 1 ? `node ${nodes[0]} is` : `nodes ${nodes.join(', ')} are`;
  return `apply refused: ${which} down and ${changes} change${changes === 1 ? '' : 's'} of the plan need${changes === 1 ? 's' : ''} it; nothing was changed`;
}

/** One line per failed step: which step, and why. Empty when none failed. Pure. */
export function renderApplyFailures(plan: Plan, report: ApplyReport): string {
  const steps = new Map(plan.steps.map((s) => [s.id, s]));
  return report.steps
    .flatMap((result) => {
      const step = steps.get(result.id);
      return result.status === 'failed' && step ? [`failed: ${describeStep(step)}: ${result.error ?? 'unknown error'}\n`] : [];
    })
    .join('');
}

/** The closing line of an apply: how many steps were done, and what to do after a failure. Pure. */
export function renderApplyVerdict(report: ApplyReport): string {
  const { done, failed, skipped } = report.summary;
  if (report.ok) return `Apply complete: ${countOf(done, 'step')} done.\n`;
  return (
    `Apply failed: ${done} done, ${failed} failed, ${skipped} not started. ` +
    'Every step is safe to repeat: fix the cause and run topo apply again.\n'
  );
}
