import { MUTATING_ACTIONS, type ChangeAction } from '../plan/change.js';
import { compareStrings } from '../text/compare-strings.js';
import { code, escape } from './markdown-text.js';
import type { PlanView } from './plan-view.js';
import { REFUSALS_TITLE } from './plan-sections.js';
import { markdownHeading } from './markdown-heading.js';

export interface SummaryOptions {
  maxLength: number;
  /** Characters of the full comment, to say by how much it did not fit. */
  fullLength: number;
  fullPlan?: string;
}

const MUTATING: readonly ChangeAction[] = [...MUTATING_ACTIONS];

/**
 * A plan too long for one comment, summarized: the heading and counts, the refusals, a table
 * of what changes in each vhost, and where the full plan is. Refusals and vhost rows that
 * still do not fit within `maxLength` are counted instead of listed. Pure.
 */
export function renderMarkdownSummary(view: PlanView, options: SummaryOptions): string {
  const where = options.fullPlan
    ? `The full plan is in ${escape(options.fullPlan)}.`
    : 'Run `topo plan` to see the full plan, or save it with `topo plan --out plan.json` and read it with `topo show plan.json`.';
  const head = [
    ...markdownHeading(view),
    `> **The full plan does not fit in a comment** (${options.fullLength.toLocaleString('en-US')} characters; ` +
      `${options.maxLength.toLocaleString('en-US')} at most). ${where}`,
    '',
  ];
  const refusals = view.refusals.map((r) => `- \`${r.flag}\`: ${escape(r.reason)}`);
  const table = vhostRows(view);
  // Keep a margin for the "... and N more" lines and the headings around the lists.
  let budget = options.maxLength - head.join('\n').length - 400;
  const fit = (lines: string[]): { shown: string[]; left: number } => {
    const shown: string[] = [];
    for (const line of lines) {
      if (line.length + 1 > budget) break;
      budget -= line.length + 1;
      shown.push(line);
    }
    return { shown, left: lines.length - shown.length };
  };
  const out = [...head];
  if (refusals.length > 0) {
    const { shown, left } = fit(refusals);
    out.push(`**${REFUSALS_TITLE}:**`, '', ...shown, ...(left > 0 ? [`- ... and ${left} more`] : []), '');
  }
  if (table.length > 0) {
    const { shown, left } = fit(table);
    out.push(
      '#### Changes per vhost',
      '',
      `| vhost | ${MUTATING.join(' | ')} |`,
      `| --- |${MUTATING.map(() => ' ---: |').join('')}`,
      ...shown,
      ...(left > 0 ? [`| ... and ${left} more vhosts |${MUTATING.map(() => ' |').join('')}`] : []),
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** One table row per vhost that changes: how many of each action. */
function vhostRows(view: PlanView): string[] {
  const counts = new Map<string, Record<string, number>>();
  for (const c of view.changes) {
    if (!MUTATING_ACTIONS.has(c.action)) continue;
    const row = counts.get(c.vhost) ?? Object.fromEntries(MUTATING.map((a) => [a, 0]));
    row[c.action] = (row[c.action] ?? 0) + 1;
    counts.set(c.vhost, row);
  }
  return [...counts.keys()]
    .sort(compareStrings)
    .map((vhost) => `| ${code(vhost).replace(/\|/g, '\\|')} | ${MUTATING.map((a) => counts.get(vhost)?.[a] ?? 0).join(' | ')} |`);
}
