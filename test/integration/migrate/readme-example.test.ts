/**
 * The README's migration example, run as written: the tutorials' work-queues spec applied,
 * 5,000 persistent tasks queued, then `task_queue` changed to a quorum queue and migrated.
 * The README shows this plan; the vhost is a scratch copy of `tutorial-2-work-queues`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { topo } from '../apply/support.js';
import { migrateFixture, publishTo, queuesOf, readyCount, type MigrateFixture } from './support.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/tutorials/work-queues.yaml', import.meta.url));
const TASKS = 5000;

let f: MigrateFixture | undefined;
afterAll(async () => f?.dispose());

describe('README: migrating the tutorials task_queue from classic to quorum', () => {
  it('plans and applies the migration the README shows', { timeout: 60_000 }, async () => {
    f = await migrateFixture('readme');
    const vhost = f.vhost;
    const example = (await readFile(EXAMPLE, 'utf8')).replace('tutorial-2-work-queues:', `${JSON.stringify(vhost)}:`);
    expect(example).toContain('task_queue: { durable: true }');
    // The vhost's body, as a migrateFixture spec takes it (without the header and the tests).
    const body = `${example.slice(example.indexOf('    description:')).split('\ntests:')[0] ?? ''}\n`;
    const classic = await f.spec(body);
    expect((await topo(['apply', classic, '--yes'])).code).toBe(0);
    await publishTo(await f.amqp(), 'task_queue', Array.from({ length: TASKS }, (_, i) => ({ body: `task ${i}`, options: { persistent: true } })));

    const quorum = await f.spec(body.replace('task_queue: { durable: true }', 'task_queue: { type: quorum }'));
    const plan = await topo(['plan', quorum, '--migrate']);
    expect(plan.stdout.replaceAll(JSON.stringify(vhost), '"tutorial-2-work-queues"')).toBe(`topo will perform the following actions:

vhost "tutorial-2-work-queues"
   <> queue "task_queue" (5000 messages)
        # forces replacement: type "classic" → "quorum"
        # messages move to holding queue "topo.migrate.task_queue" and back; none is lost
        # for messages: new arrivals interleave, an interrupted move may duplicate, TTLs and delivery counts restart (docs/apply.md)

Apply refuses this plan without these flags:
  --allow-replace: queue "task_queue" in vhost "tutorial-2-work-queues" is migrated: re-created (forced by type), its messages kept

Plan: 0 to create, 0 to update, 0 to replace, 1 to migrate, 0 to delete.
Unmanaged: 0. Runtime: 0.
`);
    const applied = await topo(['apply', quorum, '--migrate', '--allow-replace', '--yes']);
    expect(applied.errors).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete: 4 steps done.');
    expect((await queuesOf(vhost)).map((q) => `${q.name} ${q.type}`)).toEqual(['task_queue quorum']);
    expect(await readyCount(await f.amqp(), 'task_queue')).toBe(TASKS);
  });
});
