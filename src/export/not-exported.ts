import { countOf } from '../text/count-of.js';

/** What export leaves out because the format cannot say it, grouped for one line. */
export interface NotExported {
  /** The kind in the singular and plural: `shovel`, `shovels`. */
  one: string;
  many: string;
  /** Why, after the count: `using amqp10`. */
  reason: string;
  /** Who, as people name it: `"shop"/"legacy"`. */
  name: string;
}

/**
 * The one line `topo export` writes on stderr when it left something out, or undefined when it
 * left out nothing: `not exported: 2 shovels using amqp10 ("shop"/"a", "shop"/"b"); ...`.
 * Groups keep the order of their first item. Pure.
 */
export function notExportedLine(items: readonly NotExported[]): string | undefined {
  if (items.length === 0) return undefined;
  const groups = new Map<string, NotExported[]>();
  for (const item of items) {
    const key = `${item.one}\u0000${item.reason}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const parts = [...groups.values()].map((group) => {
    const [first] = group as [NotExported];
    return `${countOf(group.length, first.one, first.many)} ${first.reason} (${group.map((i) => i.name).join(', ')})`;
  });
  return `not exported: ${parts.join('; ')}`;
}
