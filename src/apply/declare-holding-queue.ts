import { apiPath, type ManagementClient } from '../broker/management-client.js';
import { holdingQueueArguments } from '../model/holding-queue.js';
import type { StepOperation } from '../plan/step.js';

/**
 * Declares a migration's holding queue: durable, classic, marked as holding the messages of
 * `step.of`. Declaring it again with the same arguments is a no-op, so the step repeats safely.
 */
export async function declareHoldingQueue(
  client: ManagementClient,
  step: Extract<StepOperation, { op: 'declare-holding-queue' }>,
): Promise<void> {
  await client.request('PUT', apiPath('queues', step.vhost, step.name), {
    body: { durable: true, auto_delete: false, arguments: holdingQueueArguments(step.of) },
    okStatuses: [200, 201, 204],
  });
}
