import type { BrokerFacts } from '../broker/broker-facts.js';
import type { CompatibilityProblem } from '../compat/compatibility-rule.js';
import type { Change, ChangeAction } from './change.js';
import { clusterBlockers } from './cluster-blockers.js';
import type { ClusterReport } from './cluster-report.js';
import { planGuards, refusedGuards } from './plan-guards.js';
import { planLockouts } from './lockouts.js';
import { isTopologyOnly, type ReadScope } from '../model/read-scope.js';
import { planSteps } from './plan-steps.js';
import { PLAN_FORMAT_VERSION } from './plan.js';
import type { Plan, PlanOptions } from './plan.js';
import { resolveChange } from './resolve-change.js';
import { setAsideUncheckedBindings } from './set-aside-unchecked-bindings.js';

/** What the planner needs besides the diff: what was read, and how. */
export interface PlanContext {
  /** The vhosts the spec names. */
  vhosts: readonly string[];
  /** `fingerprintState` of the actual topology the diff was computed from. */
  fingerprint: string;
  /**
   * Exact message counts per queue, keyed by namedKey; see `requiredMessageCounts` for which
   * are needed. A queue left out counts as `'unknown'`, so leave out any count not exact.
   */
  messages: ReadonlyMap<string, number>;
  /** The cluster as read with the state (`assessCluster`); absent without a broker. */
  cluster?: ClusterReport;
  /** The broker read, and what it refuses or deprecates of the changes (see `planCompatibility`). */
  broker?: BrokerFacts;
  problems?: readonly CompatibilityProblem[];
  /** The users and permissions read (see `Plan.scope`); absent or empty: none. */
  scope?: ReadScope;
  /** The user topo is connected as, when the plan compares users or permissions. */
  actingUser?: string;
}

/**
 * Turns the diff into a Plan: unmanaged objects become deletes under `prune`, queue deletes
 * and replaces carry their message counts, steps are ordered with their dependencies, and
 * every guard is evaluated against `options`. With `context.cluster`, bindings the broker
 * hides behind a node that is down are set aside, and the changes that need such a node are
 * `blocked`. Pure; `changes` is not mutated, and the plan's changes keep their order.
 */
export function planChanges(changes: readonly Change[], options: PlanOptions, context: PlanContext): Plan {
  // Bindings the broker hides while a node is down are neither proposed nor counted.
  const seen = context.cluster ? setAsideUncheckedBindings(changes, context.cluster) : { changes, report: undefined };
  const resolved = seen.changes.map((c) => resolveChange(c, options, context.messages));
  const guards = planGuards(resolved);
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    vhosts: [...context.vhosts],
    ...(isTopologyOnly(context.scope) ? {} : { scope: context.scope }),
    fingerprint: context.fingerprint,
    options: {
      prune: options.prune,
      allowReplace: options.allowReplace,
      allowDataLoss: options.allowDataLoss,
      ...(options.migrate ? { migrate: true } : {}),
    },
    changes: resolved,
    steps: planSteps(resolved, options),
    guards,
    refusals: refusedGuards(guards, options),
    summary: summarize(resolved),
    ...(seen.report ? { cluster: seen.report, blocked: clusterBlockers(resolved, seen.report) } : {}),
    ...(context.broker ? { broker: context.broker } : {}),
    problems: [...(context.problems ?? [])],
    ...(context.actingUser !== undefined ? { lockouts: planLockouts(resolved, context.actingUser) } : {}),
  };
}

function summarize(changes: readonly Change[]): Record<ChangeAction, number> {
  const summary: Record<ChangeAction, number> = { create: 0, update: 0, replace: 0, migrate: 0, delete: 0, unmanaged: 0, runtime: 0 };
  for (const c of changes) summary[c.action] += 1;
  return summary;
}
