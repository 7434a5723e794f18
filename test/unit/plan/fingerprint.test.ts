import { describe, expect, it } from 'vitest';
import { fingerprintState } from '../../../src/plan/fingerprint.js';
import type { NormalizedTopology } from '../../../src/model/normalized-topology.js';
import type { Topology } from '../../../src/model/topology.js';
import { binding, exchange, policy, queue, topology, vhost } from '../../support/builders.js';

const state = topology(
  vhost({
    description: 'd',
    tags: ['a', 'b'],
    exchanges: [exchange({ name: 'e1' }), exchange({ name: 'e2' })],
    queues: [queue({ name: 'q1' }), queue({ name: 'q2', arguments: { 'x-a': 1, 'x-b': 2 } })],
    bindings: [binding({ source: 'e1', destination: 'q1' }), binding({ source: 'e2', destination: 'q2' })],
    policies: [policy({ name: 'p' })],
  }),
  vhost({ name: 'other', queues: [queue({ name: 'x' })] }),
);

describe('fingerprintState', () => {
  it('is a hex sha256', () => {
    expect(fingerprintState(state, ['/'])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for two reads of the same state, whatever their object order and locations', () => {
    // Deliberately out of order, against the type's promise: the fingerprint must not rely on it.
    const reread = structuredClone(state) as Topology as NormalizedTopology;
    const v = reread.vhosts.find((x) => x.name === '/')!;
    v.queues.reverse();
    v.bindings.reverse();
    v.tags = ['b', 'a'];
    v.exchanges[0]!.loc = { file: 'a.yaml', line: 1, col: 1 };
    expect(fingerprintState(reread, ['/'])).toBe(fingerprintState(state, ['/']));
    expect(fingerprintState(state, ['/', '/'])).toBe(fingerprintState(state, ['/']));
  });

  it('covers the broker\'s version and the deprecated features it denies, not those in use', () => {
    const broker = { version: '4.3.6', deprecatedFeatures: [{ name: 'f', phase: 'denied_by_default', permitted: false }] };
    const base = fingerprintState(state, ['/'], broker);
    expect(base).not.toBe(fingerprintState(state, ['/']));
    expect(fingerprintState(state, ['/'], { ...broker, version: '4.3.7' })).not.toBe(base);
    expect(fingerprintState(state, ['/'], { ...broker, deprecatedFeatures: [{ ...broker.deprecatedFeatures[0]!, permitted: true }] })).not.toBe(base);
    expect(fingerprintState(state, ['/'], { ...broker, deprecatedFeaturesUsed: [{ name: 'g', phase: 'permitted_by_default' }] })).toBe(base);
  });

  it('covers only the named vhosts', () => {
    const changed = structuredClone(state);
    changed.vhosts.find((x) => x.name === 'other')!.queues = [];
    expect(fingerprintState(changed, ['/'])).toBe(fingerprintState(state, ['/']));
    expect(fingerprintState(changed, ['/', 'other'])).not.toBe(fingerprintState(state, ['/', 'other']));
  });

  it.each([
    ['a queue argument', (t: Topology) => void (t.vhosts[0]!.queues[0]!.arguments = { 'x-message-ttl': 1 })],
    ['a number that became a string', (t: Topology) => void (t.vhosts[0]!.queues[1]!.arguments = { 'x-a': '1', 'x-b': 2 })],
    ['a deleted binding', (t: Topology) => void t.vhosts[0]!.bindings.pop()],
    ['a policy priority', (t: Topology) => void (t.vhosts[0]!.policies[0]!.priority = 7)],
    ['an exchange type', (t: Topology) => void (t.vhosts[0]!.exchanges[0]!.type = 'fanout')],
    ['the description', (t: Topology) => void (t.vhosts[0]!.description = 'other')],
    ['a policy that became an operator policy', (t: Topology) => void (t.vhosts[0]!.operatorPolicies = t.vhosts[0]!.policies.splice(0))],
    ['the vhost removed', (t: Topology) => void t.vhosts.splice(0, 1)],
  ])('changes with %s', (_title, change) => {
    const changed = structuredClone(state);
    change(changed);
    expect(fingerprintState(changed, ['/'])).not.toBe(fingerprintState(state, ['/']));
  });

  it('tells an absent vhost from an empty one', () => {
    expect(fingerprintState(topology(), ['/'])).not.toBe(fingerprintState(topology(vhost()), ['/']));
  });
});
