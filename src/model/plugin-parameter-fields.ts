import type { ArgumentValue, Arguments } from './topology.js';
import type { PluginKind } from './parameters.js';

/**
 * How a spec writes a shovel or a federation upstream, and the parameter value RabbitMQ keeps:
 * camelCase fields (`maxHops`, `ackMode`) are RabbitMQ's keys (`max-hops`, `ack-mode`); a
 * shovel's `source` and `destination` groups are its `src-` and `dest-` keys. The spec writes
 * AMQP 0-9-1 shovels only: AMQP 1.0 and local shovels have other keys, so export lists them as
 * not exported. Shared by the loader (spec → value) and export (value → spec).
 */

/** A shovel or federation upstream as a spec writes it: fields, and for shovels two groups. */
export type PluginParameterSpec = { [field: string]: ArgumentValue };

/** The fields of each group, in the order export writes them. */
const SHOVEL_SOURCE = ['uri', 'protocol', 'queue', 'exchange', 'exchangeKey', 'prefetchCount', 'deleteAfter', 'consumerArgs', 'queueArgs', 'predeclared'];
const SHOVEL_DESTINATION = ['uri', 'protocol', 'queue', 'exchange', 'exchangeKey', 'addForwardHeaders', 'addTimestampHeader', 'publishProperties', 'queueArgs', 'predeclared'];
const SHOVEL_TOP = ['ackMode', 'reconnectDelay'];
const FEDERATION_UPSTREAM = [
  'uri', 'exchange', 'queue', 'maxHops', 'expires', 'messageTtl', 'prefetchCount', 'reconnectDelay', 'ackMode',
  'trustUserId', 'haPolicy', 'consumerTag', 'bindNowait', 'resourceCleanupMode', 'channelUseMode', 'queueType',
];

/** Where each field of a spec goes: a group (or none) and RabbitMQ's key. */
interface FieldPlace {
  group?: 'source' | 'destination';
  field: string;
  key: string;
}

const PLACES: Record<PluginKind, readonly FieldPlace[]> = {
  shovel: [
    ...SHOVEL_SOURCE.map((field) => ({ group: 'source' as const, field, key: `src-${kebab(field)}` })),
    ...SHOVEL_DESTINATION.map((field) => ({ group: 'destination' as const, field, key: `dest-${kebab(field)}` })),
    ...SHOVEL_TOP.map((field) => ({ field, key: kebab(field) })),
  ],
  federationUpstream: FEDERATION_UPSTREAM.map((field) => ({ field, key: kebab(field) })),
};

/** The field names a spec may write for `kind` (groups as `source.uri`), for the schema's tests. */
export function pluginParameterFields(kind: PluginKind): string[] {
  return PLACES[kind].map((p) => (p.group ? `${p.group}.${p.field}` : p.field));
}

/** The parameter value of a spec that passed the schema: RabbitMQ's keys, sorted. */
export function pluginParameterValue(kind: PluginKind, spec: PluginParameterSpec): Arguments {
  const value: Arguments = {};
  for (const place of PLACES[kind]) {
    const from = place.group ? spec[place.group] : spec;
    if (from === null || typeof from !== 'object' || Array.isArray(from)) continue;
    const v = (from as Arguments)[place.field];
    if (v !== undefined) value[place.key] = v;
  }
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k] as ArgumentValue]));
}

/**
 * The spec fields of a parameter value, or the keys no spec can write (an AMQP 1.0 shovel's
 * `src-address`, a key of a newer or older plugin): such a parameter is not exported.
 */
export function pluginParameterSpec(
  kind: PluginKind,
  value: Arguments,
): { spec: PluginParameterSpec } | { unknownKeys: string[] } {
  const byKey = new Map(PLACES[kind].map((p) => [p.key, p]));
  const unknownKeys = Object.keys(value).filter((k) => !byKey.has(k));
  if (unknownKeys.length > 0) return { unknownKeys };
  const spec: PluginParameterSpec = {};
  for (const place of PLACES[kind]) {
    if (!Object.hasOwn(value, place.key)) continue;
    const v = value[place.key] as ArgumentValue;
    if (!place.group) {
      spec[place.field] = v;
      continue;
    }
    const group = (spec[place.group] ??= {}) as Arguments;
    group[place.field] = v;
  }
  return { spec };
}

/** The keys of a parameter value whose values are URIs: they may carry credentials. */
export function isUriKey(key: string): boolean {
  return key === 'uri' || key.endsWith('-uri');
}

function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
