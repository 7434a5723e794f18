/**
 * Node 1, the node a 2,000-queue apply goes through, is killed (SIGKILL) in the middle of it.
 * The apply stops and says why, without "not found"; a re-run with node 1 still down applies
 * what it can and leaves the queues homed on node 1 alone; once node 1 is back a re-run
 * converges: zero changes through every node, and the messages of the queues that existed
 * before are all there.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { countsOn, enc, killNode, mgmtAt, node, NODES, PASSWORD, publishOn, startNode, USER } from './cluster.js';
import { specFile, topo } from './run-topo.js';

const BIN = fileURLToPath(new URL('../../bin/topo.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const VHOST = `big-${Date.now().toString(36)}`;
const QUEUES = 2000;
const MESSAGES = 20;
/** Queues with messages before the apply: classic ones homed on node 1 (the one killed) and on node 2, and quorum ones. */
const BEFORE = { 1: ['pre-1a', 'pre-1b', 'pre-1c'], 2: ['pre-2a', 'pre-2b'], quorum: ['pre-qa', 'pre-qb'] };
const ALL_BEFORE = [...BEFORE[1], ...BEFORE[2], ...BEFORE.quorum];

function spec(big: boolean): string {
  const lines = ['version: 1', 'vhosts:', `  ${VHOST}:`, '    exchanges:'];
  for (let e = 0; e < 10; e++) lines.push(`      x${e}: { type: direct }`);
  lines.push('    queues:');
  for (const q of [...BEFORE[1], ...BEFORE[2]]) lines.push(`      ${q}: {}`);
  for (const q of BEFORE.quorum) lines.push(`      ${q}: { type: quorum }`);
  if (big) for (let i = 0; i < QUEUES; i++) lines.push(`      q${i}: {}`);
  lines.push('    bindings:');
  for (const q of ALL_BEFORE) lines.push(`      - { source: x0, destination: ${q}, routingKey: ${q} }`);
  if (big) for (let i = 0; i < QUEUES; i++) lines.push(`      - { source: x${i % 10}, destination: q${i}, routingKey: k${i} }`);
  return `${lines.join('\n')}\n`;
}

const URL_FLAGS = NODES.flatMap((n) => ['--url', n.mgmt]);
const queueCount = async (n: number) =>
  (await mgmtAt<unknown[]>(n, 'GET', `/queues/${enc(VHOST)}?disable_stats=true&columns=name`).catch(() => [])).length;

afterAll(async () => {
  await startNode(1);
});

describe('a node killed in the middle of a 2,000-queue apply', () => {
  it('stops the apply plainly, and re-runs converge with no message lost', { timeout: 240_000 }, async () => {
    expect(existsSync(BUILT), 'run `npm run build` first').toBe(true);
    // Queues that hold messages before the apply: some homed on node 1, some on node 2.
    const small = await specFile('small.yaml', spec(false));
    expect((await topo(['apply', small, '--yes', '--url', node(1).mgmt])).code).toBe(0);
    for (const q of BEFORE[2]) await mgmtAt(2, 'DELETE', `/queues/${enc(VHOST)}/${q}`);
    expect((await topo(['apply', small, '--yes', '--url', node(2).mgmt])).code).toBe(0);
    await publishOn(2, VHOST, ALL_BEFORE, MESSAGES);

    const big = await specFile('big.yaml', spec(true));
    const child = spawn(process.execPath, [BIN, 'apply', big, '--yes', ...URL_FLAGS, '--user', USER, '--password', PASSWORD], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => queueCount(2), { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(QUEUES / 4);
    await killNode(1);
    const code = await exited;

    // It stopped, and said why: the node holding its lock went away. Nothing claims "not found".
    expect(code).toBe(1);
    expect(stderr).toContain(`its AMQP connection to ${node(1).amqp} (node ${node(1).name}) closed (is that node down?)`);
    expect(`${stdout}${stderr}`).not.toMatch(/not found|does not exist/);

    // Node 1 still down: the re-run goes through node 2, leaves the queues homed on node 1 alone.
    const partial = await topo(['apply', big, '--yes', ...URL_FLAGS]);
    expect(partial.stderr).toBe('');
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain(`its home node ${node(1).name} is down`);

    // Node 1 back: one more run converges, and every node agrees there is nothing left to do.
    await startNode(1);
    const last = await topo(['apply', big, '--yes', ...URL_FLAGS]);
    expect(last.stderr).toBe('');
    expect(last.code).toBe(0);
    for (const n of [1, 2, 3]) {
      const plan = await topo(['plan', big, '--url', node(n).mgmt, '--detailed-exitcode']);
      expect(plan.code, plan.stdout.slice(0, 2000)).toBe(0);
    }
    expect(await queueCount(3)).toBe(QUEUES + ALL_BEFORE.length);
    expect(await countsOn(2, VHOST, ALL_BEFORE)).toEqual(Object.fromEntries(ALL_BEFORE.map((q) => [q, MESSAGES])));
  });
});
