import { describe, expect, it } from 'vitest';
import { assessCluster } from '../../../src/plan/assess-cluster.js';
import { topology } from '../../support/builders.js';
import { actual, C1, C2, C3, state } from './cluster-sample.js';

describe('assessCluster', () => {
  const report = assessCluster(state, actual);

  it('reports every node: running or down, alarms, and the leaders and classic queues it carries', () => {
    expect(report.name).toBe('prod');
    expect(report.version).toBe('3.10.8');
    expect(report.nodes).toEqual([
      { name: C1, running: false, partitions: [], alarms: [], leaders: 0, classicQueues: 1 },
      { name: C2, running: true, partitions: [], alarms: [], leaders: 2, classicQueues: 1 },
      { name: C3, running: true, partitions: [], alarms: ['memory'], leaders: 1, classicQueues: 0 },
    ]);
  });

  it('calls a classic queue whose home node is down unavailable, naming the node', () => {
    expect(report.unavailable).toEqual([{ vhost: 'v', name: 'home-on-c1', type: 'classic', why: 'home-node-down', nodes: [C1] }]);
  });

  it('calls a classic queue on a node the node list says is down unavailable, whatever its state says', () => {
    const live = { ...state, queues: [{ vhost: 'v', name: 'home-on-c1', type: 'classic', state: 'live', node: C1 }] };
    expect(assessCluster(live, actual).unavailable.map((u) => u.name)).toEqual(['home-on-c1']);
  });

  it('reports offline and missing members of quorum queues and streams, and where a missing one can go', () => {
    expect(report.replicas).toEqual([
      { vhost: 'v', name: 'qq-offline', type: 'quorum', members: [C1, C2, C3], offline: [C1], target: 3, missing: 0, candidates: [] },
      { vhost: 'v', name: 'qq-short', type: 'quorum', members: [C2, C3], offline: [], target: 3, missing: 1, candidates: [] },
      { vhost: 'v', name: 'spread-st', type: 'stream', members: [C2, C3, C1], offline: [C1], target: 3, missing: 0, candidates: [] },
    ]);
  });

  it('offers a running node without a member for a missing one, and keeps to x-quorum-initial-group-size', () => {
    const up = { ...state, nodes: state.nodes!.map((n) => ({ ...n, running: true })) };
    const short = assessCluster(up, actual).replicas.find((r) => r.name === 'qq-short');
    expect(short).toMatchObject({ missing: 1, target: 3, candidates: [C1] });
    const sized = structuredClone(actual);
    sized.vhosts[0]!.queues.find((q) => q.name === 'qq-short')!.arguments['x-quorum-initial-group-size'] = 2;
    expect(assessCluster(up, sized).replicas.find((r) => r.name === 'qq-short')).toBeUndefined();
  });

  it('says nothing of the replicas of a stream whose members are not known yet', () => {
    const unknown = { ...state, queues: [{ vhost: 'v', name: 'spread-st', type: 'stream', node: C2 }] };
    expect(assessCluster(unknown, actual).replicas).toEqual([]);
  });

  it('calls a quorum queue with fewer than a majority of its members online unavailable', () => {
    const lost = { ...state, queues: [{ vhost: 'v', name: 'qq-offline', type: 'quorum', members: [C1, C2, C3], online: [C3] }] };
    expect(assessCluster(lost, actual).unavailable).toEqual([
      { vhost: 'v', name: 'qq-offline', type: 'quorum', why: 'no-quorum', nodes: [C1, C2] },
    ]);
  });

  it('counts leader placement: a policy wins over the argument, else client-local', () => {
    expect(report.leaderLocators).toEqual([
      { locator: 'balanced', source: 'argument', queues: 1 },
      { locator: 'balanced', source: 'policy', policy: 'spread', queues: 1 },
      { locator: 'client-local', source: 'default', queues: 1 },
    ]);
  });

  it('says nothing of nodes it could not list, and takes the members as the target then', () => {
    const unlisted = assessCluster({ ...state, nodes: undefined }, topology());
    expect(unlisted.nodes).toBeUndefined();
    expect(unlisted.replicas.map((r) => [r.name, r.offline, r.missing])).toEqual([['qq-offline', [C1], 0]]);
    expect(unlisted.unavailable.map((u) => u.name)).toEqual(['home-on-c1']);
  });
});
