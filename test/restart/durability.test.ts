/**
 * What survives a broker restart (tutorial 2's promise): runs on its own, never beside
 * other tests, because it stops the broker (see vitest.restart.config.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTask, TASK_QUEUE } from '../../examples/tutorials/new_task.js';
import { startWorker } from '../../examples/tutorials/worker.js';
import { enc, mgmt } from '../support/broker.js';
import { Connections } from '../integration/runtime/support/amqp.js';
import { Inbox } from '../integration/tutorials/support/inbox.js';
import { tutorialVhost, type TutorialVhost } from '../integration/tutorials/support/tutorial-vhost.js';
import { restartBroker } from './support/restart-broker.js';

describe('a broker restart (rabbitmqctl stop_app, start_app)', () => {
  const conns = new Connections();
  let tutorial: TutorialVhost;
  const SCRATCHPAD = 'scratchpad';
  let before: { tasks: number; scratchpad: number };
  let tasksAfter: number;

  beforeAll(async () => {
    tutorial = await tutorialVhost('work-queues.yaml');
    const vhost = tutorial.spec.vhost;
    await mgmt('PUT', `/queues/${enc(vhost)}/${SCRATCHPAD}`, { durable: false });

    const producer = await (await conns.connect(vhost)).createConfirmChannel();
    await sendTask(producer, 'persistent 1');
    producer.sendToQueue(TASK_QUEUE, Buffer.from('transient 1'), { persistent: false });
    await sendTask(producer, 'persistent 2');
    producer.sendToQueue(TASK_QUEUE, Buffer.from('transient 2'), { persistent: false });
    await sendTask(producer, 'persistent 3');
    producer.sendToQueue(SCRATCHPAD, Buffer.from('lost'), { persistent: true });
    await producer.waitForConfirms();
    before = {
      tasks: (await producer.checkQueue(TASK_QUEUE)).messageCount,
      scratchpad: (await producer.checkQueue(SCRATCHPAD)).messageCount,
    };
    await conns.closeAll();

    await restartBroker(vhost);
    tasksAfter = (await (await conns.connect(vhost)).createChannel().then((c) => c.checkQueue(TASK_QUEUE))).messageCount;
    await conns.closeAll();
  });

  afterAll(async () => {
    await conns.closeAll();
    await tutorial?.dispose();
  });

  it('held every message before the restart', () => {
    expect(before).toEqual({ tasks: 5, scratchpad: 1 });
  });

  it('keeps only the persistent messages of the durable queue: classic queues drop transient ones', () => {
    expect(tasksAfter).toBe(3);
  });

  it('hands the persistent tasks, in order, to the next worker', async () => {
    const got = new Inbox<string>();
    await startWorker(await conns.connect(tutorial.spec.vhost), { work: async (task) => got.push(task.body) });

    expect(await got.count(3)).toEqual(['persistent 1', 'persistent 2', 'persistent 3']);
  });

  it('loses a non-durable queue with everything in it, persistent messages included', async () => {
    const found = await mgmt<{ error?: string }>('GET', `/queues/${enc(tutorial.spec.vhost)}/${SCRATCHPAD}`, undefined, {
      expect: [200, 404],
    });
    expect(found.error).toBe('Object Not Found');
  });
});
