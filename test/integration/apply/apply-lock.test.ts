import { afterAll, describe, expect, it } from 'vitest';
import { acquireApplyLock } from '../../../src/apply/broker-lock.js';
import { resolveConnection } from '../../../src/cli/resolve-connection.js';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { AMQP_URL, deleteVhost, enc, mgmt, MGMT_URL, PASSWORD, uniqueVhostName, USER } from '../../support/broker.js';
import { fixtureSpec } from './fixture.js';
import { BROKER_FLAGS, tempDir, topo } from './support.js';

const conn = resolveConnection({ url: [MGMT_URL], user: USER, password: PASSWORD, amqpUrl: AMQP_URL }, {});
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

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

describe('one apply at a time', () => {
  it('makes an apply wait, without touching the broker, while another holds the lock', async () => {
    const { vhost, spec } = await specFor('apply-lock-wait');
    const lock = await acquireApplyLock(conn, { timeoutMs: 60_000 });
    const io = bufferIO({});
    let exit: number | undefined;
    const running = main(['node', 'topo', 'apply', spec, '--yes', ...BROKER_FLAGS], io).then((code) => (exit = code));
    try {
      await expect.poll(() => io.stderr, { timeout: 20_000 }).toMatch(/^Waiting for another topo apply to finish/);
      expect(exit).toBeUndefined();
      expect(await vhostExists(vhost)).toBe(false);
    } finally {
      await lock.release();
    }
    await running;
    expect(exit).toBe(0);
    expect(await vhostExists(vhost)).toBe(true);
  });

  it('gives up after --lock-timeout with one clear line, and changes nothing', async () => {
    const { vhost, spec } = await specFor('apply-lock-timeout');
    const lock = await acquireApplyLock(conn, { timeoutMs: 60_000 });
    try {
      const run = await topo(['apply', spec, '--yes', '--lock-timeout', '1']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /\ntopo: another topo apply holds the lock on .+ \(waited 1s; --lock-timeout to wait longer\)\n$/,
      );
      expect(await vhostExists(vhost)).toBe(false);
    } finally {
      await lock.release();
    }
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
