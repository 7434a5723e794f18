import { holdingQueueOf } from '../model/holding-queue.js';
import { bindingKey, namedKey } from '../model/identity.js';
import { compareStrings } from '../text/compare-strings.js';
import { OBJECT_KINDS } from '../model/topology.js';
import type { Binding, ObjectKind, Queue, Topology, Vhost } from '../model/topology.js';
import type { Change, MigrateChange } from './change.js';
import { holdingQueueName } from './holding-queue-name.js';
import { ignoreMatcher } from './ignore-matcher.js';
import { bindingLabel } from './object-label.js';
import type { PlanOptions } from './plan.js';

/** The two topologies the diff compared: migrations need what the diff's changes leave out. */
export interface MigrationState {
  desired: Topology;
  actual: Topology;
}

/**
 * The diff's changes with migrations decided (`apply --migrate`, docs/apply.md). Pure; never
 * mutates its inputs. Two sources of migrations:
 *
 * - a holding queue on the broker (a queue marked with `HOLDING_QUEUE_ARGUMENT`) whose queue
 *   the spec declares: an interrupted migration, completed whatever `options.migrate` says.
 *   The queue's change (replace, create, or none when it is already in its new shape) becomes
 *   a `migrate` with `holding.found`; the holding queue and its bindings leave the list (they
 *   are not unmanaged: `--prune` must never touch them); and the holding queue's bindings that
 *   the spec does not declare are re-created on the queue, as a replace re-creates them;
 * - with `options.migrate`, every other queue `replace` becomes a `migrate`, with a holding
 *   queue named by `holdingQueueName`. A stream is never migrated (acknowledging a stream's
 *   messages does not remove them): it stays a replace.
 *
 * A holding queue whose queue the spec does not declare (or declares exclusive) is left as
 * the diff listed it, unmanaged: topo cannot finish a migration towards nothing.
 */
export function resolveMigrations(
  changes: readonly Change[],
  state: MigrationState,
  options: Pick<PlanOptions, 'migrate'>,
): Change[] {
  const actual = new Map(state.actual.vhosts.map((v) => [v.name, v]));
  const desired = new Map(state.desired.vhosts.map((v) => [v.name, v]));
  const queueChanges = new Map<string, Change>();
  for (const c of changes) if (c.kind === 'queue') queueChanges.set(namedKey(c), c);

  const migrations = new Map<string, MigrateChange>();
  for (const holding of holdingQueues(state.actual)) {
    const key = namedKey({ vhost: holding.vhost, name: holdingQueueOf(holding) as string });
    const m = resumedMigration(holding, queueChanges.get(key), desired.get(holding.vhost), actual.get(holding.vhost));
    if (m && !migrations.has(key)) migrations.set(key, m);
  }
  if (options.migrate) {
    for (const c of changes) {
      if (c.kind !== 'queue' || c.action !== 'replace' || c.before.type === 'stream' || migrations.has(namedKey(c))) continue;
      const have = actual.get(c.vhost) as Vhost;
      const holding = holdingQueueName(c.name, namingContext(have, desired.get(c.vhost) as Vhost));
      migrations.set(namedKey(c), {
        action: 'migrate',
        kind: 'queue',
        vhost: c.vhost,
        name: c.name,
        before: c.before,
        after: c.after,
        forcedBy: c.forcedBy,
        holding: { ...holding, bindings: bindingsTo(have, c.name) },
      });
    }
  }
  if (migrations.size === 0) return [...changes];

  const holdingKeys = new Set([...migrations.values()].flatMap((m) => (m.holding.found ? [holdingKey(m)] : [])));
  const out: Change[] = [];
  const placed = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'queue') {
      if (holdingKeys.has(namedKey(c))) continue;
      const m = migrations.get(namedKey(c));
      if (m) {
        out.push(m);
        placed.add(namedKey(c));
        continue;
      }
    } else if (c.kind === 'binding') {
      const b = 'after' in c ? c.after : c.before;
      if (b.destinationType === 'queue' && holdingKeys.has(namedKey({ vhost: b.vhost, name: b.destination }))) continue;
    }
    out.push(c);
  }
  for (const [key, m] of migrations) if (!placed.has(key)) insertInOrder(out, m);
  for (const m of migrations.values()) {
    for (const c of keptBindings(m, out, desired.get(m.vhost) as Vhost, actual.get(m.vhost))) insertInOrder(out, c);
  }
  return out;
}

/** Every holding queue on the broker, by vhost then name (so the first one found for a queue wins). */
function holdingQueues(actual: Topology): Queue[] {
  return actual.vhosts
    .flatMap((v) => v.queues.filter((q) => holdingQueueOf(q) !== undefined))
    .sort((a, b) => compareStrings(a.vhost, b.vhost) || compareStrings(a.name, b.name));
}

/**
 * The migration an existing holding queue stands for, or undefined when the spec does not
 * declare its queue as a queue topo manages (then it stays an unmanaged queue).
 */
function resumedMigration(
  holding: Queue,
  change: Change | undefined,
  want: Vhost | undefined,
  have: Vhost | undefined,
): MigrateChange | undefined {
  const name = holdingQueueOf(holding) as string;
  const after = want?.queues.find((q) => q.name === name);
  if (!want || !have || !after || after.exclusive || ignoreMatcher(want.ignore)(name)) return undefined;
  const found = { bindings: bindingsTo(have, holding.name) };
  const base = { action: 'migrate', kind: 'queue', vhost: holding.vhost, name, after } as const;
  if (change === undefined) {
    // Already declared in its new shape: only the way back is left.
    const before = have.queues.find((q) => q.name === name);
    if (!before) return undefined;
    return { ...base, before, forcedBy: [], holding: { name: holding.name, bindings: [], found } };
  }
  if (change.action === 'create') return { ...base, forcedBy: [], holding: { name: holding.name, bindings: [], found } };
  if (change.action === 'replace' && change.kind === 'queue') {
    const holdingState = { name: holding.name, bindings: bindingsTo(have, name), found };
    return { ...base, before: change.before, forcedBy: change.forcedBy, holding: holdingState };
  }
  return undefined;
}

/**
 * The holding queue's bindings that the queue must get back and that nothing else in the plan
 * creates: those the spec does not declare (the diff creates the ones it does) and the queue
 * does not have. Re-created like a replace's (`recreatedFor`, `outsideSpec`).
 */
function keptBindings(m: MigrateChange, changes: readonly Change[], want: Vhost, have: Vhost | undefined): Change[] {
  if (!m.holding.found) return [];
  const created = new Set(changes.flatMap((c) => (c.kind === 'binding' && c.action === 'create' ? [bindingKey(c.after)] : [])));
  const declared = new Set(want.bindings.map(bindingKey));
  const drained = m.before !== undefined && m.forcedBy.length > 0;
  const kept = new Set(drained || !have ? [] : bindingsTo(have, m.name).map(bindingKey));
  const ignored = ignoreMatcher(want.ignore);
  const out: Change[] = [];
  for (const held of m.holding.found.bindings) {
    const after: Binding = { ...held, destination: m.name };
    const key = bindingKey(after);
    if (created.has(key) || declared.has(key) || kept.has(key)) continue;
    created.add(key);
    const outsideSpec = ignored(after.source) || ignored(after.destination) ? 'ignored' : 'unmanaged';
    out.push({
      action: 'create',
      kind: 'binding',
      vhost: m.vhost,
      name: bindingLabel(after),
      after,
      recreatedFor: { kind: 'queue', name: m.name },
      outsideSpec,
    });
  }
  return out;
}

/** The exchange-to-queue bindings of queue `name` on the broker (the default exchange's are implicit). */
function bindingsTo(vhost: Vhost, name: string): Binding[] {
  return vhost.bindings.filter((b) => b.destinationType === 'queue' && b.destination === name && b.source !== '');
}

function namingContext(have: Vhost, want: Vhost) {
  return {
    policies: [...have.policies, ...want.policies],
    operatorPolicies: [...have.operatorPolicies, ...want.operatorPolicies],
    taken: new Set([...have.queues, ...want.queues].map((q) => q.name)),
  };
}

function holdingKey(m: MigrateChange): string {
  return namedKey({ vhost: m.vhost, name: m.holding.name });
}

const KIND_RANK = new Map<ObjectKind, number>(OBJECT_KINDS.map((kind, i) => [kind, i]));

/** Inserts `c` after the changes of its vhost and kind (the diff orders by vhost, then kind). */
function insertInOrder(changes: Change[], c: Change): void {
  const rank = KIND_RANK.get(c.kind) ?? 0;
  const at = changes.findIndex((o) => {
    const order = compareStrings(o.vhost, c.vhost);
    return order > 0 || (order === 0 && (KIND_RANK.get(o.kind) ?? 0) > rank);
  });
  changes.splice(at < 0 ? changes.length : at, 0, c);
}
