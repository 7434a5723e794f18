/** Calls `pair` for each desired object (with its actual twin, if any), `extra` for the rest. */
export function matchByName<T extends { name: string }>(
  desired: readonly T[],
  actual: readonly T[],
  pair: (want: T, have: T | undefined) => void,
  extra: (have: T) => void,
): void {
  const wanted = new Map(desired.map((o) => [o.name, o]));
  const existing = new Map(actual.map((o) => [o.name, o]));
  for (const [name, want] of wanted) pair(want, existing.get(name));
  for (const [name, have] of existing) if (!wanted.has(name)) extra(have);
}
