/**
 * Quorum queues across versions: 4.0 gave them a delivery limit of 20 by default (-1 for none)
 * and 4.x stores x-queue-type on every queue; none of that may show as a change. A spec
 * applied, the same objects imported as definitions, and either one exported, all plan nothing,
 * on every broker of the matrix.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteVhost, enc, mgmt, scratchVhost, uniqueVhostName } from '../../support/broker.js';
import { q, tempDir, topo } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

const queues = `    queues:
      default-limit: { type: quorum }
      twenty: { type: quorum, arguments: { x-delivery-limit: 20 } }
      unlimited: { type: quorum, arguments: { x-delivery-limit: -1 } }
      plain: {}
`;

/** `topo plan --json` of a spec: every change as `action kind name`, and no warning or error. */
async function plannedChanges(spec: string): Promise<string[]> {
  const run = await topo(['plan', spec, '--json']);
  expect(run.errors).toBe('');
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { changes: { action: string; kind: string; name: string }[] }).changes.map(
    (c) => `${c.action} ${c.kind} ${c.name}`,
  );
}

describe('quorum queues and the defaults of each version', () => {
  it('plan nothing after an apply, after a definitions import of the same queues, and after an export of either', async () => {
    const dir = await tempDir();
    cleanups.push(dir.dispose);

    const applied = uniqueVhostName('quorum-applied');
    cleanups.push(() => deleteVhost(applied));
    const spec = await dir.file('applied.yaml', `vhosts:\n  ${q(applied)}:\n${queues}`);
    expect((await topo(['apply', spec, '--yes'])).code).toBe(0);
    expect(await plannedChanges(spec)).toEqual([]);

    const imported = await scratchVhost('quorum-imported');
    cleanups.push(imported.dispose);
    await mgmt('POST', `/definitions/${enc(imported.name)}`, {
      queues: [
        { name: 'default-limit', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'quorum' } },
        { name: 'twenty', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': 20 } },
        { name: 'unlimited', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': -1 } },
        { name: 'plain', durable: true, auto_delete: false, arguments: {} },
      ],
    });
    expect(await plannedChanges(await dir.file('imported.yaml', `vhosts:\n  ${q(imported.name)}:\n${queues}`))).toEqual([]);

    for (const vhost of [applied, imported.name]) {
      const exported = join(dir.path, `export-${vhost === applied ? 'applied' : 'imported'}.yaml`);
      const run = await topo(['export', '--vhost', vhost, '-o', exported]);
      expect(run.errors).toBe('');
      expect(await plannedChanges(exported)).toEqual([]);
    }
  });
});
