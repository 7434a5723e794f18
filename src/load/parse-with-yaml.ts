import { describeYamlErrors, yamlMessage } from './describe-yaml-error.js';
import type { Node as YamlNode, Pair } from 'yaml';
import { yaml } from '../text/yaml-package.js';
import { DiagnosticList } from './diagnostic.js';
import { DocumentBuilder } from './document-builder.js';
import type { InterpolationSources } from './interpolate.js';
import { NO_POSITIONS, type DocumentPositions, type SpecDocument } from './parsed-document.js';
import type { EntryPosition, NodePosition } from './position-index.js';
import { DEPTH_MESSAGE, EXPANSION_MESSAGE, MAX_DEPTH, MAX_EXPANDED_VALUES } from './reading-limits.js';

/** A document that cannot be converted within the reading limits, and where to say so. */
class ReadingLimit extends Error {
  constructor(
    message: string,
    readonly offset: number | undefined,
  ) {
    super(message);
  }
}


/**
 * Parses one spec file with the yaml package, the reader that says what is wrong with a file:
 * all its YAML errors in its words at their places, duplicate keys (after interpolation)
 * naming both places, missing references, alias problems. Each document is converted to
 * plain JSON with `${env:...}`/`${var:...}` references replaced; a document with YAML errors
 * is left out. A later duplicate key is dropped, so the first one wins.
 */
export function parseWithYaml(
  file: string,
  text: string,
  sources: InterpolationSources,
  diagnostics: DiagnosticList,
): SpecDocument[] {
  return readYamlDocuments(file, text, sources, diagnostics, false).filter((d) => d !== undefined);
}

/**
 * Where the nodes of each document of a file were written, as the yaml package reads it, for
 * a file another reader has read: keys are interpolated the same way, so the paths of the
 * other reader's values lead to their nodes. Problems are not reported (the other reader
 * found none); a document the yaml package finds errors in is located as far as it can be.
 */
export function yamlPositions(file: string, text: string, sources: InterpolationSources): DocumentPositions[] {
  return readYamlDocuments(file, text, sources, new DiagnosticList(), true).map((d) => d?.positions() ?? NO_POSITIONS);
}

/** Every document of the file; undefined for one with YAML errors unless `convertInvalid`. */
function readYamlDocuments(
  file: string,
  text: string,
  sources: InterpolationSources,
  diagnostics: DiagnosticList,
  convertInvalid: boolean,
): (SpecDocument | undefined)[] {
  const { LineCounter, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  // uniqueKeys: false because the yaml package checks keys with a linear scan per key
  // (quadratic on a vhost with thousands of queues); duplicates are found below instead.
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  return docs.map((doc) => {
    const builder = new DocumentBuilder(file, lineCounter, sources, diagnostics);
    for (const warning of doc.warnings) diagnostics.warning(builder.at(warning.pos[0]), yamlMessage(warning.message));
    // One error per document, at the line that is wrong: the others are most often its echoes.
    const error = describeYamlErrors(text, doc.errors);
    if (error) diagnostics.error(builder.at(error.offset), error.message);
    if (doc.errors.length > 0 && !convertInvalid) return undefined;
    try {
      const [value, positions] = new Converter(builder, diagnostics).convert(doc.contents);
      return builder.document(value, positions);
    } catch (error) {
      if (!(error instanceof ReadingLimit)) throw error;
      diagnostics.error(builder.at(error.offset ?? doc.contents?.range?.[0] ?? 0), error.message);
      return undefined;
    }
  });
}

/** A converted node: its plain value, and where it and its parts were written. */
type Converted = [value: unknown, position: NodePosition | undefined];
type ConvertedNode = [value: unknown, position: NodePosition];

/**
 * Converts YAML nodes to plain JSON in document order, so anchors come before aliases. An
 * alias counts as the whole value it stands for: its size towards MAX_EXPANDED_VALUES, its
 * height towards MAX_DEPTH.
 */
class Converter {
  private readonly anchored = new Map<YamlNode, { value: unknown; size: number; height: number; position: NodePosition }>();
  // The latest node of each anchor name so far: YAML aliases refer to the nearest one before.
  private readonly anchors = new Map<string, YamlNode>();
  private readonly inProgress = new Set<YamlNode>();
  private size = 0;
  // An alias has been met: only then can the value be larger than its text.
  private aliased = false;
  // The depth of the deepest collection converted so far in the current anchored subtree.
  private reached = 0;

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
    const [sizeBefore, reachedBefore] = [this.size, this.reached];
    const depth = this.builder.path.length;
    this.reached = depth;
    const [value, position] = this.node(node);
    this.inProgress.delete(node);
    this.anchored.set(node, { value, size: this.size - sizeBefore, height: this.reached - depth, position });
    this.reached = Math.max(reachedBefore, this.reached);
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
    this.aliased = true;
    this.grow(entry.size);
    this.reach(this.builder.path.length + entry.height, at);
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
    this.reach(this.builder.path.length + 1, at);
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
      // A key written as nothing (`: x`) is ""; `~:` and `null:` are "null", as js-yaml reads them.
      const written = keyNode.value === null && keyNode.source === '' ? '' : keyNode.value;
      const key = builder.key(written, keyAt);
      if (!builder.acceptsKey(entries, key, keyAt)) continue;
      builder.path.push(key);
      const [value, position] = this.convert(pair.value);
      builder.path.pop();
      object[key] = value;
      entries.set(key, { key: keyAt, value: position });
    }
    return [object, { at, entries }];
  }

  private grow(by: number): void {
    this.size += by;
    if (this.size > MAX_EXPANDED_VALUES && this.aliased) throw new ReadingLimit(EXPANSION_MESSAGE, undefined);
  }

  /** A collection written (or aliased) at `offset` ends at `depth`. */
  private reach(depth: number, offset: number): void {
    if (depth > MAX_DEPTH) throw new ReadingLimit(DEPTH_MESSAGE, offset);
    if (depth > this.reached) this.reached = depth;
  }
}

/** Where a node starts; every node of a parsed document has a range. */
function start(node: YamlNode): number {
  return node.range?.[0] ?? 0;
}
