import { connectAmqp } from '../broker/amqp-connect.js';
import type { ManagementClient } from '../broker/management-client.js';
import { TopoError } from '../errors.js';
import type { StepOperation } from '../plan/step.js';
import { moveMessages } from './move-messages.js';
import { readyMessages } from './ready-messages.js';

/**
 * Deliveries in flight per move: what a move holds in memory (500 message bodies) and its pace.
 * Single runs moving 20,000 messages between two classic queues on RabbitMQ 4.3 (a busy 2-core
 * machine, so within noise): prefetch 200 moved about 7,000 a second, 500 about 12,000, 1,000
 * and 3,000 about 14,500; 500 gets most of the speed for half the memory of 1,000.
 */
export const MOVE_PREFETCH = 500;
/** Rounds of move-then-delete before giving up on a queue that keeps receiving messages. */
const MAX_ROUNDS = 50;
/**
 * How long a delete that is refused while the queue looks empty is tried again. RabbitMQ 3.x
 * cannot delete quorum queues `if-empty`, and the fallback also reads the management API's
 * count, which lags by up to the statistics interval (5 s) after a queue was emptied.
 */
const REFUSED_WHILE_EMPTY_BUDGET_MS = 30_000;
const REFUSED_WHILE_EMPTY_WAIT_MS = 500;

/**
 * Carries out a `drain-queue` step: moves every message of `step.name` into `step.into`
 * (`moveMessages`), then `deleteIfEmpty` (which must refuse, by throwing, while the queue
 * holds a message). Messages that arrived in between (through the default exchange, which no
 * binding copy can redirect) are moved in another round. Safe to repeat: a source that is
 * already gone is done. Never moves into a queue that does not exist.
 */
export async function drainQueue(
  client: ManagementClient,
  step: Extract<StepOperation, { op: 'drain-queue' }>,
  deleteIfEmpty: () => Promise<void>,
): Promise<void> {
  const model = await connectAmqp(client.connection, step.vhost);
  model.on('error', () => undefined);
  try {
    if ((await readyMessages(model, step.name)) === undefined) return;
    if ((await readyMessages(model, step.into)) === undefined) {
      throw new TopoError('apply-failed', `kept: the messages of queue "${step.name}" stay there, queue "${step.into}" does not exist`);
    }
    let refusedWhileEmptySince: number | undefined;
    for (let round = 1; ; round++) {
      await moveMessages(model, step.name, step.into, { prefetch: MOVE_PREFETCH, user: client.connection.amqpUser });
      try {
        await deleteIfEmpty();
        return;
      } catch (error) {
        const left = await readyMessages(model, step.name);
        if (left === undefined) return;
        if (left > 0) {
          refusedWhileEmptySince = undefined;
          if (round >= MAX_ROUNDS) {
            throw new TopoError(
              'apply-failed',
              `kept: messages keep arriving in queue "${step.name}" (${left} after ${round} rounds of moving them to "${step.into}"), ` +
                'most likely published to it by name through the default exchange',
            );
          }
          continue;
        }
        refusedWhileEmptySince ??= Date.now();
        if (Date.now() - refusedWhileEmptySince > REFUSED_WHILE_EMPTY_BUDGET_MS) throw error;
        await new Promise((resolve) => setTimeout(resolve, REFUSED_WHILE_EMPTY_WAIT_MS));
      }
    }
  } finally {
    await model.close().catch(() => undefined);
  }
}
