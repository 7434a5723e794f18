import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { applyLockQueue, currentHolder, describeHolder, holderArguments, holderFromArguments } from '../../../src/apply/lock-holder.js';

describe('who holds an apply lock', () => {
  it('is this process: host, user, pid and since when', () => {
    const holder = currentHolder(new Date('2026-12-01T15:04:05.123Z'));
    expect(holder).toEqual({ host: hostname(), user: expect.any(String), pid: process.pid, since: '2026-12-01T15:04:05.123Z' });
  });

  it('survives a round trip through the lock queue arguments, and reads nothing from an older lock', () => {
    const holder = { host: 'build-7', user: 'alice', pid: 4242, since: '2026-12-01T15:04:05.123Z' };
    expect(holderFromArguments(holderArguments(holder))).toEqual(holder);
    expect(holderFromArguments({})).toBeUndefined();
    expect(holderFromArguments(undefined)).toBeUndefined();
    expect(holderFromArguments({ ...holderArguments(holder), 'x-topo-pid': '4242' })).toBeUndefined();
  });

  it('reads as user@host (pid) since when, and how long ago', () => {
    const holder = { host: 'build-7', user: 'alice', pid: 4242, since: '2026-12-01T15:04:05.123Z' };
    expect(describeHolder(holder, new Date('2026-12-01T15:04:17.200Z'))).toBe('alice@build-7 (pid 4242) since 2026-12-01T15:04:05Z, 12s ago');
  });
});

describe('the lock queue of a vhost', () => {
  it('names the vhost, so that applies to different vhosts do not wait on each other', () => {
    expect(applyLockQueue('/')).toBe('topo.apply-lock:/');
    expect(applyLockQueue('orders')).toBe('topo.apply-lock:orders');
    expect(applyLockQueue('orders')).not.toBe(applyLockQueue('billing'));
  });

  it('stays within the 255 bytes a queue name may have, and distinct', () => {
    const long = 'é'.repeat(200);
    expect(Buffer.byteLength(applyLockQueue(long))).toBeLessThanOrEqual(255);
    expect(applyLockQueue(long)).toMatch(/^topo\.apply-lock:sha256:[0-9a-f]{64}$/);
    expect(applyLockQueue(long)).not.toBe(applyLockQueue(`${long}x`));
  });
});
