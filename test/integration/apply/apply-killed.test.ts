import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteVhost, enc, mgmt, uniqueVhostName } from '../../support/broker.js';
import { BROKER_FLAGS, q, tempDir, topo } from './support.js';

const BIN = fileURLToPath(new URL('../../../bin/topo.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/src/cli/main.js', import.meta.url));
const QUEUES = 1500;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

/** 10 exchanges, QUEUES queues and one binding each: a few thousand objects. */
function bigSpec(vhost: string): string {
  const lines = ['version: 1', 'vhosts:', `  ${q(vhost)}:`, '    exchanges:'];
  for (let e = 0; e < 10; e++) lines.push(`      x${e}: { type: direct }`);
  lines.push('    queues:');
  for (let i = 0; i < QUEUES; i++) lines.push(`      q${i}: {}`);
  lines.push('    bindings:');
  for (let i = 0; i < QUEUES; i++) lines.push(`      - { source: x${i % 10}, destination: q${i}, routingKey: k${i} }`);
  return `${lines.join('\n')}\n`;
}

const queueCount = async (vhost: string) =>
  (await mgmt<unknown[]>('GET', `/queues/${enc(vhost)}?disable_stats=true&columns=name`).catch(() => [])).length;

describe('an apply killed midway', () => {
  it('leaves no lock behind, and the next apply converges to zero changes', { timeout: 180_000 }, async () => {
    expect(existsSync(BUILT), 'run `npm run build` (or npx tsc -p tsconfig.json) first').toBe(true);
    const vhost = uniqueVhostName('apply-killed');
    cleanups.push(() => deleteVhost(vhost));
    const dir = await tempDir();
    cleanups.push(dir.dispose);
    const spec = await dir.file('big.yaml', bigSpec(vhost));

    const child = spawn(process.execPath, [BIN, 'apply', spec, '--yes', ...BROKER_FLAGS], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill it once some steps have run: a tenth of the queues exist.
    await expect.poll(() => queueCount(vhost), { timeout: 120_000, interval: 50 }).toBeGreaterThanOrEqual(QUEUES / 10);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const partial = JSON.parse((await topo(['plan', spec, '--json'])).stdout) as { summary: { create: number } };
    expect(partial.summary.create).toBeGreaterThan(0);

    // A lock left behind would make this wait for the whole --lock-timeout and fail. (Not a
    // short timeout here: applies of other test files may hold the lock for a moment.)
    const again = await topo(['apply', spec, '--yes']);
    expect(again.errors).toBe('');
    expect(again.code).toBe(0);
    expect(await queueCount(vhost)).toBe(QUEUES);
    expect((await topo(['plan', spec, '--detailed-exitcode'])).code).toBe(0);
  });
});
