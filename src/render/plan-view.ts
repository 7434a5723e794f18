import type { CompatibilityProblem } from '../compat/compatibility-rule.js';
import type { Change, ChangeAction } from '../plan/change.js';
import type { Blocker } from '../plan/cluster-blockers.js';
import type { Lockout } from '../plan/lockouts.js';
import type { ClusterReport } from '../plan/cluster-report.js';
import type { DeprecatedFeatureUse, GuardRequirement, Plan } from '../plan/plan.js';
import type { Binding } from '../model/topology.js';
import type { PluginParameter } from '../model/parameters.js';
import { redactedParameter } from '../plan/redact-parameter.js';

/**
 * One change as `plan --json` prints it: the Change without source locations, and for
 * bindings the binding's fields at top level. Keys in a fixed order: action, kind, vhost,
 * name, (source, destination, destinationType, routingKey, arguments), before, after,
 * forcedBy, changed, messages, holding, recreatedFor, outsideSpec.
 */
export type ChangeView = Change & Partial<Pick<Binding, BindingField>>;

/**
 * The plan as every renderer sees it and as `plan --json` prints it (docs/apply.md, "Plan JSON"). Text and
 * Markdown are built from this, never from the Plan, so they cannot drift from the JSON.
 * `guards[].change` and `refusals[].change` index `changes`.
 */
export interface PlanView {
  formatVersion: Plan['formatVersion'];
  vhosts: string[];
  fingerprint: string;
  changes: ChangeView[];
  summary: Record<ChangeAction, number>;
  guards: GuardRequirement[];
  refusals: GuardRequirement[];
  /** The cluster when the plan was made; absent for a plan made without a broker. */
  cluster?: ClusterReport;
  /** Changes that need a node that is down (`blocked[].change` indexes `changes`); with `cluster`. */
  blocked?: Blocker[];
  /** Changes that would lock topo out (`lockouts[].change` indexes `changes`); with users or permissions. */
  lockouts?: Lockout[];
  /** The broker the plan was made against, and the deprecated features it reports in use (3.13+). */
  broker?: { version: string; deprecatedFeaturesUsed?: DeprecatedFeatureUse[] };
  /** What that broker refuses or deprecates of the plan, located like `topo validate --json`'s diagnostics. */
  problems: ProblemView[];
}

/** A compatibility problem as `plan --json` prints it; `line` and `col` are 0 when unknown. */
export interface ProblemView {
  severity: CompatibilityProblem['severity'];
  file: string;
  line: number;
  col: number;
  message: string;
}

type BindingField = 'source' | 'destination' | 'destinationType' | 'routingKey' | 'arguments';
const BINDING_FIELDS: readonly BindingField[] = ['source', 'destination', 'destinationType', 'routingKey', 'arguments'];
const DETAIL_FIELDS = ['before', 'after', 'forcedBy', 'changed', 'messages', 'holding', 'recreatedFor', 'outsideSpec'] as const;

/** The view of `plan`. Pure; it may share objects with the plan: treat both as read-only. */
export function planView(plan: Plan): PlanView {
  return {
    formatVersion: plan.formatVersion,
    vhosts: [...plan.vhosts],
    fingerprint: plan.fingerprint,
    changes: plan.changes.map(changeView),
    summary: { ...plan.summary },
    guards: plan.guards.map((g) => ({ ...g })),
    refusals: plan.refusals.map((g) => ({ ...g })),
    ...(plan.cluster ? { cluster: plan.cluster } : {}),
    ...(plan.blocked ? { blocked: plan.blocked.map((b) => ({ ...b })) } : {}),
    ...(plan.lockouts ? { lockouts: plan.lockouts.map((l) => ({ ...l })) } : {}),
    ...(plan.broker ? { broker: brokerView(plan.broker) } : {}),
    problems: plan.problems.map(problemView),
  };
}

/** A compatibility problem without its subject, located by file, line and column. */
function problemView(p: CompatibilityProblem): ProblemView {
  return { severity: p.severity, file: p.loc?.file ?? '', line: p.loc?.line ?? 0, col: p.loc?.col ?? 0, message: p.message };
}

function brokerView(broker: NonNullable<Plan['broker']>): NonNullable<PlanView['broker']> {
  const used = broker.deprecatedFeaturesUsed;
  return { version: broker.version, ...(used ? { deprecatedFeaturesUsed: used.map((f) => ({ ...f })) } : {}) };
}

function changeView(c: Change): ChangeView {
  const view: Record<string, unknown> = { action: c.action, kind: c.kind, vhost: c.vhost, name: c.name };
  if (c.kind === 'binding') {
    const b = 'after' in c ? c.after : c.before;
    for (const field of BINDING_FIELDS) view[field] = b[field];
  }
  const fields = c as Partial<Record<(typeof DETAIL_FIELDS)[number], unknown>>;
  for (const field of DETAIL_FIELDS) {
    const value = fields[field];
    if (value === undefined) continue;
    if (field !== 'before' && field !== 'after') view[field] = value;
    // A shovel's or upstream's URIs carry credentials: every view shows them redacted.
    else if (c.kind === 'shovel' || c.kind === 'federationUpstream') view[field] = withoutLoc(redactedParameter(value as PluginParameter));
    else view[field] = withoutLoc(value as object);
  }
  return view as unknown as ChangeView;
}

/** The object itself when it has no location, else a copy without it. */
function withoutLoc(o: object): object {
  if (!('loc' in o)) return o;
  // Object.assign and delete, not a rest pattern: much faster on mixed object shapes.
  const copy: { loc?: unknown } = Object.assign({}, o);
  delete copy.loc;
  return copy;
}
