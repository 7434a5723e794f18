/**
 * Declares over AMQP (the default of `topo apply`, issue 16) against declares over the
 * management API (`--declare-over http`): the same broker state, nothing left to plan, and a
 * refused declare stops the apply the same way.
 */
import { describe, expect, it } from 'vitest';
import { enc, mgmt } from '../../support/broker.js';
import { fixtureSpec } from './fixture.js';
import { stateOf, testScope, topo, vhostSpec } from './support.js';

const { scratch, files } = testScope();

/** Applies the fixture into a new vhost, declaring exchanges, queues and bindings over `over`. */
async function applyFixture(label: string, over: 'amqp' | 'http'): Promise<{ vhost: string; spec: string }> {
  const vhost = await scratch(label);
  const spec = await (await files()).file(`${label}.yaml`, fixtureSpec(vhost));
  const run = await topo(['apply', spec, '--yes', '--declare-over', over]);
  expect(run.errors).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/Apply complete: \d+ steps done\.\n$/);
  return { vhost, spec };
}

describe('topo apply --declare-over', () => {
  it('leaves the same broker state over AMQP as over HTTP, and plans nothing after either', async () => {
    const overAmqp = await applyFixture('amqp-declare', 'amqp');
    const overHttp = await applyFixture('http-declare', 'http');
    expect(await stateOf(overAmqp.vhost)).toEqual(await stateOf(overHttp.vhost));
    for (const { spec } of [overAmqp, overHttp]) expect((await topo(['plan', spec, '--detailed-exitcode'])).code).toBe(0);
    // What AMQP declared, the management API finds equivalent (same argument values and types).
    const again = await topo(['apply', overAmqp.spec, '--yes', '--declare-over', 'http']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
  });

  it.each(['amqp', 'http'])('stops at a declare the broker refuses over %s: the step fails, the rest is not started', async (over) => {
    const vhost = await scratch(`declare-refused-${over}`);
    // No broker has this exchange type: it is refused when declared, whichever way.
    const spec = await (await files()).file(
      't.yaml',
      vhostSpec(vhost, `    exchanges:
      odd: { type: x-topo-no-such-type }
    queues:
      after: {}
    bindings:
      - { source: odd, destination: after }
`),
    );
    const run = await topo(['apply', spec, '--yes', '--concurrency', '1', '--declare-over', over]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^failed: declare exchange "odd" in vhost ".+": .+\n$/);
    expect(run.stdout).toMatch(/Apply failed: 0 done, 1 failed, 2 not started\. .*run topo apply again\.\n$/);
    expect(await mgmt<unknown[]>('GET', `/queues/${enc(vhost)}`)).toEqual([]);
  });
});
