/**
 * Queues are declared with their type, classic included, whatever the vhost's default queue
 * type; and `defaultQueueType` in a spec is applied, kept and planned like vhost metadata.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isAtLeast, parseBrokerVersion } from '../../../src/compat/broker-version.js';
import { deleteVhost, enc, mgmt, uniqueVhostName, USER } from '../../support/broker.js';
import { q, testScope, topo } from './support.js';

const version = parseBrokerVersion((await mgmt<{ rabbitmq_version: string }>('GET', '/overview')).rabbitmq_version)!;
/** 3.11 sets a vhost's default queue type through the HTTP API; 3.10 only with rabbitmqctl. */
const settable = isAtLeast(version, '3.11');
/** The host's own 3.10, whose rabbitmqctl this test may run (it runs as root). */
const localThreeTen = !settable && process.env.TOPO_TEST_BROKER === 'rabbitmq-3';

const scope = testScope();
const specFile = (text: string) => scope.specFile(text);

interface VhostInfo {
  description: string;
  default_queue_type?: string;
}
const vhostInfo = (vhost: string) => mgmt<VhostInfo>('GET', `/vhosts/${enc(vhost)}`);
const queueTypes = async (vhost: string) =>
  Object.fromEntries((await mgmt<{ name: string; type: string }[]>('GET', `/queues/${enc(vhost)}?columns=name,type`)).map((x) => [x.name, x.type]));

/** A vhost whose default queue type is quorum, made with the broker's own means. */
async function quorumDefaultVhost(label: string): Promise<string> {
  const vhost = uniqueVhostName(label);
  scope.later(() => deleteVhost(vhost));
  if (settable) {
    await mgmt('PUT', `/vhosts/${enc(vhost)}`, { default_queue_type: 'quorum' });
  } else {
    const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/usr/lib/rabbitmq/bin` };
    await promisify(execFile)('rabbitmqctl', ['add_vhost', vhost, '--default-queue-type', 'quorum'], { env, timeout: 60_000 });
  }
  await mgmt('PUT', `/permissions/${enc(vhost)}/${enc(USER)}`, { configure: '.*', write: '.*', read: '.*' });
  expect((await vhostInfo(vhost)).default_queue_type).toBe('quorum');
  return vhost;
}

describe('the default queue type of a vhost', () => {
  it.runIf(settable || localThreeTen)('does not turn the classic queues of a spec into quorum queues', async () => {
    const vhost = await quorumDefaultVhost('dqt-classic');
    const spec = await specFile(`vhosts:\n  ${q(vhost)}:\n    queues:\n      plain: {}\n      replicated: { type: quorum }\n`);
    const applied = await topo(['apply', spec, '--yes']);
    expect(applied.errors).toBe('');
    expect(applied.code).toBe(0);
    expect(await queueTypes(vhost)).toEqual({ plain: 'classic', replicated: 'quorum' });
    expect((await topo(['plan', spec, '--detailed-exitcode'])).code).toBe(0);
  });

  it.runIf(settable)('is applied from the spec, kept when the description changes, and then planned as nothing', async () => {
    const vhost = uniqueVhostName('dqt-spec');
    scope.later(() => deleteVhost(vhost));
    const spec = (description: string) =>
      specFile(`vhosts:\n  ${q(vhost)}:\n    description: ${description}\n    defaultQueueType: quorum\n    queues:\n      plain: {}\n`);

    const first = await spec('first');
    expect((await topo(['apply', first, '--yes'])).code).toBe(0);
    expect(await vhostInfo(vhost)).toMatchObject({ description: 'first', default_queue_type: 'quorum' });
    expect(await queueTypes(vhost)).toEqual({ plain: 'classic' });
    expect((await topo(['plan', first, '--detailed-exitcode'])).code).toBe(0);

    // A vhost PUT without the default queue type resets it (4.3.6): the update must carry it.
    const second = await spec('second');
    const plan = await topo(['plan', second]);
    expect(plan.stdout).toContain('~ description: "first" → "second"');
    expect((await topo(['apply', second, '--yes'])).code).toBe(0);
    expect(await vhostInfo(vhost)).toMatchObject({ description: 'second', default_queue_type: 'quorum' });
    expect((await topo(['plan', second, '--detailed-exitcode'])).code).toBe(0);
  });

  it.runIf(settable)('is changed in place by a plan that shows it', async () => {
    const vhost = await quorumDefaultVhost('dqt-change');
    const spec = await specFile(`vhosts:\n  ${q(vhost)}:\n    defaultQueueType: stream\n`);
    const plan = await topo(['plan', spec]);
    expect(plan.stdout).toContain('~ defaultQueueType: "quorum" → "stream"');
    expect((await topo(['apply', spec, '--yes'])).code).toBe(0);
    expect((await vhostInfo(vhost)).default_queue_type).toBe('stream');
  });
});
