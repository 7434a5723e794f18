import type { LinePositions } from './line-index.js';
import type { PathSet } from './path-set.js';
import { offsetAt, type NodePosition } from './position-index.js';
import type { SourceLocation } from '../model/topology.js';

/** A path into a document's value: mapping keys and list indexes, as in a JSON Pointer. */
export type Path = readonly (string | number)[];

/**
 * One YAML document of a spec file, parsed and interpolated. `value` is plain JSON;
 * `positions` says where each of its nodes was written, so that any path can be turned into
 * a `file:line:col`. The same whichever parser read the file.
 */
export interface SpecDocument {
  /** The file as the user named it (directory + relative path). */
  file: string;
  /** The document's content as plain JSON (null for an empty document). */
  value: unknown;
  /** Where the nodes of `value` were written; undefined when nothing was. */
  positions: NodePosition | undefined;
  /** Line and column of an offset in the file. */
  lines: LinePositions;
  /** Values whose `${...}` reference could not be resolved (already reported). */
  unresolved: PathSet;
}

/** A node of a spec document: where any of its fields can be located. */
export interface NodeRef {
  document: SpecDocument;
  path: Path;
}

/** 1-based position of a character offset in the document's file. */
export function positionOf(document: Pick<SpecDocument, 'file' | 'lines'>, offset: number): SourceLocation {
  const { line, col } = document.lines.linePos(offset);
  return { file: document.file, line, col };
}

/**
 * Where the node at `path` was written. With `prefer: 'key'`, a mapping entry is located at
 * its key (`orders:`) rather than its value; lists items at the item. A path that goes
 * further than the document falls back to the deepest node that exists, so a missing field
 * is reported at the object that lacks it.
 */
export function locate(document: SpecDocument, path: Path, prefer: 'key' | 'value' = 'value'): SourceLocation {
  const offset = offsetAt(document.positions, path, prefer);
  return offset === undefined ? { file: document.file, line: 1, col: 1 } : positionOf(document, offset);
}
