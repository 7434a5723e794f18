/**
 * RabbitMQ's definitions JSON (`GET /api/definitions`, `GET /api/definitions/{vhost}`, or a file
 * exported by `rabbitmqctl export_definitions`), as far as topo reads it. Every field is
 * optional because files come from many broker versions and from people: a single-vhost
 * export has no `vhost` on its objects, older brokers have no vhost metadata, numbers may be
 * strings. The same shapes are what the per-kind listings (`GET /api/queues/{vhost}`, ...) return.
 */

export interface DefinitionsVhost {
  name: string;
  description?: string;
  /** An array, or a comma-separated string in older files. */
  tags?: string[] | string;
  /** 3.11+ (3.10 reports the string "undefined" unless `rabbitmqctl add_vhost` set one). */
  default_queue_type?: string;
  /** 4.1+: whether the vhost is protected from deletion. */
  protected_from_deletion?: boolean;
  metadata?: { description?: string; tags?: string[] | string; default_queue_type?: string; protected_from_deletion?: boolean };
}

export interface DefinitionsExchange {
  name: string;
  vhost?: string;
  type?: string;
  durable?: boolean;
  auto_delete?: boolean;
  internal?: boolean;
  arguments?: Record<string, unknown> | null;
}

export interface DefinitionsQueue {
  name: string;
  vhost?: string;
  /** Present in listings and newer exports; `x-queue-type` in arguments says the same. */
  type?: string;
  durable?: boolean;
  auto_delete?: boolean;
  /** Only in listings (`null` for quorum queues); exports leave exclusive queues out. */
  exclusive?: boolean | null;
  arguments?: Record<string, unknown> | null;
}

export interface DefinitionsBinding {
  source: string;
  vhost?: string;
  destination: string;
  destination_type?: string;
  routing_key?: string;
  arguments?: Record<string, unknown> | null;
  /** Only in listings: the handle to delete the binding with. */
  properties_key?: string;
}

export interface DefinitionsPolicy {
  name: string;
  vhost?: string;
  pattern: string;
  'apply-to'?: string;
  priority?: number | string;
  definition?: Record<string, unknown> | null;
}

/** A runtime parameter; operator policies appear here with `component: "operator_policy"`. */
export interface DefinitionsParameter {
  name: string;
  vhost?: string;
  component: string;
  value: unknown;
}

/** A user, in `GET /api/users` and in definitions. */
export interface DefinitionsUser {
  name: string;
  /** base64(salt ‖ hash); `""` for a user without a password. */
  password_hash?: string;
  hashing_algorithm?: string;
  /** An array, or a comma-separated string in older brokers and files. */
  tags?: string[] | string;
  /** In definitions and in 3.10+ listings; `GET /api/user-limits` says the same. */
  limits?: Record<string, unknown> | null;
}

/** A user's permissions in a vhost (`GET /api/vhosts/{vhost}/permissions`, definitions). */
export interface DefinitionsPermission {
  user: string;
  vhost?: string;
  configure: string;
  write: string;
  read: string;
}

/** A user's topic permissions on one exchange of a vhost. */
export interface DefinitionsTopicPermission {
  user: string;
  vhost?: string;
  exchange: string;
  write: string;
  read: string;
}

export interface Definitions {
  users?: DefinitionsUser[];
  permissions?: DefinitionsPermission[];
  topic_permissions?: DefinitionsTopicPermission[];
  vhosts?: DefinitionsVhost[];
  exchanges?: DefinitionsExchange[];
  queues?: DefinitionsQueue[];
  bindings?: DefinitionsBinding[];
  policies?: DefinitionsPolicy[];
  parameters?: DefinitionsParameter[];
  /** Only in whole-broker exports; `GET /api/global-parameters` lists the same. */
  global_parameters?: DefinitionsGlobalParameter[];
}

/** A broker-wide parameter, such as `cluster_name` (and `internal_cluster_id`, the broker's own). */
export interface DefinitionsGlobalParameter {
  name: string;
  value: unknown;
}

/**
 * True for a single-vhost export (`GET /api/definitions/{vhost}`, the management UI's export of
 * one vhost): it has no `vhosts` list and names no vhost on its exchanges, queues and bindings.
 * Brokers still write the exported vhost's name on its policies and parameters.
 */
export function isSingleVhostDefinitions(definitions: Definitions): boolean {
  const objects = [...(definitions.exchanges ?? []), ...(definitions.queues ?? []), ...(definitions.bindings ?? [])];
  return !Array.isArray(definitions.vhosts) && objects.every((o) => o.vhost === undefined);
}
