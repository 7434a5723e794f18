import type { ArgumentValue } from './topology.js';

/**
 * JSON with object keys sorted at every depth, so two values that RabbitMQ treats as equal
 * have the same text. Used for identity keys and equality; not for display.
 */
export function canonicalJson(value: ArgumentValue | undefined): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

/** Deep equality of argument values, with object key order ignored. */
export function sameValue(a: ArgumentValue | undefined, b: ArgumentValue | undefined): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
