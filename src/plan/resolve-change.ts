import { namedKey } from '../model/identity.js';
import type { Change } from './change.js';
import { migrationWithCounts } from './migration-counts.js';
import type { PlanOptions } from './plan.js';

/**
 * A diff change as the plan carries it out. With `prune`, an unmanaged object becomes a
 * `delete`, and so does an unmanaged binding that a replace would otherwise re-create (it
 * goes with the replaced object). Queue deletes and replaces get the broker's message count
 * from `messages` (keyed by namedKey), when known. Returns a new object; never mutates.
 */
export function resolveChange(change: Change, options: PlanOptions, messages: ReadonlyMap<string, number>): Change {
  let c = change;
  if (options.prune && c.action === 'unmanaged') {
    c = { ...c, action: 'delete' };
  } else if (options.prune && c.action === 'create' && c.kind === 'binding' && c.outsideSpec === 'unmanaged') {
    c = { action: 'delete', kind: 'binding', vhost: c.vhost, name: c.name, before: c.after };
  }
  if (c.action === 'migrate') return migrationWithCounts(c, messages);
  if (c.kind === 'queue' && (c.action === 'delete' || c.action === 'replace')) {
    const count = messages.get(namedKey({ vhost: c.vhost, name: c.name }));
    if (count !== undefined) c = { ...c, messages: count };
  }
  return c;
}
