import { openAmqp } from '../broker/amqp-connect.js';
import type { AmqpTarget } from '../broker/amqp-target.js';
import { describeConnection, type Connection } from '../broker/connection.js';
import { TopoError } from '../errors.js';
import { oneLine } from '../text/one-line.js';

/**
 * The apply lock is this exclusive, non-durable queue in the default vhost "/". An exclusive
 * queue belongs to the connection that declared it, so the broker drops it when that
 * connection closes, also when the process is killed: a lock is never left behind. The user
 * needs configure permission on this queue name in "/". Exclusive queues do not appear in
 * the broker's definitions, so the lock never shows up in a plan of "/".
 */
export const APPLY_LOCK_QUEUE = 'topo.apply-lock';
export const APPLY_LOCK_VHOST = '/';
/** How often a waiting apply tries again. */
const RETRY_MS = 250;
/** AMQP reply code when another connection owns the exclusive queue. */
const RESOURCE_LOCKED = 405;

/** A held apply lock. */
export interface ApplyLock {
  /** Aborted if the lock's connection closes before `release` (the broker went away). */
  readonly lost: AbortSignal;
  /** Gives the lock up; safe to call more than once. */
  release(): Promise<void>;
}

export interface AcquireApplyLockOptions {
  /** How long to wait for another apply to finish before failing with `lock-timeout`. */
  timeoutMs: number;
  /** Called once, when the lock is held by someone else and this apply starts waiting. */
  onWait?: () => void;
  /**
   * The cluster's AMQP endpoints and identity (`amqpTargetOf`): the lock is taken on the first
   * node that accepts, and only on the cluster the management API manages. Default: the
   * connection's AMQP URLs, unchecked.
   */
  target?: AmqpTarget;
}

/**
 * Takes the broker-wide apply lock so that one apply at a time changes the broker; waits,
 * trying every 250 ms, while another apply holds it, and fails after `timeoutMs`.
 */
export async function acquireApplyLock(conn: Connection, options: AcquireApplyLockOptions): Promise<ApplyLock> {
  const { model, endpoint } = await openAmqp(conn, APPLY_LOCK_VHOST, options.target);
  const lost = new AbortController();
  let released = false;
  // Without listeners an 'error' event would end the process; the close event says enough.
  model.on('error', () => undefined);
  model.on('close', () => {
    // Most often the node went down: say which, so that it is not mistaken for a broker refusal.
    const at = `${endpoint.url}${endpoint.node === undefined ? '' : ` (node ${endpoint.node})`}`;
    if (!released) {
      lost.abort(
        new TopoError('amqp', `lost the apply lock on ${describeConnection(conn)}: its AMQP connection to ${at} closed (is that node down?); no step was started after that`),
      );
    }
  });
  const started = Date.now();
  let waiting = false;
  try {
    for (;;) {
      // A refused declare closes its channel, so every attempt gets a fresh one.
      const channel = await model.createChannel();
      channel.on('error', () => undefined);
      try {
        await channel.assertQueue(APPLY_LOCK_QUEUE, { exclusive: true, durable: false, autoDelete: false });
        break;
      } catch (error) {
        if (!isResourceLocked(error)) {
          throw new TopoError(
            'amqp',
            `cannot take the apply lock (queue "${APPLY_LOCK_QUEUE}" in vhost "${APPLY_LOCK_VHOST}") on ${describeConnection(conn)}: ${oneLine(error)}`,
          );
        }
      }
      const waited = Date.now() - started;
      if (waited >= options.timeoutMs) {
        throw new TopoError(
          'lock-timeout',
          `another topo apply holds the lock on ${describeConnection(conn)} (waited ${Math.round(waited / 1000)}s; --lock-timeout to wait longer)`,
        );
      }
      if (!waiting) {
        waiting = true;
        options.onWait?.();
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_MS, options.timeoutMs - waited)));
    }
  } catch (error) {
    released = true;
    await model.close().catch(() => undefined);
    throw error;
  }
  return {
    lost: lost.signal,
    async release() {
      if (released) return;
      released = true;
      // Closing the connection drops the exclusive queue: that is the release.
      await model.close().catch(() => undefined);
    },
  };
}

function isResourceLocked(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === RESOURCE_LOCKED;
}
