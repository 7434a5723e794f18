import { describe, expect, it } from 'vitest';
import { effectivePolicy, type PolicyTarget } from '../../../src/model/effective-policy.js';
import type { PolicyApplyTo } from '../../../src/model/topology.js';
import { policy } from '../../support/builders.js';

const exchangeTarget: PolicyTarget = { kind: 'exchange' };

describe('effectivePolicy', () => {
  it('picks the highest priority among the policies whose pattern matches the name anywhere', () => {
    const policies = [
      policy({ name: 'low', pattern: '^events\\.', applyTo: 'all', priority: 1 }),
      policy({ name: 'high', pattern: 'vent', applyTo: 'all', priority: 5 }),
      policy({ name: 'other', pattern: '^orders$', applyTo: 'all', priority: 9 }),
    ];
    expect(effectivePolicy(policies, 'events.a', exchangeTarget)?.name).toBe('high');
    expect(effectivePolicy(policies, 'orders', exchangeTarget)?.name).toBe('other');
    expect(effectivePolicy(policies, 'nothing', exchangeTarget)).toBeUndefined();
  });

  it('breaks a tie by the name that sorts first, whatever the input order', () => {
    const policies = [policy({ name: 'b', applyTo: 'all' }), policy({ name: 'a', applyTo: 'all' }), policy({ name: 'B', applyTo: 'all' })];
    expect(effectivePolicy(policies, 'x', exchangeTarget)?.name).toBe('B');
    expect(effectivePolicy([...policies].reverse(), 'x', exchangeTarget)?.name).toBe('B');
  });

  it.each<[PolicyApplyTo, string[]]>([
    ['all', ['exchange', 'classic', 'quorum', 'stream']],
    ['exchanges', ['exchange']],
    ['queues', ['classic', 'quorum', 'stream']],
    ['classic_queues', ['classic']],
    ['quorum_queues', ['quorum']],
    ['streams', ['stream']],
  ])('applyTo %s covers %j', (applyTo, covered) => {
    const targets: [string, PolicyTarget][] = [
      ['exchange', { kind: 'exchange' }],
      ['classic', { kind: 'queue', type: 'classic' }],
      ['quorum', { kind: 'queue', type: 'quorum' }],
      ['stream', { kind: 'queue', type: 'stream' }],
    ];
    const policies = [policy({ name: 'p', applyTo })];
    expect(targets.filter(([, target]) => effectivePolicy(policies, 'x', target) !== undefined).map(([label]) => label)).toEqual(covered);
  });

  it('lets a higher-priority policy that does not apply to the object leave the lower one in effect', () => {
    const policies = [policy({ name: 'queues', applyTo: 'queues', priority: 9 }), policy({ name: 'exchanges', applyTo: 'exchanges', priority: 1 })];
    expect(effectivePolicy(policies, 'x', exchangeTarget)?.name).toBe('exchanges');
  });

  it('treats a pattern JavaScript cannot compile as matching nothing', () => {
    const policies = [policy({ name: 'pcre', pattern: '(?<!', applyTo: 'all', priority: 9 }), policy({ name: 'ok', applyTo: 'all' })];
    expect(effectivePolicy(policies, 'x', exchangeTarget)?.name).toBe('ok');
  });
});
