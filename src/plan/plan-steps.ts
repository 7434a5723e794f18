import { PLUGIN_COMPONENTS } from '../model/parameters.js';
import { OBJECT_KINDS } from '../model/topology.js';
import type { Binding, DestinationType, ObjectKind } from '../model/topology.js';
import { accessDeleteOperation, accessOperations } from './access-steps.js';
import type { Change, MigrateChange } from './change.js';
import { migrationPhase, planMigrationFinish, planMigrationStart } from './migration-steps.js';
import type { PlanOptions } from './plan.js';
import type { Step, StepOperation } from './step.js';
import { unreachable } from './unreachable.js';

/** Deletes run in the reverse order of creates: policies first, then bindings, queues, exchanges. */
const DELETE_ORDER: readonly ObjectKind[] = [...OBJECT_KINDS].reverse();

/**
 * The management API calls that carry out `changes`, in a valid execution order, each with
 * the steps it must wait for. Pure. Deletes come first (kinds in reverse order), then creates
 * and updates (vhosts → exchanges → queues → bindings → policies). A replace is a delete step
 * and a declare step that depends on it; a binding depends on the declare of each endpoint
 * the plan creates or replaces, so a re-created binding is made after its object is back;
 * everything in a vhost the plan creates depends on that vhost's step. Dangling references
 * (alternate or dead-letter exchanges) are allowed by RabbitMQ and add no dependency.
 *
 * A binding whose queue or exchange the plan deletes (pruned or replaced) gets no unbind
 * step: the broker removes it with that object, so its change has no step of its own.
 *
 * A migrate is two halves (./migration-steps.ts): the first where a replace would declare the
 * queue, the second after every other step, once the queue has its bindings back.
 */
export function planSteps(changes: readonly Change[], options: PlanOptions): Step[] {
  const steps: Step[] = [];
  const add = (op: StepOperation, change: number, deps: readonly (number | undefined)[]): number => {
    const id = steps.length;
    const given = deps.filter((d): d is number => d !== undefined);
    const dependsOn = given.length > 1 ? [...new Set(given)].sort((a, b) => a - b) : given;
    // Object.assign, not a spread: ten times faster on the mixed shapes of operations.
    steps.push(Object.assign({ id, change, dependsOn }, op));
    return id;
  };
  const byKind = new Map<ObjectKind, number[]>(OBJECT_KINDS.map((k) => [k, []]));
  const gone = new Set<string>();
  changes.forEach((c, i) => {
    byKind.get(c.kind)?.push(i);
    if ((c.kind === 'exchange' || c.kind === 'queue') && (c.action === 'delete' || c.action === 'replace')) {
      gone.add(endpointKey(c.kind, c.vhost, c.name));
    }
    if (c.action === 'migrate' && migrationPhase(c).declares) gone.add(endpointKey('queue', c.vhost, c.name));
  });

  // A vhost's limits are one runtime parameter that each limit call reads and writes whole:
  // two at once lose one (measured on 3.10.8), so each waits for the one before (by vhost).
  const lastLimitStep = new Map<string, number>();
  const limitChain = (op: StepOperation): number[] => {
    if (op.op !== 'put-vhost-limit' && op.op !== 'delete-vhost-limit') return [];
    const before = lastLimitStep.get(op.vhost);
    lastLimitStep.set(op.vhost, steps.length);
    return before === undefined ? [] : [before];
  };
  // A pruned user's permissions are cleared before the user goes: the two calls at once made
  // RabbitMQ 3.10.8 answer 500 to the permission's when the user vanished between its checks.
  // (DELETE_ORDER puts permissions before users.)
  const accessDeletes = new Map<string, number[]>();
  const deleteStep = new Map<number, number>();
  for (const kind of DELETE_ORDER) {
    for (const i of byKind.get(kind) ?? []) {
      const op = deleteOperation(changes[i] as Change, !options.allowDataLoss);
      if (!op || (op.op === 'unbind' && goesWithEndpoint(op.binding, gone))) continue;
      const clearedFirst = op.op === 'delete-user' ? (accessDeletes.get(op.name) ?? []) : [];
      const id = add(op, i, [...limitChain(op), ...clearedFirst]);
      deleteStep.set(i, id);
      if (op.op === 'delete-permission' || op.op === 'delete-topic-permissions') pushTo(accessDeletes, op.user, id);
    }
  }

  const vhostStep = new Map<string, number>();
  const userStep = new Map<string, number>();
  const declareStep = new Map<string, number>();
  const bindSteps = new Map<string, number[]>();
  const migrations: number[] = [];
  for (const kind of OBJECT_KINDS) {
    for (const i of byKind.get(kind) ?? []) {
      const c = changes[i] as Change;
      if (c.action === 'migrate') {
        migrations.push(i);
        const declared = planMigrationStart(c, i, add, {
          exchangeDeclared: (name) => declareStep.get(endpointKey('exchange', c.vhost, name)),
          exchangeGone: (name) => gone.has(endpointKey('exchange', c.vhost, name)),
          vhostStep: vhostStep.get(c.vhost),
        });
        if (declared !== undefined) declareStep.set(endpointKey('queue', c.vhost, c.name), declared);
        continue;
      }
      const access = accessOperations(c);
      if (access) {
        // A permission waits for its user and vhost when the plan creates them; a user's calls run in order.
        const user = c.kind === 'permission' || c.kind === 'topicPermission' ? userStep.get(c.name) : undefined;
        // RabbitMQ 4.x refuses a topic permission on an exchange that does not exist yet.
        const exchanges = c.kind === 'topicPermission' && c.action !== 'delete' && c.action !== 'unmanaged'
          ? Object.keys(c.after.exchanges).map((e) => declareStep.get(endpointKey('exchange', c.vhost, e)))
          : [];
        let previous: number | undefined;
        for (const op of access) {
          previous = add(op, i, [vhostStep.get(c.vhost), deleteStep.get(i), user, previous, ...exchanges]);
          if (op.op === 'put-user' && c.action === 'create') userStep.set(op.user.name, previous);
        }
        continue;
      }
      const op = createOperation(c);
      if (!op) continue;
      const deps = [vhostStep.get(c.vhost), deleteStep.get(i), ...limitChain(op)];
      if (op.op === 'bind') {
        const b = op.binding;
        deps.push(declareStep.get(endpointKey('exchange', b.vhost, b.source)));
        deps.push(declareStep.get(endpointKey(b.destinationType, b.vhost, b.destination)));
      }
      const id = add(op, i, deps);
      if (op.op === 'bind') pushTo(bindSteps, endpointKey(op.binding.destinationType, c.vhost, op.binding.destination), id);
      if (op.op === 'put-vhost' && c.action === 'create') vhostStep.set(c.vhost, id);
      const protect = op.op === 'put-vhost' ? protectionChange(c) : undefined;
      if (protect !== undefined) add({ op: 'protect-vhost', vhost: c.vhost, protect }, i, [id]);
      if (op.op === 'declare-exchange') declareStep.set(endpointKey('exchange', c.vhost, c.name), id);
      if (op.op === 'declare-queue') declareStep.set(endpointKey('queue', c.vhost, c.name), id);
    }
  }
  for (const i of migrations) {
    const c = changes[i] as MigrateChange;
    const key = endpointKey('queue', c.vhost, c.name);
    planMigrationFinish(c, i, add, { declared: declareStep.get(key), bindSteps: bindSteps.get(key) ?? [] });
  }
  return steps;
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The call that removes what a delete or replace removes; undefined for other actions. */
function deleteOperation(c: Change, ifEmpty: boolean): StepOperation | undefined {
  if (c.action !== 'delete' && c.action !== 'replace') return undefined;
  switch (c.kind) {
    case 'vhost':
      // The diff only compares vhosts the spec names, so no vhost is ever unmanaged.
      throw new Error(`topo never deletes a vhost (${c.name})`);
    case 'exchange':
      return { op: 'delete-exchange', vhost: c.vhost, name: c.name };
    case 'queue':
      return { op: 'delete-queue', vhost: c.vhost, name: c.name, ifEmpty };
    case 'binding':
      return { op: 'unbind', binding: c.before };
    case 'policy':
    case 'operatorPolicy':
      return { op: 'delete-policy', vhost: c.vhost, name: c.name, operator: c.kind === 'operatorPolicy' };
    case 'vhostLimit':
      return { op: 'delete-vhost-limit', vhost: c.vhost, name: c.name };
    case 'shovel':
    case 'federationUpstream':
      return { op: 'delete-parameter', component: PLUGIN_COMPONENTS[c.kind].component, vhost: c.vhost, name: c.name };
    case 'globalParameter':
      return { op: 'delete-global-parameter', name: c.name };
    case 'user':
    case 'permission':
    case 'topicPermission':
      return accessDeleteOperation(c);
    default:
      return unreachable(c);
  }
}

/** The call that makes the desired object exist; undefined for actions that create nothing. */
function createOperation(c: Change): StepOperation | undefined {
  if (c.action !== 'create' && c.action !== 'update' && c.action !== 'replace') return undefined;
  switch (c.kind) {
    case 'vhost':
      return { op: 'put-vhost', vhost: c.after };
    case 'exchange':
      return { op: 'declare-exchange', exchange: c.after };
    case 'queue':
      return { op: 'declare-queue', queue: c.after };
    case 'binding':
      return { op: 'bind', binding: c.after };
    case 'policy':
    case 'operatorPolicy':
      return { op: 'put-policy', policy: c.after, operator: c.kind === 'operatorPolicy' };
    case 'vhostLimit':
      return { op: 'put-vhost-limit', vhost: c.vhost, name: c.name, value: c.after.value };
    case 'shovel':
    case 'federationUpstream':
      return { op: 'put-parameter', component: PLUGIN_COMPONENTS[c.kind].component, parameter: c.after };
    case 'globalParameter':
      return { op: 'put-global-parameter', parameter: c.after };
    case 'user':
    case 'permission':
    case 'topicPermission':
      // Planned by accessOperations.
      return undefined;
    default:
      return unreachable(c);
  }
}

/**
 * The deletion protection a vhost's change sets, if any: a created vhost that asks for it, or
 * an update that changes it. A vhost PUT leaves the protection as it is.
 */
function protectionChange(c: Change): boolean | undefined {
  if (c.kind !== 'vhost') return undefined;
  if (c.action === 'create') return c.after.protectedFromDeletion === true ? true : undefined;
  if (c.action === 'update' && c.changed.some((p) => p.path === 'protectedFromDeletion')) return c.after.protectedFromDeletion;
  return undefined;
}

function goesWithEndpoint(b: Binding, gone: ReadonlySet<string>): boolean {
  return gone.has(endpointKey('exchange', b.vhost, b.source)) || gone.has(endpointKey(b.destinationType, b.vhost, b.destination));
}

function endpointKey(kind: DestinationType, vhost: string, name: string): string {
  return `${kind}\u0000${vhost}\u0000${name}`;
}
