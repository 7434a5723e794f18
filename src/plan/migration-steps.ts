import { bindingKey } from '../model/identity.js';
import type { Binding } from '../model/topology.js';
import type { MigrateChange } from './change.js';
import type { StepOperation } from './step.js';

/** Adds one step and returns its id; `undefined` dependencies are left out (see planSteps). */
export type AddStep = (op: StepOperation, change: number, deps: readonly (number | undefined)[]) => number;

/** What a migration's first half needs to know about the rest of the plan's steps. */
export interface MigrationStartContext {
  /** The step that declares exchange `name` of the vhost again, when the plan replaces it. */
  exchangeDeclared: (name: string) => number | undefined;
  /** The plan deletes this exchange of the vhost (pruned or replaced). */
  exchangeGone: (name: string) => boolean;
  /** The step that creates the vhost, if the plan does (it never does for a migration). */
  vhostStep: number | undefined;
}

/** Which halves of the way a migration still has to go. */
export function migrationPhase(c: MigrateChange): { drainsOld: boolean; declares: boolean } {
  const drainsOld = c.before !== undefined && c.forcedBy.length > 0;
  return { drainsOld, declares: drainsOld || c.before === undefined };
}

/**
 * The first half of a migration, planned where a replace declares its queue: declare the
 * holding queue (unless it exists); for each of the queue's bindings, bind the holding queue
 * the same way and then unbind the queue, so that a message routed at any moment has a queue
 * to land in (one published between the two calls lands in both: docs/apply.md); move every
 * message into the holding queue and delete the queue when empty; declare it again. Returns
 * the id of the declare, or undefined when the queue is already in its new shape.
 *
 * A copy of a binding from an exchange the plan replaces waits for that exchange's declare;
 * one from an exchange the plan deletes is not made (the binding goes with the exchange, and
 * the unbind is a no-op if the delete came first).
 */
export function planMigrationStart(c: MigrateChange, index: number, add: AddStep, ctx: MigrationStartContext): number | undefined {
  const { drainsOld, declares } = migrationPhase(c);
  let drained: number | undefined;
  if (drainsOld) {
    const holding = c.holding.found
      ? undefined
      : add({ op: 'declare-holding-queue', vhost: c.vhost, name: c.holding.name, of: c.name }, index, [ctx.vhostStep]);
    const unbinds: number[] = [];
    for (const b of c.holding.bindings) {
      const declared = ctx.exchangeDeclared(b.source);
      const deleted = declared === undefined && ctx.exchangeGone(b.source);
      const copied = deleted ? undefined : add({ op: 'bind', binding: retarget(b, c.holding.name) }, index, [holding, declared]);
      // Unbound even when its exchange is deleted: the drain must not wait for that delete.
      unbinds.push(add({ op: 'unbind', binding: b }, index, [copied]));
    }
    drained = add({ op: 'drain-queue', vhost: c.vhost, name: c.name, into: c.holding.name }, index, [holding, ...unbinds]);
  }
  return declares ? add({ op: 'declare-queue', queue: c.after }, index, [ctx.vhostStep, drained]) : undefined;
}

/**
 * The second half, planned after every binding step: once the queue exists and has all its
 * bindings (`bindSteps`: the plan's binds to it), unbind the holding queue (every binding it
 * has or was given), then move the messages back and delete the holding queue when empty.
 */
export function planMigrationFinish(
  c: MigrateChange,
  index: number,
  add: AddStep,
  ready: { declared: number | undefined; bindSteps: readonly number[] },
): void {
  const waitFor = [ready.declared, ...ready.bindSteps];
  const held = new Map<string, Binding>();
  for (const b of [...(c.holding.found?.bindings ?? []), ...c.holding.bindings.map((b) => retarget(b, c.holding.name))]) {
    held.set(bindingKey(b), b);
  }
  const unbinds = [...held.values()].map((b) => add({ op: 'unbind', binding: b }, index, waitFor));
  add({ op: 'drain-queue', vhost: c.vhost, name: c.holding.name, into: c.name }, index, [...waitFor, ...unbinds]);
}

/** The same binding, to queue `destination`. */
function retarget(b: Binding, destination: string): Binding {
  return { vhost: b.vhost, source: b.source, destination, destinationType: 'queue', routingKey: b.routingKey, arguments: b.arguments };
}
