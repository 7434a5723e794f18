import type { GlobalParameter, PluginParameter } from '../model/topology.js';
import type { Permission, TopicPermission, User, UserLimits } from '../model/access.js';
import type { Binding, Exchange, Policy, Queue } from '../model/topology.js';
import type { VhostMeta } from './change.js';

/**
 * One management API call the executor makes. Steps are decided by the planner alone: the
 * executor runs them as written, in dependency order, and never decides what to do.
 * Every step is idempotent (repeating it after a crash converges).
 */
export type StepOperation =
  /** PUT /api/vhosts/{vhost} with description/tags; also grants nothing (permissions are not topo's). */
  | { op: 'put-vhost'; vhost: VhostMeta }
  | { op: 'declare-exchange'; exchange: Exchange }
  | { op: 'delete-exchange'; vhost: string; name: string }
  | { op: 'declare-queue'; queue: Queue }
  /**
   * DELETE /api/queues/{vhost}/{name}, with `if-empty=true` unless data loss was allowed,
   * so that a message published after the plan is never lost.
   */
  | { op: 'delete-queue'; vhost: string; name: string; ifEmpty: boolean }
  /**
   * PUT /api/queues/{vhost}/{name}: the classic holding queue of a migration of queue `of`,
   * marked with `HOLDING_QUEUE_ARGUMENT` so that a later plan recognises it.
   */
  | { op: 'declare-holding-queue'; vhost: string; name: string; of: string }
  /**
   * Over AMQP: moves every message of queue `name` into queue `into` (publisher confirms, each
   * source message acknowledged after its copy is confirmed), then deletes `name` once it is
   * empty; moves again if a message arrived in between. `name` already gone: done.
   */
  | { op: 'drain-queue'; vhost: string; name: string; into: string }
  | { op: 'bind'; binding: Binding }
  /** Looks up the broker's `properties_key` for this identity, then deletes it. */
  | { op: 'unbind'; binding: Binding }
  | { op: 'put-policy'; policy: Policy; operator: boolean }
  | { op: 'delete-policy'; vhost: string; name: string; operator: boolean }
  /** POST (protect) or DELETE (unprotect) /api/vhosts/{vhost}/deletion/protection (RabbitMQ 4.1+). */
  | { op: 'protect-vhost'; vhost: string; protect: boolean }
  /** PUT /api/vhost-limits/{vhost}/{name} `{"value": n}`. */
  | { op: 'put-vhost-limit'; vhost: string; name: string; value: number }
  | { op: 'delete-vhost-limit'; vhost: string; name: string }
  /** PUT /api/parameters/{component}/{vhost}/{name}: a shovel (re)starts, an upstream's links restart. */
  | { op: 'put-parameter'; component: ParameterComponent; parameter: PluginParameter }
  | { op: 'delete-parameter'; component: ParameterComponent; vhost: string; name: string }
  /** PUT /api/global-parameters/{name} `{"value": ...}`. */
  | { op: 'put-global-parameter'; parameter: GlobalParameter }
  | { op: 'delete-global-parameter'; name: string }
  /**
   * PUT /api/users/{name} with the tags and the whole credential: the broker clears a password
   * that a PUT leaves out. A password is read from its secret when the step runs and sent as
   * `password`, so that the broker's credential validator checks it (a hash skips it).
   */
  | { op: 'put-user'; user: User }
  /** DELETE /api/users/{name}: the broker drops the user's permissions and limits with it. */
  | { op: 'delete-user'; name: string }
  /** PUT /api/user-limits/{user}/{limit} for each of `limits`, DELETE for each of `clear`. */
  | { op: 'put-user-limits'; user: string; limits: UserLimits; clear: (keyof UserLimits)[] }
  | { op: 'put-permission'; permission: Permission }
  | { op: 'delete-permission'; vhost: string; user: string }
  /**
   * PUT /api/topic-permissions/{vhost}/{user} once per exchange. With `clear`, the user's topic
   * permissions in the vhost are deleted first (the API deletes them all at once): needed when
   * an exchange is no longer listed.
   */
  | { op: 'put-topic-permissions'; topicPermission: TopicPermission; clear: boolean }
  | { op: 'delete-topic-permissions'; vhost: string; user: string };

/** The runtime parameter components topo writes: those of the shovel and federation plugins. */
export type ParameterComponent = 'shovel' | 'federation-upstream';

/** Every operation a step may have: the compiler refuses this list while one is missing. */
const STEP_OPS: Record<StepOperation['op'], true> = {
  'put-vhost': true,
  'declare-exchange': true,
  'delete-exchange': true,
  'declare-queue': true,
  'declare-holding-queue': true,
  'drain-queue': true,
  'delete-queue': true,
  bind: true,
  unbind: true,
  'put-policy': true,
  'delete-policy': true,
  'protect-vhost': true,
  'put-vhost-limit': true,
  'delete-vhost-limit': true,
  'put-parameter': true,
  'delete-parameter': true,
  'put-global-parameter': true,
  'delete-global-parameter': true,
  'put-user': true,
  'delete-user': true,
  'put-user-limits': true,
  'put-permission': true,
  'delete-permission': true,
  'put-topic-permissions': true,
  'delete-topic-permissions': true,
};

/** Whether `op` is an operation of this topo's plans (a saved plan is read from a file). */
export function isStepOp(op: unknown): op is StepOperation['op'] {
  return typeof op === 'string' && Object.hasOwn(STEP_OPS, op);
}

export type Step = StepOperation & {
  /** Unique within the plan, 0-based, in planner order. */
  id: number;
  /** Index into `Plan.changes` of the change this step carries out. */
  change: number;
  /** Ids of steps that must succeed before this one starts. */
  dependsOn: number[];
};

/** A flag of `apply` that allows a destructive kind of step. */
export type GuardFlag = '--allow-replace' | '--allow-data-loss' | '--prune';
