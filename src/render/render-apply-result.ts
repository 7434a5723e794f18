import type { ApplyReport, StepResult } from '../plan/apply-report.js';
import { describeStep } from './describe-step.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../plan/plan.js';
import { planView, type ChangeView, type PlanView } from './plan-view.js';
import { countOf } from '../text/count-of.js';

/**
 * `apply --json`: the plan as `plan --json` prints it, and the result of each step (`null`
 * when nothing ran: refused, or nothing to do). Each step's result carries its operation and
 * the object it acts on (kind, vhost, name; a binding's fields), so a reader needs no lookup
 * in the plan; `interrupted` is true when Ctrl-C or SIGTERM stopped the apply. Pure.
 */
export function renderApplyJson(plan: Plan, result: ApplyReport | null, options: { interrupted?: boolean } = {}): string {
  const view = planView(plan);
  const steps = new Map(plan.steps.map((s) => [s.id, s]));
  const described =
    result === null
      ? null
      : {
          ok: result.ok,
          ...(options.interrupted ? { interrupted: true } : {}),
          summary: result.summary,
          steps: result.steps.map((r) => {
            const step = steps.get(r.id);
            return step ? { id: r.id, op: step.op, object: objectOf(view, step.change), ...withoutId(r) } : r;
          }),
        };
  return `${JSON.stringify({ formatVersion: PLAN_FORMAT_VERSION, plan: view, result: described }, null, 2)}\n`;
}

/** The fields of a change that name its object. */
const OBJECT_FIELDS = ['kind', 'vhost', 'name', 'source', 'destination', 'destinationType', 'routingKey', 'arguments'] as const;

/** The object a step acts on, as its change names it in the plan view. */
function objectOf(view: PlanView, change: number): Partial<Pick<ChangeView, (typeof OBJECT_FIELDS)[number]>> {
  const fields = (view.changes[change] ?? {}) as Partial<Record<(typeof OBJECT_FIELDS)[number], unknown>>;
  return Object.fromEntries(OBJECT_FIELDS.filter((f) => fields[f] !== undefined).map((f) => [f, fields[f]]));
}

function withoutId(r: StepResult): Omit<StepResult, 'id'> {
  const { id: _id, ...rest } = r;
  return rest;
}

/** One line per refused change, with the flag it needs: for readers of `--json` on stderr. Pure. */
export function renderRefusals(plan: Plan): string {
  return plan.refusals.map((r) => `refused: ${r.reason} (needs ${r.flag})\n`).join('');
}

/** The one-line verdict on a plan that would lock topo out: no flag allows it. Pure. */
export function renderLockoutVerdict(plan: Plan): string {
  const n = plan.lockouts?.length ?? 0;
  return `apply refused: ${n} change${n === 1 ? '' : 's'} would lock topo out of the broker (see above); nothing was changed`;
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
  return `apply refused: ${which} down and ${countOf(changes, 'change')} of the plan need${changes === 1 ? 's' : ''} it; nothing was changed`;
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
