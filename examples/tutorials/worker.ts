/**
 * Tutorial 2, "Work Queues": the worker. Takes tasks from `task_queue` one at a time
 * (prefetch 1: fair dispatch, a busy worker is sent nothing new) and acknowledges each only
 * when it is done, so a task of a worker that dies is redelivered to another.
 *
 *   node dist/examples/tutorials/worker.js
 */
import type { ChannelModel } from 'amqplib';
import { TASK_QUEUE } from './new_task.js';
import { isMain, runTutorial, type Running } from './run-tutorial.js';

export interface Task {
  body: string;
  /** The broker delivered this task before, to a consumer that did not acknowledge it. */
  redelivered: boolean;
}

export interface WorkerOptions {
  /**
   * Unacknowledged tasks the broker may send this worker at once: 1 (the default) for fair
   * dispatch; 0 means no limit, the tutorial's first, round-robin version.
   */
  prefetch?: number;
  /** Does one task; the task is acknowledged when it resolves. Default: `sleepPerDot`. */
  work?: (task: Task) => Promise<void>;
}

/** The tutorial's fake work: one second per dot in the body. */
export function sleepPerDot(task: Task): Promise<void> {
  const seconds = task.body.split('.').length - 1;
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

/** Consumes `task_queue` with manual acknowledgements until `stop`. */
export async function startWorker(conn: ChannelModel, options: WorkerOptions = {}): Promise<Running> {
  const work = options.work ?? sleepPerDot;
  const channel = await conn.createChannel();
  await channel.prefetch(options.prefetch ?? 1);
  await channel.consume(
    TASK_QUEUE,
    (msg) => {
      // null: the broker cancelled the consumer (the queue was deleted).
      if (!msg) return;
      const task = { body: msg.content.toString(), redelivered: msg.fields.redelivered };
      void work(task)
        .then(
          () => channel.ack(msg),
          // A task that fails is not requeued, or it would fail again forever; it goes to
          // the queue's dead-letter exchange when it has one.
          () => channel.nack(msg, false, false),
        )
        // The channel closed during the task (stop, or a lost connection): the broker has
        // already put the task back in the queue for another worker.
        .catch(() => undefined);
    },
    { noAck: false },
  );
  return { stop: () => channel.close() };
}

if (isMain(import.meta.url)) {
  await runTutorial('work-queues.yaml', (conn) =>
    startWorker(conn, {
      work: async (task) => {
        console.log(` [x] Received '${task.body}'`);
        await sleepPerDot(task);
        console.log(' [x] Done');
      },
    }),
  );
}
