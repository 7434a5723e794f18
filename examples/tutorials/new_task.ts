/**
 * Tutorial 2, "Work Queues": the producer. Sends a task to the durable `task_queue` as a
 * persistent message (delivery mode 2), so a task survives a broker restart. Each dot in
 * the task stands for one second of work.
 *
 *   node dist/examples/tutorials/new_task.js First message.
 */
import type { ConfirmChannel } from 'amqplib';
import { publishConfirmed, runProducer } from './publish-confirmed.js';
import { isMain } from './run-tutorial.js';

export const TASK_QUEUE = 'task_queue';

/**
 * Sends one task; resolves once the broker has confirmed it, which for a persistent message
 * in a durable queue means it is on disk.
 */
export async function sendTask(channel: ConfirmChannel, task: string): Promise<void> {
  await publishConfirmed(channel, '', TASK_QUEUE, task, { persistent: true });
}

if (isMain(import.meta.url)) {
  await runProducer('work-queues.yaml', async (channel, words) => {
    const task = words.join(' ') || 'Hello World!';
    await sendTask(channel, task);
    return `'${task}'`;
  });
}
