/** `--vhost` plans or applies one vhost of a spec (issue 17); the others are neither read nor touched. */
import { afterAll, describe, expect, it } from 'vitest';
import { deleteVhost, enc, mgmt, uniqueVhostName } from '../../support/broker.js';
import { q, tempDir, topo } from '../apply/support.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

async function twoVhosts(): Promise<{ a: string; b: string; spec: string }> {
  const [a, b] = [uniqueVhostName('vhost-flag-a'), uniqueVhostName('vhost-flag-b')];
  cleanups.push(() => deleteVhost(a), () => deleteVhost(b));
  const dir = await tempDir();
  cleanups.push(dir.dispose);
  const spec = await dir.file('two.yaml', `version: 1\nvhosts:\n  ${q(a)}:\n    queues:\n      qa: {}\n  ${q(b)}:\n    queues:\n      qb: {}\n`);
  return { a, b, spec };
}

const exists = (vhost: string) => mgmt('GET', `/vhosts/${enc(vhost)}`).then(() => true, () => false);

describe('--vhost', () => {
  it('plans only the vhost named', async () => {
    const { a, spec } = await twoVhosts();
    const run = await topo(['plan', spec, '--vhost', a, '--json']);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as { vhosts: string[]; changes: { vhost: string }[] };
    expect(plan.vhosts).toEqual([a]);
    expect(new Set(plan.changes.map((c) => c.vhost))).toEqual(new Set([a]));
  });

  it('applies only the vhost named, and leaves the other alone', async () => {
    const { a, b, spec } = await twoVhosts();
    const run = await topo(['apply', spec, '--vhost', a, '--yes']);
    expect(run.code).toBe(0);
    expect(await exists(a)).toBe(true);
    expect(await exists(b)).toBe(false);
  });

  it('names the nearest vhost of the spec for a typo, and is refused with a saved plan', async () => {
    const { a, spec } = await twoVhosts();
    const typo = `${a.slice(0, -1)}x`;
    const run = await topo(['plan', spec, '--vhost', typo]);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(`topo: --vhost: vhost ${JSON.stringify(typo)} is not declared in the spec (did you mean ${JSON.stringify(a)}?)\n`);
    expect((await topo(['apply', '--plan', 'plan.json', '--vhost', a])).stderr).toBe(
      'topo: --vhost is decided when the plan is made: topo plan --vhost NAME --out FILE\n',
    );
  });
});
