import { afterEach, describe, expect, it } from 'vitest';
import { acquireApplyLock, APPLY_LOCK_QUEUE, type ApplyLock } from '../../../src/apply/broker-lock.js';
import { resolveConnection } from '../../../src/cli/resolve-connection.js';
import { TopoError } from '../../../src/errors.js';
import { AMQP_URL, MGMT_URL, mgmt, PASSWORD, USER } from '../../support/broker.js';

const conn = resolveConnection({ url: [MGMT_URL], user: USER, password: PASSWORD, amqpUrl: AMQP_URL }, {});
const held: ApplyLock[] = [];
afterEach(async () => {
  for (const lock of held.splice(0)) await lock.release();
});

async function take(timeoutMs: number, onWait?: () => void): Promise<ApplyLock> {
  const lock = await acquireApplyLock(conn, { timeoutMs, ...(onWait ? { onWait } : {}) });
  held.push(lock);
  return lock;
}

// The lock is broker-wide: applies of other test files may hold it at the same time, so these
// tests assert only what holds whoever else is waiting (tests of one file run one by one).
describe('the apply lock', () => {
  it('is an exclusive, non-durable queue in "/" while held, and can be released twice', async () => {
    const lock = await take(60_000);
    const queue = await mgmt<{ exclusive: boolean; durable: boolean }>('GET', `/queues/%2F/${APPLY_LOCK_QUEUE}`);
    expect({ exclusive: queue.exclusive, durable: queue.durable }).toEqual({ exclusive: true, durable: false });
    await lock.release();
    await expect(lock.release()).resolves.toBeUndefined();
    expect(lock.lost.aborted).toBe(false);
  });

  it('makes a second taker wait until the first releases', async () => {
    const first = await take(60_000);
    const events: string[] = [];
    const second = take(60_000, () => events.push('waiting')).then((lock) => {
      events.push('second acquired');
      return lock;
    });
    // The second taker reports waiting before it can get the lock.
    await expect.poll(() => events, { timeout: 10_000 }).toEqual(['waiting']);
    events.push('first released');
    await first.release();
    await second;
    expect(events).toEqual(['waiting', 'first released', 'second acquired']);
  });

  it('fails after the timeout with a clear line, and leaves the holder unaffected', async () => {
    const first = await take(60_000);
    const error = await take(600).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopoError);
    expect((error as TopoError).code).toBe('lock-timeout');
    expect((error as TopoError).message).toMatch(
      /^another topo apply holds the lock on .+ \(waited \d+s; --lock-timeout to wait longer\)$/,
    );
    expect(first.lost.aborted).toBe(false);
  });
});
