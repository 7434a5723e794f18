import { namedKey } from '../model/identity.js';
import type { Change } from './change.js';
import { migrationWithCounts } from './migration-counts.js';
import type { PlanOptions } from './plan.js';

/**
 * A diff change as the plan carries it out. With `prune`, an unmanaged object becomes a
 * `delete`, and so does an unmanaged binding that a replace would otherwise re-create (it
 * goes with the replaced object). Every queue delete and replace gets its message count:
 * the exact count in `messages` (keyed by namedKey), or `'unknown'` when there is none or the
 * queue is a stream. Returns a new object; never mutates.
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
    // No count of a stream is exact (docs/apply.md), whatever a reader may have found.
    const count = c.before.type === 'stream' ? undefined : messages.get(namedKey({ vhost: c.vhost, name: c.name }));
    c = { ...c, messages: count ?? 'unknown' };
  }
  return c;
}
