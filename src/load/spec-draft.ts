import type { NodeRef } from './parsed-document.js';
import type { ArgumentValue, QueueType, SourceLocation } from '../model/topology.js';
import type { PluginParameterSpec } from '../model/plugin-parameter-fields.js';
import type { BindingSpec, ExchangeSpec, PermissionSpec, PolicySpec, QueueSpec, RoutingTestSpec, TopicPermissionsSpec, UserSpec } from './topology-spec.js';

/**
 * The spec files merged, before normalization: every object as written, with where it was
 * written. Semantic rules read drafts (they need to know what was written and where);
 * normalization turns the valid drafts into the Topology.
 */
export interface SpecDraft {
  /** Every `version:` written, one per document that has one. */
  versions: Located<number>[];
  /** Every `brokerVersion:` written, one per document that has one. */
  brokerVersions: Located<string>[];
  vhosts: Map<string, VhostDraft>;
  /** By name; absent when no document has `globalParameters:` (not managed). */
  globalParameters?: Map<string, NamedDraft<ArgumentValue>>;
  /** Users by name (`vhost` is ""); undefined when no document has a `users:` section. */
  users?: Map<string, NamedDraft<UserSpec>>;
  /** In file order, then document order. */
  tests: TestDraft[];
}

/** A value and the node it was written at. */
export interface Located<T> {
  value: T;
  ref: NodeRef;
  loc: SourceLocation;
}

/** One object as written. `loc` is its name's key, or the list item for bindings and tests. */
export interface Draft<T> {
  vhost: string;
  spec: T;
  ref: NodeRef;
  loc: SourceLocation;
  /**
   * The object passed the schema. Invalid objects still count as declared (so references to
   * them raise no second error) but no rule or normalization reads their fields.
   */
  valid: boolean;
}

export interface NamedDraft<T> extends Draft<T> {
  name: string;
}

export type TestDraft = Draft<RoutingTestSpec>;

/** A vhost merged from every file that names it. `loc` is where it was named first. */
export interface VhostDraft {
  name: string;
  ref: NodeRef;
  loc: SourceLocation;
  description?: Located<string>;
  tags?: Located<string[]>;
  defaultQueueType?: Located<QueueType>;
  protectedFromDeletion?: Located<boolean>;
  limits?: Located<Record<string, number>>;
  ignore: Located<string>[];
  exchanges: Map<string, NamedDraft<ExchangeSpec>>;
  queues: Map<string, NamedDraft<QueueSpec>>;
  bindings: Draft<BindingSpec>[];
  policies: Map<string, NamedDraft<PolicySpec>>;
  operatorPolicies: Map<string, NamedDraft<PolicySpec>>;
  federationUpstreams: Map<string, NamedDraft<PluginParameterSpec>>;
  shovels: Map<string, NamedDraft<PluginParameterSpec>>;
  /** The named collections some document mentions, if only empty: those of them not named above are managed as "none". */
  mentioned: Set<'federationUpstreams' | 'shovels'>;
  /** By user name; undefined when no document of the vhost has `permissions:`. */
  permissions?: Map<string, NamedDraft<PermissionSpec>>;
  /** By user name; undefined when no document of the vhost has `topicPermissions:`. */
  topicPermissions?: Map<string, NamedDraft<TopicPermissionsSpec>>;
}
