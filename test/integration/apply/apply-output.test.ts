/**
 * What apply prints while it runs, and what Ctrl-C does (issue 17): a line per finished step
 * on a terminal and in CI logs, progress in place on a terminal and at a steady pace without
 * one, and an interruption that says what was done and what was not, after which a re-run
 * converges. Through the built CLI, on a pseudo-terminal and on pipes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deleteVhost, enc, mgmt, uniqueVhostName } from '../../support/broker.js';
import { spawnTopo } from './spawn-topo.js';
import { BROKER_FLAGS, q, tempDir, topo } from './support.js';
import { literal } from '../../support/literal-pattern.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

/** A vhost with `queues` queues: a plan of queues + 1 steps, slow enough at --concurrency 1. */
async function queuesSpec(label: string, queues: number): Promise<{ vhost: string; spec: string }> {
  const vhost = uniqueVhostName(label);
  cleanups.push(() => deleteVhost(vhost));
  const dir = await tempDir();
  cleanups.push(dir.dispose);
  const lines = ['version: 1', 'vhosts:', `  ${q(vhost)}:`, '    queues:', ...Array.from({ length: queues }, (_, i) => `      q${i}: {}`)];
  return { vhost, spec: await dir.file('queues.yaml', `${lines.join('\n')}\n`) };
}

const queueCount = async (vhost: string) =>
  (await mgmt<unknown[]>('GET', `/queues/${enc(vhost)}?disable_stats=true&columns=name`).catch(() => [])).length;
const ESCAPE = '\u001b[';
/** How a terminal's progress line is erased before the next line or redraw. */
const REDRAW = `\r${ESCAPE}K`;
const stepLines = (text: string) =>
  text
    .split(REDRAW)
    .join('\n')
    .split('\n')
    .filter((l) => l.startsWith('✓') || l.startsWith(`${ESCAPE}32m✓`));
const PROGRESS = /^Applying: \d+\/\d+ steps done, \d+ running, \d+s elapsed$/;

describe('apply output in CI logs (no terminal)', () => {
  it('prints a line per finished step with where and how long, and progress at a steady pace', { timeout: 60_000 }, async () => {
    const { vhost, spec } = await queuesSpec('apply-ci-output', 300);
    const child = spawnTopo(['apply', spec, '--yes', '--concurrency', '1', ...BROKER_FLAGS], { env: { TOPO_PROGRESS_INTERVAL: '0.3' } });
    expect((await child.exited).code).toBe(0);

    const lines = stepLines(child.stdout());
    expect(lines).toHaveLength(301);
    expect(lines[0]).toMatch(new RegExp(`^✓ put vhost ${literal(JSON.stringify(vhost))} \\(\\d+ ms\\)$`));
    expect(lines.filter((l) => /^✓ declare queue "q\d+" in vhost "[^"]+" \(\d+(\.\d)? (ms|s)\)$/.test(l))).toHaveLength(300);

    // Progress lines of their own, in the log beside the step lines, one every 0.3 s while the
    // apply runs; standard error stays empty.
    const progress = child.chunks
      .filter((c) => c.stream === 'stdout')
      .flatMap((c) => c.text.split('\n').filter((l) => l.startsWith('Applying: ')).map((text) => ({ text, at: c.at })));
    expect(child.stderr()).toBe('');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const chunk of progress) expect(chunk.text.trimEnd()).toMatch(PROGRESS);
    const gaps = progress.slice(1).map((c, i) => c.at - progress[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(250);
    expect(child.output()).not.toContain(ESCAPE);
    expect(await queueCount(vhost)).toBe(300);
  });
});

describe('apply output on a terminal', () => {
  it('prints a coloured line per step and redraws one progress line in place', { timeout: 60_000 }, async () => {
    const { spec } = await queuesSpec('apply-tty-output', 20);
    const child = spawnTopo(['apply', spec, '--yes', ...BROKER_FLAGS], { terminal: true });
    expect((await child.exited).code).toBe(0);
    const output = child.output();
    expect(stepLines(output)).toHaveLength(21);
    expect(output).toContain(`${ESCAPE}32m✓${ESCAPE}0m declare queue "q0" in vhost`);
    expect(output).toContain(`${REDRAW}Applying: 21/21 steps done`);
    expect(output).toMatch(/Apply complete: 21 steps done\./);
  });
});

describe('an apply interrupted', () => {
  it('by Ctrl-C on a terminal finishes the running step, says what was done and not, and a re-run converges', { timeout: 90_000 }, async () => {
    const { vhost, spec } = await queuesSpec('apply-ctrl-c', 600);
    const child = spawnTopo(['apply', spec, '--yes', '--concurrency', '1', ...BROKER_FLAGS], { terminal: true });
    await expect.poll(() => stepLines(child.output()).length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(20);
    child.write('\u0003');
    const { code } = await child.exited;
    const output = child.output();
    expect(code).toBe(1);
    expect(output).toContain('Interrupted: no new step starts; the running ones finish (press Ctrl-C again to quit now)...');
    const summary = /Apply interrupted: (\d+) done, 0 failed, (\d+) not started\./.exec(output);
    expect(summary).not.toBeNull();
    const [done, notStarted] = [Number(summary![1]), Number(summary![2])];
    expect(done + notStarted).toBe(601);
    expect(notStarted).toBeGreaterThan(0);
    expect(output).toMatch(/Not started:\r?\n {2}declare queue "q\d+" in vhost/);
    expect(output).toContain('run topo apply again and it converges');
    // What it says was done is what the broker has: the vhost and done - 1 queues.
    expect(await queueCount(vhost)).toBe(done - 1);

    const again = await topo(['apply', spec, '--yes']);
    expect(again.code).toBe(0);
    expect(await queueCount(vhost)).toBe(600);
    expect((await topo(['plan', spec, '--detailed-exitcode'])).code).toBe(0);
  });

  it('by SIGTERM in CI, with --json: the result says interrupted, and each step names its object', { timeout: 90_000 }, async () => {
    const { vhost, spec } = await queuesSpec('apply-sigterm', 600);
    const child = spawnTopo(['apply', spec, '--yes', '--json', '--concurrency', '1', ...BROKER_FLAGS]);
    await expect.poll(() => queueCount(vhost), { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(20);
    child.signal('SIGTERM');
    const { code } = await child.exited;
    expect(code).toBe(1);
    const { result } = JSON.parse(child.stdout()) as {
      result: { ok: boolean; interrupted: boolean; summary: Record<string, number>; steps: { op: string; object: Record<string, unknown>; status: string }[] };
    };
    expect(result).toMatchObject({ ok: false, interrupted: true });
    expect(result.summary.skipped).toBeGreaterThan(0);
    expect(result.steps[1]).toMatchObject({ op: 'declare-queue', object: { kind: 'queue', vhost, name: expect.stringMatching(/^q\d+$/) } });
    expect(result.steps.filter((s) => s.status === 'done')).toHaveLength(await queueCount(vhost) + 1);
  });
});
