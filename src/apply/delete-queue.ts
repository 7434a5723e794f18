import { apiPath, BrokerHttpError, type ManagementClient } from '../broker/management-client.js';
import { exactNameFilters } from '../broker/read-state.js';
import { TopoError } from '../errors.js';
import { messageCountText } from '../plan/message-count.js';
import { DELETE_OK } from './ok-statuses.js';
import { deleteObject } from './put-and-delete.js';

/** What deleting a queue only if empty may need beyond the management API. */
export interface DeleteQueueContext {
  /**
   * The ready messages of a queue counted exactly now (over AMQP), or undefined when the
   * queue is gone. Used where the broker cannot delete `if-empty` itself (quorum queues on
   * RabbitMQ 3.x), because the management API's counts for those lag by seconds. Never asked
   * for a stream, whose passive declare answers a statistics sample seconds old.
   */
  countMessages?: (vhost: string, name: string) => Promise<number | undefined>;
}

/**
 * Deletes a queue. With `ifEmpty` (data loss not allowed) it never deletes a message: the
 * broker's `if-empty` guards classic queues, an exact count just before the delete guards
 * quorum queues, and a stream is never deleted, since RabbitMQ ignores `if-empty` for streams
 * (it deletes them full, on 3.x and 4.x) and no exact count of a stream exists to prove it
 * empty (docs/apply.md, "Streams"). A queue kept for these reasons fails the step with a
 * one-line `kept: ...`; a queue already gone is done. Without `ifEmpty`, one unconditional
 * DELETE.
 */
export async function deleteQueue(
  client: ManagementClient,
  vhost: string,
  name: string,
  ifEmpty: boolean,
  context: DeleteQueueContext,
): Promise<void> {
  const path = apiPath('queues', vhost, name);
  if (!ifEmpty) {
    const { status } = await client.request('DELETE', path, { okStatuses: DELETE_OK });
    if (status === 404) await checkGone(client, vhost, name);
    return;
  }
  // The type now, not the plan's: a DELETE with if-empty sent to a stream deletes it full.
  const type = await queueType(client, path);
  if (type === undefined) {
    await checkGone(client, vhost, name);
    return;
  }
  if (type === 'stream') {
    throw new TopoError(
      'apply-failed',
      'kept: a stream is deleted only with --allow-data-loss (RabbitMQ deletes a stream even if-empty, and topo cannot prove one empty)',
    );
  }
  try {
    await client.request('DELETE', path, { query: { 'if-empty': 'true' }, okStatuses: DELETE_OK });
  } catch (error) {
    if (!(error instanceof BrokerHttpError) || error.status !== 400) throw error;
    // The broker refuses an if-empty delete of a queue that is not empty: the planner saw it
    // empty, so these messages arrived after the plan. Keep them; never retry into a loss.
    if (/not empty/i.test(error.reason ?? '')) {
      throw new TopoError('apply-failed', `kept: ${await messagesNow(client, path)} arrived after the plan`);
    }
    if (!/if-empty.*not supported/i.test(error.reason ?? '')) throw error;
    await deleteIfCountedEmpty(client, vhost, name, context);
  }
}

/**
 * Quorum queues on RabbitMQ 3.x have no if-empty delete. The next best thing: an exact count
 * just before an unconditional delete. A message published in the milliseconds between the
 * two is the one case this cannot protect (docs/apply.md).
 */
async function deleteIfCountedEmpty(client: ManagementClient, vhost: string, name: string, context: DeleteQueueContext): Promise<void> {
  if (!context.countMessages) {
    throw new TopoError('apply-failed', 'kept: the broker cannot delete this queue only if empty, and no exact count is available');
  }
  const path = apiPath('queues', vhost, name);
  // Ready messages counted exactly, and the management API's total, which also counts
  // unacknowledged ones (late, but never wrongly above zero for an empty queue).
  const ready = (await context.countMessages(vhost, name)) ?? 0;
  const total = await managementCount(client, path);
  const count = Math.max(ready, total);
  if (count > 0) throw new TopoError('apply-failed', `kept: ${messageCountText(count)} arrived after the plan`);
  await deleteObject(client, path);
}

/**
 * A 404 for a queue is "gone" only if the vhost's listing agrees: RabbitMQ 3.10 answers GET and
 * DELETE of a classic queue whose home node is down with a plain 404 too, and keeps the queue
 * (listed with state `down`). Throws a one-line `broker-node-down` error for such a queue.
 */
async function checkGone(client: ManagementClient, vhost: string, name: string): Promise<void> {
  const { status, body } = await client.request<{ items: { name: string; state?: string; node?: string }[] }>(
    'GET',
    apiPath('queues', vhost),
    {
      query: { disable_stats: 'true', columns: 'name,state,node', name: exactNameFilters([name])[0]!, use_regex: 'true', page: '1', page_size: '100' },
      okStatuses: [200, 404],
    },
  );
  const listed = status === 200 ? body?.items.find((q) => q.name === name) : undefined;
  if (listed?.state === 'down') {
    throw new TopoError(
      'broker-node-down',
      `queue ${JSON.stringify(name)} in vhost ${JSON.stringify(vhost)} is unavailable: its home node ${listed.node ?? '(unknown)'} is down; it was not deleted`,
    );
  }
}

/** The queue's type as the broker reports it now (`classic`, `quorum`, `stream`), or undefined when it is gone. */
async function queueType(client: ManagementClient, path: string): Promise<string | undefined> {
  const { status, body } = await client.request<{ type?: string }>('GET', path, {
    query: { columns: 'type' },
    okStatuses: [200, 404],
  });
  // Brokers that report no type have only classic queues.
  return status === 404 ? undefined : (body?.type ?? 'classic');
}

/** "N messages" as the broker reports them now, or a plain phrase when it cannot say. */
async function messagesNow(client: ManagementClient, path: string): Promise<string> {
  const count = await managementCount(client, path);
  return count > 0 ? messageCountText(count) : 'messages';
}

/** The management API's message total of a queue; 0 when it cannot say. */
async function managementCount(client: ManagementClient, path: string): Promise<number> {
  try {
    const queue = await client.get<{ messages?: number }>(path);
    // Management statistics are sampled, so a fresh message may not be counted yet.
    return typeof queue.messages === 'number' ? queue.messages : 0;
  } catch {
    // The refusal is what matters; the count is only a detail.
    return 0;
  }
}
