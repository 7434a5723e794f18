import { describe, expect, it } from 'vitest';
import { HOLDING_QUEUE_ARGUMENT } from '../../../src/model/holding-queue.js';
import { namedKey } from '../../../src/model/identity.js';
import type { NormalizedTopology } from '../../../src/model/normalized-topology.js';
import type { Change, MigrateChange } from '../../../src/plan/change.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { holdingQueueName } from '../../../src/plan/holding-queue-name.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import type { PlanOptions } from '../../../src/plan/plan.js';
import { resolveMigrations } from '../../../src/plan/resolve-migrations.js';
import type { Step } from '../../../src/plan/step.js';
import { binding, exchange, options, policy, queue, topology, vhost } from '../../support/builders.js';

const resolve = (desired: NormalizedTopology, actual: NormalizedTopology, migrate = true): Change[] =>
  resolveMigrations(diffTopology(desired, actual), { desired, actual }, { migrate });

const plan = (desired: NormalizedTopology, actual: NormalizedTopology, o: Partial<PlanOptions> = {}, messages: Record<string, number> = {}) =>
  planChanges(resolve(desired, actual, o.migrate ?? true), options({ migrate: true, ...o }), {
    vhosts: ['/'],
    fingerprint: 'f',
    messages: new Map(Object.entries(messages).map(([name, n]) => [namedKey({ vhost: '/', name }), n])),
  });

const brief = (c: Change): string => `${c.action} ${c.kind} ${c.name}`;

/** A step in one line: `id op object <- deps`, as in plan-changes.test.ts. */
function stepLine(s: Step): string {
  const object = (() => {
    switch (s.op) {
      case 'declare-queue':
        return `${s.queue.name} (${s.queue.type})`;
      case 'declare-holding-queue':
        return `${s.name} for ${s.of}`;
      case 'drain-queue':
        return `${s.name} into ${s.into}`;
      case 'bind':
      case 'unbind':
        return `${s.binding.source}->${s.binding.destination} [${s.binding.routingKey}]`;
      case 'delete-queue':
      case 'delete-exchange':
        return s.name;
      case 'declare-exchange':
        return s.exchange.name;
      default:
        return s.op;
    }
  })();
  return `${s.id} ${s.op} ${object}${s.dependsOn.length > 0 ? ` <- ${s.dependsOn.join(',')}` : ''}`;
}

const jobs = exchange({ name: 'jobs' });
const classicWork = queue({ name: 'work' });
const quorumWork = queue({ name: 'work', type: 'quorum' });
/** The bindings from jobs to `destination`: by the spec's key "a", and by "by-hand", made on the broker by hand. */
const jobsBindings = (destination: string) => ['a', 'by-hand'].map((routingKey) => binding({ source: 'jobs', destination, routingKey }));
const holding = (bindings = true) => ({
  queues: [queue({ name: 'topo.migrate.work', arguments: { [HOLDING_QUEUE_ARGUMENT]: 'work' } })],
  bindings: bindings ? jobsBindings('topo.migrate.work') : [],
});
const spec = topology(vhost({ exchanges: [jobs], queues: [quorumWork], bindings: [binding({ source: 'jobs', destination: 'work', routingKey: 'a' })] }));
/** The broker before a migration: work is a classic queue, with both bindings. */
const current = topology(vhost({ exchanges: [jobs], queues: [classicWork], bindings: jobsBindings('work') }));

describe('resolveMigrations', () => {
  it('leaves the diff alone without --migrate and without a holding queue', () => {
    const actual = topology(vhost({ exchanges: [jobs], queues: [classicWork] }));
    expect(resolve(spec, actual, false)).toEqual(diffTopology(spec, actual));
  });

  it('turns a queue replace into a migrate with --migrate, with the bindings the queue has now', () => {
    const actual = current;
    const changes = resolve(spec, actual);
    expect(changes.map(brief)).toEqual(['migrate queue work', 'create binding jobs -> work [a]', 'create binding jobs -> work [by-hand]']);
    const m = changes[0] as MigrateChange;
    expect(m).toMatchObject({ before: classicWork, after: quorumWork, forcedBy: [{ path: 'type', before: 'classic', after: 'quorum' }] });
    expect(m.holding).toEqual({ name: 'topo.migrate.work', bindings: (actual.vhosts[0]?.bindings ?? []).filter((b) => b.destination === 'work') });
  });

  it('never migrates a stream, and leaves exchange replaces alone', () => {
    const actual = topology(vhost({ exchanges: [exchange({ name: 'jobs', type: 'fanout' })], queues: [queue({ name: 'work', type: 'stream' })] }));
    expect(resolve(spec, actual).map(brief)).toEqual(['replace exchange jobs', 'replace queue work', 'create binding jobs -> work [a]']);
  });

  it('completes a migration interrupted after the delete, without --migrate, re-creating the bindings only the holding queue has', () => {
    const actual = topology(vhost({ exchanges: [jobs], ...holding() }));
    const changes = resolve(spec, actual, false);
    expect(changes.map(brief)).toEqual(['migrate queue work', 'create binding jobs -> work [a]', 'create binding jobs -> work [by-hand]']);
    expect(changes[0]).not.toHaveProperty('before');
    expect(changes[0]).toMatchObject({ forcedBy: [], holding: { name: 'topo.migrate.work', bindings: [], found: { bindings: holding().bindings } } });
    expect(changes[2]).toMatchObject({ recreatedFor: { kind: 'queue', name: 'work' }, outsideSpec: 'unmanaged' });
  });

  it('completes a migration interrupted after the declare, where the diff sees no change for the queue', () => {
    const actual = topology(vhost({ exchanges: [jobs], queues: [quorumWork, ...holding().queues], bindings: [binding({ source: 'jobs', destination: 'work', routingKey: 'a' }), ...holding().bindings] }));
    const changes = resolve(spec, actual, false);
    expect(changes.map(brief)).toEqual(['migrate queue work', 'create binding jobs -> work [by-hand]']);
    expect(changes[0]).toMatchObject({ before: quorumWork, forcedBy: [], holding: { bindings: [] } });
  });

  it('completes a migration interrupted while moving out: the queue is still in its old shape', () => {
    const actual = topology(vhost({ exchanges: [jobs], queues: [classicWork, ...holding(false).queues], bindings: [binding({ source: 'jobs', destination: 'work', routingKey: 'a' })] }));
    const [m] = resolve(spec, actual, false) as MigrateChange[];
    expect(m).toMatchObject({ before: classicWork, forcedBy: [{ path: 'type' }], holding: { found: { bindings: [] } } });
    expect(m?.holding.bindings.map((b) => b.routingKey)).toEqual(['a']);
  });

  it('leaves a holding queue whose queue the spec does not declare listed as unmanaged', () => {
    const actual = topology(vhost({ exchanges: [jobs], ...holding() }));
    expect(resolve(topology(vhost({ exchanges: [jobs] })), actual).map(brief)).toEqual([
      'unmanaged queue topo.migrate.work',
      'unmanaged binding jobs -> topo.migrate.work [a]',
      'unmanaged binding jobs -> topo.migrate.work [by-hand]',
    ]);
  });
});

describe('holdingQueueName', () => {
  const none = { policies: [], operatorPolicies: [], taken: new Set<string>() };

  it('is topo.migrate.<queue> when no policy matches it', () => {
    expect(holdingQueueName('orders', none)).toEqual({ name: 'topo.migrate.orders' });
  });

  it('avoids a policy whose unanchored pattern names the queue, with a name built from a hash', () => {
    const choice = holdingQueueName('orders', { ...none, policies: [policy({ pattern: 'orders', definition: { 'message-ttl': 1 } })] });
    expect(choice.name).toMatch(/^topo\.migrate\.[0-9a-f]{12}$/);
    expect(choice.policy).toBeUndefined();
    expect(holdingQueueName('orders', { ...none, policies: [policy({ pattern: 'orders' })] })).toEqual(choice);
  });

  it('avoids operator policies and names already taken, and a policy for all topo.* names', () => {
    const choice = holdingQueueName('orders', {
      policies: [policy({ pattern: '^topo\\.', definition: { 'max-length': 1 } })],
      operatorPolicies: [],
      taken: new Set(['topo.migrate.orders']),
    });
    expect(choice.name).toMatch(/^topo-migrate-[0-9a-f]{12}$/);
    expect(holdingQueueName('x', { ...none, operatorPolicies: [policy({ pattern: '^topo\\.migrate\\.x$', definition: { expires: 1 } })] }).name).not.toBe('topo.migrate.x');
  });

  it('accepts a catch-all policy that cannot touch messages', () => {
    expect(holdingQueueName('orders', { ...none, policies: [policy({ pattern: '.*', definition: { 'queue-mode': 'lazy', 'ha-mode': 'all' } })] })).toEqual({
      name: 'topo.migrate.orders',
    });
  });

  it('names the risky policy when every name falls under one; a policy for quorum queues only is not one', () => {
    const ttl = policy({ name: 'short', pattern: '.*', priority: 5, definition: { 'message-ttl': 1000, 'queue-mode': 'lazy' } });
    expect(holdingQueueName('orders', { ...none, policies: [ttl] })).toEqual({ name: 'topo.migrate.orders', policy: 'policy "short" (message-ttl)' });
    expect(holdingQueueName('orders', { ...none, policies: [{ ...ttl, applyTo: 'quorum_queues' }] })).toEqual({ name: 'topo.migrate.orders' });
  });
});

describe('planChanges: migrations', () => {
  const actual = current;

  it('plans a migration as: holding queue, binding copies then unbinds, drain, declare, binds, unbind the holding queue, drain back', () => {
    expect(plan(spec, actual).steps.map(stepLine)).toEqual([
      '0 declare-holding-queue topo.migrate.work for work',
      '1 bind jobs->topo.migrate.work [a] <- 0',
      '2 unbind jobs->work [a] <- 1',
      '3 bind jobs->topo.migrate.work [by-hand] <- 0',
      '4 unbind jobs->work [by-hand] <- 3',
      '5 drain-queue work into topo.migrate.work <- 0,2,4',
      '6 declare-queue work (quorum) <- 5',
      '7 bind jobs->work [a] <- 6',
      '8 bind jobs->work [by-hand] <- 6',
      '9 unbind jobs->topo.migrate.work [a] <- 6,7,8',
      '10 unbind jobs->topo.migrate.work [by-hand] <- 6,7,8',
      '11 drain-queue topo.migrate.work into work <- 6,7,8,9,10',
    ]);
  });

  it('completes an interrupted migration with only the steps left', () => {
    const interrupted = topology(vhost({ exchanges: [jobs], ...holding() }));
    expect(plan(spec, interrupted, { migrate: false }).steps.map(stepLine)).toEqual([
      '0 declare-queue work (quorum)',
      '1 bind jobs->work [a] <- 0',
      '2 bind jobs->work [by-hand] <- 0',
      '3 unbind jobs->topo.migrate.work [a] <- 0,1,2',
      '4 unbind jobs->topo.migrate.work [by-hand] <- 0,1,2',
      '5 drain-queue topo.migrate.work into work <- 0,1,2,3,4',
    ]);
  });

  it('copies a binding from a replaced exchange once that exchange is back, and only unbinds one from a pruned exchange', () => {
    const withExchanges = topology(
      vhost({
        exchanges: [exchange({ name: 'jobs', type: 'fanout' }), exchange({ name: 'old' })],
        queues: [classicWork],
        bindings: [binding({ source: 'jobs', destination: 'work', routingKey: 'a' }), binding({ source: 'old', destination: 'work' })],
      }),
    );
    const steps = plan(spec, withExchanges, { prune: true, allowReplace: true }).steps.map(stepLine);
    expect(steps.slice(0, 8)).toEqual([
      '0 delete-exchange jobs',
      '1 delete-exchange old',
      '2 declare-exchange jobs <- 0',
      '3 declare-holding-queue topo.migrate.work for work',
      '4 bind jobs->topo.migrate.work [a] <- 2,3',
      '5 unbind jobs->work [a] <- 4',
      '6 unbind old->work []',
      '7 drain-queue work into topo.migrate.work <- 3,5,6',
    ]);
  });

  it('guards a migration with --allow-replace only, shows the counts, and completes one with no flag', () => {
    const p = plan(spec, actual, {}, { work: 5 });
    expect(p.refusals.map((r) => `${r.flag}: ${r.reason}`)).toEqual([
      '--allow-replace: queue "work" in vhost "/" is migrated: re-created (forced by type), its messages kept',
    ]);
    expect(p.changes[0]).toMatchObject({ action: 'migrate', messages: 5 });
    expect(p.summary).toMatchObject({ migrate: 1, replace: 0 });
    const resumed = plan(spec, topology(vhost({ exchanges: [jobs], ...holding() })), { migrate: false }, { 'topo.migrate.work': 3 });
    expect(resumed.refusals).toEqual([]);
    expect(resumed.changes[0]).toMatchObject({ holding: { found: { messages: 3 } } });
  });

  it('needs --allow-data-loss when the holding queue would fall under a policy that drops messages', () => {
    const risky = topology(vhost({ ...actual.vhosts[0], policies: [policy({ name: 'ttl', pattern: '.*', definition: { 'message-ttl': 5 } })] }));
    const p = plan(spec, risky, { allowReplace: true });
    expect(p.refusals.map((r) => r.flag)).toEqual(['--allow-data-loss']);
    expect(p.refusals[0]?.reason).toContain('falls under policy "ttl" (message-ttl)');
  });
});
