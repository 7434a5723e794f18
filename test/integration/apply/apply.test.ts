import { describe, expect, it } from 'vitest';
import { deleteVhost, enc, mgmt, uniqueVhostName } from '../../support/broker.js';
import { fixtureSpec, importFixture } from './fixture.js';
import { importDefinitions, messageCount, publish, stateOf, testScope, topo, vhostSpec } from './support.js';

const { scratch, files, later } = testScope();

/** The state a definitions import of the fixture gives, in a vhost of its own. */
async function importedFixtureState(): Promise<unknown> {
  const v = await scratch('apply-expected');
  await importFixture(v);
  return stateOf(v);
}

describe('topo apply on the real broker', () => {
  it('creates the vhost and every object as a definitions import would, then plans nothing', async () => {
    const vhost = uniqueVhostName('apply-fixture');
    later(() => deleteVhost(vhost));
    const spec = await (await files()).file('t.yaml', fixtureSpec(vhost));

    const first = await topo(['apply', spec, '--yes']);
    expect(first.errors).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Apply complete: \d+ steps done\.\n$/);
    expect(await stateOf(vhost)).toEqual(await importedFixtureState());
    // The exclusive queue is the applications' to declare.
    await expect(mgmt('GET', `/queues/${enc(vhost)}/listener`)).rejects.toThrow(/404/);

    const second = await topo(['apply', spec, '--yes']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No changes.');
    expect((await topo(['plan', spec, '--detailed-exitcode'])).code).toBe(0);
  });

  it('prints the plan and every step result with --json', async () => {
    const vhost = await scratch('apply-json');
    const spec = await (await files()).file('t.yaml', fixtureSpec(vhost));
    const run = await topo(['apply', spec, '--yes', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      formatVersion: number;
      plan: { changes: { action: string }[]; summary: Record<string, number> };
      result: { ok: boolean; steps: { id: number; status: string }[]; summary: Record<string, number> };
    };
    expect(out.formatVersion).toBe(4);
    expect(out.plan.summary.create).toBeGreaterThan(0);
    expect(out.result.ok).toBe(true);
    expect(out.result.steps.every((s) => s.status === 'done')).toBe(true);
    expect(out.result.summary).toEqual({ done: out.result.steps.length, failed: 0, skipped: 0 });
    expect(await stateOf(vhost)).toEqual(await importedFixtureState());
  });

  it('without a terminal and without --yes, changes nothing and says why in one line', async () => {
    const vhost = uniqueVhostName('apply-no-yes');
    later(() => deleteVhost(vhost));
    const spec = await (await files()).file('t.yaml', fixtureSpec(vhost));
    const run = await topo(['apply', spec]);
    expect(run.code).toBe(1);
    expect(run.errors).toBe('topo: apply needs --yes when standard input is not a terminal; nothing was changed\n');
    await expect(mgmt('GET', `/vhosts/${enc(vhost)}`)).rejects.toThrow(/404/);
  });

  it('replaces queues and exchanges with --allow-replace only, restoring every binding they had', async () => {
    const vhost = await scratch('apply-replace');
    const dir = await files();
    const spec = (srcType: string, targetArgs: string) => vhostSpec(vhost, `    exchanges:
      src: { type: ${srcType} }
      up: { type: fanout }
      mid: { type: fanout }
    queues:
      target: { arguments: ${targetArgs} }
      other: {}
    bindings:
      - { source: src, destination: target, routingKey: k }
      - { source: up, destination: src, destinationType: exchange, routingKey: k }
      - { source: src, destination: mid, destinationType: exchange, routingKey: k }
      - { source: mid, destination: target }
      - { source: mid, destination: other }
`);
    const before = await dir.file('before.yaml', spec('direct', '{}'));
    const after = await dir.file('after.yaml', spec('topic', '{ x-max-length: 5 }'));
    expect((await topo(['apply', before, '--yes'])).code).toBe(0);
    const applied = await stateOf(vhost);

    const refused = await topo(['apply', after, '--yes']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toMatch(/--allow-replace: .*src.*\n/);
    expect(refused.stdout).toMatch(/--allow-replace: .*target.*\n/);
    expect(refused.errors).toBe('topo: apply refused: the plan needs --allow-replace; nothing was changed\n');
    expect(await stateOf(vhost)).toEqual(applied);

    const replaced = await topo(['apply', after, '--yes', '--allow-replace']);
    expect(replaced.errors).toBe('');
    expect(replaced.code).toBe(0);
    const expected = await scratch('apply-replace-expected');
    const ex = (name: string, type: string) => ({ name, type, durable: true, auto_delete: false, internal: false, arguments: {} });
    const qu = (name: string, args: object) => ({ name, durable: true, auto_delete: false, arguments: args });
    const bi = (source: string, destination: string, type: string, key: string) => ({
      source, destination, destination_type: type, routing_key: key, arguments: {},
    });
    await importDefinitions(expected, {
      exchanges: [ex('src', 'topic'), ex('up', 'fanout'), ex('mid', 'fanout')],
      queues: [qu('target', { 'x-max-length': 5 }), qu('other', {})],
      bindings: [
        bi('src', 'target', 'queue', 'k'),
        bi('up', 'src', 'exchange', 'k'),
        bi('src', 'mid', 'exchange', 'k'),
        bi('mid', 'target', 'queue', ''),
        bi('mid', 'other', 'queue', ''),
      ],
    });
    expect(await stateOf(vhost)).toEqual(await stateOf(expected));
    expect((await topo(['plan', after, '--detailed-exitcode'])).code).toBe(0);
  });

  it('never deletes or replaces a queue holding messages without --allow-data-loss', async () => {
    const vhost = await scratch('apply-data-loss');
    const dir = await files();
    const withKeep = (args: string) => vhostSpec(vhost, `    queues:
      keep: { arguments: ${args} }
      other: {}
`);
    const without = await dir.file('without.yaml', vhostSpec(vhost, `    queues:\n      other: {}\n`));
    expect((await topo(['apply', await dir.file('a.yaml', withKeep('{}')), '--yes'])).code).toBe(0);
    await publish(vhost, 'keep', 3);
    const state = await stateOf(vhost);

    // Replace, allowed as a replace but not as a loss.
    const replace = await topo(['apply', await dir.file('b.yaml', withKeep('{ x-max-length: 9 }')), '--yes', '--allow-replace']);
    expect(replace.code).toBe(3);
    expect(replace.stdout).toMatch(/--allow-data-loss: .*keep.* holds 3 messages/);
    expect(replace.errors).toBe('topo: apply refused: the plan needs --allow-data-loss; nothing was changed\n');
    // Delete, allowed as a prune but not as a loss.
    const prune = await topo(['apply', without, '--yes', '--prune']);
    expect(prune.code).toBe(3);
    expect(prune.stdout).toMatch(/--allow-data-loss: .*keep.* holds 3 messages/);
    // With --json the refused objects are in the JSON, and on standard error one per line.
    const json = await topo(['apply', without, '--yes', '--prune', '--json']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ result: null, plan: { refusals: [{ flag: '--allow-data-loss' }] } });
    expect(json.stderr).toMatch(/^refused: .*keep.* holds 3 messages .*\(needs --allow-data-loss\)\n/);
    // Without --prune the queue is only listed.
    const listed = await topo(['apply', without, '--yes']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('No changes.');
    expect(await stateOf(vhost)).toEqual(state);
    expect(await messageCount(vhost, 'keep')).toBe(3);

    const lost = await topo(['apply', without, '--yes', '--prune', '--allow-data-loss']);
    expect(lost.code).toBe(0);
    await expect(mgmt('GET', `/queues/${enc(vhost)}/keep`)).rejects.toThrow(/404/);
  });

  it('deletes unmanaged objects only with --prune', async () => {
    const vhost = await scratch('apply-prune');
    await importFixture(vhost);
    const v = enc(vhost);
    await mgmt('PUT', `/queues/${v}/stray`, { durable: true, auto_delete: false, arguments: {} });
    await mgmt('PUT', `/exchanges/${v}/stray-x`, { type: 'direct', durable: true });
    await mgmt('POST', `/bindings/${v}/e/orders/q/stray`, { routing_key: 'x', arguments: {} });
    await mgmt('POST', `/bindings/${v}/e/orders/q/billing`, { routing_key: 'extra', arguments: {} });
    await mgmt('PUT', `/policies/${v}/stray-p`, { pattern: '^zzz', definition: { 'message-ttl': 5 } });
    const spec = await (await files()).file('t.yaml', fixtureSpec(vhost));
    const drifted = await stateOf(vhost);

    const kept = await topo(['apply', spec, '--yes']);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('No changes.');
    expect(await stateOf(vhost)).toEqual(drifted);

    const pruned = await topo(['apply', spec, '--yes', '--prune']);
    expect(pruned.errors).toBe('');
    expect(pruned.code).toBe(0);
    expect(await stateOf(vhost)).toEqual(await importedFixtureState());
  });

  it('reports a step the broker refuses, with what was done and not started, and exits 1', async () => {
    const vhost = await scratch('apply-failure');
    const spec = await (await files()).file(
      't.yaml',
      vhostSpec(vhost, `    queues:
      a: {}
    policies:
      bad: { pattern: "^a$", definition: { no-such-policy-key: 1 } }
`),
    );
    const run = await topo(['apply', spec, '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^failed: put policy "bad" in vhost ".+": .+\n$/);
    expect(run.stdout).toMatch(/Apply failed: 1 done, 1 failed, 0 not started\. .*run topo apply again\.\n$/);
    expect((await mgmt<unknown[]>('GET', `/queues/${enc(vhost)}`)).length).toBe(1);
  });

  it('refuses a stale saved plan, and applies a fresh one', async () => {
    const vhost = await scratch('apply-saved');
    const dir = await files();
    const spec = await dir.file('t.yaml', fixtureSpec(vhost));
    const planFile = `${dir.path}/plan.json`;
    expect((await topo(['plan', spec, '--out', planFile])).code).toBe(0);

    await mgmt('PUT', `/queues/${enc(vhost)}/made-meanwhile`, { durable: true, auto_delete: false, arguments: {} });
    const changed = await stateOf(vhost);
    const stale = await topo(['apply', '--plan', planFile, '--yes']);
    expect(stale.code).toBe(1);
    expect(stale.errors).toBe(
      `topo: the plan in ${planFile} is stale: the broker changed since it was made; run topo plan --out ${planFile} again\n`,
    );
    expect(await stateOf(vhost)).toEqual(changed);

    await mgmt('DELETE', `/queues/${enc(vhost)}/made-meanwhile`);
    const fresh = await topo(['apply', '--plan', planFile, '--yes']);
    expect(fresh.errors).toBe('');
    expect(fresh.code).toBe(0);
    expect(await stateOf(vhost)).toEqual(await importedFixtureState());
  });

  it('guards a saved plan with the flags of apply', async () => {
    const vhost = await scratch('apply-saved-guard');
    await importDefinitions(vhost, { queues: [{ name: 'q', durable: true, auto_delete: false, arguments: {} }] });
    const dir = await files();
    // A new argument forces the replace (a queue made transient would also warn: deprecated).
    const spec = await dir.file('t.yaml', vhostSpec(vhost, `    queues:\n      q: { arguments: { x-message-ttl: 1000 } }\n`));
    const planFile = `${dir.path}/plan.json`;
    expect((await topo(['plan', spec, '--out', planFile])).code).toBe(0);
    const state = await stateOf(vhost);
    const refused = await topo(['apply', '--plan', planFile, '--yes']);
    expect(refused.code).toBe(3);
    expect(refused.errors).toBe('topo: apply refused: the plan needs --allow-replace; nothing was changed\n');
    expect(await stateOf(vhost)).toEqual(state);
    const allowed = await topo(['apply', '--plan', planFile, '--yes', '--allow-replace']);
    expect(allowed.code).toBe(0);
    expect((await mgmt<{ arguments: Record<string, unknown> }>('GET', `/queues/${enc(vhost)}/q`)).arguments['x-message-ttl']).toBe(1000);
  });

  it('re-counts messages when applying a saved plan: a queue that filled up since is refused', async () => {
    const vhost = await scratch('apply-saved-messages');
    await importDefinitions(vhost, { queues: [{ name: 'stray', durable: true, auto_delete: false, arguments: {} }] });
    const dir = await files();
    const spec = await dir.file('t.yaml', vhostSpec(vhost, `    queues:\n      other: {}\n`));
    const planFile = `${dir.path}/plan.json`;
    expect((await topo(['plan', spec, '--prune', '--out', planFile])).code).toBe(0);
    await publish(vhost, 'stray', 1);
    const refused = await topo(['apply', '--plan', planFile, '--yes']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toMatch(/--allow-data-loss: .*stray.* holds 1 message/);
    expect(await messageCount(vhost, 'stray')).toBe(1);
  });

  it('takes spec paths or --plan, not both and not neither', async () => {
    const spec = await (await files()).file('t.yaml', fixtureSpec('unused'));
    const both = await topo(['apply', spec, '--plan', 'p.json', '--yes']);
    expect(both).toMatchObject({ code: 1, stderr: 'topo: give spec paths or --plan FILE, not both\n' });
    const neither = await topo(['apply', '--yes']);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toMatch(/^topo: give spec paths, or --plan FILE/);
  });
});
