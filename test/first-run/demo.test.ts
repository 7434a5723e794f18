/**
 * The README's quick start, as a newcomer types it (minus `npm ci`, which the test run has
 * done): `npm run demo` plans and applies the tutorials. It runs in the own-node tier
 * (vitest.restart.config.ts): against the throwaway node, a broker as fresh as a newcomer's,
 * and after every other test, since it rebuilds dist/.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mgmt } from '../support/broker.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Both streams of `npm run demo`, and its exit code. */
async function demo(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'demo'], { cwd: ROOT, env: process.env, timeout: 240_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('the quick start', () => {
  it('is `npm ci && npm run demo`, then `npm test`', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const block = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe('npm ci && npm run demo\nnpm test\n');
  });

  it('shows the plan of the tutorials, applies it, and then plans no changes', { timeout: 300_000 }, async () => {
    const spec = ['headers-demo', 'tutorial-1-hello-world', 'tutorial-2-work-queues', 'tutorial-3-publish-subscribe', 'tutorial-4-routing', 'tutorial-5-topics'];
    const vhosts = async () => (await mgmt<{ name: string }[]>('GET', '/vhosts')).map((v) => v.name).filter((n) => spec.includes(n)).sort();
    expect(await vhosts()).toEqual([]);

    const first = await demo();
    expect(first.output).toContain('topo will perform the following actions:');
    expect(first.output).toContain('+ queue "task_queue"');
    expect(first.output).toMatch(/Apply complete: \d+ steps done\./);
    expect(first.output.trimEnd()).toMatch(/No changes\. The broker matches the spec\.\nUnmanaged: 0\. Runtime: \d+\.$/);
    expect(first.code).toBe(0);
    expect(await vhosts()).toEqual(spec);

    const again = await demo();
    expect(again.code).toBe(0);
    expect(again.output).not.toContain('Apply complete');
  });
});
