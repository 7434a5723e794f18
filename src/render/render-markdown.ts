import type { Plan } from '../plan/plan.js';
import { countOf } from '../text/count-of.js';
import type { Row } from './change-rows.js';
import { BLOCKED_TITLE } from './cluster-lines.js';
import { code, details, escape, fenced } from './markdown-text.js';
import { groupTitle, LOCKOUTS_TITLE, planSections, PROBLEMS_TITLE, REFUSALS_TITLE, RUNTIME_TITLE, UNMANAGED_TITLE } from './plan-sections.js';
import { markdownHeading } from './markdown-heading.js';
import { planView, type PlanView } from './plan-view.js';
import { renderMarkdownSummary } from './render-markdown-summary.js';

/** The most characters a GitHub comment (issue or pull request) may hold. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** A vhost's diff longer than this many lines is folded. */
const FOLD_ROWS = 50;
/** An unmanaged or runtime list longer than this is folded. */
const FOLD_ITEMS = 20;

/**
 * Options of the pull-request view. `graph` is Mermaid source to embed (e.g. from `topo
 * graph`). `maxLength` is the most characters the comment may have (default: a GitHub
 * comment's). `fullPlan` says where the whole plan can be read (a CI run's artifacts), for
 * when it does not fit.
 */
export interface MarkdownOptions {
  graph?: string;
  maxLength?: number;
  fullPlan?: string;
}

/**
 * A plan as a pull-request comment: the verdict, a summary table, the refusals, what a node
 * that is down blocks, the cluster header (when there is one to show), the changes
 * of each vhost in a ```diff block (so hosts colour `+` and `-`), the unmanaged and runtime
 * objects, what the broker refuses or deprecates of the plan and the deprecated features it
 * reports in use, and the Mermaid graph when given. Long sections are folded under
 * `<details>`; when the whole still exceeds `maxLength`, the comment is a summary per vhost
 * that points at `fullPlan` (renderMarkdownSummary). Pure.
 */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const view = planView(plan);
  const full = renderFull(view, options);
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  if (full.length <= maxLength) return full;
  return renderMarkdownSummary(view, { maxLength, fullLength: full.length, ...(options.fullPlan ? { fullPlan: options.fullPlan } : {}) });
}

function renderFull(view: PlanView, options: MarkdownOptions): string {
  const s = planSections(view);
  const out: string[] = [...markdownHeading(view)];
  if (s.refusals.length > 0) {
    out.push(`**${REFUSALS_TITLE}:**`, '', ...s.refusals.map((r) => `- \`${r.flag}\`: ${escape(r.reason)}`), '');
  }
  if (s.blocked.length > 0) out.push(`**${escape(BLOCKED_TITLE)}:**`, '', ...s.blocked.map((b) => `- ${escape(b)}`), '');
  if (s.lockouts.length > 0) out.push(`**${escape(LOCKOUTS_TITLE)}:**`, '', ...s.lockouts.map((b) => `- ${escape(b)}`), '');
  if (s.cluster.length > 0) out.push('#### Cluster', '', fenced('text', s.cluster), '');
  for (const group of s.groups) {
    const block = fenced('diff', group.rows.map(rowText));
    out.push(`#### ${groupTitle(group.vhost, code)}`, '', group.rows.length > FOLD_ROWS ? details(`${countOf(group.rows.length, 'line')} of changes`, block) : block, '');
  }
  const list = (title: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    const body = items.map((item) => `- ${escape(item)}`).join('\n');
    out.push(`#### ${escape(title)}`, '', items.length > FOLD_ITEMS ? details(countOf(items.length, 'object'), body) : body, '');
  };
  list(UNMANAGED_TITLE, s.unmanaged);
  list(RUNTIME_TITLE, s.runtime);
  list(PROBLEMS_TITLE, s.problems);
  list(s.deprecatedFeatures.title, s.deprecatedFeatures.items);
  if (options.graph !== undefined) {
    out.push(details('Topology graph', fenced('mermaid', options.graph.trimEnd().split('\n'))), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The sign in the first column, where diff highlighting looks for it. */
function rowText(row: Row): string {
  return `${row.sign.padEnd(3)} ${'  '.repeat(row.depth - 1)}${row.text}`;
}
