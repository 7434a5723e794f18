import { describe, expect, it } from 'vitest';
import { assessCluster } from '../../../src/plan/assess-cluster.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import { renderJson } from '../../../src/render/render-json.js';
import { renderText } from '../../../src/render/render-text.js';
import { options, queue } from '../../support/builders.js';
import { actual, C1, state } from '../plan/cluster-sample.js';

/** The cluster of cluster-sample.ts (c1 down), and a spec that replaces the queue homed on c1 and adds one. */
function clusterPlan(clusterState = state) {
  const desired = structuredClone(actual);
  desired.vhosts[0]!.queues.find((q) => q.name === 'home-on-c1')!.arguments['x-message-ttl'] = 5;
  desired.vhosts[0]!.queues.push(queue({ vhost: 'v', name: 'new' }));
  return planChanges(diffTopology(desired, actual), options({ allowReplace: true, allowDataLoss: true }), {
    vhosts: ['v'],
    fingerprint: 'f',
    messages: new Map(),
    cluster: assessCluster(clusterState, actual),
  });
}

describe('the cluster in a plan', () => {
  it('heads the text view: nodes, leaders, placement, unavailable queues, replicas; and lists what is blocked', () => {
    expect(renderText(clusterPlan(), { color: false })).toBe(`Cluster "prod" (RabbitMQ 3.10.8): 3 nodes, 2 running, 1 down
  rabbit@c1  down     home of 1 classic queue
  rabbit@c2  running  2 leaders, 1 classic queue
  rabbit@c3  running  1 leader, 0 classic queues, memory alarm
  leaders placed by: 1 balanced (x-queue-leader-locator), 1 balanced (policy "spread"), 1 client-local (the default)
  Unavailable while a node is down (apply leaves them alone; their bindings are not checked):
    queue "home-on-c1" in vhost "v" (classic): its home node rabbit@c1 is down
  Replicas missing or offline (offline members catch up once their node is back; apply cannot add members: RabbitMQ 3.10 has no HTTP API for it):
    quorum queue "qq-offline" in vhost "v": 2 of 3 members online; offline: rabbit@c1
    quorum queue "qq-short" in vhost "v": 2 of 2 members online; 1 missing of 3 (no running node is without a member)
    stream "spread-st" in vhost "v": 2 of 3 members online; offline: rabbit@c1

topo will perform the following actions:

vhost "v"
  -/+ queue "home-on-c1" (messages unknown)
        # forces replacement: arguments.x-message-ttl (none) → 5
        arguments:
        + x-message-ttl: 5
    + queue "new" (type=classic)

Apply cannot run this plan while these nodes are down (no flag allows it; plan again once they are back):
  queue "home-on-c1" in vhost "v" is replaced, but its home node rabbit@c1 is down

Plan: 1 to create, 0 to update, 1 to replace, 0 to delete.
Unmanaged: 0. Runtime: 0.
`);
  });

  it('gives the command that adds a missing member where a running node has none', () => {
    const up = { ...state, nodes: state.nodes!.map((n) => ({ ...n, running: true })), queues: state.queues.filter((q) => q.name === 'qq-short') };
    expect(renderText(clusterPlan(up), { color: false })).toContain(
      `    quorum queue "qq-short" in vhost "v": 2 of 2 members online; 1 missing of 3; add with: rabbitmq-queues add_member --vhost v qq-short ${C1}\n`,
    );
  });

  it('lists ten unavailable queues at most, and counts the others', () => {
    const many = {
      ...state,
      queues: Array.from({ length: 12 }, (_, i) => ({ vhost: 'v', name: `q${String(i).padStart(2, '0')}`, type: 'classic', state: 'down', node: C1 })),
    };
    const text = renderText(clusterPlan(many), { color: false });
    expect(text).toContain(`    queue "q09" in vhost "v" (classic): its home node ${C1} is down\n    ... and 2 more queues (plan --json lists them all)\n`);
    expect(text).not.toContain('"q10"');
  });

  it('says nothing of a healthy single node', () => {
    const single = { name: 'rabbit@h', nodes: [{ name: 'rabbit@h', running: true, partitions: [] }], queues: [] };
    expect(renderText(clusterPlan(single), { color: false })).toMatch(/^topo will perform the following actions:/);
  });

  it('carries the cluster and what is blocked in the JSON', () => {
    const json = JSON.parse(renderJson(clusterPlan())) as { cluster: { unavailable: unknown[] }; blocked: unknown[] };
    expect(json.cluster.unavailable).toEqual([{ vhost: 'v', name: 'home-on-c1', type: 'classic', why: 'home-node-down', nodes: [C1], bindingsNotChecked: 0 }]);
    expect(json.blocked).toEqual([{ change: 0, nodes: [C1], reason: `queue "home-on-c1" in vhost "v" is replaced, but its home node ${C1} is down` }]);
  });
});
