import { sameValue } from '../model/canonical-json.js';
import { compareStrings } from '../text/compare-strings.js';
import type { ArgumentValue, Arguments } from '../model/topology.js';
import type { PropertyChange } from './change.js';

/**
 * The properties that differ between two objects: each listed scalar key compared with `===`
 * (numbers as numbers), then each entry of the map property (`arguments`, `definition`)
 * compared by value with key order ignored, as `map.key`. Pure; order: scalars as listed,
 * then map keys sorted.
 */
export function propertyChanges<T, S extends keyof T & string, M extends keyof T & string>(
  before: T,
  after: T,
  scalars: readonly S[],
  map: M,
): PropertyChange[] {
  const out: PropertyChange[] = [];
  for (const key of scalars) {
    const b = before[key] as ArgumentValue | undefined;
    const a = after[key] as ArgumentValue | undefined;
    if (b !== a) out.push({ path: key, before: b, after: a });
  }
  out.push(...mapChanges(map, before[map] as Arguments, after[map] as Arguments));
  return out;
}

/** The entries of two argument maps that differ, as `prefix.key`, keys sorted. */
export function mapChanges(prefix: string, before: Arguments, after: Arguments): PropertyChange[] {
  // Most maps are equal and small: find the differing keys first, sort only those.
  const differing: string[] = [];
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key) || !sameEntry(before[key] as ArgumentValue, after[key] as ArgumentValue)) differing.push(key);
  }
  for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) differing.push(key);
  return differing.sort(compareStrings).map((key) => ({
    path: `${prefix}.${key}`,
    before: Object.hasOwn(before, key) ? before[key] : undefined,
    after: Object.hasOwn(after, key) ? after[key] : undefined,
  }));
}

/** Equal by value; `===` decides for scalars (1 and 1.0 are equal, 1 and "1" are not). */
function sameEntry(a: ArgumentValue, b: ArgumentValue): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && sameValue(a, b));
}
