import { lazyLocation } from './lazy-location.js';
import type { PathSet } from './path-set.js';
import { offsetAt, type NodePosition } from './position-index.js';
import type { SourceLocation } from '../model/topology.js';

export type { Path } from './path.js';
import type { Path } from './path.js';

/** Turns character offsets of a file into 1-based line and column numbers (the yaml package's LineCounter). */
export interface LinePositions {
  linePos(offset: number): { line: number; col: number };
}

/** Where the nodes of one document were written, as offsets in its file, and the file's lines. */
export interface DocumentPositions {
  /** Undefined when nothing was written (an empty document) or the file could not be located. */
  readonly root: NodePosition | undefined;
  readonly lines: LinePositions;
}

/** The positions of a document nothing of which can be located: every path is at 1:1. */
export const NO_POSITIONS: DocumentPositions = { root: undefined, lines: { linePos: () => ({ line: 1, col: 1 }) } };

/**
 * One YAML document of a spec file, parsed and interpolated. `value` is plain JSON;
 * `positions()` says where each of its nodes was written, so that any path can be turned
 * into a `file:line:col`. Positions may be found only when first asked for.
 */
export interface SpecDocument {
  /** The file as the user named it (directory + relative path). */
  file: string;
  /** The document's content as plain JSON (null for an empty document). */
  value: unknown;
  /** Where the nodes of `value` were written; may read the file again on the first call. */
  positions(): DocumentPositions;
  /** Values whose `${...}` reference could not be resolved (already reported). */
  unresolved: PathSet;
}

/** A node of a spec document: where any of its fields can be located. */
export interface NodeRef {
  document: SpecDocument;
  path: Path;
}

/**
 * Where the node at `path` was written, found when the location is first read. With
 * `prefer: 'key'`, a mapping entry is located at its key (`orders:`) rather than its value;
 * lists items at the item. A path that goes further than the document falls back to the
 * deepest node that exists, so a missing field is reported at the object that lacks it.
 */
export function locate(document: SpecDocument, path: Path, prefer: 'key' | 'value' = 'value'): SourceLocation {
  return lazyLocation(document.file, () => {
    const { root, lines } = document.positions();
    const offset = offsetAt(root, path, prefer);
    return offset === undefined ? { line: 1, col: 1 } : lines.linePos(offset);
  });
}
