import type { Plan } from '../plan/plan.js';
import type { Row } from './change-rows.js';
import { BLOCKED_TITLE } from './cluster-lines.js';
import { planSections, PROBLEMS_TITLE, REFUSALS_TITLE, RUNTIME_TITLE, UNMANAGED_TITLE } from './plan-sections.js';
import { planView } from './plan-view.js';

/** Options of the pull-request view. `graph` is Mermaid source to embed (e.g. from `topo graph`). */
export interface MarkdownOptions {
  graph?: string;
}

/**
 * A plan as a pull-request comment: the verdict, a summary table, the refusals, what a node
 * that is down blocks, the cluster header (when there is one to show), the changes
 * of each vhost in a ```diff block (so hosts colour `+` and `-`), the unmanaged and runtime
 * objects, what the broker refuses or deprecates of the plan and the deprecated features it
 * reports in use, and the Mermaid graph when given. Pure.
 */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const view = planView(plan);
  const s = planSections(view);
  const actions = Object.keys(view.summary) as (keyof typeof view.summary)[];
  const out: string[] = [
    '### topo plan',
    '',
    `**${s.verdict}** ${s.counts}`,
    '',
    `| ${actions.join(' | ')} |`,
    `|${actions.map(() => ' ---: |').join('')}`,
    `| ${actions.map((a) => view.summary[a]).join(' | ')} |`,
    '',
  ];
  if (s.refusals.length > 0) {
    out.push(`**${REFUSALS_TITLE}:**`, '', ...s.refusals.map((r) => `- \`${r.flag}\`: ${escape(r.reason)}`), '');
  }
  if (s.blocked.length > 0) out.push(`**${escape(BLOCKED_TITLE)}:**`, '', ...s.blocked.map((b) => `- ${escape(b)}`), '');
  if (s.cluster.length > 0) out.push('#### Cluster', '', fenced('text', s.cluster), '');
  for (const group of s.groups) {
    out.push(`#### vhost ${code(group.vhost)}`, '', fenced('diff', group.rows.map(rowText)), '');
  }
  const list = (title: string, items: readonly string[]): void => {
    if (items.length > 0) out.push(`#### ${escape(title)}`, '', ...items.map((item) => `- ${escape(item)}`), '');
  };
  list(UNMANAGED_TITLE, s.unmanaged);
  list(RUNTIME_TITLE, s.runtime);
  list(PROBLEMS_TITLE, s.problems);
  list(s.deprecatedFeatures.title, s.deprecatedFeatures.items);
  if (options.graph !== undefined) {
    out.push('<details><summary>Topology graph</summary>', '', fenced('mermaid', options.graph.trimEnd().split('\n')), '', '</details>', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The sign in the first column, where diff highlighting looks for it. */
function rowText(row: Row): string {
  return `${row.sign.padEnd(3)} ${'  '.repeat(row.depth - 1)}${row.text}`;
}

/** A fenced block whose fence is longer than any backtick run inside (names may hold them). */
function fenced(lang: string, lines: readonly string[]): string {
  const longest = lines.reduce((n, line) => Math.max(n, longestBacktickRun(line)), 0);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, ...lines, fence].join('\n');
}

/** An inline code span that survives backticks in the text. */
function code(text: string): string {
  const longest = longestBacktickRun(text);
  const ticks = '`'.repeat(longest + 1);
  return longest > 0 ? `${ticks} ${text} ${ticks}` : `${ticks}${text}${ticks}`;
}

function longestBacktickRun(text: string): number {
  return (text.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0);
}

/** Plain text in Markdown: characters that would format are escaped. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, (ch) => `\\${ch}`);
}
