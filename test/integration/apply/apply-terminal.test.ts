import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteVhost, enc, mgmt, uniqueVhostName } from '../../support/broker.js';
import { fixtureSpec } from './fixture.js';
import { BROKER_FLAGS, tempDir } from './support.js';

const BIN = fileURLToPath(new URL('../../../bin/topo.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/src/cli/main.js', import.meta.url));

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `topo apply` on a pseudo-terminal (util-linux `script`), answers the confirmation
 * prompt with `answer` once it appears, and returns the exit code and everything printed.
 */
async function applyOnTerminal(spec: string, answer: string): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, 'apply', spec, ...BROKER_FLAGS].map(shellQuote).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      done = true;
      resolve(code);
    }),
  );
  // Until the prompt appears, or the process ends without asking (then the output says why).
  await expect.poll(() => done || output.includes('Apply these changes? (yes/no)'), { timeout: 30_000 }).toBe(true);
  expect(output).toContain('Apply these changes? (yes/no)');
  child.stdin.write(`${answer}\n`);
  const code = await exited;
  child.stdin.destroy();
  return { code, output };
}

const vhostExists = async (vhost: string) =>
  mgmt('GET', `/vhosts/${enc(vhost)}`).then(
    () => true,
    () => false,
  );

describe('topo apply on a terminal', () => {
  it('shows the plan, asks, and changes the broker only after "y" or "yes"', { timeout: 90_000 }, async () => {
    expect(existsSync(BUILT), 'run `npm run build` (or npx tsc -p tsconfig.json) first').toBe(true);
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
