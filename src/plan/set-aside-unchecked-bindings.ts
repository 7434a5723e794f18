import { namedKey } from '../model/identity.js';
import type { Change } from './change.js';
import type { ClusterReport } from './cluster-report.js';

/**
 * The changes without the bindings the broker cannot show now, and the report saying how many
 * were set aside per queue. While a classic queue's home node is down, RabbitMQ 3.10 lists the
 * queue but none of its bindings, so the diff proposes every binding the spec gives it, and
 * creating one fails with "home node ... is down". They are set aside: the plan neither
 * proposes nor counts them (`UnavailableQueue.bindingsNotChecked` says how many), and the
 * next plan, once the node is back, sees them. Pure; neither input is mutated.
 */
export function setAsideUncheckedBindings(
  changes: readonly Change[],
  report: ClusterReport,
): { changes: Change[]; report: ClusterReport } {
  if (report.unavailable.length === 0) return { changes: [...changes], report };
  const set = new Map(report.unavailable.map((u) => [namedKey(u), 0]));
  const kept = changes.filter((c) => {
    if (c.kind !== 'binding' || c.action !== 'create' || c.after.destinationType !== 'queue') return true;
    const key = namedKey({ vhost: c.vhost, name: c.after.destination });
    const count = set.get(key);
    if (count === undefined) return true;
    set.set(key, count + 1);
    return false;
  });
  return {
    changes: kept,
    report: {
      ...report,
      unavailable: report.unavailable.map((u) => ({ ...u, bindingsNotChecked: set.get(namedKey(u)) ?? 0 })),
    },
  };
}
