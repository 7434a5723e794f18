import type { Plan } from '../plan/plan.js';
import { planView } from './plan-view.js';

/** `plan --json`: the plan view (docs/apply.md, "Plan JSON") as indented JSON, ending with a newline. Pure. */
export function renderJson(plan: Plan): string {
  return `${JSON.stringify(planView(plan), null, 2)}\n`;
}
