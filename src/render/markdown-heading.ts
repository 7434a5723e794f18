import { planSections } from './plan-sections.js';
import type { PlanView } from './plan-view.js';

/** The title, the verdict and the table of counts: the top of every Markdown view. Pure. */
export function markdownHeading(view: PlanView): string[] {
  const s = planSections(view);
  const actions = Object.keys(view.summary) as (keyof typeof view.summary)[];
  return [
    '### topo plan',
    '',
    `**${s.verdict}** ${s.counts}`,
    '',
    `| ${actions.join(' | ')} |`,
    `|${actions.map(() => ' ---: |').join('')}`,
    `| ${actions.map((a) => view.summary[a]).join(' | ')} |`,
    '',
  ];
}
