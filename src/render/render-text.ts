import type { Plan } from '../plan/plan.js';
import type { Row, Sign } from './change-rows.js';
import { BLOCKED_TITLE } from './cluster-lines.js';
import { groupTitle, LOCKOUTS_TITLE, planSections, REFUSALS_TITLE, RUNTIME_TITLE, UNMANAGED_TITLE } from './plan-sections.js';
import { planView } from './plan-view.js';

/** Options of the terminal view. `color` adds ANSI colours; the CLI sets it only on a terminal. */
export interface TextOptions {
  color: boolean;
}

const ANSI = { bold: '1', red: '31', green: '32', yellow: '33' } as const;

/**
 * The terminal view of a plan, in the spirit of Terraform's: the cluster header when there is
 * one to show (several nodes, or trouble), changes grouped by vhost with
 * `+` create, `~` update, `-/+` replace (and what forces it), `-` delete (and the messages
 * it holds); unmanaged and runtime objects listed apart; the deprecated features the broker
 * reports in use; the flags apply would need, and the changes a node that is down blocks;
 * then `Plan: N to create, ...` (or `No changes. ...`) and the unmanaged/runtime counts. Every
 * line ends with a newline. The plan's compatibility problems are not here: the CLI prints
 * them on standard error, like the spec's warnings. Pure.
 */
export function renderText(plan: Plan, options: TextOptions): string {
  const paint = (code: string, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const s = planSections(planView(plan));
  const out: string[] = [];
  if (s.cluster.length > 0) out.push(paint(ANSI.bold, s.cluster[0]!), ...s.cluster.slice(1), '');
  if (s.groups.length > 0) out.push('topo will perform the following actions:', '');
  for (const group of s.groups) {
    out.push(paint(ANSI.bold, groupTitle(group.vhost)));
    for (const row of group.rows) out.push(rowText(row, paint));
    out.push('');
  }
  const list = (title: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    out.push(`${title}:`, ...items.map((item) => `  ${item}`), '');
  };
  list(UNMANAGED_TITLE, s.unmanaged);
  list(RUNTIME_TITLE, s.runtime);
  list(s.deprecatedFeatures.title, s.deprecatedFeatures.items);
  list(
    paint(ANSI.red, REFUSALS_TITLE),
    s.refusals.map((r) => `${paint(ANSI.yellow, r.flag)}: ${r.reason}`),
  );
  list(paint(ANSI.red, BLOCKED_TITLE), s.blocked);
  list(paint(ANSI.red, LOCKOUTS_TITLE), s.lockouts);
  out.push(paint(ANSI.bold, s.verdict), s.counts);
  return `${out.join('\n')}\n`;
}

const SIGN_COLOR: Record<Sign, string | undefined> = {
  '+': ANSI.green,
  '-': ANSI.red,
  '~': ANSI.yellow,
  '-/+': undefined,
  '<>': ANSI.yellow,
  ' ': undefined,
};

/** The sign right-aligned in three columns, so `-/+` lines up with `+`, `-` and `~`. */
function rowText(row: Row, paint: (code: string, text: string) => string): string {
  const code = SIGN_COLOR[row.sign];
  const sign =
    row.sign === '-/+' ? `${paint(ANSI.red, '-')}/${paint(ANSI.green, '+')}` : code ? paint(code, row.sign) : row.sign;
  const text = row.warning ? paint(ANSI.red, row.text) : row.text;
  return `${'  '.repeat(row.depth)}${' '.repeat(3 - row.sign.length)}${sign} ${text}`;
}
