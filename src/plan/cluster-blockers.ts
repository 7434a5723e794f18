import { namedKey } from '../model/identity.js';
import { MUTATING_ACTIONS, type Change } from './change.js';
import type { ClusterReport, UnavailableQueue } from './cluster-report.js';
import { objectLabel } from './object-label.js';

/**
 * A change apply cannot carry out while a node is down. No flag allows it: the node must be
 * back (then plan again).
 */
export interface Blocker {
  /** Index into `Plan.changes`. */
  change: number;
  /** The nodes that are down. */
  nodes: string[];
  /** One line for the user: which object, and which node it needs. */
  reason: string;
}

/**
 * The changes of `changes` that need a node that is down: deleting or replacing an
 * unavailable queue (RabbitMQ answers a DELETE of a classic queue whose home node is down
 * with a plain 404, as if it were gone, and keeps it), any binding change to one, and
 * replacing or deleting an exchange in a vhost that has one (the exchange's bindings to that
 * queue cannot be read, so they could be neither kept nor re-created). Pure.
 */
export function clusterBlockers(changes: readonly Change[], report: ClusterReport): Blocker[] {
  if (report.unavailable.length === 0) return [];
  const byKey = new Map(report.unavailable.map((u) => [namedKey(u), u]));
  const blockers: Blocker[] = [];
  changes.forEach((c, index) => {
    if (!MUTATING_ACTIONS.has(c.action)) return;
    const block = (queue: UnavailableQueue, reason: string): void => {
      blockers.push({ change: index, nodes: [...queue.nodes], reason });
    };
    const done = c.action === 'delete' ? 'deleted' : c.action === 'replace' ? 'replaced' : c.action === 'create' ? 'created' : 'updated';
    if (c.kind === 'queue' && (c.action === 'delete' || c.action === 'replace')) {
      const queue = byKey.get(namedKey(c));
      if (queue) block(queue, `${objectLabel(c)} is ${done}, but ${unavailableWhy(queue)}`);
    } else if (c.kind === 'binding') {
      const b = 'after' in c ? c.after : c.before;
      const queue = b.destinationType === 'queue' ? byKey.get(namedKey({ vhost: c.vhost, name: b.destination })) : undefined;
      if (queue) block(queue, `${objectLabel(c)} is ${done}, but queue ${JSON.stringify(queue.name)} is unavailable: ${unavailableWhy(queue)}`);
    } else if (c.kind === 'exchange' && (c.action === 'delete' || c.action === 'replace')) {
      const queue = report.unavailable.find((u) => u.vhost === c.vhost);
      if (queue) {
        block(
          queue,
          `${objectLabel(c)} is ${done}, but its bindings to queue ${JSON.stringify(queue.name)} cannot be read: ${unavailableWhy(queue)}`,
        );
      }
    }
  });
  return blockers;
}

/** Why a queue is unavailable, naming the node(s): `its home node rabbit@a is down`. */
export function unavailableWhy(queue: UnavailableQueue): string {
  const nodes = queue.nodes.join(', ');
  if (queue.why === 'home-node-down') return `its home node ${nodes} is down`;
  return `fewer than a majority of its members are online (down: ${nodes || 'unknown'})`;
}
