import { openAmqp } from '../broker/amqp-connect.js';
import { AmqpConnectError, type AmqpConnectFailure } from '../broker/amqp-connect-error.js';
import type { AmqpTarget } from '../broker/amqp-target.js';
import { describeConnection, type Connection } from '../broker/connection.js';
import { TopoError } from '../errors.js';
import { oneLine } from '../text/one-line.js';

/**
 * An apply lock is an exclusive, non-durable queue in the default vhost "/": this one by
 * default, or the one named by `queue` (./take-apply-locks.ts takes one per vhost). An exclusive
 * queue belongs to the connection that declared it, so the broker drops it when that
 * connection closes, also when the process is killed: a lock is never left behind. The user
 * needs configure permission on the queue name in "/". Exclusive queues do not appear in
 * the broker's definitions, so a lock never shows up in a plan of "/".
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
  /** The lock queue's name; default APPLY_LOCK_QUEUE. */
  queue?: string;
  /** Arguments of the lock queue, readable by others through the management API (who holds it). */
  arguments?: Record<string, string | number>;
}

/**
 * Takes the broker-wide apply lock so that one apply at a time changes the broker; waits,
 * trying every 250 ms, while another apply holds it, and fails after `timeoutMs`.
 */
export async function acquireApplyLock(conn: Connection, options: AcquireApplyLockOptions): Promise<ApplyLock> {
  const { model, endpoint } = await openAmqp(conn, APPLY_LOCK_VHOST, options.target).catch((error: unknown) => {
    throw error instanceof AmqpConnectError ? lockConnectError(error) : error;
  });
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
  const queue = options.queue ?? APPLY_LOCK_QUEUE;
  let waiting = false;
  try {
    for (;;) {
      // A refused declare closes its channel, so every attempt gets a fresh one.
      const channel = await model.createChannel();
      channel.on('error', () => undefined);
      try {
        await channel.assertQueue(queue, { exclusive: true, durable: false, autoDelete: false, arguments: options.arguments ?? {} });
        break;
      } catch (error) {
        if (!isResourceLocked(error)) {
          throw new TopoError(
            'amqp',
            `cannot take the apply lock (queue "${queue}" in vhost "${APPLY_LOCK_VHOST}") on ${describeConnection(conn)}: ${oneLine(error)}`,
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

/** What to set, for each way the lock's AMQP connection can fail. */
const LOCK_CONNECT_HINTS: Record<AmqpConnectFailure, string> = {
  auth:
    'The AMQP user and password are those of --user/--password (TOPO_USER/TOPO_PASSWORD), ' +
    'unless the AMQP URL (--amqp-url or TOPO_AMQP_URL) carries its own.',
  unreachable:
    'Set the AMQP URL with --amqp-url or TOPO_AMQP_URL (without it, topo uses the management ' +
    'host on port 5672, 5671 for https).',
  vhost: `The AMQP user needs configure permission on vhost "${APPLY_LOCK_VHOST}".`,
  other: 'Set the AMQP URL with --amqp-url or TOPO_AMQP_URL.',
};

/**
 * A failed lock connection, said so that a person knows what to fix: apply talks to the
 * management API for everything else, so an AMQP failure here surprises those who never set
 * an AMQP URL. Nothing was changed: the lock comes before any call that changes the broker.
 */
function lockConnectError(error: AmqpConnectError): TopoError {
  return new TopoError(
    'amqp',
    `apply takes its lock over AMQP and could not connect to ${error.target} as user ` +
      `"${error.user}": ${error.reason}. Nothing was changed. ${LOCK_CONNECT_HINTS[error.failure]}`,
  );
}

function isResourceLocked(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === RESOURCE_LOCKED;
}
