import { Document, isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';

/** Options every topo YAML text is written with; see {@link yamlDocument}. */
const SCHEMA_OPTIONS = {
  // Quote every string a YAML 1.1 reader would misread (yes, on, 0x1f, ...), not only those
  // YAML 1.2 would: editors and older tools still read spec files as YAML 1.1.
  compat: 'yaml-1.1',
} as const;

/** Never fold lines: a flow collection must stay on its one line. */
export const TO_STRING_OPTIONS = { lineWidth: 0 } as const;

/** A YAML Document of plain data (Maps keep their insertion order). */
export function yamlDocument(value: unknown): Document {
  return new Document(value, SCHEMA_OPTIONS);
}

export type YamlPath = readonly (string | number)[];

/**
 * Writes a collection in flow style (`{ type: topic }`, `[a, b]`) when its one-line form
 * fits within `lineWidth` columns at its place, and `keepBlock(path)` does not pin it to
 * block style (an empty one is always `{}` or `[]`); otherwise it stays block style and its
 * children are tried in turn. Works top-down, so the outermost collection that fits is the
 * one written on one line.
 * Mutates the nodes' `flow` flag only.
 */
export function applyFlowLayout(
  doc: Document,
  keepBlock: (path: YamlPath) => boolean,
  lineWidth: number,
): void {
  const visit = (node: unknown, path: YamlPath, indent: number, start: number): void => {
    if (!isMap(node) && !isSeq(node)) return;
    const empty = node.items.length === 0;
    if (empty || (!keepBlock(path) && start + flowWidth(node) <= lineWidth)) {
      node.flow = true;
      return;
    }
    node.flow = false;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        visit(pair.value, [...path, key], indent + 2, indent + textOf(pair.key).length + 2);
      }
    } else {
      node.items.forEach((item, i) => visit(item, [...path, i], indent + 2, indent + 2));
    }
  };
  visit(doc.contents, [], 0, 0);
}

function flowWidth(node: YAMLMap | YAMLSeq): number {
  const was = node.flow;
  node.flow = true;
  const text = textOf(node);
  node.flow = was;
  return text.includes('\n') ? Number.POSITIVE_INFINITY : text.length;
}

/** The text of one node as it would appear in the document. */
function textOf(node: unknown): string {
  const doc = new Document(null, SCHEMA_OPTIONS);
  doc.contents = node as Document['contents'];
  return doc.toString(TO_STRING_OPTIONS).trimEnd();
}
