import { canonicalJson } from './canonical-json.js';
import { compareStrings } from '../text/compare-strings.js';
import type { Arguments, Binding, DestinationType } from './topology.js';

/**
 * Bindings that differ only by routing key, written as one spec entry with `routingKeys`.
 * Invariant: `routingKeys` is non-empty, sorted and free of duplicates.
 */
export interface BindingGroup {
  vhost: string;
  source: string;
  destination: string;
  destinationType: DestinationType;
  arguments: Arguments;
  routingKeys: string[];
}

/**
 * Groups bindings by (vhost, source, destinationType, destination, arguments) and sorts the
 * groups by that key, so the same bindings always give the same groups in the same order.
 * Pure: the input is not mutated.
 */
export function groupBindings(bindings: readonly Binding[]): BindingGroup[] {
  const groups = new Map<string, BindingGroup>();
  for (const b of bindings) {
    const key = groupKey(b);
    const group = groups.get(key);
    if (group) {
      if (!group.routingKeys.includes(b.routingKey)) group.routingKeys.push(b.routingKey);
    } else {
      groups.set(key, {
        vhost: b.vhost,
        source: b.source,
        destination: b.destination,
        destinationType: b.destinationType,
        arguments: b.arguments,
        routingKeys: [b.routingKey],
      });
    }
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, g]) => g);
  for (const g of sorted) g.routingKeys.sort(compareStrings);
  return sorted;
}

// Source first, so a reader finds all bindings of an exchange together; NUL cannot occur in names.
function groupKey(b: Binding): string {
  return [b.vhost, b.source, b.destinationType, b.destination, canonicalJson(b.arguments)].join('\u0000');
}
