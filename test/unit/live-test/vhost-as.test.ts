import { describe, expect, it } from 'vitest';
import { vhostAs } from '../../../src/live-test/vhost-as.js';
import type { Topology, Vhost } from '../../../src/model/topology.js';
import { binding, exchange, policy, queue, routingTest, vhost } from '../../support/builders.js';

const app: Vhost = vhost({
  name: '/',
  description: 'the app',
  tags: ['prod'],
  exchanges: [exchange({ name: 'logs', type: 'fanout' })],
  queues: [queue({ name: 'debug.tap' }), queue({ name: 'listener', exclusive: true, serverNamed: true })],
  bindings: [binding({ source: 'logs', destination: 'listener' })],
  policies: [policy({ name: 'ttl', definition: { 'message-ttl': 5 } })],
  operatorPolicies: [policy({ name: 'cap', definition: { 'max-length': 9 } })],
  ignore: ['^debug\\.'],
});
const other: Vhost = { ...app, name: 'other', exchanges: [], queues: [], bindings: [], policies: [], operatorPolicies: [] };
const topology: Topology = { vhosts: [app, other], tests: [routingTest({ name: 't', exchange: 'logs', expect: ['listener'] })] };

describe('vhostAs', () => {
  it('copies one vhost under a new name, in every object, without ignore patterns or tests', () => {
    const before = structuredClone(topology);
    const copy = vhostAs(topology, '/', 'scratch');
    expect(copy).toEqual({
      vhosts: [
        {
          ...app,
          name: 'scratch',
          exchanges: app.exchanges.map((e) => ({ ...e, vhost: 'scratch' })),
          queues: app.queues.map((q) => ({ ...q, vhost: 'scratch' })),
          bindings: app.bindings.map((b) => ({ ...b, vhost: 'scratch' })),
          policies: app.policies.map((p) => ({ ...p, vhost: 'scratch' })),
          operatorPolicies: app.operatorPolicies.map((p) => ({ ...p, vhost: 'scratch' })),
          ignore: [],
        },
      ],
      tests: [],
    });
    expect(topology).toEqual(before);
  });

  it('throws for a vhost the topology does not have', () => {
    expect(() => vhostAs(topology, 'missing', 'scratch')).toThrow('no vhost "missing"');
  });
});
