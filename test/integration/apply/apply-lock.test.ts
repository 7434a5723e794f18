import { afterAll, describe, expect, it } from 'vitest';
import type { ApplyLock } from '../../../src/apply/broker-lock.js';
import { applyLockQueue, type LockHolder } from '../../../src/apply/lock-holder.js';
import { takeApplyLocks } from '../../../src/apply/take-apply-locks.js';
import { ManagementClient } from '../../../src/broker/management-client.js';
import { resolveConnection } from '../../../src/cli/resolve-connection.js';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { AMQP_URL, deleteVhost, enc, mgmt, MGMT_URL, PASSWORD, uniqueVhostName, USER } from '../../support/broker.js';
import { fixtureSpec } from './fixture.js';
import { BROKER_FLAGS, tempDir, topo } from './support.js';
import { literal } from '../../support/literal-pattern.js';

const conn = resolveConnection({ url: [MGMT_URL], user: USER, password: PASSWORD, amqpUrl: AMQP_URL }, {});
const client = new ManagementClient(conn);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
  client.close();
});

/** Another apply, as far as the broker can tell: a holder that is not this process. */
const alice: LockHolder = { host: 'build-7', user: 'alice', pid: 4242, since: new Date().toISOString() };
const holdVhost = (vhost: string): Promise<ApplyLock> => takeApplyLocks(conn, client, [vhost], { timeoutMs: 60_000, holder: alice });

async function specFor(label: string): Promise<{ vhost: string; spec: string }> {
  const vhost = uniqueVhostName(label);
  cleanups.push(() => deleteVhost(vhost));
  const dir = await tempDir();
  cleanups.push(dir.dispose);
  return { vhost, spec: await dir.file('t.yaml', fixtureSpec(vhost)) };
}

const vhostExists = async (vhost: string) =>
  mgmt('GET', `/vhosts/${enc(vhost)}`).then(
    () => true,
    () => false,
  );

const HOLDER_TEXT = /alice@build-7 \(pid 4242\) since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, \d+s ago/.source;

describe('one apply at a time per vhost', () => {
  it('makes an apply wait, without touching the broker, while another holds the lock of its vhost, and says who', async () => {
    const { vhost, spec } = await specFor('apply-lock-wait');
    const lock = await holdVhost(vhost);
    const io = bufferIO({});
    let exit: number | undefined;
    const running = main(['node', 'topo', 'apply', spec, '--yes', ...BROKER_FLAGS], io).then((code) => (exit = code));
    try {
      await expect.poll(() => io.stderr, { timeout: 20_000 }).toMatch(/^Waiting for another topo apply/);
      expect(io.stderr).toMatch(
        new RegExp(`^Waiting for another topo apply to finish in vhost ${literal(JSON.stringify(vhost))} \\(held by ${HOLDER_TEXT}\\), up to 120s\\.\\.\\.\\n$`),
      );
      expect(exit).toBeUndefined();
      expect(await vhostExists(vhost)).toBe(false);
    } finally {
      await lock.release();
    }
    await running;
    expect(exit).toBe(0);
    expect(await vhostExists(vhost)).toBe(true);
  });

  it('shows who holds a lock in the lock queue, for the management UI and API', async () => {
    const vhost = uniqueVhostName('apply-lock-holder');
    const lock = await holdVhost(vhost);
    try {
      const queue = await mgmt<{ exclusive: boolean; arguments: Record<string, unknown> }>('GET', `/queues/%2F/${enc(applyLockQueue(vhost))}`);
      expect(queue.exclusive).toBe(true);
      expect(queue.arguments).toMatchObject({ 'x-topo-host': 'build-7', 'x-topo-user': 'alice', 'x-topo-pid': 4242, 'x-topo-since': alice.since });
    } finally {
      await lock.release();
    }
  });

  it('gives up after --lock-timeout with one clear line naming the holder, and changes nothing', async () => {
    const { vhost, spec } = await specFor('apply-lock-timeout');
    const lock = await holdVhost(vhost);
    try {
      const run = await topo(['apply', spec, '--yes', '--lock-timeout', '1']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(`\\ntopo: another topo apply holds the lock of vhost "[^"]+": ${HOLDER_TEXT} \\(waited 1s; --lock-timeout to wait longer\\)\\n$`),
      );
      expect(await vhostExists(vhost)).toBe(false);
    } finally {
      await lock.release();
    }
  });

  it('lets applies to different vhosts run at the same time', async () => {
    const busy = await holdVhost(uniqueVhostName('apply-lock-busy'));
    try {
      const { vhost, spec } = await specFor('apply-lock-free');
      const run = await topo(['apply', spec, '--yes', '--lock-timeout', '1']);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(await vhostExists(vhost)).toBe(true);
    } finally {
      await busy.release();
    }
  });

  it('takes the locks of several vhosts in sorted order, so that two applies never hold one each', async () => {
    const [first, second] = [uniqueVhostName('apply-lock-a'), uniqueVhostName('apply-lock-b')].sort();
    const held = await holdVhost(first!);
    const lockQueueExists = (vhost: string) => mgmt('GET', `/queues/%2F/${enc(applyLockQueue(vhost))}`).then(() => true, () => false);
    let waitingFor: string | undefined;
    const taking = takeApplyLocks(conn, client, [second!, first!], {
      timeoutMs: 60_000,
      holder: { ...alice, user: 'bob' },
      onWait: (vhost) => (waitingFor = vhost),
    });
    try {
      await expect.poll(() => waitingFor, { timeout: 10_000 }).toBe(first);
      // Waiting for the first, it holds nothing else: the second's lock is free for anyone.
      expect(await lockQueueExists(second!)).toBe(false);
    } finally {
      await held.release();
    }
    const both = await taking;
    expect(await lockQueueExists(first!)).toBe(true);
    expect(await lockQueueExists(second!)).toBe(true);
    await both.release();
    // The broker deletes an exclusive queue once it has seen its connection close (later on 4.x).
    await expect.poll(() => lockQueueExists(first!), { timeout: 10_000 }).toBe(false);
  });

  it('serializes two applies of the same spec: the second plans against what the first left', async () => {
    const { vhost, spec } = await specFor('apply-lock-two');
    const [a, b] = await Promise.all([topo(['apply', spec, '--yes']), topo(['apply', spec, '--yes'])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const outcomes = [a.stdout, b.stdout].map((out) => (/Apply complete/.test(out) ? 'applied' : out.includes('No changes.') ? 'nothing' : out));
    expect(outcomes.sort()).toEqual(['applied', 'nothing']);
    expect(await vhostExists(vhost)).toBe(true);
  });
});

