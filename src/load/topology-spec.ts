import type { PluginParameterSpec } from '../model/plugin-parameter-fields.js';
import type { ArgumentValue, Arguments, DestinationType, ExchangeType, PolicyApplyTo, QueueType } from '../model/topology.js';

/**
 * The shape of a spec file as written (format version 1), as schemas/topology.schema.json
 * accepts it: optional fields absent, shorthands not expanded. Only values that passed the
 * schema have this type; the normalized model is ./topology.ts.
 */
export interface TopologySpec {
  $schema?: string;
  version?: number;
  brokerVersion?: string;
  vhosts?: Record<string, VhostSpec | null> | null;
  globalParameters?: Record<string, ArgumentValue> | null;
  users?: Record<string, UserSpec | null> | null;
  tests?: RoutingTestSpec[] | null;
}

export interface UserSpec {
  tags?: string[];
  /** A secret reference, kept as written: `${env:NAME}` or `${file:PATH}` (../load/secret-field.ts). */
  password?: string;
  passwordHash?: string;
  hashingAlgorithm?: string;
  limits?: { 'max-connections'?: number; 'max-channels'?: number };
}

export interface PermissionSpec {
  configure: string;
  write: string;
  read: string;
}

/** A user's topic permissions in a vhost: by exchange name. */
export type TopicPermissionsSpec = Record<string, { write: string; read: string }>;

export interface VhostSpec {
  description?: string;
  tags?: string[];
  defaultQueueType?: QueueType;
  protectedFromDeletion?: boolean;
  limits?: Record<string, number>;
  federationUpstreams?: Record<string, PluginParameterSpec | null> | null;
  shovels?: Record<string, PluginParameterSpec | null> | null;
  exchanges?: Record<string, ExchangeSpec> | null;
  queues?: Record<string, QueueSpec | null> | null;
  bindings?: BindingSpec[] | null;
  policies?: Record<string, PolicySpec> | null;
  operatorPolicies?: Record<string, PolicySpec> | null;
  ignore?: string[];
  permissions?: Record<string, PermissionSpec> | null;
  topicPermissions?: Record<string, TopicPermissionsSpec> | null;
}

export interface ExchangeSpec {
  type: ExchangeType;
  durable?: boolean;
  autoDelete?: boolean;
  internal?: boolean;
  alternateExchange?: string;
  arguments?: Arguments;
}

export interface QueueSpec {
  type?: QueueType;
  durable?: boolean;
  autoDelete?: boolean;
  exclusive?: boolean;
  serverNamed?: boolean;
  arguments?: Arguments;
}

export interface BindingSpec {
  source: string;
  destination: string;
  destinationType?: DestinationType;
  routingKey?: string;
  routingKeys?: string[];
  arguments?: Arguments;
}

export interface PolicySpec {
  pattern: string;
  applyTo?: PolicyApplyTo;
  priority?: number;
  definition: Arguments;
}

export interface RoutingTestSpec {
  name?: string;
  vhost?: string;
  exchange: string;
  routingKey?: string;
  headers?: Arguments;
  /** Queue names, and `{ oneOf: [...] }` for a choice made at random. */
  expect: (string | { oneOf: string[] })[];
}
