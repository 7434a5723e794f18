import { isSeq, type Document, type LineCounter, type Node as YamlNode, type Pair } from 'yaml';
import type { PathSet } from './path-set.js';
import type { SourceLocation } from './topology.js';

/** A path into a document's value: mapping keys and list indexes, as in a JSON Pointer. */
export type Path = readonly (string | number)[];

/**
 * One YAML document of a spec file, parsed and interpolated. `value` is plain JSON; the
 * YAML nodes stay available so that any path can be turned into a `file:line:col`.
 */
export interface SpecDocument {
  /** The file as the user named it (directory + relative path). */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document's content as plain JSON (null for an empty document). */
  value: unknown;
  /** Each mapping's pairs by key, built while converting; first occurrence of a key only. */
  pairs: WeakMap<YamlNode, Map<string, Pair<YamlNode, YamlNode | null>>>;
  /** Each alias's anchored node, resolved once while converting. */
  aliases: WeakMap<YamlNode, YamlNode>;
  /** Values whose `${...}` reference could not be resolved (already reported). */
  unresolved: PathSet;
}

/** A node of a spec document: where any of its fields can be located. */
export interface NodeRef {
  document: SpecDocument;
  path: Path;
}

/** 1-based position of a character offset in the document's file. */
export function positionOf(document: SpecDocument, offset: number): SourceLocation {
  const { line, col } = document.lineCounter.linePos(offset);
  return { file: document.file, line, col };
}

/**
 * Where the node at `path` was written. With `prefer: 'key'`, a mapping entry is located at
 * its key (`orders:`) rather than its value; lists items at the item. A path that goes
 * further than the document falls back to the deepest node that exists, so a missing field
 * is reported at the object that lacks it.
 */
export function locate(document: SpecDocument, path: Path, prefer: 'key' | 'value' = 'value'): SourceLocation {
  let node: YamlNode | null = document.doc.contents;
  let located: YamlNode | null = node;
  // The key of `located` when it is a mapping entry's value.
  let key: YamlNode | null = null;
  for (const segment of path) {
    const current = node && (document.aliases.get(node) ?? node);
    if (!current) break;
    const index = document.pairs.get(current);
    if (index) {
      const pair = index.get(String(segment));
      if (!pair) break;
      key = pair.key;
      node = pair.value;
    } else if (isSeq(current) && typeof segment === 'number' && segment < current.items.length) {
      key = null;
      node = current.items[segment] as YamlNode | null;
    } else {
      break;
    }
    located = node?.range ? node : key;
  }
  const target = prefer === 'key' && key ? key : located;
  const offset = target?.range?.[0];
  return offset === undefined ? { file: document.file, line: 1, col: 1 } : positionOf(document, offset);
}
