import { sameValue } from '../model/canonical-json.js';
import type { Arguments } from '../model/topology.js';

/** How a headers binding combines its conditions (its `x-match` argument). */
export type XMatch = 'all' | 'any' | 'all-with-x' | 'any-with-x';

/**
 * The binding's `x-match` mode. Absent or unrecognised means `all`, as in RabbitMQ (which
 * refuses an unrecognised value when the binding is declared, so only `all` reaches here).
 */
export function xMatchOf(bindingArguments: Arguments): XMatch {
  const mode = bindingArguments['x-match'];
  return mode === 'any' || mode === 'all-with-x' || mode === 'any-with-x' ? mode : 'all';
}

/**
 * Whether a message with `headers` matches a headers-exchange binding with `bindingArguments`,
 * as rabbit_exchange_type_headers decides it:
 * - `x-match` itself is never a condition; other `x-` arguments are conditions only in the
 *   `*-with-x` modes;
 * - a condition holds when the header is present and equal; a `null` (AMQP void) argument
 *   only asks for the header to be present;
 * - values compare with their types: `5` is not `"5"`, `true` is not `"true"` nor `1`;
 * - `all` with no condition matches every message, `any` with no condition none.
 */
export function headersMatch(bindingArguments: Arguments, headers: Arguments): boolean {
  const mode = xMatchOf(bindingArguments);
  const withX = mode === 'all-with-x' || mode === 'any-with-x';
  const conditions = Object.keys(bindingArguments).filter(
    (key) => key !== 'x-match' && (withX || !key.startsWith('x-')),
  );
  const holds = (key: string): boolean => {
    // hasOwn: a header named like an Object.prototype member ("constructor") is not present.
    const actual = Object.hasOwn(headers, key) ? headers[key] : undefined;
    if (actual === undefined) return false;
    const expected = bindingArguments[key];
    return expected === null || sameValue(expected, actual);
  };
  return mode === 'all' || mode === 'all-with-x' ? conditions.every(holds) : conditions.some(holds);
}
