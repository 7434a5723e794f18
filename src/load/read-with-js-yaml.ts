import { loadAll, YAMLException, type LoadOptions } from 'js-yaml';
import { CORE_SCHEMA } from './core-schema.js';
import { PROTOTYPE_KEY } from './document-builder.js';
import type { DiagnosticList } from './diagnostic.js';
import { interpolateScalar, mayInterpolate, type InterpolationSources } from './interpolate.js';
import { NO_POSITIONS, type DocumentPositions, type SpecDocument } from './parsed-document.js';
import { PathSet } from './path-set.js';
import { isSecretPath, secretField } from './secret-field.js';
import { DEPTH_MESSAGE, MAX_DEPTH, MAX_EXPANDED_VALUES } from './reading-limits.js';

/**
 * Reads a spec file's documents with js-yaml, the fast reader, or returns undefined when the
 * file has a problem that must be described at its place: a YAML error, a duplicate key
 * (also one that appears only after interpolation), the key `__proto__`, a missing or
 * unknown reference, an alias that contains itself or expands too far. The yaml package then reads the file and
 * reports every problem in its words (./parse-with-yaml.ts).
 *
 * js-yaml gives values, not positions: `locate` finds those when first asked for, by having
 * the yaml package read the file once (`positionsOf`, called at most once per file). Nesting
 * deeper than MAX_DEPTH is reported here, where js-yaml stopped: on a deep enough file the
 * yaml package would only report that it ran out of stack.
 */
export function readWithJsYaml(
  file: string,
  text: string,
  sources: InterpolationSources,
  diagnostics: DiagnosticList,
  positionsOf: () => DocumentPositions[],
): SpecDocument[] | undefined {
  let raw: unknown[];
  try {
    raw = loadAll(text, null, JS_YAML_OPTIONS);
  } catch (error) {
    if (error instanceof YAMLException && error.reason.startsWith('nesting exceeded maxDepth')) {
      diagnostics.error({ file, line: error.mark.line + 1, col: error.mark.column + 1 }, DEPTH_MESSAGE);
      return [];
    }
    // A YAML error, a duplicate key, a tag js-yaml does not know: the yaml package says what.
    return undefined;
  }
  const values: unknown[] = [];
  // Without an anchor there is no alias: nothing to remember, no cycle, no expansion.
  const aliased = text.includes('&');
  for (const value of raw) {
    try {
      values.push(new ValueConverter(file, sources, aliased).convert(value, 0));
    } catch (error) {
      if (error instanceof Unreadable) return undefined;
      throw error;
    }
  }
  let positions: DocumentPositions[] | undefined;
  return values.map((value, i) => ({
    file,
    value,
    positions: () => {
      positions ??= positionsOf();
      // The two readers count documents alike except for a text of comments only, which
      // js-yaml reads as one empty document: nothing in it is ever located.
      return (positions.length === values.length ? positions[i] : undefined) ?? NO_POSITIONS;
    },
    unresolved: new PathSet(),
  }));
}

// maxDepth (js-yaml 4.1.1 and later) is missing from @types/js-yaml.
const JS_YAML_OPTIONS: LoadOptions & { maxDepth: number } = { schema: CORE_SCHEMA, maxDepth: MAX_DEPTH };

/** The file needs the yaml package's reading: something in it must be reported at its place. */
class Unreadable extends Error {}

/**
 * js-yaml's value of one document with its references replaced. js-yaml returns an aliased
 * collection as the very object of its anchor, so each object is converted once and its size
 * and height remembered: an alias adds the size of what it stands for, and its height to
 * the depth where it is used, as in the yaml reader. Objects are changed in place, except a
 * mapping whose keys change, which is built anew.
 */
class ValueConverter {
  private readonly converted = new Map<object, { value: unknown; size: number; height: number }>();
  private readonly inProgress = new Set<object>();
  private size = 0;
  // The depth of the deepest collection converted so far in the current subtree.
  private reached = 0;
  /** The keys and indexes down to the node being converted: secret fields are known by it. */
  private readonly path: (string | number)[] = [];

  constructor(
    private readonly file: string,
    private readonly sources: InterpolationSources,
    /** False when the file has no anchor: then no object is met twice and none is remembered. */
    private readonly aliased: boolean,
  ) {}

  /**
   * The converted value of a node at `depth` (the number of collections around it); throws
   * Unreadable when the file needs the yaml package's reading.
   */
  convert(value: unknown, depth: number): unknown {
    if (typeof value === 'string') {
      if (this.aliased) this.grow(1);
      if (isSecretPath(this.path)) return this.secret(value);
      return mayInterpolate(value) ? this.interpolate(value, false) : value;
    }
    if (value === null || typeof value !== 'object') {
      if (this.aliased) this.grow(1);
      return value;
    }
    if (!this.aliased) {
      return Array.isArray(value) ? this.list(value, depth + 1) : this.mapping(value as Record<string, unknown>, depth + 1);
    }
    const done = this.converted.get(value);
    if (done) {
      this.grow(done.size);
      this.reach(depth + done.height);
      return done.value;
    }
    // An alias inside its own anchor (`&a [*a]`) makes js-yaml build a cycle.
    if (this.inProgress.has(value)) throw new Unreadable();
    this.inProgress.add(value);
    const [sizeBefore, reachedBefore] = [this.size, this.reached];
    this.grow(1);
    this.reached = depth;
    this.reach(depth + 1);
    const result = Array.isArray(value) ? this.list(value, depth + 1) : this.mapping(value as Record<string, unknown>, depth + 1);
    this.inProgress.delete(value);
    this.converted.set(value, { value: result, size: this.size - sizeBefore, height: this.reached - depth });
    this.reached = Math.max(reachedBefore, this.reached);
    return result;
  }

  private list(list: unknown[], depth: number): unknown[] {
    for (let i = 0; i < list.length; i++) {
      const value = this.convertAt(i, list[i], depth);
      if (value !== list[i]) list[i] = value;
    }
    return list;
  }

  /** The converted value of the item at `step` (a key or an index) of the collection being converted. */
  private convertAt(step: string | number, item: unknown, depth: number): unknown {
    this.path.push(step);
    const value = this.convert(item, depth);
    this.path.pop();
    return value;
  }

  private mapping(object: Record<string, unknown>, depth: number): Record<string, unknown> {
    const keys = Object.keys(object);
    if (keys.some(mayInterpolate)) return this.rebuild(object, keys, depth);
    for (const key of keys) {
      // js-yaml keeps "__proto__" as an own key; the yaml reader reports it.
      if (key === PROTOTYPE_KEY) throw new Unreadable();
      const value = this.convertAt(key, object[key], depth);
      if (value !== object[key]) object[key] = value;
    }
    return object;
  }

  /** A mapping whose keys hold references: a new object with the keys replaced, in order. */
  private rebuild(object: Record<string, unknown>, keys: string[], depth: number): Record<string, unknown> {
    const rebuilt: Record<string, unknown> = {};
    for (const written of keys) {
      const key = mayInterpolate(written) ? String(this.interpolate(written, true)) : written;
      // Two keys that become one, or "__proto__": the yaml reader reports them at their places.
      if (key === PROTOTYPE_KEY || Object.hasOwn(rebuilt, key)) throw new Unreadable();
      rebuilt[key] = this.convertAt(key, object[written], depth);
    }
    return rebuilt;
  }

  /** A secret field's text, kept as written; a problem is for the yaml reader to place. */
  private secret(text: string): string {
    const { value, problems } = secretField(text, this.file, this.sources);
    if (problems.length > 0) throw new Unreadable();
    return value;
  }

  private interpolate(text: string, isKey: boolean): unknown {
    const { value, problems } = interpolateScalar(text, this.sources, isKey);
    if (problems.length > 0) throw new Unreadable();
    return value;
  }

  private grow(by: number): void {
    this.size += by;
    if (this.size > MAX_EXPANDED_VALUES) throw new Unreadable();
  }

  /** A collection ends at `depth`: js-yaml limits nesting, but not through aliases. */
  private reach(depth: number): void {
    if (depth > MAX_DEPTH) throw new Unreadable();
    if (depth > this.reached) this.reached = depth;
  }
}
