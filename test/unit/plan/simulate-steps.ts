/**
 * An in-memory broker that executes plan steps the way RabbitMQ's management API does, for
 * property tests of the planner: deleting a queue or an exchange removes its bindings,
 * re-declaring an object with other properties fails (406), binding needs both endpoints,
 * and a queue delete with if-empty fails on a queue holding messages. A migration's holding
 * queue is declared as the broker reader would read it back, and `drain-queue` moves the
 * message count of one queue to the other, then deletes the source (refused while any
 * exchange still routes to the source).
 */
import { holdingQueueArguments } from '../../../src/model/holding-queue.js';
import { normalizeTopology, type NormalizedTopology } from '../../../src/model/normalized-topology.js';
import { bindingKey, namedKey } from '../../../src/model/identity.js';
import { sameValue } from '../../../src/model/canonical-json.js';
import type { Step } from '../../../src/plan/step.js';
import type { ArgumentValue, Topology, Vhost } from '../../../src/model/topology.js';
import type { Random } from './random-topology.js';

/** How far to run, and what to check after each step. */
export interface SimulateOptions {
  /** Stop after this many steps, as if apply was killed there. */
  stopAfter?: number;
  /** Called with the broker state after each step. */
  afterStep?: (broker: Topology, step: Step) => void;
}

/**
 * Runs `steps` on a copy of `state` in a random order that respects `dependsOn` only (not
 * the list order), so missing dependencies show up. Throws where the broker would fail.
 * `messages` (keyed by namedKey) is updated in place.
 */
export function simulateSteps(
  state: Topology,
  steps: readonly Step[],
  next: Random,
  messages = new Map<string, number>(),
  options: SimulateOptions = {},
): NormalizedTopology {
  const broker: Topology = structuredClone(state);
  const done = new Set<number>();
  let pending = [...steps];
  for (const s of steps) for (const d of s.dependsOn) if (d >= s.id) throw new Error(`step ${s.id} depends on later step ${d}`);
  while (pending.length > 0 && done.size < (options.stopAfter ?? Infinity)) {
    const ready = pending.filter((s) => s.dependsOn.every((d) => done.has(d)));
    const step = ready[Math.floor(next() * ready.length)];
    if (!step) throw new Error('dependency cycle');
    run(broker, step, messages);
    options.afterStep?.(broker, step);
    done.add(step.id);
    pending = pending.filter((s) => s !== step);
  }
  // What a real broker read gives: the reader normalizes (broker/read-state.ts).
  return normalizeTopology(broker);
}

function run(broker: Topology, step: Step, messages: Map<string, number>): void {
  const vhostOf = (name: string): Vhost => {
    const v = broker.vhosts.find((x) => x.name === name);
    if (!v) throw new Error(`step ${step.id} (${step.op}): vhost ${name} does not exist`);
    return v;
  };
  const same = (a: unknown, b: unknown): boolean => {
    const strip = (o: unknown) => {
      const { loc: _loc, ...rest } = o as { loc?: unknown };
      return rest as unknown as ArgumentValue;
    };
    return sameValue(strip(a), strip(b));
  };
  /** Declares `object` in `list`, as the broker does: a no-op if it exists alike, a 406 if it exists otherwise. */
  const declare = <T extends { name: string }>(list: T[], kind: string, object: T): void => {
    const existing = list.find((x) => x.name === object.name);
    if (existing && !same(existing, object)) throw new Error(`406 ${kind} ${existing.name} exists with other properties`);
    if (!existing) list.push(structuredClone(object));
  };
  const dropBindings = (v: Vhost, test: (b: Vhost['bindings'][number]) => boolean) => {
    v.bindings = v.bindings.filter((b) => !test(b));
  };
  switch (step.op) {
    case 'put-vhost': {
      const existing = broker.vhosts.find((x) => x.name === step.vhost.name);
      const meta = { description: step.vhost.description, tags: step.vhost.tags };
      if (existing) Object.assign(existing, meta);
      else {
        broker.vhosts.push({ name: step.vhost.name, ...meta, exchanges: [], queues: [], bindings: [], policies: [], operatorPolicies: [], ignore: [] });
      }
      return;
    }
    case 'declare-exchange':
      declare(vhostOf(step.exchange.vhost).exchanges, 'exchange', step.exchange);
      return;
    case 'declare-queue':
      declare(vhostOf(step.queue.vhost).queues, 'queue', step.queue);
      return;
    case 'delete-exchange': {
      const v = vhostOf(step.vhost);
      v.exchanges = v.exchanges.filter((e) => e.name !== step.name);
      dropBindings(v, (b) => b.source === step.name || (b.destinationType === 'exchange' && b.destination === step.name));
      return;
    }
    case 'declare-holding-queue': {
      const { 'x-queue-type': _type, ...args } = holdingQueueArguments(step.of);
      const holding = { vhost: step.vhost, name: step.name, type: 'classic' as const, durable: true, autoDelete: false, exclusive: false, serverNamed: false, arguments: args };
      declare(vhostOf(step.vhost).queues, 'queue', holding);
      return;
    }
    case 'drain-queue': {
      const v = vhostOf(step.vhost);
      if (!v.queues.some((q) => q.name === step.name)) return;
      if (!v.queues.some((q) => q.name === step.into)) throw new Error(`drain into missing queue ${step.into}`);
      // Exchanges still routing into the source would duplicate messages into both queues
      // (and keep it from ever being empty): a plan unbinds it first.
      if (v.bindings.some((b) => b.destinationType === 'queue' && b.destination === step.name)) {
        throw new Error(`drain of queue ${step.name}, which exchanges still route to`);
      }
      const from = namedKey(step);
      const into = namedKey({ vhost: step.vhost, name: step.into });
      messages.set(into, (messages.get(into) ?? 0) + (messages.get(from) ?? 0));
      messages.delete(from);
      v.queues = v.queues.filter((q) => q.name !== step.name);
      dropBindings(v, (b) => b.destinationType === 'queue' && b.destination === step.name);
      return;
    }
    case 'delete-queue': {
      const v = vhostOf(step.vhost);
      if (step.ifEmpty && (messages.get(namedKey(step)) ?? 0) > 0) throw new Error(`queue ${step.name} is not empty`);
      v.queues = v.queues.filter((q) => q.name !== step.name);
      dropBindings(v, (b) => b.destinationType === 'queue' && b.destination === step.name);
      return;
    }
    case 'bind': {
      const v = vhostOf(step.binding.vhost);
      const b = step.binding;
      const sourceExists = b.source.startsWith('amq.') || v.exchanges.some((e) => e.name === b.source);
      const destinations = b.destinationType === 'queue' ? v.queues : v.exchanges;
      if (!sourceExists || !destinations.some((d) => d.name === b.destination)) {
        throw new Error(`404 binding ${b.source} -> ${b.destination}: an endpoint is missing`);
      }
      if (!v.bindings.some((x) => bindingKey(x) === bindingKey(b))) v.bindings.push(structuredClone(b));
      return;
    }
    case 'unbind': {
      const v = vhostOf(step.binding.vhost);
      dropBindings(v, (x) => bindingKey(x) === bindingKey(step.binding));
      return;
    }
    case 'put-policy': {
      const v = vhostOf(step.policy.vhost);
      const list = step.operator ? 'operatorPolicies' : 'policies';
      v[list] = [...v[list].filter((p) => p.name !== step.policy.name), structuredClone(step.policy)];
      return;
    }
    case 'delete-policy': {
      const v = vhostOf(step.vhost);
      const list = step.operator ? 'operatorPolicies' : 'policies';
      v[list] = v[list].filter((p) => p.name !== step.name);
      return;
    }
  }
}
