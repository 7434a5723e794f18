import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { DiagnosticList } from './diagnostic.js';
import { DocumentBuilder, setKey } from './document-builder.js';
import type { InterpolationSources } from './interpolate.js';
import type { EntryPosition, NodePosition } from './position-index.js';
import type { SpecDocument } from './parsed-document.js';

// An alias bomb (anchors referring to anchors) expands exponentially; real specs stay far below.
const MAX_EXPANDED_NODES = 5_000_000;

class ExpansionLimit extends Error {}

let yamlPackage: typeof Yaml | undefined;

/**
 * The yaml package, loaded on first use: most spec files are read by the fast path and never
 * need it, and loading it takes a noticeable part of a short command's run.
 */
function yaml(): typeof Yaml {
  yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yamlPackage;
}

/**
 * Parses one spec file with the yaml package: the reference reader, which handles all of
 * YAML (anchors, aliases, tags, several documents) and reports syntax errors. Each document
 * is converted to plain JSON with `${env:...}`/`${var:...}` references replaced. YAML syntax
 * errors, missing references and duplicate keys are reported to `diagnostics`; a document
 * with syntax errors is left out. A later duplicate key is dropped, so the first one wins.
 */
export function parseWithYaml(
  file: string,
  text: string,
  sources: InterpolationSources,
  diagnostics: DiagnosticList,
): SpecDocument[] {
  const { LineCounter, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  // uniqueKeys: false because the yaml package checks keys with a linear scan per key
  // (quadratic on a vhost with thousands of queues); duplicates are found below instead.
  const docs = withPlainEnv(() => parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false }));
  const result: SpecDocument[] = [];
  for (const doc of docs) {
    const builder = new DocumentBuilder(file, lineCounter, sources, diagnostics);
    for (const warning of doc.warnings) diagnostics.warning(builder.at(warning.pos[0]), yamlMessage(warning.message));
    if (doc.errors.length > 0) {
      for (const error of doc.errors) diagnostics.error(builder.at(error.pos[0]), yamlMessage(error.message));
      continue;
    }
    try {
      const [value, positions] = new Converter(builder, diagnostics).convert(doc.contents);
      result.push(builder.document(value, positions));
    } catch (error) {
      if (!(error instanceof ExpansionLimit)) throw error;
      diagnostics.error(builder.at(doc.contents?.range?.[0] ?? 0), error.message);
    }
  }
  return result;
}

/**
 * Runs `parse` with `process.env` replaced by a plain copy. The yaml package reads
 * `process.env.LOG_TOKENS` once per token, and every read of the real `process.env` is a
 * slow native lookup: about a quarter of the parse time of a large spec. The swap is
 * invisible to other code: parsing is synchronous and the real object is put back at once.
 */
function withPlainEnv<T>(parse: () => T): T {
  const env = process.env;
  process.env = { ...env };
  try {
    return parse();
  } finally {
    process.env = env;
  }
}

/** The yaml package's message without the position it sometimes appends. */
function yamlMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}

/** A converted node: its plain value, and where it and its parts were written. */
type Converted = [value: unknown, position: NodePosition | undefined];
type ConvertedNode = [value: unknown, position: NodePosition];

/** Converts YAML nodes to plain JSON in document order, so anchors come before aliases. */
class Converter {
  private readonly anchored = new Map<YamlNode, { value: unknown; size: number; position: NodePosition }>();
  // The latest node of each anchor name so far: YAML aliases refer to the nearest one before.
  private readonly anchors = new Map<string, YamlNode>();
  private readonly inProgress = new Set<YamlNode>();
  private size = 0;

  constructor(
    private readonly builder: DocumentBuilder,
    private readonly diagnostics: DiagnosticList,
  ) {}

  convert(node: YamlNode | null): Converted {
    if (!node) return [null, undefined];
    if (yaml().isAlias(node)) return this.alias(node);
    const anchor = (node as { anchor?: string }).anchor;
    if (!anchor) return this.node(node);
    this.anchors.set(anchor, node);
    this.inProgress.add(node);
    const before = this.size;
    const [value, position] = this.node(node);
    this.inProgress.delete(node);
    this.anchored.set(node, { value, size: this.size - before, position });
    return [value, position];
  }

  private alias(node: YamlNode & { source: string }): Converted {
    const at = start(node);
    // Not node.resolve(): it searches the whole document for every alias.
    const target = this.anchors.get(node.source);
    const entry = target ? this.anchored.get(target) : undefined;
    if (!target || !entry) {
      const message = target && this.inProgress.has(target)
        ? `alias *${node.source} refers to a node that contains it`
        : `unknown alias *${node.source}`;
      this.diagnostics.error(this.builder.at(at), message);
      return [null, at];
    }
    this.grow(entry.size);
    // Located at the alias itself; its fields at the anchored node's.
    const { position } = entry;
    if (typeof position === 'number') return [entry.value, at];
    return [entry.value, 'entries' in position ? { at, entries: position.entries } : { at, items: position.items }];
  }

  private node(node: YamlNode): ConvertedNode {
    this.grow(1);
    const { isMap, isScalar, isSeq } = yaml();
    const at = start(node);
    if (isScalar(node)) return [this.builder.scalar(node.value, at, false), at];
    if (isSeq(node)) {
      const { path } = this.builder;
      const list: unknown[] = [];
      const items: (NodePosition | undefined)[] = [];
      node.items.forEach((item, i) => {
        path.push(i);
        const [value, position] = this.convert(item as YamlNode | null);
        list.push(value);
        items.push(position);
        path.pop();
      });
      return [list, { at, items }];
    }
    if (isMap(node)) return this.map(node.items as Pair<YamlNode | null, YamlNode | null>[], at);
    this.diagnostics.error(this.builder.at(at), 'unsupported YAML node');
    return [null, at];
  }

  private map(pairs: Pair<YamlNode | null, YamlNode | null>[], at: number): ConvertedNode {
    const { builder } = this;
    const object: Record<string, unknown> = {};
    const entries = new Map<string, EntryPosition>();
    for (const pair of pairs) {
      const keyNode = pair.key;
      if (!keyNode || !yaml().isScalar(keyNode)) {
        this.diagnostics.error(builder.at(keyNode ? start(keyNode) : 0), 'a mapping key must be a plain value, not a list or a mapping');
        continue;
      }
      const keyAt = start(keyNode);
      const key = builder.key(keyNode.value, keyAt);
      if (!builder.isNewKey(entries, key, keyAt)) continue;
      builder.path.push(key);
      const [value, position] = this.convert(pair.value);
      builder.path.pop();
      setKey(object, key, value);
      entries.set(key, { key: keyAt, value: position });
    }
    return [object, { at, entries }];
  }

  private grow(by: number): void {
    this.size += by;
    if (this.size > MAX_EXPANDED_NODES) {
      throw new ExpansionLimit(`the document expands to more than ${MAX_EXPANDED_NODES} values through aliases`);
    }
  }
}

/** Where a node starts; every node of a parsed document has a range. */
function start(node: YamlNode): number {
  return node.range?.[0] ?? 0;
}
