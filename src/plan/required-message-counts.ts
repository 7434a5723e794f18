import { namedKey } from '../model/identity.js';
import { compareStrings } from '../text/compare-strings.js';
import type { Change } from './change.js';
import { migrationCountedQueues } from './migration-counts.js';
import type { PlanOptions } from './plan.js';

/**
 * The queues whose message counts a plan shows and guards on: replaced queues, deleted ones
 * (unmanaged queues under `prune`), and the queues of migrations (see `migrationCountedQueues`). The CLI reads counts for these only. Sorted by
 * vhost then name, no duplicates.
 */
export function requiredMessageCounts(changes: readonly Change[], options: PlanOptions): { vhost: string; name: string }[] {
  const out = new Map<string, { vhost: string; name: string }>();
  for (const c of changes) {
    if (c.action === 'migrate') for (const q of migrationCountedQueues(c)) out.set(namedKey(q), q);
    if (c.kind !== 'queue') continue;
    const deleted = c.action === 'delete' || (c.action === 'unmanaged' && options.prune);
    if (c.action === 'replace' || deleted) out.set(namedKey(c), { vhost: c.vhost, name: c.name });
  }
  return [...out.values()].sort((a, b) => compareStrings(a.vhost, b.vhost) || compareStrings(a.name, b.name));
}
