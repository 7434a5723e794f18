import { namedKey } from '../model/identity.js';
import type { MigrateChange } from './change.js';
import type { MessageCount } from './message-count.js';

/** The queues of a migration whose messages the plan shows: the queue (if it exists) and a holding queue found on the broker. */
export function migrationCountedQueues(c: MigrateChange): { vhost: string; name: string }[] {
  return [
    ...(c.before ? [{ vhost: c.vhost, name: c.name }] : []),
    ...(c.holding.found ? [{ vhost: c.vhost, name: c.holding.name }] : []),
  ];
}

/**
 * `c` with the message counts of its queues from `messages` (exact counts keyed by namedKey),
 * `'unknown'` for a queue with none, as for a replace. Display only: a migration keeps the
 * messages whatever their number. Never mutates.
 */
export function migrationWithCounts(c: MigrateChange, messages: ReadonlyMap<string, number>): MigrateChange {
  const count = (name: string): MessageCount => messages.get(namedKey({ vhost: c.vhost, name })) ?? 'unknown';
  const { found } = c.holding;
  return {
    ...c,
    ...(c.before ? { messages: count(c.name) } : {}),
    ...(found ? { holding: { ...c.holding, found: { ...found, messages: count(c.holding.name) } } } : {}),
  };
}
