import { normalizeTopology, type NormalizedTopology } from '../../../src/model/normalized-topology.js';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/plan/change.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import { bindingKey } from '../../../src/model/identity.js';
import { options } from '../../support/builders.js';
import { random, randomMessages, randomTopology } from './random-topology.js';
import { simulateSteps } from './simulate-steps.js';

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);
const context = (messages = new Map<string, number>()) => ({ vhosts: [], fingerprint: 'f', messages });

const identity = (c: Change): string => {
  const object = 'after' in c ? c.after : c.before;
  return `${c.kind}\u0000${c.vhost}\u0000${c.kind === 'binding' ? bindingKey(object as never) : c.name}`;
};

describe('diffTopology: properties', () => {
  it('diff(x, x) is empty', () => {
    for (const seed of SEEDS) {
      const x = randomTopology(random(seed), { ignore: true });
      expect(diffTopology(x, structuredClone(x)), `seed ${seed}`).toEqual([]);
    }
  });

  it('diff(x, x) holds only runtime changes when the spec has exclusive queues', () => {
    for (const seed of SEEDS) {
      const x = randomTopology(random(seed), { exclusive: true, ignore: true });
      const actions = new Set(diffTopology(x, structuredClone(x)).map((c) => c.action));
      expect([...actions].filter((a) => a !== 'runtime'), `seed ${seed}`).toEqual([]);
    }
  });

  it('never throws, names each object once, and stays inside the spec vhosts', () => {
    for (const seed of SEEDS) {
      const next = random(seed);
      const desired = randomTopology(next, { exclusive: true, ignore: true });
      const actual = randomTopology(next);
      const changes = diffTopology(desired, actual);
      const ids = changes.map(identity);
      expect(new Set(ids).size, `seed ${seed}`).toBe(ids.length);
      const vhosts = new Set(desired.vhosts.map((v) => v.name));
      expect(changes.every((c) => vhosts.has(c.vhost)), `seed ${seed}`).toBe(true);
      expect(() => planChanges(changes, options({ prune: true }), context(randomMessages(next, actual)))).not.toThrow();
    }
  });

  it('never throws on unnormalized odds and ends', () => {
    const odd = {
      vhosts: [
        {
          name: '/',
          ignore: ['(', '[a-'],
          exchanges: [{ vhost: '/', name: 'e', type: 'x-weird', durable: true, autoDelete: false, internal: false, arguments: { a: [null, { b: {} }] } }],
          queues: [],
          bindings: [{ vhost: '/', source: 'nowhere', destination: 'none', destinationType: 'queue', routingKey: '', arguments: {} }],
          policies: [],
          operatorPolicies: [],
        },
      ],
      tests: [],
    } as unknown as NormalizedTopology; // deliberately not normalized: the diff must survive it
    expect(() => diffTopology(odd, topology0())).not.toThrow();
    expect(() => diffTopology(topology0(), odd)).not.toThrow();
    expect(() => diffTopology(odd, odd)).not.toThrow();
  });
});

function topology0(): NormalizedTopology {
  return normalizeTopology({ vhosts: [], tests: [] });
}

describe('plan then apply converges (in-memory broker)', () => {
  /** What is left to do after applying the plan: diff(desired, state after the steps). */
  const leftOver = (desired: NormalizedTopology, actual: NormalizedTopology, prune: boolean, seed: number) => {
    const next = random(seed * 7919);
    const messages = randomMessages(next, actual);
    const plan = planChanges(
      diffTopology(desired, actual),
      options({ prune, allowReplace: true, allowDataLoss: true }),
      context(messages),
    );
    const after = simulateSteps(actual, plan.steps, next, messages);
    return { after, changes: diffTopology(desired, after) };
  };

  it('with --prune, only runtime objects are left', () => {
    for (const seed of SEEDS) {
      const next = random(seed);
      const desired = randomTopology(next, { exclusive: true, ignore: true });
      const actual = randomTopology(next);
      const { changes } = leftOver(desired, actual, true, seed);
      expect(changes.filter((c) => c.action !== 'runtime'), `seed ${seed}`).toEqual([]);
    }
  });

  it('without --prune, only unmanaged and runtime objects are left, and no binding is lost', () => {
    for (const seed of SEEDS) {
      const next = random(seed);
      const desired = randomTopology(next, { exclusive: true, ignore: true });
      const actual = randomTopology(next);
      const { after, changes } = leftOver(desired, actual, false, seed);
      expect(changes.filter((c) => c.action !== 'runtime' && c.action !== 'unmanaged'), `seed ${seed}`).toEqual([]);
      // Every binding the broker had survives, except those of runtime (exclusive) queues,
      // which their application re-declares.
      for (const v of actual.vhosts) {
        const spec = desired.vhosts.find((d) => d.name === v.name);
        const runtime = new Set(spec?.queues.filter((q) => q.exclusive).map((q) => q.name));
        const kept = new Set(after.vhosts.find((a) => a.name === v.name)?.bindings.map(bindingKey));
        const lost = v.bindings.filter((b) => !kept.has(bindingKey(b)) && !(b.destinationType === 'queue' && runtime.has(b.destination)));
        expect(lost, `seed ${seed}`).toEqual([]);
      }
    }
  });

  it('applies an all-create plan to an empty broker', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const desired = randomTopology(random(seed), { exclusive: true });
      const { changes } = leftOver(desired, topology0(), false, seed);
      expect(changes.filter((c) => c.action !== 'runtime'), `seed ${seed}`).toEqual([]);
    }
  });
});
