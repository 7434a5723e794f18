import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/plan/change.js';
import { diffTopology } from '../../../src/plan/diff-topology.js';
import { planChanges } from '../../../src/plan/plan-changes.js';
import type { Plan, PlanOptions } from '../../../src/plan/plan.js';
import { requiredMessageCounts } from '../../../src/plan/required-message-counts.js';
import type { Step } from '../../../src/plan/step.js';
import { namedKey } from '../../../src/model/identity.js';
import type { NormalizedTopology } from '../../../src/model/normalized-topology.js';
import { binding, exchange, options, policy, queue, topology, vhost } from '../../support/builders.js';

const plan = (desired: NormalizedTopology, actual: NormalizedTopology, o: Partial<PlanOptions> = {}, messages: Record<string, number> = {}): Plan =>
  planChanges(diffTopology(desired, actual), options(o), {
    vhosts: desired.vhosts.map((v) => v.name),
    fingerprint: 'abc',
    messages: new Map(Object.entries(messages).map(([name, n]) => [namedKey({ vhost: '/', name }), n])),
  });

/** A step in one line: `id op object <- deps`. */
function brief(s: Step): string {
  const object = (() => {
    switch (s.op) {
      case 'put-vhost':
        return s.vhost.name;
      case 'declare-exchange':
        return s.exchange.name;
      case 'declare-queue':
        return s.queue.name;
      case 'bind':
      case 'unbind':
        return `${s.binding.source}->${s.binding.destination}`;
      case 'put-policy':
        return `${s.operator ? 'operator ' : ''}${s.policy.name}`;
      case 'delete-queue':
        return `${s.name}${s.ifEmpty ? ' if-empty' : ''}`;
      case 'delete-policy':
        return `${s.operator ? 'operator ' : ''}${s.name}`;
      case 'delete-exchange':
        return s.name;
    }
  })();
  return `${s.id} ${s.op} ${object}${s.dependsOn.length > 0 ? ` <- ${s.dependsOn.join(',')}` : ''}`;
}

describe('planChanges: steps', () => {
  it('creates vhost → exchanges → queues → bindings → policies, each depending on what it needs', () => {
    const desired = topology(
      vhost({
        name: 'new',
        exchanges: [exchange({ name: 'dlx', type: 'fanout' }), exchange({ name: 'in', arguments: { 'alternate-exchange': 'dlx' } })],
        queues: [queue({ name: 'q', arguments: { 'x-dead-letter-exchange': 'dlx' } })],
        bindings: [binding({ source: 'in', destination: 'q' }), binding({ source: 'amq.topic', destination: 'dlx', destinationType: 'exchange' })],
        policies: [policy({ name: 'p' })],
        operatorPolicies: [policy({ name: 'op' })],
      }),
    );
    expect(plan(desired, topology()).steps.map(brief)).toEqual([
      '0 put-vhost new',
      '1 declare-exchange dlx <- 0',
      '2 declare-exchange in <- 0',
      '3 declare-queue q <- 0',
      '4 bind amq.topic->dlx <- 0,1',
      '5 bind in->q <- 0,2,3',
      '6 put-policy p <- 0',
      '7 put-policy operator op <- 0',
    ]);
  });

  it('deletes in reverse order with --prune, without unbinding what a delete takes with it', () => {
    const actual = topology(
      vhost({
        exchanges: [exchange({ name: 'kept' }), exchange({ name: 'old-ex' })],
        queues: [queue({ name: 'kept-q' }), queue({ name: 'old-q' })],
        bindings: [
          binding({ source: 'kept', destination: 'kept-q', routingKey: 'stray' }),
          binding({ source: 'kept', destination: 'old-q' }),
          binding({ source: 'old-ex', destination: 'kept-q' }),
          binding({ source: 'kept', destination: 'old-ex', destinationType: 'exchange' }),
        ],
        policies: [policy({ name: 'old-p' })],
        operatorPolicies: [policy({ name: 'old-op' })],
      }),
    );
    const desired = topology(vhost({ exchanges: [exchange({ name: 'kept' })], queues: [queue({ name: 'kept-q' })] }));
    const p = plan(desired, actual, { prune: true });
    expect(p.steps.map(brief)).toEqual([
      '0 delete-policy operator old-op',
      '1 delete-policy old-p',
      '2 unbind kept->kept-q',
      '3 delete-queue old-q if-empty',
      '4 delete-exchange old-ex',
    ]);
    expect(p.changes.filter((c) => c.action === 'delete').map((c) => `${c.kind} ${c.name}`)).toEqual([
      'exchange old-ex',
      'queue old-q',
      'binding kept -> old-ex []',
      'binding kept -> kept-q [stray]',
      'binding kept -> old-q []',
      'binding old-ex -> kept-q []',
      'policy old-p',
      'operatorPolicy old-op',
    ]);
    expect(p.changes.some((c) => c.action === 'unmanaged')).toBe(false);
  });

  it('lists unmanaged objects, with no step, without --prune', () => {
    const actual = topology(vhost({ queues: [queue({ name: 'stray' })], policies: [policy()] }));
    const p = plan(topology(vhost()), actual);
    expect(p.steps).toEqual([]);
    expect(p.changes.map((c) => c.action)).toEqual(['unmanaged', 'unmanaged']);
  });

  it('replaces as delete, then declare, then the bindings it took, each waiting for the one before', () => {
    const objects = { exchanges: [exchange({ name: 'in' }), exchange({ name: 'out' })], queues: [queue({ name: 'q' })] };
    const bindings = [
      binding({ source: 'in', destination: 'q' }),
      binding({ source: 'in', destination: 'out', destinationType: 'exchange' }),
      binding({ source: 'out', destination: 'q', routingKey: 'stray' }),
    ];
    const actual = topology(vhost({ ...objects, bindings }));
    const desired = topology(
      vhost({
        exchanges: [exchange({ name: 'in', type: 'topic' }), exchange({ name: 'out' })],
        queues: [queue({ name: 'q', arguments: { 'x-max-length': 10 } })],
        bindings: [...bindings.slice(0, 2), binding({ source: 'in', destination: 'q', routingKey: 'new' })],
      }),
    );
    expect(plan(desired, actual, { allowReplace: true }).steps.map(brief)).toEqual([
      '0 delete-queue q if-empty',
      '1 delete-exchange in',
      '2 declare-exchange in <- 1',
      '3 declare-queue q <- 0',
      '4 bind in->out <- 2',
      '5 bind in->q <- 2,3',
      '6 bind in->q <- 2,3',
      '7 bind out->q <- 3',
    ]);
  });

  it('deletes instead of re-creating an unmanaged binding of a replaced object under --prune', () => {
    const actual = topology(
      vhost({ exchanges: [exchange({ name: 'x' })], queues: [queue({ name: 'q' })], bindings: [binding({ source: 'x', destination: 'q' })] }),
    );
    const desired = topology(vhost({ exchanges: [exchange({ name: 'x' })], queues: [queue({ name: 'q', durable: false })] }));
    const kept = plan(desired, actual);
    expect(kept.changes.map((c) => c.action)).toEqual(['replace', 'create']);
    expect(kept.steps.map(brief)).toEqual(['0 delete-queue q if-empty', '1 declare-queue q <- 0', '2 bind x->q <- 1']);
    const pruned = plan(desired, actual, { prune: true });
    expect(pruned.changes.map((c) => c.action)).toEqual(['replace', 'delete']);
    expect(pruned.changes[1]).toEqual({ action: 'delete', kind: 'binding', vhost: '/', name: 'x -> q []', before: binding({ source: 'x', destination: 'q' }) });
    expect(pruned.steps.map(brief)).toEqual(['0 delete-queue q if-empty', '1 declare-queue q <- 0']);
  });

  it('updates vhosts and policies in place', () => {
    const actual = topology(vhost({ description: 'a', policies: [policy({ priority: 1 })], operatorPolicies: [policy({ name: 'o' })] }));
    const desired = topology(vhost({ description: 'b', policies: [policy({ priority: 2 })], operatorPolicies: [policy({ name: 'o', pattern: 'x' })] }));
    expect(plan(desired, actual).steps.map(brief)).toEqual(['0 put-vhost /', '1 put-policy p', '2 put-policy operator o']);
  });

  it('sends queue deletes without if-empty only when data loss is allowed', () => {
    const actual = topology(vhost({ queues: [queue({ name: 'a' }), queue({ name: 'b' })] }));
    const desired = topology(vhost({ queues: [queue({ name: 'a', autoDelete: true })] }));
    const ifEmpty = (o: Partial<PlanOptions>) =>
      plan(desired, actual, { prune: true, ...o }).steps.flatMap((s) => (s.op === 'delete-queue' ? [s.ifEmpty] : []));
    expect(ifEmpty({})).toEqual([true, true]);
    expect(ifEmpty({ allowDataLoss: true })).toEqual([false, false]);
  });

  it('points every step at its change and never mutates the diff', () => {
    const actual = topology(vhost({ queues: [queue({ name: 'a' }), queue({ name: 'b' })] }));
    const desired = topology(vhost({ queues: [queue({ name: 'a', durable: false })], exchanges: [exchange()] }));
    const changes = diffTopology(desired, actual);
    const copy = structuredClone(changes);
    const p = planChanges(changes, options({ prune: true }), { vhosts: ['/'], fingerprint: 'f', messages: new Map([[namedKey({ vhost: '/', name: 'b' }), 4]]) });
    expect(changes).toEqual(copy);
    expect(p.steps.map((s) => `${s.op} ${p.changes[s.change]?.action} ${p.changes[s.change]?.name}`)).toEqual([
      'delete-queue replace a',
      'delete-queue delete b',
      'declare-exchange create ex',
      'declare-queue replace a',
    ]);
  });
});

describe('planChanges: guards', () => {
  const actual = topology(
    vhost({ exchanges: [exchange({ name: 'e' })], queues: [queue({ name: 'full' }), queue({ name: 'empty' }), queue({ name: 'stray' })] }),
  );
  const desired = topology(
    vhost({
      exchanges: [exchange({ name: 'e', type: 'fanout' })],
      queues: [queue({ name: 'full', arguments: { 'x-message-ttl': 5 } }), queue({ name: 'empty', durable: false })],
    }),
  );
  const messages = { full: 12, empty: 0, stray: 1 };

  it('lists every guard with a reason naming the object', () => {
    const p = plan(desired, actual, { prune: true }, messages);
    expect(p.guards.map((g) => `${g.flag} ${p.changes[g.change]?.name}: ${g.reason}`)).toEqual([
      '--allow-replace e: exchange "e" in vhost "/" is replaced (forced by type)',
      '--allow-replace empty: queue "empty" in vhost "/" is replaced (forced by durable)',
      '--allow-replace full: queue "full" in vhost "/" is replaced (forced by arguments.x-message-ttl)',
      '--allow-data-loss full: queue "full" in vhost "/" holds 12 messages and is replaced',
      '--prune stray: queue "stray" in vhost "/" is deleted (not in the spec)',
      '--allow-data-loss stray: queue "stray" in vhost "/" holds 1 message and is deleted',
    ]);
  });

  it.each([
    { given: {}, refused: ['--allow-replace', '--allow-replace', '--allow-replace', '--allow-data-loss', '--allow-data-loss'] },
    { given: { allowReplace: true }, refused: ['--allow-data-loss', '--allow-data-loss'] },
    { given: { allowDataLoss: true }, refused: ['--allow-replace', '--allow-replace', '--allow-replace'] },
    { given: { allowReplace: true, allowDataLoss: true }, refused: [] },
  ])('refuses what $given does not allow', ({ given, refused }) => {
    const p = plan(desired, actual, { prune: true, ...given }, messages);
    expect(p.refusals.map((g) => g.flag)).toEqual(refused);
    expect(p.refusals.every((r) => p.guards.some((g) => g.flag === r.flag && g.change === r.change))).toBe(true);
    expect(p.options).toEqual(options({ prune: true, ...given }));
  });

  it('needs --prune for a delete (a saved plan carries deletes only when made with it)', () => {
    const changes: Change[] = [{ action: 'delete', kind: 'policy', vhost: '/', name: 'p', before: policy() }];
    const p = planChanges(changes, options(), { vhosts: ['/'], fingerprint: 'f', messages: new Map() });
    expect(p.refusals).toEqual([{ flag: '--prune', change: 0, reason: 'policy "p" in vhost "/" is deleted (not in the spec)' }]);
  });

  it('shows message counts on queue deletes and replaces, and needs no data-loss flag only for a queue counted empty', () => {
    const p = plan(desired, actual, { prune: true }, { empty: 0 });
    expect(p.changes.filter((c) => c.kind === 'queue').map((c) => [c.name, 'messages' in c ? c.messages : 'none'])).toEqual([
      ['empty', 0],
      ['full', 'unknown'],
      ['stray', 'unknown'],
    ]);
    // Not counted is not empty.
    expect(p.guards.filter((g) => g.flag === '--allow-data-loss').map((g) => g.reason)).toEqual([
      'queue "full" in vhost "/" may hold messages (the broker gave no count) and is replaced',
      'queue "stray" in vhost "/" may hold messages (the broker gave no count) and is deleted',
    ]);
  });

  it('counts every action in the summary', () => {
    const a = topology(vhost({ queues: [queue({ name: 'x' }), queue({ name: 'y' })], policies: [policy({ priority: 1 })] }));
    const d = topology(
      vhost({ queues: [queue({ name: 'x', durable: false }), queue({ name: 'z' }), queue({ name: 'r', exclusive: true })], policies: [policy()] }),
      vhost({ name: 'new' }),
    );
    expect(plan(d, a).summary).toEqual({ create: 2, update: 1, replace: 1, migrate: 0, delete: 0, unmanaged: 1, runtime: 1 });
    expect(plan(d, a, { prune: true }).summary).toEqual({ create: 2, update: 1, replace: 1, migrate: 0, delete: 1, unmanaged: 0, runtime: 1 });
    expect(plan(d, d).summary).toEqual({ create: 0, update: 0, replace: 0, migrate: 0, delete: 0, unmanaged: 0, runtime: 1 });
  });

  it('carries the context it was made from', () => {
    const p = plan(desired, actual);
    expect([p.formatVersion, p.vhosts, p.fingerprint]).toEqual([4, ['/'], 'abc']);
  });
});

describe('planChanges: streams (no count of a stream is exact)', () => {
  const stream = (name: string, maxAge: string) => queue({ name, type: 'stream', arguments: { 'x-max-age': maxAge } });
  const actual = topology(vhost({ queues: [stream('events', '7D'), stream('old', '1D')] }));
  const desired = topology(vhost({ queues: [stream('events', '8D')] }));

  it('counts a stream as unknown whatever was read, and needs --allow-data-loss to replace or delete it', () => {
    const p = plan(desired, actual, { prune: true, allowReplace: true }, { events: 0, old: 0 });
    expect(p.changes.map((c) => [c.action, c.name, 'messages' in c && c.messages])).toEqual([
      ['replace', 'events', 'unknown'],
      ['delete', 'old', 'unknown'],
    ]);
    expect(p.refusals.map((r) => `${r.flag}: ${r.reason}`)).toEqual([
      '--allow-data-loss: queue "events" in vhost "/" may hold messages (a stream: topo cannot count them) and is replaced',
      '--allow-data-loss: queue "old" in vhost "/" may hold messages (a stream: topo cannot count them) and is deleted',
    ]);
  });

  it('deletes a stream without if-empty once data loss is allowed (if-empty would not protect it anyway)', () => {
    const p = plan(desired, actual, { prune: true, allowReplace: true, allowDataLoss: true });
    expect(p.refusals).toEqual([]);
    // No ` if-empty`: the broker would ignore it.
    expect(p.steps.filter((s) => s.op === 'delete-queue').map(brief)).toEqual(['0 delete-queue events', '1 delete-queue old']);
  });
});

describe('planChanges: re-planning a saved plan with the flags apply was given', () => {
  const actual = topology(vhost({ queues: [queue({ name: 'full' }), queue({ name: 'stray' })], exchanges: [exchange({ name: 'x' })] }));
  const desired = topology(vhost({ queues: [queue({ name: 'full', durable: false })] }));
  const counts = { full: 5, stray: 2 };

  it.each([
    { prune: false, allowReplace: true, allowDataLoss: true },
    { prune: true, allowReplace: false, allowDataLoss: true },
    { prune: true, allowReplace: true, allowDataLoss: false },
  ])('gives the plan the flags would have given: %o', (flags) => {
    const saved = plan(desired, actual, { prune: flags.prune }, counts);
    const fresh = new Map(Object.entries(counts).map(([name, n]) => [namedKey({ vhost: '/', name }), n]));
    const again = planChanges(saved.changes, flags, { vhosts: saved.vhosts, fingerprint: saved.fingerprint, messages: fresh });
    expect(again).toEqual(plan(desired, actual, flags, counts));
  });

  it('trusts only the counts read now: a saved count is no proof that the queue is still empty', () => {
    const saved = plan(desired, actual, { prune: true }, { full: 0, stray: 0 });
    expect(saved.refusals.map((r) => r.flag)).not.toContain('--allow-data-loss');
    const again = planChanges(saved.changes, options({ prune: true, allowReplace: true }), {
      vhosts: saved.vhosts,
      fingerprint: saved.fingerprint,
      messages: new Map(),
    });
    expect(again.changes.filter((c) => c.kind === 'queue').map((c) => 'messages' in c && c.messages)).toEqual(['unknown', 'unknown']);
    expect(again.refusals.map((r) => `${r.flag} ${again.changes[r.change]?.name}`)).toEqual([
      '--allow-data-loss full',
      '--allow-data-loss stray',
    ]);
  });

  it('keeps the deletes of a pruned plan, refused, when apply lacks --prune', () => {
    const saved = plan(desired, actual, { prune: true }, counts);
    const again = planChanges(saved.changes, options({ allowReplace: true, allowDataLoss: true }), {
      vhosts: saved.vhosts,
      fingerprint: saved.fingerprint,
      messages: new Map(),
    });
    expect(again.refusals.map((r) => `${r.flag} ${again.changes[r.change]?.name}`)).toEqual(['--prune x', '--prune stray']);
  });
});

describe('requiredMessageCounts', () => {
  const actual = topology(vhost({ queues: [queue({ name: 'b' }), queue({ name: 'a' }), queue({ name: 'same' })] }), vhost({ name: 'v', queues: [queue({ name: 'a' })] }));
  const desired = topology(vhost({ queues: [queue({ name: 'b', type: 'quorum' }), queue({ name: 'same' })] }), vhost({ name: 'v' }));

  it('asks for replaced queues, and for unmanaged ones only when pruning', () => {
    const changes = diffTopology(desired, actual);
    expect(requiredMessageCounts(changes, options())).toEqual([{ vhost: '/', name: 'b' }]);
    expect(requiredMessageCounts(changes, options({ prune: true }))).toEqual([
      { vhost: '/', name: 'a' },
      { vhost: '/', name: 'b' },
      { vhost: 'v', name: 'a' },
    ]);
  });
});
