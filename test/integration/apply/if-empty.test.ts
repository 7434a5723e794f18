import { afterAll, describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/apply/execute-plan.js';
import { resolveConnection } from '../../../src/cli/resolve-connection.js';
import { ManagementClient } from '../../../src/broker/management-client.js';
import { readReadyCountsOverAmqp } from '../../../src/broker/amqp-ready-counts.js';
import { planAgainstBroker } from '../../../src/plan/plan-against-broker.js';
import { bufferIO } from '../../../src/cli/io.js';
import { loadSpecFromFlags } from '../../../src/cli/load-spec.js';
import { AMQP_URL, enc, mgmt, MGMT_URL, PASSWORD, USER } from '../../support/broker.js';
import { messageCount, publish, q, testScope } from './support.js';

const client = new ManagementClient(
  resolveConnection({ url: [MGMT_URL], user: USER, password: PASSWORD, amqpUrl: AMQP_URL }, {}),
);
const scope = testScope();
afterAll(() => client.close());

const countOverAmqp = (conn: ReturnType<typeof resolveConnection>) => async (vhost: string, name: string) =>
  (await readReadyCountsOverAmqp(conn, vhost, [name])).get(name);
const connection = resolveConnection({ url: [MGMT_URL], user: USER, password: PASSWORD, amqpUrl: AMQP_URL }, {});

/** A vhost with one queue `late` of the given type that a prune plan deletes, planned while empty. */
async function prunePlanOfEmptyQueue(type: 'classic' | 'quorum') {
  const vhost = await scope.scratch(`apply-if-empty-${type}`);
  const args = type === 'classic' ? {} : { 'x-queue-type': type };
  await mgmt('PUT', `/queues/${enc(vhost)}/late`, { durable: true, auto_delete: false, arguments: args });
  const spec = await scope.specFile(`version: 1\nvhosts:\n  ${q(vhost)}:\n    queues:\n      other: {}\n`, 't.yaml');
  const desired = await loadSpecFromFlags([spec], { var: [] }, bufferIO());
  const plan = await planAgainstBroker(client, desired, { prune: true, allowReplace: false, allowDataLoss: false });
  const deleteStep = plan.steps.find((s) => s.op === 'delete-queue' && s.name === 'late');
  expect(deleteStep).toMatchObject({ ifEmpty: true });
  expect(plan.refusals).toEqual([]);
  return { vhost, plan, stepId: deleteStep!.id };
}

describe('a quorum queue delete planned while the queue was empty (no if-empty on RabbitMQ 3.x)', () => {
  it('deletes the queue when it is still empty', async () => {
    const { vhost, plan, stepId } = await prunePlanOfEmptyQueue('quorum');
    const report = await executePlan(client, plan, { concurrency: 4, countMessages: countOverAmqp(connection) });
    expect(report.steps.find((s) => s.id === stepId)).toEqual({ id: stepId, status: 'done', durationMs: expect.any(Number) });
    await expect(mgmt('GET', `/queues/${enc(vhost)}/late`)).rejects.toThrow(/404/);
  });

  it('keeps a message that arrived after the plan', async () => {
    const { vhost, plan, stepId } = await prunePlanOfEmptyQueue('quorum');
    await publish(vhost, 'late', 1);
    const report = await executePlan(client, plan, { concurrency: 4, countMessages: countOverAmqp(connection) });
    expect(report.ok).toBe(false);
    expect(report.steps.find((s) => s.id === stepId)).toEqual({
      id: stepId,
      status: 'failed',
      error: 'kept: 1 message arrived after the plan',
      durationMs: expect.any(Number),
    });
    expect((await readReadyCountsOverAmqp(connection, vhost, ['late'])).get('late')).toBe(1);
  });

  it('refuses to delete without an exact count, rather than risk a message', async () => {
    const { vhost, plan, stepId } = await prunePlanOfEmptyQueue('quorum');
    const report = await executePlan(client, plan, { concurrency: 4 });
    expect(report.steps.find((s) => s.id === stepId)?.status).toBe('failed');
    await mgmt('GET', `/queues/${enc(vhost)}/late`);
  });
});

describe('a queue delete planned while the queue was empty', () => {
  it('keeps a message that arrived after the plan, and reports the step failed', async () => {
    const { vhost, plan, stepId } = await prunePlanOfEmptyQueue('classic');
    await publish(vhost, 'late', 1);
    const report = await executePlan(client, plan, { concurrency: 4 });
    expect(report.ok).toBe(false);
    expect(report.steps.find((s) => s.id === stepId)).toEqual({
      id: stepId,
      status: 'failed',
      error: expect.stringMatching(/^kept: (1 message|messages) arrived after the plan$/),
      durationMs: expect.any(Number),
    });
    expect(await messageCount(vhost, 'late')).toBe(1);
  });
});
