import type { ConfirmChannel } from 'amqplib';
import { beforeEach, describe, expect, it } from 'vitest';
import { sendTask, TASK_QUEUE } from '../../../examples/tutorials/new_task.js';
import { startWorker, type Task } from '../../../examples/tutorials/worker.js';
import { Inbox } from './support/inbox.js';
import { useTutorialVhost } from './support/tutorial-vhost.js';

describe('tutorial 2, work queues: new_task.ts and worker.ts', () => {
  const tutorial = useTutorialVhost('work-queues.yaml');
  const connect = () => tutorial.connect();
  let producer: ConfirmChannel;

  beforeEach(async () => {
    producer = await (await connect()).createConfirmChannel();
  });

  it('sends tasks as persistent messages (delivery mode 2)', async () => {
    await sendTask(producer, 'persist me');

    const msg = await producer.get(TASK_QUEUE, { noAck: true });

    expect(msg && msg.content.toString()).toBe('persist me');
    expect(msg && msg.properties.deliveryMode).toBe(2);
  });

  it('without a prefetch limit, dispatches tasks round-robin across two workers', async () => {
    const a = new Inbox<string>();
    const b = new Inbox<string>();
    await startWorker(await connect(), { prefetch: 0, work: async (t) => a.push(t.body) });
    await startWorker(await connect(), { prefetch: 0, work: async (t) => b.push(t.body) });

    const tasks = ['t1', 't2', 't3', 't4', 't5', 't6'];
    for (const t of tasks) await sendTask(producer, t);
    await Promise.all([a.count(3), b.count(3)]);

    const odd = ['t1', 't3', 't5'];
    const even = ['t2', 't4', 't6'];
    expect([a.items, b.items]).toContainEqual(odd);
    expect([a.items, b.items]).toContainEqual(even);
  });

  it('redelivers the task of a worker that dies before acknowledging it to another worker', async () => {
    const dying = new Inbox<Task>();
    const dyingConn = await connect();
    // Its work never finishes: the task stays unacknowledged until the connection dies.
    await startWorker(dyingConn, { work: (t) => (dying.push(t), new Promise<void>(() => undefined)) });
    await sendTask(producer, 'important');
    expect(await dying.count(1)).toEqual([{ body: 'important', redelivered: false }]);

    const survivor = new Inbox<Task>();
    await startWorker(await connect(), { work: async (t) => survivor.push(t) });
    await dyingConn.close();

    expect(await survivor.count(1)).toEqual([{ body: 'important', redelivered: true }]);
  });

  it('with prefetch 1 (fair dispatch), sends nothing new to a busy worker while another is idle', async () => {
    const got = new Inbox<string>();
    // The busy worker's first task never finishes during the test.
    await startWorker(await connect(), { work: (t) => (got.push(`busy: ${t.body}`), new Promise<void>(() => undefined)) });
    await sendTask(producer, 'long.....');
    await got.count(1);

    await startWorker(await connect(), { work: async (t) => got.push(`idle: ${t.body}`) });
    for (const t of ['q1', 'q2', 'q3']) await sendTask(producer, t);

    expect(await got.count(4)).toEqual(['busy: long.....', 'idle: q1', 'idle: q2', 'idle: q3']);
  });

  it('without a prefetch limit, a busy worker is still sent tasks: what fair dispatch prevents', async () => {
    const got = new Inbox<string>();
    const options = { prefetch: 0 };
    await startWorker(await connect(), { ...options, work: (t) => (got.push(`busy: ${t.body}`), new Promise<void>(() => undefined)) });
    await sendTask(producer, 'long.....');
    await got.count(1);

    await startWorker(await connect(), { ...options, work: async (t) => got.push(`idle: ${t.body}`) });
    for (const t of ['q1', 'q2', 'q3']) await sendTask(producer, t);

    const busy = (await got.count(4)).filter((x) => x.startsWith('busy: '));
    expect(busy.length).toBeGreaterThan(1);
  });
});
