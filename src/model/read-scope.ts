import type { Topology } from './topology.js';

/**
 * What a plan reads and compares besides the objects of its vhosts: the kinds a spec mentions.
 * A spec that does not mention users reads no user, so repositories that share a broker never
 * plan about each other's users. Saved with the plan, so that `apply --plan` reads the same.
 */
export interface ReadScope {
  /** The spec has a `users:` section. */
  users: boolean;
  /** The vhosts whose `permissions` the spec lists, sorted. */
  permissions: string[];
  /** The vhosts whose `topicPermissions` the spec lists, sorted. */
  topicPermissions: string[];
  /** The spec has a `globalParameters:` section. */
  globalParameters?: boolean;
  /** The vhosts whose `limits`, `shovels` or `federationUpstreams` the spec lists, sorted. */
  settings?: string[];
}

/**
 * What the read scope looks at: which kinds a topology has, not their contents, so that the
 * spec loader can tell it from the parsed files before they are validated (load/spec-outline.ts).
 */
export interface ScopeSubject {
  users?: unknown;
  globalParameters?: unknown;
  vhosts: readonly Pick<Topology['vhosts'][number], 'name' | 'permissions' | 'topicPermissions' | 'limits' | 'shovels' | 'federationUpstreams'>[];
}

/** The read scope of a desired topology. */
export function readScopeOf(topology: ScopeSubject): ReadScope {
  return {
    users: topology.users !== undefined,
    permissions: topology.vhosts.filter((v) => v.permissions !== undefined).map((v) => v.name),
    topicPermissions: topology.vhosts.filter((v) => v.topicPermissions !== undefined).map((v) => v.name),
    ...(topology.globalParameters !== undefined && { globalParameters: true }),
    settings: topology.vhosts
      .filter((v) => v.limits !== undefined || v.shovels !== undefined || v.federationUpstreams !== undefined)
      .map((v) => v.name),
  };
}

/** Whether the scope reads nothing beyond the vhosts' objects. */
export function isTopologyOnly(scope: ReadScope | undefined): boolean {
  return !scope || (!scope.users && scope.permissions.length === 0 && scope.topicPermissions.length === 0 && !scope.globalParameters);
}
