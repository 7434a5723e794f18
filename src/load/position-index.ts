import type { Path } from './path.js';

/**
 * Where one value of a spec document was written: the character offset of its first
 * character in the file. A mapping or list also holds where each of its entries was
 * written; a scalar is just its offset. Offsets, not lines, so that building the index
 * costs nothing per node beyond what the parser already knows.
 */
export type NodePosition = number | MappingPosition | SequencePosition;

export interface MappingPosition {
  readonly at: number;
  /** By key as it appears in the document's value (after interpolation); first occurrence only. */
  readonly entries: ReadonlyMap<string, EntryPosition>;
}

export interface SequencePosition {
  readonly at: number;
  /** `undefined` for an item that has no node of its own. */
  readonly items: readonly (NodePosition | undefined)[];
}

/** A mapping entry: where its key was written, and its value (absent in `{ key }`). */
export interface EntryPosition {
  readonly key: number;
  readonly value: NodePosition | undefined;
}

/** The offset of a node. */
function offsetOfNode(node: NodePosition): number {
  return typeof node === 'number' ? node : node.at;
}

/**
 * The offset where the node at `path` was written. With `prefer: 'key'`, a mapping entry is
 * its key rather than its value. A path that goes further than the document stops at the
 * deepest node that exists (or that node's key). `undefined` when nothing was written there
 * (an empty document).
 */
export function offsetAt(root: NodePosition | undefined, path: Path, prefer: 'key' | 'value'): number | undefined {
  let node = root;
  let located = root === undefined ? undefined : offsetOfNode(root);
  // The key of `located` when it is a mapping entry's value.
  let key: number | undefined;
  for (const segment of path) {
    if (node === undefined || typeof node === 'number') break;
    if ('entries' in node) {
      const entry = node.entries.get(String(segment));
      if (!entry) break;
      key = entry.key;
      node = entry.value;
    } else if (typeof segment === 'number' && segment < node.items.length) {
      key = undefined;
      node = node.items[segment];
    } else {
      break;
    }
    located = node === undefined ? key : offsetOfNode(node);
  }
  return prefer === 'key' && key !== undefined ? key : located;
}
