/** The message move of a migration, on its own, on the real broker. */
import { afterAll, describe, expect, it } from 'vitest';
import { moveMessages } from '../../../src/apply/move-messages.js';
import { mgmt, enc, USER } from '../../support/broker.js';
import { declareQueue, migrateFixture, publishTo, readyCount, takeAll, type MigrateFixture } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

async function withMessages(label: string, count: number): Promise<MigrateFixture> {
  const f = await migrateFixture(label);
  cleanups.push(f.dispose);
  await declareQueue(f.vhost, 'from');
  await publishTo(await f.amqp(), 'from', Array.from({ length: count }, (_, i) => ({ body: `m${i}`, options: { persistent: true } })));
  return f;
}

const move = { prefetch: 50, user: USER };

describe('moveMessages', () => {
  it('moves every message, in order, and says how many', async () => {
    const f = await withMessages('move-all', 300);
    await declareQueue(f.vhost, 'to', { 'x-queue-type': 'quorum' });
    const model = await f.amqp();
    expect(await moveMessages(model, 'from', 'to', move)).toBe(300);
    expect(await readyCount(model, 'from')).toBe(0);
    expect((await takeAll(model, 'to')).map((m) => m.content.toString())).toEqual(Array.from({ length: 300 }, (_, i) => `m${i}`));
  });

  it('keeps every message where it was when the target does not exist', async () => {
    const f = await withMessages('move-nowhere', 100);
    const model = await f.amqp();
    await expect(moveMessages(model, 'from', 'missing', move)).rejects.toThrow(/queue "missing" does not exist; the messages not moved yet are kept in queue "from"/);
    await expect.poll(() => readyCount(model, 'from')).toBe(100);
  });

  it('moves nothing from a queue that does not exist', async () => {
    const f = await migrateFixture('move-none');
    cleanups.push(f.dispose);
    await declareQueue(f.vhost, 'to');
    expect(await moveMessages(await f.amqp(), 'missing', 'to', move)).toBe(0);
  });

  it('stops, without failing, when the source is deleted under it', async () => {
    const f = await withMessages('move-deleted', 5000);
    await declareQueue(f.vhost, 'to');
    const model = await f.amqp();
    const moving = moveMessages(model, 'from', 'to', { ...move, prefetch: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await mgmt('DELETE', `/queues/${enc(f.vhost)}/from`);
    const moved = await moving;
    expect(moved).toBeLessThan(5000);
    expect(await readyCount(model, 'to')).toBe(moved);
  });
});
