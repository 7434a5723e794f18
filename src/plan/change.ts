import type { ArgumentValue, Binding, ObjectOfKindInModel, Queue, QueueType } from '../model/topology.js';
import type { MessageCount } from './message-count.js';

/**
 * What the diff found: one Change per object whose desired and actual states differ (or that
 * is only on one side). Plain data, rendered as-is in `plan --json`. A Change says *what*
 * differs; the order and the calls that make it so are the planner's (see ./step.ts).
 */

/** Vhost metadata, the part of a vhost that topo compares. */
export interface VhostMeta {
  name: string;
  description?: string;
  tags?: string[];
  defaultQueueType?: QueueType;
  protectedFromDeletion?: boolean;
}

/** The object each kind of change is about: a vhost by its metadata (its objects are changes of their own). */
export type ObjectOfKind = Omit<ObjectOfKindInModel, 'vhost'> & { vhost: VhostMeta };
export type ChangeKind = keyof ObjectOfKind;

/** The kinds changed in place: every property of theirs is mutable. */
export type UpdatableKind =
  | 'vhost'
  | 'policy'
  | 'operatorPolicy'
  | 'user'
  | 'permission'
  | 'topicPermission'
  | 'vhostLimit'
  | 'federationUpstream'
  | 'shovel'
  | 'globalParameter';

/** One property that differs, with its values on each side (undefined = absent). */
export interface PropertyChange {
  /** A dotted path: `durable`, `arguments.x-message-ttl`, `definition.max-length`. */
  path: string;
  before: ArgumentValue | undefined;
  after: ArgumentValue | undefined;
  /**
   * A secret (a password, a URI with credentials) differs: `before` and `after` are then
   * always absent, and the plan says only that it changed.
   */
  secret?: true;
}

interface ChangeBase<K extends ChangeKind> {
  kind: K;
  /** The vhost; `""` for a broker-wide kind (a user, a global parameter). */
  vhost: string;
  /** The object's name; for a binding, a display label `source -> destination [routingKey]`. */
  name: string;
}

/** The spec declares it and the broker lacks it. */
export interface CreateChange<K extends ChangeKind = ChangeKind> extends ChangeBase<K> {
  action: 'create';
  after: ObjectOfKind[K];
  /**
   * Set when the object exists (or existed) on the broker but is re-created because the
   * replace of its source or destination takes it with it. Display and ordering only.
   */
  recreatedFor?: { kind: 'exchange' | 'queue'; name: string };
  /**
   * Set with `recreatedFor` when the re-created binding is not in the spec: it is kept as it
   * was. An `unmanaged` one is deleted instead under `--prune`; an `ignored` one (an endpoint
   * matches the vhost's `ignore`) is always kept.
   */
  outsideSpec?: 'unmanaged' | 'ignored';
}

/** A mutable property differs (vhost metadata, policies): changed in place. */
export interface UpdateChange<K extends UpdatableKind = UpdatableKind> extends ChangeBase<K> {
  action: 'update';
  before: ObjectOfKind[K];
  after: ObjectOfKind[K];
  changed: PropertyChange[];
}

/** An immutable property differs: the object is deleted and created again. */
export interface ReplaceChange<K extends 'exchange' | 'queue' = 'exchange' | 'queue'> extends ChangeBase<K> {
  action: 'replace';
  before: ObjectOfKind[K];
  after: ObjectOfKind[K];
  /** The immutable properties that force the replace. Never empty. */
  forcedBy: PropertyChange[];
  /** For queues, set by the planner: the messages it read, or `'unknown'`. */
  messages?: MessageCount;
}

/**
 * Where a migrated queue's messages wait while the queue is re-created (`apply --migrate`):
 * a classic queue marked with `HOLDING_QUEUE_ARGUMENT` (src/model/holding-queue.ts).
 */
export interface MigrationHolding {
  /** The holding queue's name: found on the broker, or chosen so that no policy touches it. */
  name: string;
  /**
   * The bindings the queue has on the broker now: the holding queue gets a copy of each before
   * the queue is emptied, so publishing through exchanges never stops. Empty when the queue is
   * not re-created (absent, or already in its new shape).
   */
  bindings: Binding[];
  /** Set when the holding queue exists: a migration was interrupted, and this plan completes it. */
  found?: {
    /** The bindings it has on the broker; taken away once the queue is back. */
    bindings: Binding[];
    /** Set by the planner: the messages it held when the plan was made, or `'unknown'`. */
    messages?: MessageCount;
  };
  /**
   * Set when every name topo may choose falls under a policy that can drop, expire or
   * dead-letter messages: `policy "name" (keys)`. Apply then needs `--allow-data-loss`.
   */
  policy?: string;
}

/**
 * A queue re-created without losing a message (`apply --migrate`, or the completion of an
 * interrupted migration): its messages move to a holding queue, the queue is deleted when empty
 * and declared again, and the messages move back. Carried out by the steps of
 * `planMigrationSteps`; what happens to the messages is in docs/apply.md.
 */
export interface MigrateChange extends ChangeBase<'queue'> {
  action: 'migrate';
  /** The queue on the broker; absent when an interrupted migration deleted it and did not declare it again. */
  before?: Queue;
  after: Queue;
  /** The immutable properties that force the re-create; empty when it is not re-created (see `holding.bindings`). */
  forcedBy: PropertyChange[];
  /** Set by the planner when `before` exists: the messages it held, or `'unknown'`. */
  messages?: MessageCount;
  holding: MigrationHolding;
}

/** An unmanaged object that `--prune` deletes. */
export interface DeleteChange<K extends ChangeKind = ChangeKind> extends ChangeBase<K> {
  action: 'delete';
  before: ObjectOfKind[K];
  /** For queues, set by the planner: the messages it read, or `'unknown'`. */
  messages?: MessageCount;
}

/** On the broker in a managed vhost, not in the spec, and not pruned: listed, untouched. */
export interface UnmanagedChange<K extends ChangeKind = ChangeKind> extends ChangeBase<K> {
  action: 'unmanaged';
  before: ObjectOfKind[K];
}

/**
 * An exclusive queue (or a binding to one) that applications declare at runtime through
 * `declareRuntime`. Listed apart; never created or deleted by apply.
 */
export interface RuntimeChange<K extends 'queue' | 'binding' = 'queue' | 'binding'> extends ChangeBase<K> {
  action: 'runtime';
  after: ObjectOfKind[K];
}

export type Change =
  | { [K in ChangeKind]: CreateChange<K> }[ChangeKind]
  | { [K in UpdatableKind]: UpdateChange<K> }[UpdatableKind]
  | { [K in 'exchange' | 'queue']: ReplaceChange<K> }['exchange' | 'queue']
  | MigrateChange
  | { [K in ChangeKind]: DeleteChange<K> }[ChangeKind]
  | { [K in ChangeKind]: UnmanagedChange<K> }[ChangeKind]
  | { [K in 'queue' | 'binding']: RuntimeChange<K> }['queue' | 'binding'];

export type ChangeAction = Change['action'];

/** Every action a change may have: the compiler refuses this list while one is missing. */
const CHANGE_ACTIONS: Record<ChangeAction, true> = {
  create: true,
  update: true,
  replace: true,
  migrate: true,
  delete: true,
  unmanaged: true,
  runtime: true,
};

/** Whether `action` is an action of this topo's plans (a saved plan is read from a file). */
export function isChangeAction(action: unknown): action is ChangeAction {
  return typeof action === 'string' && Object.hasOwn(CHANGE_ACTIONS, action);
}

/** Actions that make apply call the broker. */
export const MUTATING_ACTIONS: ReadonlySet<ChangeAction> = new Set(['create', 'update', 'replace', 'migrate', 'delete']);
