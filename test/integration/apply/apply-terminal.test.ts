import { afterAll, describe, expect, it } from 'vitest';
import { deleteVhost, enc, mgmt, uniqueVhostName } from '../../support/broker.js';
import { fixtureSpec } from './fixture.js';
import { spawnTopo } from './spawn-topo.js';
import { BROKER_FLAGS, tempDir } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

/**
 * Runs `topo apply` on a pseudo-terminal, answers the confirmation prompt with `answer` once
 * it appears, and returns the exit code and everything printed.
 */
async function applyOnTerminal(spec: string, answer: string): Promise<{ code: number | null; output: string }> {
  const child = spawnTopo(['apply', spec, ...BROKER_FLAGS], { terminal: true });
  let done = false;
  void child.exited.then(() => (done = true));
  // Until the prompt appears, or the process ends without asking (then the output says why).
  await expect.poll(() => done || child.output().includes('Apply these changes? (yes/no)'), { timeout: 30_000 }).toBe(true);
  expect(child.output()).toContain('Apply these changes? (yes/no)');
  child.write(`${answer}\n`);
  const { code } = await child.exited;
  return { code, output: child.output() };
}

const vhostExists = async (vhost: string) =>
  mgmt('GET', `/vhosts/${enc(vhost)}`).then(
    () => true,
    () => false,
  );

describe('topo apply on a terminal', () => {
  it('shows the plan, asks, and changes the broker only after "y" or "yes"', { timeout: 90_000 }, async () => {
    const vhost = uniqueVhostName('apply-terminal');
    cleanups.push(() => deleteVhost(vhost));
    const dir = await tempDir();
    cleanups.push(dir.dispose);
    const spec = await dir.file('t.yaml', fixtureSpec(vhost));

    const declined = await applyOnTerminal(spec, 'no');
    expect(declined.code).toBe(1);
    expect(declined.output).toContain('Plan: 17 to create');
    expect(declined.output).toContain('Apply cancelled; nothing was changed.');
    expect(await vhostExists(vhost)).toBe(false);

    // "y" is as good as "yes" (Terraform's "Only 'yes' will be accepted" surprises people).
    const accepted = await applyOnTerminal(spec, 'y');
    expect(accepted.code).toBe(0);
    expect(accepted.output).toMatch(/Apply complete: \d+ steps done\./);
    expect(await vhostExists(vhost)).toBe(true);
  });
});
