import type { ChangeAction } from '../plan/change.js';
import { MUTATING_ACTIONS } from '../plan/change.js';
import type { GuardFlag } from '../plan/step.js';
import { changeRows, listedLabel } from './change-rows.js';
import { clusterLines } from './cluster-lines.js';
import type { Row } from './change-rows.js';
import type { PlanView } from './plan-view.js';
import { formatProblem } from '../compat/format-problem.js';

/** Text shared by every human view of a plan. */
const NO_CHANGES = 'No changes. The broker matches the spec.';
export const UNMANAGED_TITLE = 'Unmanaged (not in the spec, left as they are; --prune deletes them)';
export const RUNTIME_TITLE = 'Runtime (declared by applications, never applied)';
export const REFUSALS_TITLE = 'Apply refuses this plan without these flags';
export const PROBLEMS_TITLE = 'What the broker refuses or deprecates in this plan';
export const LOCKOUTS_TITLE = 'Apply refuses this plan whatever the flags: topo would lock itself out';

/** The heading of a group of changes: its vhost, or the broker itself (vhost ""): users, global parameters. */
export function groupTitle(vhost: string, quote: (name: string) => string = JSON.stringify): string {
  return vhost === '' ? 'broker-wide (users, global parameters)' : `vhost ${quote(vhost)}`;
}


/**
 * A plan laid out for people, before any formatting: the cluster header, the changes apply
 * makes grouped by vhost (in plan order), then the unmanaged and runtime objects, the
 * refusals, what a node that is down blocks, and the closing lines. Text and Markdown both format this.
 */
export interface PlanSections {
  /** The cluster header (`clusterLines`); empty for a healthy single node. */
  cluster: string[];
  groups: { vhost: string; rows: Row[] }[];
  unmanaged: string[];
  runtime: string[];
  refusals: { flag: GuardFlag; reason: string }[];
  /** Why apply cannot run the plan while a node is down, one line per change. */
  blocked: string[];
  /** Why apply refuses the plan whatever the flags (it would lock topo out), one line per change. */
  lockouts: string[];
  /**
   * What the broker reports in use of its deprecated features, broker-wide, under a title that
   * names its version: one line each, `name (phase): doc URL`. No items when none or unknown
   * (before RabbitMQ 3.13).
   */
  deprecatedFeatures: { title: string; items: string[] };
  /** `file:line:col: [warning: ]message` for each compatibility problem of the plan. */
  problems: string[];
  /** `Plan: N to create, ...` or NO_CHANGES. */
  verdict: string;
  /** `Unmanaged: N. Runtime: N.` */
  counts: string;
}

/** Named in the verdict only when there are any, so plans without them read as before. */
function migrations(count: number): string {
  return count > 0 ? `${count} to migrate, ` : '';
}

export function planSections(view: PlanView): PlanSections {
  const groups: PlanSections['groups'] = [];
  const unmanaged: string[] = [];
  const runtime: string[] = [];
  for (const c of view.changes) {
    if (c.action === 'unmanaged') unmanaged.push(listedLabel(c));
    else if (c.action === 'runtime') runtime.push(listedLabel(c));
    else {
      let group = groups.at(-1);
      if (group?.vhost !== c.vhost) {
        group = { vhost: c.vhost, rows: [] };
        groups.push(group);
      }
      group.rows.push(...changeRows(c));
    }
  }
  const s = view.summary;
  const mutating = [...MUTATING_ACTIONS].some((a: ChangeAction) => s[a] > 0);
  return {
    cluster: clusterLines(view.cluster),
    groups,
    unmanaged,
    runtime,
    refusals: view.refusals.map((g) => ({ flag: g.flag, reason: g.reason })),
    blocked: (view.blocked ?? []).map((b) => b.reason),
    lockouts: (view.lockouts ?? []).map((l) => l.reason),
    deprecatedFeatures: {
      title: `Deprecated features in use on the broker (RabbitMQ ${view.broker?.version ?? 'unknown'}, anywhere on it)`,
      items: (view.broker?.deprecatedFeaturesUsed ?? []).map(
        (f) => `${f.name} (${f.phase.replaceAll('_', ' ')})${f.docUrl ? `: ${f.docUrl}` : ''}`,
      ),
    },
    problems: view.problems.map((p) => formatProblem({ severity: p.severity, message: p.message, loc: p })),
    verdict: mutating
      ? `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${migrations(s.migrate)}${s.delete} to delete.`
      : NO_CHANGES,
    counts: `Unmanaged: ${s.unmanaged}. Runtime: ${s.runtime}.`,
  };
}
