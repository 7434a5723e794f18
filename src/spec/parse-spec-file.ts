import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode, type Pair } from 'yaml';
import { describePath, isNamedCollection, NAMED_COLLECTIONS } from './describe-path.js';
import { formatLocation, type DiagnosticList } from './diagnostic.js';
import { interpolate, mayInterpolate, typedReferenceValue, type InterpolationSources } from './interpolate.js';
import { PathSet } from './path-set.js';
import { positionOf, type SpecDocument } from './spec-document.js';

// An alias bomb (anchors referring to anchors) expands exponentially; real specs stay far below.
const MAX_EXPANDED_NODES = 5_000_000;

class ExpansionLimit extends Error {}

/**
 * Parses one spec file into its YAML documents (several when separated by `---`), each
 * converted to plain JSON with `${env:...}`/`${var:...}` references replaced. YAML syntax
 * errors, missing references and duplicate keys are reported to `diagnostics`; a document
 * with syntax errors is left out. A later duplicate key is dropped, so the first one wins.
 */
export function parseSpecFile(
  file: string,
  text: string,
  sources: InterpolationSources,
  diagnostics: DiagnosticList,
): SpecDocument[] {
  const lineCounter = new LineCounter();
  // uniqueKeys: false because the yaml package checks keys with a linear scan per key
  // (quadratic on a vhost with thousands of queues); duplicates are found below instead.
  const docs = withPlainEnv(() => parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false }));
  const result: SpecDocument[] = [];
  for (const doc of docs) {
    const document: SpecDocument = {
      file,
      doc,
      lineCounter,
      value: null,
      pairs: new WeakMap(),
      aliases: new WeakMap(),
      unresolved: new PathSet(),
    };
    for (const warning of doc.warnings) diagnostics.warning(positionOf(document, warning.pos[0]), yamlMessage(warning.message));
    if (doc.errors.length > 0) {
      for (const error of doc.errors) diagnostics.error(positionOf(document, error.pos[0]), yamlMessage(error.message));
      continue;
    }
    try {
      document.value = new Converter(document, sources, diagnostics).convert(doc.contents);
    } catch (error) {
      if (!(error instanceof ExpansionLimit)) throw error;
      diagnostics.error(positionOf(document, doc.contents?.range?.[0] ?? 0), error.message);
      continue;
    }
    result.push(document);
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

/** Converts YAML nodes to plain JSON in document order, so anchors come before aliases. */
class Converter {
  private readonly path: (string | number)[] = [];
  private readonly anchored = new Map<YamlNode, { value: unknown; size: number }>();
  // The latest node of each anchor name so far: YAML aliases refer to the nearest one before.
  private readonly anchors = new Map<string, YamlNode>();
  private readonly inProgress = new Set<YamlNode>();
  private size = 0;

  constructor(
    private readonly document: SpecDocument,
    private readonly sources: InterpolationSources,
    private readonly diagnostics: DiagnosticList,
  ) {}

  convert(node: YamlNode | null): unknown {
    if (!node) return null;
    if (isAlias(node)) return this.alias(node);
    const anchor = (node as { anchor?: string }).anchor;
    if (!anchor) return this.node(node);
    this.anchors.set(anchor, node);
    this.inProgress.add(node);
    const before = this.size;
    const value = this.node(node);
    this.inProgress.delete(node);
    this.anchored.set(node, { value, size: this.size - before });
    return value;
  }

  private alias(node: YamlNode & { source: string }): unknown {
    // Not node.resolve(): it searches the whole document for every alias.
    const target = this.anchors.get(node.source);
    const entry = target ? this.anchored.get(target) : undefined;
    if (!target || !entry) {
      const message = target && this.inProgress.has(target)
        ? `alias *${node.source} refers to a node that contains it`
        : `unknown alias *${node.source}`;
      this.diagnostics.error(this.at(node), message);
      return null;
    }
    this.document.aliases.set(node, target);
    this.grow(entry.size);
    return entry.value;
  }

  private node(node: YamlNode): unknown {
    this.grow(1);
    if (isScalar(node)) return this.scalar(node.value, node, false);
    if (isSeq(node)) {
      const list: unknown[] = [];
      node.items.forEach((item, i) => {
        this.path.push(i);
        list.push(this.convert(item as YamlNode | null));
        this.path.pop();
      });
      return list;
    }
    if (isMap(node)) return this.map(node.items as Pair<YamlNode | null, YamlNode | null>[], node);
    this.diagnostics.error(this.at(node), 'unsupported YAML node');
    return null;
  }

  private map(items: Pair<YamlNode | null, YamlNode | null>[], node: YamlNode): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    const index = new Map<string, Pair<YamlNode, YamlNode | null>>();
    for (const pair of items) {
      const key = this.key(pair.key);
      if (key === undefined) continue;
      const keyNode = pair.key as YamlNode;
      const first = index.get(key);
      if (first) {
        this.duplicate(key, first.key, keyNode);
        continue;
      }
      index.set(key, pair as Pair<YamlNode, YamlNode | null>);
      this.path.push(key);
      const value = this.convert(pair.value);
      // Assigning "__proto__" would set the prototype; defineProperty keeps it a plain key
      // (but is slow, so only for that key).
      if (key === '__proto__') {
        Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        object[key] = value;
      }
      this.path.pop();
    }
    this.document.pairs.set(node, index);
    return object;
  }

  private key(node: YamlNode | null): string | undefined {
    if (node && isScalar(node)) {
      const value = this.scalar(node.value, node, true);
      return value === null ? '' : String(value);
    }
    this.diagnostics.error(node ? this.at(node) : this.at(null), 'a mapping key must be a plain value, not a list or a mapping');
    return undefined;
  }

  private scalar(value: unknown, node: YamlNode, isKey: boolean): unknown {
    if (typeof value === 'string') {
      if (!mayInterpolate(value)) return value;
      const result = interpolate(value, this.sources);
      for (const problem of result.problems) this.diagnostics.error(this.at(node), problem);
      if (result.problems.length > 0) {
        if (!isKey) this.document.unresolved.add(this.path);
        return result.value;
      }
      if (isKey || !result.whole) return result.value;
      return typedReferenceValue(result.value);
    }
    if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
    this.diagnostics.error(this.at(node), `unsupported YAML value ${JSON.stringify(String(value))} (use a string, number, boolean or null)`);
    return null;
  }

  private duplicate(key: string, first: YamlNode, second: YamlNode): void {
    const [top, vhost, collection] = this.path;
    const firstAt = formatLocation(this.at(first));
    let message: string;
    if (this.path.length === 3 && top === 'vhosts' && isNamedCollection(collection)) {
      message = `${NAMED_COLLECTIONS[collection]} "${key}" in vhost "${String(vhost)}" is declared twice (first at ${firstAt})`;
    } else if (this.path.length === 1 && top === 'vhosts') {
      message = `vhost "${key}" appears twice in the same mapping (first at ${firstAt})`;
    } else {
      const { subject } = describePath([...this.path, key], undefined);
      message = `${subject ? `${subject}: ` : ''}duplicate key "${key}" (first at ${firstAt})`;
    }
    this.diagnostics.error(this.at(second), message);
  }

  private grow(by: number): void {
    this.size += by;
    if (this.size > MAX_EXPANDED_NODES) {
      throw new ExpansionLimit(`the document expands to more than ${MAX_EXPANDED_NODES} values through aliases`);
    }
  }

  private at(node: YamlNode | null) {
    return positionOf(this.document, node?.range?.[0] ?? 0);
  }
}
