import type { Arguments } from '../model/topology.js';

/** The headers with which a publisher adds routing keys (sender-selected distribution). */
const ROUTING_HEADERS = ['CC', 'BCC'] as const;

/**
 * Every routing key a message is routed with: its own, then the strings of its `CC` and
 * `BCC` array headers, as rabbit_basic:header_routes does. Returns `undefined` when one of
 * those headers is not an array: RabbitMQ refuses such a message.
 */
export function routingKeysOf(routingKey: string, headers: Arguments): string[] | undefined {
  const keys = [routingKey];
  for (const name of ROUTING_HEADERS) {
    const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
    if (value === undefined) continue;
    if (!Array.isArray(value)) return undefined;
    for (const key of value) if (typeof key === 'string') keys.push(key);
  }
  return keys;
}
