import type { Topology } from './topology.js';
import { countOf as count } from '../text/count-of.js';

/** How many objects of each kind a topology holds. */
export interface TopologySummary {
  vhosts: number;
  exchanges: number;
  queues: number;
  bindings: number;
  policies: number;
  operatorPolicies: number;
  /** Only when the spec has a `users:` section. */
  users?: number;
  /** Permissions and topic permissions (one per user and vhost); only when the spec has any. */
  permissions?: number;
  tests: number;
}

export function summarizeTopology(topology: Topology): TopologySummary {
  const summary: TopologySummary = {
    vhosts: topology.vhosts.length,
    exchanges: 0,
    queues: 0,
    bindings: 0,
    policies: 0,
    operatorPolicies: 0,
    tests: topology.tests.length,
  };
  for (const vhost of topology.vhosts) {
    summary.exchanges += vhost.exchanges.length;
    summary.queues += vhost.queues.length;
    summary.bindings += vhost.bindings.length;
    summary.policies += vhost.policies.length;
    summary.operatorPolicies += vhost.operatorPolicies.length;
    const granted = (vhost.permissions?.length ?? 0) + (vhost.topicPermissions?.length ?? 0);
    if (granted > 0) summary.permissions = (summary.permissions ?? 0) + granted;
  }
  if (topology.users) summary.users = topology.users.length;
  return summary;
}

/** `2 vhosts, 5 exchanges, 7 queues, 9 bindings, 1 policy, 4 tests` (operator policies when any). */
export function formatSummary(s: TopologySummary): string {
  const parts = [
    count(s.vhosts, 'vhost', 'vhosts'),
    count(s.exchanges, 'exchange', 'exchanges'),
    count(s.queues, 'queue', 'queues'),
    count(s.bindings, 'binding', 'bindings'),
    count(s.policies, 'policy', 'policies'),
  ];
  if (s.operatorPolicies > 0) parts.push(count(s.operatorPolicies, 'operator policy', 'operator policies'));
  if (s.users !== undefined) parts.push(count(s.users, 'user', 'users'));
  if (s.permissions !== undefined) parts.push(count(s.permissions, 'permission', 'permissions'));
  parts.push(count(s.tests, 'test', 'tests'));
  return parts.join(', ');
}
