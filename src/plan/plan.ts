import type { BrokerFacts } from '../broker/broker-facts.js';
import type { CompatibilityProblem } from '../compat/compatibility-rule.js';
import type { Change, ChangeAction } from './change.js';
import type { Blocker } from './cluster-blockers.js';
import type { ClusterReport } from './cluster-report.js';
import type { Lockout } from './lockouts.js';
import type { ReadScope } from '../model/read-scope.js';
import type { GuardFlag, Step } from './step.js';

export type { BrokerFacts, DeprecatedFeatureUse } from '../broker/broker-facts.js';

/**
 * The version of the plan JSON (`plan --json`, `plan --out`, `apply --json`). Bump on
 * incompatible change. 2: a queue's `messages` may be `"unknown"` (streams, uncounted queues).
 * 3: `broker` (what the plan was checked against, in the fingerprint) and `problems`.
 * 4: users, permissions and topic permissions (`scope`, `lockouts`, the access kinds and steps).
 */
export const PLAN_FORMAT_VERSION = 4;

/** A destructive change the plan contains, and the flag apply needs to carry it out. */
export interface GuardRequirement {
  flag: GuardFlag;
  /** Index into `Plan.changes`. */
  change: number;
  /** One line for the user: which object, and why the flag is needed. */
  reason: string;
}

/** Options that decide what the planner puts in the plan. Guards are planner options. */
export interface PlanOptions {
  prune: boolean;
  allowReplace: boolean;
  allowDataLoss: boolean;
  /**
   * `--migrate`: a queue that must be replaced is migrated instead (its messages are kept).
   * Decided when the plan is made, like `prune`; absent means false. An interrupted migration
   * found on the broker is completed with or without it.
   */
  migrate?: boolean;
}

/**
 * Everything `apply` needs, and everything `plan` shows. Plain data: `plan --out` writes it
 * as JSON and `apply --plan` reads it back.
 */
export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  /** The vhosts the spec names: the only ones the plan reads and touches. */
  vhosts: string[];
  /**
   * The users and permissions the plan read and compares (the kinds the spec mentions); absent
   * when none. Holds no secret: a password is a reference (`${env:NAME}`), read again by apply.
   */
  scope?: ReadScope;
  /** Hash of the normalized broker state the plan was computed from (messages excluded). */
  fingerprint: string;
  options: PlanOptions;
  changes: Change[];
  /** In a valid execution order; `dependsOn` allows running independent steps at once. */
  steps: Step[];
  /** Every destructive change and the flag it needs, whether or not the flag was given. */
  guards: GuardRequirement[];
  /** The subset of `guards` whose flag was not given: apply refuses if this is not empty. */
  refusals: GuardRequirement[];
  /**
   * The broker the plan was made against: its version and deprecated features. Absent for a
   * plan made without reading one.
   */
  broker?: BrokerFacts;
  /**
   * What that broker refuses (errors) or deprecates (warnings) among the objects the plan
   * declares, sorted by location. Apply refuses a plan with an error, before any call.
   */
  problems: CompatibilityProblem[];
  summary: Record<ChangeAction, number>;
  /**
   * The cluster when the plan was made (nodes, unavailable queues, replicas, leaders); absent
   * for a plan made without a broker. Facts, never steps.
   */
  cluster?: ClusterReport;
  /**
   * Changes that need a node that is down: apply refuses the plan while this is not empty,
   * whatever the flags. Present whenever `cluster` is.
   */
  blocked?: Blocker[];
  /**
   * Changes that would lock topo out (delete the user it is connected as, remove its
   * administrator tag, strip its permissions): apply refuses the plan (exit 3), whatever the
   * flags. Present whenever the plan compares users or permissions.
   */
  lockouts?: Lockout[];
}
