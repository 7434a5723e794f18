import { namedKey } from '../model/identity.js';
import type { MigrateChange } from './change.js';

/** The queues of a migration whose messages the plan shows: the queue (if it exists) and a holding queue found on the broker. */
export function migrationCountedQueues(c: MigrateChange): { vhost: string; name: string }[] {
  return [
    ...(c.before ? [{ vhost: c.vhost, name: c.name }] : []),
    ...(c.holding.found ? [{ vhost: c.vhost, name: c.holding.name }] : []),
  ];
}

/** `c` with the message counts of its queues from `messages` (keyed by namedKey), where known. Never mutates. */
export function migrationWithCounts(c: MigrateChange, messages: ReadonlyMap<string, number>): MigrateChange {
  const own = c.before ? messages.get(namedKey(c)) : undefined;
  const held = c.holding.found ? messages.get(namedKey({ vhost: c.vhost, name: c.holding.name })) : undefined;
  return {
    ...c,
    ...(own !== undefined ? { messages: own } : {}),
    ...(held !== undefined && c.holding.found ? { holding: { ...c.holding, found: { ...c.holding.found, messages: held } } } : {}),
  };
}
