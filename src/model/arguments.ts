import type { ArgumentValue, Arguments } from './topology.js';

/**
 * Well-known x-arguments whose value is a number. A broker or an older definitions file may
 * hold them as strings ("60000"); RabbitMQ itself treats them as numbers, so topo does too.
 */
const NUMERIC_ARGUMENTS: ReadonlySet<string> = new Set([
  'x-message-ttl',
  'x-expires',
  'x-max-length',
  'x-max-length-bytes',
  'x-max-priority',
  'x-delivery-limit',
  'x-quorum-initial-group-size',
  'x-quorum-target-group-size',
  'x-max-age-seconds',
  'x-stream-max-segment-size-bytes',
  'x-initial-cluster-size',
  'x-max-in-memory-length',
  'x-max-in-memory-bytes',
  // policy definition keys
  'message-ttl',
  'expires',
  'max-length',
  'max-length-bytes',
  'delivery-limit',
  'max-priority',
  'stream-max-segment-size-bytes',
  'initial-cluster-size',
  'target-group-size',
  'ha-sync-batch-size',
  'federation-upstream-max-hops',
]);

/**
 * Canonical arguments: keys sorted, well-known numeric values as numbers. Returns a new
 * object and never mutates its input. `omit` drops keys that live elsewhere in the model
 * (such as `x-queue-type`).
 */
export function canonicalArguments(
  args: Arguments | null | undefined,
  omit: readonly string[] = [],
): Arguments {
  const out: Arguments = {};
  if (!args) return out;
  for (const key of Object.keys(args).sort()) {
    if (omit.includes(key)) continue;
    const value = args[key] as ArgumentValue;
    out[key] = NUMERIC_ARGUMENTS.has(key) ? asNumber(value) : value;
  }
  return out;
}

/**
 * Whether `canonicalArguments(args, omit)` would give the same keys in the same order with the
 * same values: then the object can stay as it is. Both producers of a topology build canonical
 * arguments already, and copying every object of 100,000 again cost a tenth of a validate.
 */
export function isCanonicalArguments(args: Arguments | null | undefined, omit: readonly string[] = []): boolean {
  if (!args) return false;
  let previous: string | undefined;
  for (const key in args) {
    if (omit.includes(key) || (previous !== undefined && !(previous < key))) return false;
    const value = args[key] as ArgumentValue;
    if (NUMERIC_ARGUMENTS.has(key) && asNumber(value) !== value) return false;
    previous = key;
  }
  return true;
}

function asNumber(value: ArgumentValue): ArgumentValue {
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return value;
}
