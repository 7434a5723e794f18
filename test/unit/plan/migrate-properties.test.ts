/**
 * Properties of migrations on the in-memory broker (./simulate-steps.ts), over random
 * topologies: a migrate plan converges and keeps every message; an apply killed after any
 * number of steps leaves a state from which the next plan converges, still keeping every
 * message; and at no moment is an exchange binding of a migrated queue without a queue that
 * receives what it routes.
 */
import { describe, expect, it } from 'vitest';
import { holdingQueueOf } from '../../../src/model/holding-queue.js';
import { bindingKey } from '../../../src/model/identity.js';
import type { NormalizedTopology } from '../../../src/model/normalized-topology.js';
import type { Binding, Topology } from '../../../src/model/topology.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import type { Plan } from '../../../src/plan/plan.js';
import { resolveMigrations } from '../../../src/plan/resolve-migrations.js';
import { options } from '../../support/builders.js';
import { random, randomMessages, randomTopology, type Random } from './random-topology.js';
import { simulateSteps } from './simulate-steps.js';

const SEEDS = Array.from({ length: 150 }, (_, i) => i + 1);

function planMigrations(desired: NormalizedTopology, actual: NormalizedTopology, messages: Map<string, number>, prune = false): Plan {
  const changes = resolveMigrations(diffTopology(desired, actual), { desired, actual }, { migrate: true });
  return planChanges(changes, options({ prune, allowReplace: true, migrate: true }), { vhosts: [], fingerprint: 'f', messages });
}

const total = (messages: ReadonlyMap<string, number>): number => [...messages.values()].reduce((a, b) => a + b, 0);
const holdingQueues = (t: Topology): string[] => t.vhosts.flatMap((v) => v.queues.filter((q) => holdingQueueOf(q) !== undefined).map((q) => q.name));
const pending = (desired: NormalizedTopology, after: NormalizedTopology): string[] =>
  diffTopology(desired, after)
    .filter((c) => c.action !== 'runtime' && c.action !== 'unmanaged')
    .map((c) => `${c.action} ${c.kind} ${c.name}`);

/** A random spec and broker state whose queues hold messages that a plan may not lose. */
function scenario(seed: number) {
  const next = random(seed);
  const desired = randomTopology(next, { exclusive: true, ignore: true });
  const actual = randomTopology(next);
  return { next, desired, actual, messages: randomMessages(next, actual) };
}

/** Applies plans until nothing is left to do, killing the first apply after `killAfter` steps. */
function applyUntilConverged(
  desired: NormalizedTopology,
  actual: NormalizedTopology,
  messages: Map<string, number>,
  next: Random,
  killAfter: number,
): NormalizedTopology {
  let state = simulateSteps(actual, planMigrations(desired, actual, messages).steps, next, messages, { stopAfter: killAfter });
  for (let run = 0; run < 3; run++) state = simulateSteps(state, planMigrations(desired, state, messages).steps, next, messages);
  return state;
}

describe('migrate: plan then apply (in-memory broker)', () => {
  it('converges, leaves no holding queue, and keeps every message', () => {
    let migrated = 0;
    for (const seed of SEEDS) {
      const { next, desired, actual, messages } = scenario(seed);
      const before = total(messages);
      const plan = planMigrations(desired, actual, messages);
      migrated += plan.summary.migrate;
      expect(plan.summary.replace, `seed ${seed}: exchanges only`).toBe(plan.changes.filter((c) => c.action === 'replace' && c.kind === 'exchange').length);
      const after = simulateSteps(actual, plan.steps, next, messages);
      expect(pending(desired, after), `seed ${seed}`).toEqual([]);
      expect(holdingQueues(after), `seed ${seed}`).toEqual([]);
      expect(total(messages), `seed ${seed}`).toBe(before);
    }
    expect(migrated).toBeGreaterThan(100);
  });

  it('converges with --prune too, keeping the messages of every queue the spec declares', () => {
    for (const seed of SEEDS) {
      const { next, desired, actual } = scenario(seed);
      const declared = new Set(desired.vhosts.flatMap((v) => v.queues.filter((q) => !q.exclusive).map((q) => `${v.name}\u0000${q.name}`)));
      const messages = new Map([...randomMessages(next, actual)].filter(([key]) => declared.has(key)));
      const before = total(messages);
      const after = simulateSteps(actual, planMigrations(desired, actual, messages, true).steps, next, messages);
      expect(pending(desired, after), `seed ${seed}`).toEqual([]);
      expect(total(messages), `seed ${seed}`).toBe(before);
    }
  });

  it('completes after a kill at any step, keeping every message', () => {
    let resumed = 0;
    for (const seed of SEEDS.slice(0, 25)) {
      const { desired, actual, messages } = scenario(seed);
      const steps = planMigrations(desired, actual, new Map(messages)).steps.length;
      for (let killAfter = 0; killAfter <= steps; killAfter++) {
        const left = new Map(messages);
        const next = random(seed * 31 + killAfter);
        const killed = simulateSteps(actual, planMigrations(desired, actual, left).steps, next, left, { stopAfter: killAfter });
        if (holdingQueues(killed).length > 0) {
          resumed++;
          // The next plan finds the holding queue: every one of them is completed, with or without --migrate.
          const changes = resolveMigrations(diffTopology(desired, killed), { desired, actual: killed }, { migrate: false });
          const found = changes.filter((c) => c.action === 'migrate' && c.holding.found).length;
          expect(found, `seed ${seed}, killed after ${killAfter}`).toBe(holdingQueues(killed).length);
        }
        const after = applyUntilConverged(desired, killed, left, next, Infinity);
        expect(pending(desired, after), `seed ${seed}, killed after ${killAfter}`).toEqual([]);
        expect(holdingQueues(after), `seed ${seed}, killed after ${killAfter}`).toEqual([]);
        expect(total(left), `seed ${seed}, killed after ${killAfter}`).toBe(total(messages));
      }
    }
    expect(resumed).toBeGreaterThan(80);
  });

  it('keeps a queue bound for every exchange binding of a migrated queue, after every step', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const { next, desired, actual, messages } = scenario(seed);
      const plan = planMigrations(desired, actual, messages);
      // The bindings that route to each migrated queue and that the plan keeps (an exchange it
      // deletes or replaces takes them away: that is the exchange's replace, not the migration's).
      const goneExchanges = new Set(plan.changes.filter((c) => c.kind === 'exchange' && c.action !== 'create').map((c) => `${c.vhost}\u0000${c.name}`));
      const watched: { binding: Binding; holding: string }[] = [];
      for (const c of plan.changes) {
        if (c.action !== 'migrate') continue;
        for (const b of c.holding.bindings) if (!goneExchanges.has(`${b.vhost}\u0000${b.source}`)) watched.push({ binding: b, holding: c.holding.name });
      }
      simulateSteps(actual, plan.steps, next, messages, {
        afterStep: (broker, step) => {
          for (const { binding, holding } of watched) {
            const bindings = new Set(broker.vhosts.find((v) => v.name === binding.vhost)?.bindings.map(bindingKey));
            const routed = [binding.destination, holding].some((destination) => bindings.has(bindingKey({ ...binding, destination })));
            expect(routed, `seed ${seed}, after step ${step.id} ${step.op}: ${binding.source} -> ${binding.destination} routes nowhere`).toBe(true);
            checked++;
          }
        },
      });
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
