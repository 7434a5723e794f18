/**
 * A stream's retained log is data, and RabbitMQ deletes a stream even `if-empty`, gives no
 * count for it in a queue listing, and answers a passive declare of it with a statistics
 * sample seconds old. These tests publish and then, at once (no statistics delay to hide
 * behind), ask topo to replace or prune the stream: it must refuse without --allow-data-loss
 * and leave the stream as it was.
 */
import { describe, expect, it } from 'vitest';
import { runStep } from '../../../src/apply/run-step.js';
import { resolveConnection } from '../../../src/cli/resolve-connection.js';
import { ManagementClient } from '../../../src/broker/management-client.js';
import { AMQP_URL, definitionsOf, enc, MGMT_URL, mgmt, PASSWORD, USER } from '../../support/broker.js';
import { publish, q, stateOf, streamMessages, testScope, topo, vhostSpec } from './support.js';

const { scratch, files } = testScope();

const REFUSED = 'topo: apply refused: the plan needs --allow-data-loss; nothing was changed\n';
const SENT = ['m0', 'm1', 'm2'];

describe('streams: no message lost', () => {
  it('refuses to replace a stream holding messages without --allow-data-loss, and replaces it with the flag', async () => {
    const vhost = await scratch('stream-replace');
    const dir = await files();
    const spec = (maxAge: string) => vhostSpec(vhost, `    queues:
      events: { type: stream, arguments: { x-max-age: ${maxAge} } }
`);
    const before = await dir.file('before.yaml', spec('7D'));
    const after = await dir.file('after.yaml', spec('8D'));
    expect((await topo(['apply', before, '--yes'])).code).toBe(0);
    await publish(vhost, 'events', SENT.length);
    const state = await stateOf(vhost);

    const refused = await topo(['apply', after, '--yes', '--allow-replace']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('  -/+ queue "events" (messages unknown)\n');
    expect(refused.stdout).toContain(
      `  --allow-data-loss: queue "events" in vhost ${q(vhost)} may hold messages (a stream: topo cannot count them) and is replaced\n`,
    );
    expect(refused.stderr.endsWith(REFUSED)).toBe(true);
    expect(await stateOf(vhost)).toEqual(state);
    expect(await streamMessages(vhost, 'events', SENT.length)).toEqual(SENT);

    // Every view says the count is unknown.
    const json = JSON.parse((await topo(['plan', after, '--json'])).stdout) as { changes: { name: string; messages?: unknown }[] };
    expect(json.changes.find((c) => c.name === 'events')).toMatchObject({ action: 'replace', messages: 'unknown' });
    expect((await topo(['plan', after, '--format', 'markdown'])).stdout).toContain('-/+ queue "events" (messages unknown)\n');

    const replaced = await topo(['apply', after, '--yes', '--allow-replace', '--allow-data-loss']);
    expect(replaced.errors).toBe('');
    expect(replaced.code).toBe(0);
    const events = (await definitionsOf(vhost)).queues.find((x) => x.name === 'events');
    expect(events?.arguments).toEqual({ 'x-queue-type': 'stream', 'x-max-age': '8D' });
    expect((await topo(['plan', after, '--detailed-exitcode'])).code).toBe(0);
  });

  it('refuses to prune a stream without --allow-data-loss, even an empty one, and prunes it with the flag', async () => {
    const vhost = await scratch('stream-prune');
    const v = enc(vhost);
    const stream = { durable: true, auto_delete: false, arguments: { 'x-queue-type': 'stream' } };
    await mgmt('PUT', `/queues/${v}/stray`, stream);
    await mgmt('PUT', `/queues/${v}/empty`, stream);
    await publish(vhost, 'stray', SENT.length);
    const spec = await (await files()).file('t.yaml', vhostSpec(vhost, `    queues:\n      other: {}\n`));
    const state = await stateOf(vhost);

    const refused = await topo(['apply', spec, '--yes', '--prune']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('    - queue "stray" (messages unknown)\n');
    expect(refused.stdout).toContain('    - queue "empty" (messages unknown)\n');
    for (const name of ['empty', 'stray']) {
      expect(refused.stdout).toContain(
        `  --allow-data-loss: queue ${q(name)} in vhost ${q(vhost)} may hold messages (a stream: topo cannot count them) and is deleted\n`,
      );
    }
    expect(refused.stderr.endsWith(REFUSED)).toBe(true);
    expect(await stateOf(vhost)).toEqual(state);
    expect(await streamMessages(vhost, 'stray', SENT.length)).toEqual(SENT);

    const pruned = await topo(['apply', spec, '--yes', '--prune', '--allow-data-loss']);
    expect(pruned.errors).toBe('');
    expect(pruned.code).toBe(0);
    expect((await definitionsOf(vhost)).queues.map((x) => x.name)).toEqual(['other']);
  });

  it('never deletes a stream if-empty, whatever the plan said: it keeps it and fails the step', async () => {
    const vhost = await scratch('stream-step');
    await mgmt('PUT', `/queues/${enc(vhost)}/s`, { durable: true, auto_delete: false, arguments: { 'x-queue-type': 'stream' } });
    await publish(vhost, 's', SENT.length);
    const client = new ManagementClient(resolveConnection({ url: [MGMT_URL], user: USER, password: PASSWORD, amqpUrl: AMQP_URL }, {}));
    try {
      // A step planned while `s` was another queue, or written by hand: the type is read now.
      await expect(runStep(client, { op: 'delete-queue', vhost, name: 's', ifEmpty: true })).rejects.toThrow(
        /^kept: a stream is deleted only with --allow-data-loss/,
      );
      expect(await streamMessages(vhost, 's', SENT.length)).toEqual(SENT);
      await runStep(client, { op: 'delete-queue', vhost, name: 's', ifEmpty: false });
      await expect(mgmt('GET', `/queues/${enc(vhost)}/s`)).rejects.toThrow(/404/);
    } finally {
      client.close();
    }
  });
});
