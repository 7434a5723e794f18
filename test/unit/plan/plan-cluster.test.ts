import { describe, expect, it } from 'vitest';
import { assessCluster } from '../../../src/plan/assess-cluster.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import { parsePlan, serializePlan } from '../../../src/plan/plan-file.js';
import { binding, exchange, options, queue, topology, vhost } from '../../support/builders.js';
import { actual, C1, state } from './cluster-sample.js';

const report = assessCluster(state, actual);
const context = { vhosts: ['v'], fingerprint: 'f', messages: new Map<string, number>(), cluster: report };

/** The broker's topology with the spec's changes: what a user asks of the cluster of cluster-sample.ts. */
function spec(change: (queues: ReturnType<typeof queue>[]) => void = () => undefined, extra: { exchangeType?: string } = {}) {
  const queues = actual.vhosts[0]!.queues.map((q) => ({ ...q, arguments: { ...q.arguments } }));
  change(queues);
  return topology(
    vhost({
      name: 'v',
      exchanges: [exchange({ vhost: 'v', name: 'x', type: extra.exchangeType ?? 'direct' })],
      queues,
      bindings: [
        binding({ vhost: 'v', source: 'x', destination: 'home-on-c2', routingKey: 'b' }),
        // The broker hides these while c1 is down: they may well exist.
        binding({ vhost: 'v', source: 'x', destination: 'home-on-c1', routingKey: 'a' }),
        binding({ vhost: 'v', source: 'x', destination: 'home-on-c1', routingKey: 'a2' }),
      ],
      policies: actual.vhosts[0]!.policies,
    }),
  );
}

describe('planChanges with the cluster', () => {
  it('does not propose the bindings of a queue whose home node is down, and says how many it did not check', () => {
    const plan = planChanges(diffTopology(spec(), actual), options(), context);
    expect(plan.changes).toEqual([]);
    expect(plan.steps).toEqual([]);
    expect(plan.cluster?.unavailable).toEqual([
      { vhost: 'v', name: 'home-on-c1', type: 'classic', why: 'home-node-down', nodes: [C1], bindingsNotChecked: 2 },
    ]);
    expect(plan.blocked).toEqual([]);
  });

  it('proposes bindings to available queues as ever', () => {
    const plan = planChanges(diffTopology(spec(), topology(vhost({ ...actual.vhosts[0]!, bindings: [] }))), options(), context);
    expect(plan.changes.map((c) => c.name)).toEqual(['x -> home-on-c2 [b]']);
  });

  it('blocks replacing an unavailable queue, naming the node, whatever the flags', () => {
    const changed = spec((queues) => {
      queues.find((q) => q.name === 'home-on-c1')!.arguments['x-message-ttl'] = 1000;
    });
    const plan = planChanges(diffTopology(changed, actual), options({ allowReplace: true, allowDataLoss: true }), context);
    expect(plan.refusals).toEqual([]);
    expect(plan.blocked).toEqual([
      {
        change: 0,
        nodes: [C1],
        reason: `queue "home-on-c1" in vhost "v" is replaced, but its home node ${C1} is down`,
      },
    ]);
  });

  it('blocks pruning an unavailable queue', () => {
    const pruned = spec((queues) => queues.splice(queues.findIndex((q) => q.name === 'home-on-c1'), 1));
    const plan = planChanges(diffTopology(pruned, actual), options({ prune: true, allowDataLoss: true }), context);
    expect(plan.blocked?.map((b) => b.reason)).toEqual([`queue "home-on-c1" in vhost "v" is deleted, but its home node ${C1} is down`]);
  });

  it('blocks replacing an exchange in a vhost with an unavailable queue: its bindings to it cannot be read', () => {
    const plan = planChanges(diffTopology(spec(undefined, { exchangeType: 'topic' }), actual), options({ allowReplace: true }), context);
    expect(plan.blocked?.map((b) => b.reason)).toEqual([
      `exchange "x" in vhost "v" is replaced, but its bindings to queue "home-on-c1" cannot be read: its home node ${C1} is down`,
    ]);
  });

  it('saves the cluster and what is blocked with the plan, and reads them back', () => {
    const changed = spec((queues) => {
      queues.find((q) => q.name === 'home-on-c1')!.arguments['x-message-ttl'] = 1000;
    });
    const plan = planChanges(diffTopology(changed, actual), options(), context);
    expect(plan.blocked).toHaveLength(1);
    expect(parsePlan(serializePlan(plan), 'plan.json')).toEqual(plan);
  });

  it('has neither cluster nor blocked for a plan made without a broker', () => {
    const plan = planChanges(diffTopology(spec(), actual), options(), { vhosts: ['v'], fingerprint: 'f', messages: new Map() });
    expect(plan.cluster).toBeUndefined();
    expect(plan.blocked).toBeUndefined();
    expect(plan.changes.map((c) => c.name)).toEqual(['x -> home-on-c1 [a]', 'x -> home-on-c1 [a2]']);
  });
});
