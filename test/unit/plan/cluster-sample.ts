/**
 * A 3-node cluster as `readClusterState` reads it, with node c1 down, and the broker topology
 * it goes with: a classic queue homed on c1 (unavailable), one on c2, a quorum queue with a
 * member offline, one with a member missing, a stream, and a leader-locator policy.
 */
import type { ClusterState } from '../../../src/broker/cluster-state.js';
import { binding, exchange, policy, queue, topology, vhost } from '../../support/builders.js';

export const C1 = 'rabbit@c1';
export const C2 = 'rabbit@c2';
export const C3 = 'rabbit@c3';

export const actual = topology(
  vhost({
    name: 'v',
    exchanges: [exchange({ vhost: 'v', name: 'x' })],
    queues: [
      queue({ vhost: 'v', name: 'home-on-c1' }),
      queue({ vhost: 'v', name: 'home-on-c2' }),
      queue({ vhost: 'v', name: 'qq-offline', type: 'quorum' }),
      queue({ vhost: 'v', name: 'qq-short', type: 'quorum', arguments: { 'x-queue-leader-locator': 'balanced' } }),
      queue({ vhost: 'v', name: 'spread-st', type: 'stream' }),
    ],
    bindings: [binding({ vhost: 'v', source: 'x', destination: 'home-on-c2', routingKey: 'b' })],
    policies: [policy({ vhost: 'v', name: 'spread', pattern: '^spread', applyTo: 'queues', definition: { 'queue-leader-locator': 'balanced' } })],
  }),
);

export const state: ClusterState = {
  name: 'prod',
  version: '3.10.8',
  nodes: [
    { name: C1, running: false, partitions: [] },
    { name: C2, running: true, partitions: [], memAlarm: false, diskAlarm: false },
    { name: C3, running: true, partitions: [], memAlarm: true, diskAlarm: false },
  ],
  queues: [
    { vhost: 'v', name: 'home-on-c1', type: 'classic', state: 'down', node: C1 },
    { vhost: 'v', name: 'home-on-c2', type: 'classic', state: 'live', node: C2 },
    { vhost: 'v', name: 'qq-offline', type: 'quorum', state: 'live', leader: C2, members: [C1, C2, C3], online: [C2, C3] },
    { vhost: 'v', name: 'qq-short', type: 'quorum', state: 'live', leader: C3, members: [C2, C3], online: [C2, C3] },
    { vhost: 'v', name: 'spread-st', type: 'stream', state: 'live', node: C2, members: [C2, C3, C1] },
  ],
};
