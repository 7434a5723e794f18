import type { ArgumentValue, Arguments } from '../model/topology.js';

/**
 * A test's headers as amqplib must be given them so that they travel with the types the
 * spec wrote: strings as long strings, integers as integers, other numbers as doubles,
 * booleans, `null` as void, lists as arrays and maps as tables. amqplib reads a map with a
 * `!` key as a type annotation, so such a map is wrapped to stay a table. Pure.
 */
export function amqpHeaders(headers: Arguments): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, fieldValue(value)]));
}

function fieldValue(value: ArgumentValue): unknown {
  if (Array.isArray(value)) return value.map(fieldValue);
  if (value === null || typeof value !== 'object') return value;
  const table = amqpHeaders(value);
  return Object.hasOwn(table, '!') ? { '!': 'object', value: table } : table;
}
