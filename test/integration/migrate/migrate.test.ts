/**
 * `topo apply --migrate` on the real broker: a queue re-created with another type or other
 * arguments keeps every message with its properties, in order, and its bindings; an
 * interrupted migration (a holding queue left on the broker) is completed by the next apply,
 * from each place it can stop.
 */
import type { GetMessage, Options } from 'amqplib';
import { afterAll, describe, expect, it } from 'vitest';
import { topo } from '../apply/support.js';
import {
  bindingKeysOf,
  bindQueue,
  declareExchange,
  declareHoldingQueue,
  declareQueue,
  migrateFixture,
  publishTo,
  queuesOf,
  readyCount,
  takeAll,
  type MigrateFixture,
} from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

async function fixture(label: string): Promise<MigrateFixture> {
  const f = await migrateFixture(label);
  cleanups.push(f.dispose);
  return f;
}

const QUORUM_WORK = `    exchanges:
      jobs: { type: direct }
    queues:
      work: { type: quorum }
    bindings:
      - { source: jobs, destination: work, routingKey: a }
`;

/** Headers a queue adds on delivery, which a comparison of what was published leaves out. */
const deliveryHeaders = (m: GetMessage): Record<string, unknown> => {
  const { 'x-delivery-count': _count, 'x-acquired-count': _acquired, ...rest } = m.properties.headers ?? {};
  return rest;
};

const bodies = (messages: GetMessage[]): string[] => messages.map((m) => m.content.toString());

describe('topo apply --migrate', () => {
  it('re-creates a classic queue as a quorum queue with every message, its properties and its bindings', { timeout: 60_000 }, async () => {
    const f = await fixture('migrate-classic');
    await declareExchange(f.vhost, 'jobs');
    await declareQueue(f.vhost, 'work');
    await declareQueue(f.vhost, 'other');
    await bindQueue(f.vhost, 'jobs', 'work', 'a');
    await bindQueue(f.vhost, 'jobs', 'work', 'by-hand');
    const model = await f.amqp();
    const full: Options.Publish = {
      persistent: true,
      contentType: 'application/json',
      contentEncoding: 'utf-8',
      headers: { tenant: 'acme', nested: { list: [1, 'two'] } },
      priority: 3,
      correlationId: 'corr-1',
      replyTo: 'replies',
      expiration: '600000',
      messageId: 'id-0',
      timestamp: 1_700_000_000,
      type: 'order.created',
      appId: 'shop',
      userId: 'guest',
    };
    await publishTo(model, 'work', [
      { body: 'first', options: full },
      { body: 'transient', options: { persistent: false, messageId: 'id-1' } },
      // Sender-selected distribution: "other" got a copy at publish time, and must not get another.
      { body: 'cc', options: { persistent: true, messageId: 'id-2', CC: ['other'] } },
      ...Array.from({ length: 200 }, (_, i) => ({ body: `m${i}`, options: { persistent: true, messageId: `n${i}` } })),
    ]);
    // The spec: work becomes quorum; other stays.
    const specPath = await f.spec(`    exchanges:
      jobs: { type: direct }
    queues:
      work: { type: quorum }
      other: {}
    bindings:
      - { source: jobs, destination: work, routingKey: a }
`);

    const refused = await topo(['apply', specPath, '--yes', '--allow-replace']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('--allow-data-loss: queue "work"');

    const plan = await topo(['plan', specPath, '--migrate']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('   <> queue "work" (203 messages)\n');
    expect(plan.stdout).toContain('# messages move to holding queue "topo.migrate.work" and back; none is lost');
    expect(plan.stdout).toContain('--allow-replace: queue "work" in vhost');
    expect(plan.stdout).not.toContain('--allow-data-loss');
    expect(plan.stdout).toContain('Plan: 2 to create, 0 to update, 0 to replace, 1 to migrate, 0 to delete.');

    const applied = await topo(['apply', specPath, '--migrate', '--allow-replace', '--yes']);
    expect(applied.errors).toBe('');
    expect(applied.code).toBe(0);

    expect((await queuesOf(f.vhost)).map((q) => `${q.name} ${q.type}`)).toEqual(['other classic', 'work quorum']);
    expect(await bindingKeysOf(f.vhost, 'work')).toEqual(['jobs:a', 'jobs:by-hand']);
    expect(await readyCount(model, 'other')).toBe(1);
    const moved = await takeAll(model, 'work');
    // In order, except that a queue that orders by priority does so (RabbitMQ 4.x quorum queues
    // deliver "first", priority 3, after messages without a priority, as for any publish).
    expect(bodies(moved.filter((m) => m.properties.priority === undefined))).toEqual([
      'transient',
      'cc',
      ...Array.from({ length: 200 }, (_, i) => `m${i}`),
    ]);
    expect(moved).toHaveLength(203);
    const byBody = (body: string) => moved.find((m) => m.content.toString() === body) as GetMessage;
    const [first, transient, cc] = [byBody('first'), byBody('transient'), byBody('cc')];
    const { headers: _headers, ...props } = first.properties;
    // Every property as published; `persistent` arrives as delivery mode 2.
    const { persistent: _persistent, headers: sentHeaders, ...sent } = full;
    expect(props).toMatchObject({ ...sent, deliveryMode: 2 });
    expect(deliveryHeaders(first)).toEqual(sentHeaders);
    expect(transient.properties.deliveryMode).toBe(1);
    expect(deliveryHeaders(cc)).toEqual({});
    expect(moved.filter((m) => m !== transient).every((m) => m.properties.deliveryMode === 2)).toBe(true);

    const again = await topo(['plan', specPath, '--detailed-exitcode']);
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
  });

  it('migrates a quorum queue, which RabbitMQ 3.x cannot delete if-empty', { timeout: 60_000 }, async () => {
    const f = await fixture('migrate-quorum');
    await declareExchange(f.vhost, 'jobs');
    await declareQueue(f.vhost, 'work', { 'x-queue-type': 'quorum', 'x-delivery-limit': 5 });
    await bindQueue(f.vhost, 'jobs', 'work', 'a');
    const model = await f.amqp();
    await publishTo(model, 'work', Array.from({ length: 50 }, (_, i) => ({ body: `q${i}`, options: { persistent: true } })));
    const spec = await f.spec(QUORUM_WORK.replace('{ type: quorum }', '{ type: quorum, arguments: { x-delivery-limit: 10 } }'));

    const applied = await topo(['apply', spec, '--migrate', '--allow-replace', '--yes']);
    expect(applied.errors).toBe('');
    expect(applied.code).toBe(0);
    const [work] = (await queuesOf(f.vhost)).filter((q) => q.name === 'work');
    expect(work?.arguments['x-delivery-limit']).toBe(10);
    expect(bodies(await takeAll(model, 'work'))).toEqual(Array.from({ length: 50 }, (_, i) => `q${i}`));
  });
});

describe('a saved migration plan', () => {
  it('is decided when the plan is made, and applied with the apply flags', { timeout: 60_000 }, async () => {
    const f = await fixture('migrate-saved');
    await declareExchange(f.vhost, 'jobs');
    await declareQueue(f.vhost, 'work');
    await bindQueue(f.vhost, 'jobs', 'work', 'a');
    const model = await f.amqp();
    await publishTo(model, 'work', ['s0', 's1'].map((body) => ({ body, options: { persistent: true } })));
    const spec = await f.spec(QUORUM_WORK);
    const file = spec.replace(/\.yaml$/, '.plan.json');
    expect((await topo(['plan', spec, '--migrate', '--out', file])).code).toBe(0);

    const usage = await topo(['apply', '--plan', file, '--migrate', '--yes']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('--migrate is decided when the plan is made');
    expect((await topo(['apply', '--plan', file, '--yes'])).code).toBe(3);

    const applied = await topo(['apply', '--plan', file, '--allow-replace', '--yes']);
    expect(applied.errors).toBe('');
    expect(applied.code).toBe(0);
    expect((await queuesOf(f.vhost)).map((q) => `${q.name} ${q.type}`)).toEqual(['work quorum']);
    expect(bodies(await takeAll(model, 'work'))).toEqual(['s0', 's1']);
  });
});

describe('an interrupted migration, completed by the next apply (without --migrate or --allow-replace)', () => {
  /** A vhost where a migration of "work" to quorum stopped: the holding queue holds h0..h2 and is bound by "a" and "by-hand". */
  async function interrupted(label: string) {
    const f = await fixture(label);
    await declareExchange(f.vhost, 'jobs');
    await declareHoldingQueue(f.vhost, 'topo.migrate.work', 'work');
    await bindQueue(f.vhost, 'jobs', 'topo.migrate.work', 'a');
    await bindQueue(f.vhost, 'jobs', 'topo.migrate.work', 'by-hand');
    const model = await f.amqp();
    await publishTo(model, 'topo.migrate.work', ['h0', 'h1', 'h2'].map((body) => ({ body, options: { persistent: true } })));
    return { f, model, spec: await f.spec(QUORUM_WORK) };
  }

  async function expectCompleted(f: MigrateFixture, spec: string, expected: string[]) {
    const applied = await topo(['apply', spec, '--yes']);
    expect(applied.errors).toBe('');
    expect(applied.code).toBe(0);
    expect((await queuesOf(f.vhost)).map((q) => `${q.name} ${q.type}`)).toEqual(['work quorum']);
    expect(await bindingKeysOf(f.vhost, 'work')).toEqual(['jobs:a', 'jobs:by-hand']);
    expect(bodies(await takeAll(await f.amqp(), 'work')).sort()).toEqual(expected);
    expect((await topo(['plan', spec, '--detailed-exitcode'])).code).toBe(0);
  }

  it('stopped after deleting the queue: declares it, binds it as the holding queue was, moves the messages back', async () => {
    const { f, spec } = await interrupted('migrate-resume-absent');
    const plan = await topo(['plan', spec]);
    expect(plan.stdout).toContain('   <> queue "work" (resuming: 3 messages in holding queue "topo.migrate.work")\n');
    expect(plan.stdout).toContain('+ binding "jobs -> work [by-hand]"  # re-created with queue "work" (unmanaged)');
    expect(plan.stdout).not.toContain('Unmanaged (');
    expect(plan.stdout).not.toContain('Apply refuses');
    await expectCompleted(f, spec, ['h0', 'h1', 'h2']);
  });

  it('stopped while moving out: empties the old queue into the holding queue first, then completes', async () => {
    const { f, model, spec } = await interrupted('migrate-resume-old');
    await declareQueue(f.vhost, 'work');
    await bindQueue(f.vhost, 'jobs', 'work', 'a');
    await publishTo(model, 'work', ['w0', 'w1'].map((body) => ({ body, options: { persistent: true } })));
    const plan = await topo(['plan', spec]);
    expect(plan.stdout).toContain('   <> queue "work" (2 messages; resuming: 3 messages in holding queue "topo.migrate.work")\n');
    expect(plan.stdout).toContain('# forces replacement: type "classic" → "quorum"');
    await expectCompleted(f, spec, ['h0', 'h1', 'h2', 'w0', 'w1']);
  });

  it('stopped while moving back: only moves the rest back', async () => {
    const { f, model, spec } = await interrupted('migrate-resume-new');
    await declareQueue(f.vhost, 'work', { 'x-queue-type': 'quorum' });
    await bindQueue(f.vhost, 'jobs', 'work', 'a');
    await publishTo(model, 'work', [{ body: 'w0', options: { persistent: true } }]);
    const plan = await topo(['plan', spec, '--json']);
    const migrate = (JSON.parse(plan.stdout) as { changes: { action: string; before?: unknown; forcedBy: unknown[]; holding: unknown }[] }).changes.find(
      (c) => c.action === 'migrate',
    );
    expect(migrate).toMatchObject({ forcedBy: [], holding: { name: 'topo.migrate.work', found: { messages: 3 } } });
    await expectCompleted(f, spec, ['h0', 'h1', 'h2', 'w0']);
  });

  it('leaves a holding queue alone when the spec no longer declares its queue', async () => {
    const { f, model } = await interrupted('migrate-orphan');
    const spec = await f.spec('    exchanges:\n      jobs: { type: direct }\n');
    const plan = await topo(['plan', spec, '--prune']);
    expect(plan.stdout).toContain('--allow-data-loss: queue "topo.migrate.work" in vhost');
    const applied = await topo(['apply', spec, '--yes']);
    expect(applied.code).toBe(0);
    expect(await readyCount(model, 'topo.migrate.work')).toBe(3);
  });
});
