import { apiPath, type ManagementClient } from '../broker/management-client.js';
import type { AmqpTarget } from '../broker/amqp-target.js';
import type { Connection } from '../broker/connection.js';
import { TopoError } from '../errors.js';
import { compareStrings } from '../text/compare-strings.js';
import { acquireApplyLock, APPLY_LOCK_VHOST, type ApplyLock } from './broker-lock.js';
import { applyLockQueue, describeHolder, holderArguments, holderFromArguments, type LockHolder } from './lock-holder.js';

export interface TakeApplyLocksOptions {
  /** How long to wait, in all, for other applies before failing with `lock-timeout`. */
  timeoutMs: number;
  /** Recorded in each lock queue, for those who wait. */
  holder: LockHolder;
  /** Called when this apply starts waiting for a vhost's lock, with who holds it when known. */
  onWait?: (vhost: string, heldBy: string | undefined) => void;
  /** The cluster's AMQP endpoints and identity: the locks are taken on the cluster being changed. */
  target?: AmqpTarget;
}

/**
 * Takes the apply lock of each vhost in `vhosts`, so that applies to different vhosts run at
 * the same time and two applies to one vhost take turns. The locks are taken in sorted
 * order, so two applies that share several vhosts never hold one each and wait for the other
 * (no deadlock). Each lock records `holder`; a waiting apply reads it through `client` and
 * says who it waits for. The returned lock is lost when any of them is, and releases all.
 */
export async function takeApplyLocks(
  conn: Connection,
  client: ManagementClient,
  vhosts: readonly string[],
  options: TakeApplyLocksOptions,
): Promise<ApplyLock> {
  const held: ApplyLock[] = [];
  const deadline = Date.now() + options.timeoutMs;
  const releaseAll = async () => {
    for (const lock of held.splice(0).reverse()) await lock.release();
  };
  try {
    for (const vhost of [...new Set(vhosts)].sort(compareStrings)) {
      const queue = applyLockQueue(vhost);
      const heldBy = () => readHolder(client, queue);
      try {
        held.push(
          await acquireApplyLock(conn, {
            queue,
            arguments: holderArguments(options.holder),
            timeoutMs: Math.max(0, deadline - Date.now()),
            ...(options.target ? { target: options.target } : {}),
            onWait: () => void heldBy().then((who) => options.onWait?.(vhost, who)),
          }),
        );
      } catch (error) {
        if (!(error instanceof TopoError) || error.code !== 'lock-timeout') throw error;
        const who = await heldBy();
        throw new TopoError(
          'lock-timeout',
          `another topo apply holds the lock of vhost ${JSON.stringify(vhost)}${who ? `: ${who}` : ''} ` +
            `(waited ${Math.round(options.timeoutMs / 1000)}s; --lock-timeout to wait longer)`,
        );
      }
    }
  } catch (error) {
    await releaseAll();
    throw error;
  }
  return { lost: AbortSignal.any(held.map((l) => l.lost)), release: releaseAll };
}

/** Who holds the lock queue `queue`, as a phrase, or undefined when it cannot be told. */
async function readHolder(client: ManagementClient, queue: string): Promise<string | undefined> {
  try {
    const { body } = await client.request<{ arguments?: Record<string, unknown> }>('GET', apiPath('queues', APPLY_LOCK_VHOST, queue), {
      query: { columns: 'arguments' },
      okStatuses: [200, 404],
    });
    const holder = holderFromArguments(body?.arguments);
    return holder && describeHolder(holder, new Date());
  } catch {
    // Who holds it is a detail of the message; waiting works without it.
    return undefined;
  }
}
