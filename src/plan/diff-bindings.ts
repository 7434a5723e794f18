import { bindingKey } from '../model/identity.js';
import type { Binding } from '../model/topology.js';
import type { Change } from './change.js';
import { bindingLabel } from './object-label.js';

/** What the binding diff of one vhost needs to know from the rest of that vhost's diff. */
export interface BindingDiffContext {
  vhost: string;
  /** Matches names the vhost's `ignore` keeps out. */
  ignored: (name: string) => boolean;
  /** Exclusive queues of the spec: their bindings belong to the application. */
  runtimeQueues: ReadonlySet<string>;
  replacedExchanges: ReadonlySet<string>;
  replacedQueues: ReadonlySet<string>;
  /** Receives each change with its identity (for ordering). */
  emit: (change: Change, id: string) => void;
}

/**
 * The binding changes of one vhost. Bindings are matched by identity (bindingKey), so a
 * changed field is a create plus an unmanaged binding, never an update. A binding is left
 * out when either end is ignored; one to a runtime queue is `runtime` (and on the broker,
 * not reported). A binding on the broker that the replace of its source or destination
 * would take with it is re-created (`recreatedFor`): a spec one as declared, one outside
 * the spec as it was (`outsideSpec`). Linear in the number of bindings.
 */
export function diffBindings(desired: readonly Binding[], actual: readonly Binding[], ctx: BindingDiffContext): void {
  const { vhost, emit } = ctx;
  const ignored = (b: Binding): boolean => ctx.ignored(b.source) || ctx.ignored(b.destination);
  const runtime = (b: Binding): boolean => b.destinationType === 'queue' && ctx.runtimeQueues.has(b.destination);

  const wanted = new Map<string, Binding>();
  for (const b of desired) {
    if (ignored(b)) continue;
    const key = bindingKey(b);
    if (!runtime(b)) {
      wanted.set(key, b);
    } else if (!wanted.has(key)) {
      wanted.set(key, b);
      emit({ action: 'runtime', kind: 'binding', vhost, name: bindingLabel(b), after: b }, key);
    }
  }
  const seen = new Set<string>();
  for (const before of actual) {
    if (before.source === '' || runtime(before)) continue;
    const key = bindingKey(before);
    if (seen.has(key)) continue;
    seen.add(key);
    const recreatedFor = lostWith(before, ctx);
    const after = wanted.get(key);
    // A binding the broker has as wanted, the common case, is named only when it changes.
    if (after) {
      if (recreatedFor) emit({ action: 'create', kind: 'binding', vhost, name: bindingLabel(before), after, recreatedFor }, key);
    } else if (recreatedFor) {
      const outsideSpec = ignored(before) ? 'ignored' : 'unmanaged';
      emit({ action: 'create', kind: 'binding', vhost, name: bindingLabel(before), after: before, recreatedFor, outsideSpec }, key);
    } else if (!ignored(before)) {
      emit({ action: 'unmanaged', kind: 'binding', vhost, name: bindingLabel(before), before }, key);
    }
  }
  for (const [key, after] of wanted) {
    if (!seen.has(key) && !runtime(after)) {
      emit({ action: 'create', kind: 'binding', vhost, name: bindingLabel(after), after }, key);
    }
  }
}

/** The replaced object whose delete takes this binding with it, if any. */
function lostWith(b: Binding, ctx: BindingDiffContext): { kind: 'exchange' | 'queue'; name: string } | undefined {
  if (ctx.replacedExchanges.has(b.source)) return { kind: 'exchange', name: b.source };
  const replaced = b.destinationType === 'queue' ? ctx.replacedQueues : ctx.replacedExchanges;
  return replaced.has(b.destination) ? { kind: b.destinationType, name: b.destination } : undefined;
}
