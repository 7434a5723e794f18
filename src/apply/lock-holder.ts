import { createHash } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { APPLY_LOCK_QUEUE } from './broker-lock.js';

/**
 * Who holds an apply lock: written into the lock queue's arguments when it is taken, so that a
 * waiting apply, or a person in the management UI (Queues, or GET /api/queues/%2F/{lock}),
 * can tell whose apply it waits for.
 */
export interface LockHolder {
  host: string;
  user: string;
  pid: number;
  /** When the lock was taken, ISO 8601 (UTC). */
  since: string;
}

/** This process, now. */
export function currentHolder(now: Date = new Date()): LockHolder {
  return { host: hostname(), user: currentUser(), pid: process.pid, since: now.toISOString() };
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    // Some containers run as a uid with no passwd entry.
    return process.env.USER ?? process.env.USERNAME ?? `uid ${process.getuid?.() ?? '?'}`;
  }
}

/** The lock queue's arguments that record `holder`. */
export function holderArguments(holder: LockHolder): Record<string, string | number> {
  return { 'x-topo-host': holder.host, 'x-topo-user': holder.user, 'x-topo-pid': holder.pid, 'x-topo-since': holder.since };
}

/** The holder recorded in a lock queue's arguments, or undefined (an older topo records none). */
export function holderFromArguments(args: Record<string, unknown> | undefined): LockHolder | undefined {
  const host = args?.['x-topo-host'];
  const user = args?.['x-topo-user'];
  const pid = args?.['x-topo-pid'];
  const since = args?.['x-topo-since'];
  if (typeof host !== 'string' || typeof user !== 'string' || typeof pid !== 'number' || typeof since !== 'string') return undefined;
  return { host, user, pid, since };
}

/** `alice@build-7 (pid 4242) since 2026-12-01T15:04:05Z, 12s ago`. Pure. */
export function describeHolder(holder: LockHolder, now: Date): string {
  const taken = Date.parse(holder.since);
  const ago = Number.isNaN(taken) ? '' : `, ${Math.max(0, Math.round((now.getTime() - taken) / 1000))}s ago`;
  return `${holder.user}@${holder.host} (pid ${holder.pid}) since ${holder.since.replace(/\.\d+Z$/, 'Z')}${ago}`;
}

/** A queue name may hold at most 255 bytes of UTF-8. */
const MAX_QUEUE_NAME_BYTES = 255;

/**
 * The lock queue of one vhost: `topo.apply-lock:` and the vhost name (all lock queues live in
 * "/", which always exists, even before an apply creates the vhost). A name too long for a
 * queue is replaced by its SHA-256.
 */
export function applyLockQueue(vhost: string): string {
  const name = `${APPLY_LOCK_QUEUE}:${vhost}`;
  if (Buffer.byteLength(name) <= MAX_QUEUE_NAME_BYTES) return name;
  return `${APPLY_LOCK_QUEUE}:sha256:${createHash('sha256').update(vhost).digest('hex')}`;
}
