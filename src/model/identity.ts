import { canonicalJson } from './canonical-json.js';
import type { Binding } from './topology.js';

/**
 * Identity keys: two objects with the same key are the same object on the broker. Used by
 * the loader (duplicates), the diff (matching desired to actual) and sorting. A NUL byte
 * separates parts because no RabbitMQ name can contain one.
 */
const SEP = '\u0000';

export function namedKey(o: { vhost: string; name: string }): string {
  return `${o.vhost}${SEP}${o.name}`;
}

/** Identity of a binding: (vhost, source, destinationType, destination, routingKey, arguments). */
export function bindingKey(
  b: Pick<Binding, 'vhost' | 'source' | 'destination' | 'destinationType' | 'routingKey' | 'arguments'>,
): string {
  // A template, not an array joined: this runs once per binding in the loader, the diff and the sort.
  return `${b.vhost}${SEP}${b.source}${SEP}${b.destinationType}${SEP}${b.destination}${SEP}${b.routingKey}${SEP}${canonicalJson(b.arguments)}`;
}
