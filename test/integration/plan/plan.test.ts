import { describe, expect, it } from 'vitest';
import { deleteVhost, enc, mgmt, uniqueVhostName } from '../../support/broker.js';
import { fixtureSpec, importFixture } from '../apply/fixture.js';
import { stateOf, testScope, topo } from '../apply/support.js';

const scope = testScope();
const specFile = (vhost: string) => scope.specFile(fixtureSpec(vhost), 'topology.yaml');

async function importedVhost(label: string): Promise<string> {
  const vhost = await scope.scratch(label);
  await importFixture(vhost);
  return vhost;
}

interface JsonChange {
  action: string;
  kind: string;
  name: string;
  source?: string;
  destination?: string;
  routingKey?: string;
  forcedBy?: { path: string }[];
  changed?: { path: string }[];
}
interface JsonPlan {
  formatVersion: number;
  changes: JsonChange[];
  summary: Record<string, number>;
}

async function planJson(file: string, extra: string[] = []): Promise<JsonPlan> {
  const run = await topo(['plan', file, '--json', ...extra]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as JsonPlan;
}

/** `action kind label` of every change that apply would carry out or that is unmanaged. */
function actions(plan: JsonPlan): string[] {
  return plan.changes
    .filter((c) => c.action !== 'runtime')
    .map((c) => `${c.action} ${c.kind} ${c.kind === 'binding' ? `${c.source}->${c.destination}[${c.routingKey}]` : c.name}`)
    .sort();
}

describe('topo plan on the real broker', () => {
  it('plans everything as create against a broker without the vhost, and creates nothing', async () => {
    const vhost = uniqueVhostName('plan-empty');
    scope.later(() => deleteVhost(vhost));
    const file = await specFile(vhost);
    const plan = await planJson(file);
    expect(plan.formatVersion).toBe(4);
    expect(actions(plan)).toEqual(
      [
        `create vhost ${vhost}`,
        'create exchange orders', 'create exchange events', 'create exchange unrouted', 'create exchange docs',
        'create queue order-created', 'create queue billing', 'create queue unrouted-log', 'create queue odd name/ü #',
        'create binding orders->order-created[order.created]', 'create binding orders->billing[order.*]',
        'create binding orders->billing[invoice.#]', 'create binding events->orders[#]',
        'create binding unrouted->unrouted-log[]', 'create binding docs->odd name/ü #[]',
        'create policy ttl', 'create operatorPolicy cap',
      ].sort(),
    );
    // The exclusive queue and its binding are listed apart, never created.
    expect(plan.changes.filter((c) => c.action === 'runtime').map((c) => c.kind).sort()).toEqual(['binding', 'queue']);
    expect(plan.summary).toMatchObject({ create: 17, update: 0, replace: 0, delete: 0, unmanaged: 0, runtime: 2 });
    await expect(mgmt('GET', `/vhosts/${enc(vhost)}`)).rejects.toThrow(/404/);
    expect((await topo(['plan', file, '--detailed-exitcode'])).code).toBe(2);
  });

  it('plans zero changes right after a definitions import of the same objects', async () => {
    const vhost = await importedVhost('plan-imported');
    const file = await specFile(vhost);
    const plan = await planJson(file);
    expect(actions(plan)).toEqual([]);
    expect(plan.summary).toMatchObject({ create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 });
    const text = await topo(['plan', file, '--detailed-exitcode']);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
  });

  it('shows drift made by hand as the right actions, and never changes the broker', async () => {
    const vhost = await importedVhost('plan-drift');
    const v = enc(vhost);
    // A deleted binding.
    const bindings = await mgmt<{ routing_key: string; properties_key: string }[]>('GET', `/bindings/${v}/e/orders/q/order-created`);
    await mgmt('DELETE', `/bindings/${v}/e/orders/q/order-created/${enc(bindings[0]!.properties_key)}`);
    // A queue re-declared with other arguments (which takes its binding along).
    await mgmt('DELETE', `/queues/${v}/unrouted-log`);
    await mgmt('PUT', `/queues/${v}/unrouted-log`, { durable: true, auto_delete: false, arguments: { 'x-max-length': 10 } });
    // An extra queue, and a changed policy.
    await mgmt('PUT', `/queues/${v}/stray`, { durable: true, auto_delete: false, arguments: {} });
    await mgmt('PUT', `/policies/${v}/ttl`, { pattern: '^temp\\.', 'apply-to': 'queues', priority: 5, definition: { 'message-ttl': 60000 } });

    const file = await specFile(vhost);
    const before = await stateOf(vhost);
    const plan = await planJson(file);
    expect(actions(plan)).toEqual(
      [
        'create binding orders->order-created[order.created]',
        'create binding unrouted->unrouted-log[]',
        'replace queue unrouted-log',
        'unmanaged queue stray',
        'update policy ttl',
      ].sort(),
    );
    const replace = plan.changes.find((c) => c.action === 'replace');
    expect(replace?.forcedBy?.map((p) => p.path)).toEqual(['arguments.x-max-length']);
    const update = plan.changes.find((c) => c.action === 'update');
    expect(update?.changed?.map((p) => p.path)).toEqual(['priority']);

    // With --prune the stray queue is planned as a delete; still nothing is changed.
    const pruned = await planJson(file, ['--prune']);
    expect(actions(pruned)).toContain('delete queue stray');
    for (const format of [[], ['--format', 'markdown'], ['--detailed-exitcode']]) {
      const run = await topo(['plan', file, ...format]);
      expect(run.code).toBe(format.includes('--detailed-exitcode') ? 2 : 0);
      expect(run.stdout).not.toBe('');
    }
    expect(await stateOf(vhost)).toEqual(before);
  });

  it('saves the plan with --out, for apply --plan', async () => {
    const vhost = await importedVhost('plan-out');
    const dir = await scope.files();
    const spec = await dir.file('t.yaml', fixtureSpec(vhost));
    const out = `${dir.path}/plan.json`;
    const run = await topo(['plan', spec, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`topo apply --plan ${out}`);
    const { readFile } = await import('node:fs/promises');
    const saved = JSON.parse(await readFile(out, 'utf8')) as { formatVersion: number; fingerprint: string; vhosts: string[] };
    expect(saved.formatVersion).toBe(4);
    expect(saved.vhosts).toEqual([vhost]);
    expect(saved.fingerprint).not.toBe('');
  });

  it('rejects contradicting output flags in one line', async () => {
    const file = await specFile('unused');
    const run = await topo(['plan', file, '--json', '--format', 'markdown']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^topo: --json and --format markdown contradict each other\n$/);
  });
});
