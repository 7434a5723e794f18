import type { Permission, TopicPermission, User } from './access.js';
import type { SourceLocation } from './source-location.js';

/**
 * The Topology model: the one shape that both the spec loader (desired state) and the
 * broker reader (actual state) produce. Everything downstream (diff, plan, route, export,
 * graph) reads only this. All values are plain JSON-serializable data.
 *
 * Invariants of a normalized Topology (see `normalize*` in ./normalize.ts):
 * - every default is filled in (durable true, autoDelete false, type classic, ...);
 * - `arguments` hold canonical values: keys sorted, well-known numeric arguments as numbers,
 *   and never `x-queue-type` (that is `Queue.type`);
 * - an exchange's `alternateExchange` shorthand is folded into `arguments['alternate-exchange']`;
 * - `routingKeys` lists are expanded into one Binding each;
 * - arrays are sorted by identity key (see ./identity.ts), so two equal topologies are
 *   structurally equal.
 */

/** A value of an AMQP argument, a policy definition entry or a header: plain JSON. */
export type ArgumentValue =
  | string
  | number
  | boolean
  | null
  | ArgumentValue[]
  | { [key: string]: ArgumentValue };

/** Arguments of an exchange, queue or binding, or a policy definition. Keys sorted. */
export type Arguments = { [key: string]: ArgumentValue };

export type { SourceLocation } from './source-location.js';

export type ExchangeType = 'direct' | 'fanout' | 'topic' | 'headers' | (string & {});
export type QueueType = 'classic' | 'quorum' | 'stream';
export type DestinationType = 'queue' | 'exchange';
export type PolicyApplyTo =
  | 'queues'
  | 'exchanges'
  | 'all'
  | 'classic_queues'
  | 'quorum_queues'
  | 'streams';

export interface Exchange {
  vhost: string;
  name: string;
  type: ExchangeType;
  durable: boolean;
  autoDelete: boolean;
  internal: boolean;
  /** Includes `alternate-exchange` when the spec said `alternateExchange`. */
  arguments: Arguments;
  /** Set for objects loaded from a spec; never compared. */
  loc?: SourceLocation;
}

export interface Queue {
  vhost: string;
  name: string;
  type: QueueType;
  durable: boolean;
  autoDelete: boolean;
  exclusive: boolean;
  /**
   * The broker picks the name (only with `exclusive`). `name` is then the spec's handle for
   * the queue, used by bindings, tests and `declareRuntime`, never a broker name.
   */
  serverNamed: boolean;
  /** Never contains `x-queue-type`; that is `type`. */
  arguments: Arguments;
  loc?: SourceLocation;
}

export interface Binding {
  vhost: string;
  /** An exchange of the same vhost, or a built-in `amq.*` exchange. Never `""`. */
  source: string;
  destination: string;
  destinationType: DestinationType;
  routingKey: string;
  arguments: Arguments;
  loc?: SourceLocation;
}

export interface Policy {
  vhost: string;
  name: string;
  pattern: string;
  applyTo: PolicyApplyTo;
  priority: number;
  definition: Arguments;
  loc?: SourceLocation;
}

/*
 * Broker settings kept as runtime parameters (see ./parameters.ts): a vhost's limits, its
 * shovels and federation upstreams, and the broker's global parameters.
 */

/** One limit of a vhost. */
export interface VhostLimit {
  vhost: string;
  /** `max-connections` or `max-queues`; a broker may report others, kept as it says. */
  name: string;
  value: number;
  loc?: SourceLocation;
}

/**
 * A vhost-scoped parameter of a plugin's component: a dynamic shovel or a federation upstream.
 * `value` is the parameter's value as the management API takes it (keys sorted): URIs in it
 * usually carry credentials, so every output shows it through `redactParameterValue`.
 */
export interface PluginParameter {
  vhost: string;
  name: string;
  value: Arguments;
  loc?: SourceLocation;
}

/** A broker-wide parameter (`/api/global-parameters`), such as `cluster_name`. */
export interface GlobalParameter {
  name: string;
  value: ArgumentValue;
  loc?: SourceLocation;
}

export interface Vhost {
  name: string;
  description?: string;
  tags?: string[];
  /**
   * The type a queue declared without `x-queue-type` gets in this vhost (RabbitMQ 3.11+).
   * Absent: not managed (a spec that leaves it out), or unknown (a broker that reports none).
   */
  defaultQueueType?: QueueType;
  exchanges: Exchange[];
  queues: Queue[];
  bindings: Binding[];
  policies: Policy[];
  operatorPolicies: Policy[];
  /**
   * Regexes (source text) of object names that topo neither manages nor reports as
   * unmanaged. Only meaningful in a desired Topology; a broker reader leaves it empty.
   */
  ignore: string[];
  /**
   * Whether the vhost is protected from deletion (RabbitMQ 4.1+). Absent: not managed (a spec
   * that leaves it out), or a broker that has no such protection.
   */
  protectedFromDeletion?: boolean;
  /**
   * The vhost's limits, shovels and federation upstreams, sorted by name. Absent: not managed
   * (a spec that does not mention them). A broker reader always fills them in.
   */
  limits?: VhostLimit[];
  shovels?: PluginParameter[];
  federationUpstreams?: PluginParameter[];
  /**
   * Users' permissions in this vhost, by user. Absent: not managed (a spec that does not
   * mention `permissions`, or a broker read that did not read them).
   */
  permissions?: Permission[];
  /** Users' topic permissions in this vhost, by user; absent as for `permissions`. */
  topicPermissions?: TopicPermission[];
  loc?: SourceLocation;
}

/** A routing expectation from the spec's `tests:` section. */
export interface RoutingTest {
  /** The test's name, or a name derived from the message when the spec gave none. */
  name: string;
  vhost: string;
  exchange: string;
  routingKey: string;
  headers: Arguments;
  /**
   * The queues (spec names) the message must land in, whatever the chance; sorted. With
   * `expectOneOf`, the message lands in exactly these plus one queue of each group.
   */
  expect: string[];
  /**
   * Groups of queues of which exactly one gets the message: what an exchange that picks at
   * random (x-local-random, x-random) may deliver. Each group sorted; absent when none.
   */
  expectOneOf?: string[][];
  loc?: SourceLocation;
}

export interface Topology {
  /**
   * The RabbitMQ version a spec says it is written for (`brokerVersion`), as written. Only in a
   * desired Topology; `plan` checks against the version the broker reports.
   */
  brokerVersion?: string;
  /** Sorted by name. */
  vhosts: Vhost[];
  /**
   * Broker-wide parameters (`cluster_name`, ...), sorted by name, without those the broker owns.
   * Absent: not managed (a spec without `globalParameters:`), or not read from the broker.
   */
  globalParameters?: GlobalParameter[];
  /**
   * Broker-wide users, sorted by name. Absent: not managed (a spec without `users:`, so that
   * several repositories can share a broker), or not read from the broker.
   */
  users?: User[];
  tests: RoutingTest[];
}

/**
 * The kinds of objects topo manages, in the order creates run (users before the permissions
 * that name them). Broker-wide kinds (`BROKER_WIDE_KINDS`) have no vhost: their changes say `""`.
 */
export const OBJECT_KINDS = [
  'user',
  'vhost',
  'exchange',
  'queue',
  'binding',
  'policy',
  'operatorPolicy',
  'permission',
  'topicPermission',
  'vhostLimit',
  'federationUpstream',
  'shovel',
  'globalParameter',
] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** The model type of each kind of object: what a change is about, what a rule reports on. */
export interface ObjectOfKindInModel {
  /** Broker-wide. A broker's user never carries its password hash in a change. */
  user: User;
  vhost: Vhost;
  exchange: Exchange;
  queue: Queue;
  binding: Binding;
  policy: Policy;
  operatorPolicy: Policy;
  permission: Permission;
  topicPermission: TopicPermission;
  vhostLimit: VhostLimit;
  /** Its URIs shown redacted (`redactParameterValue`) on the broker's side. */
  federationUpstream: PluginParameter;
  shovel: PluginParameter;
  /** Broker-wide. */
  globalParameter: GlobalParameter;
}

/** Kinds that belong to the broker, not to a vhost. */
export const BROKER_WIDE_KINDS: ReadonlySet<ObjectKind> = new Set<ObjectKind>(['user', 'globalParameter']);
