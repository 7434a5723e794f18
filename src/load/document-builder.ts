import { describePath, fieldName, isNamedCollection, NAMED_COLLECTIONS } from './describe-path.js';
import { formatLocation, type DiagnosticList } from './diagnostic.js';
import { interpolateScalar, mayInterpolate, type InterpolationSources } from './interpolate.js';
import { PathSet } from './path-set.js';
import { isSecretPath, secretField } from './secret-field.js';
import type { EntryPosition, NodePosition } from './position-index.js';
import type { LinePositions, SpecDocument } from './parsed-document.js';
import type { SourceLocation } from '../model/topology.js';

/**
 * How the yaml package's nodes become a SpecDocument: interpolation of scalars, mapping keys,
 * duplicate and prototype keys, and the path of the node being converted. The reader walks
 * its nodes in document order, keeping `path` up to date, and asks the builder about each
 * scalar and key.
 */
export class DocumentBuilder {
  /** The path of the node being converted. */
  readonly path: (string | number)[] = [];
  private readonly unresolved = new PathSet();

  constructor(
    readonly file: string,
    readonly lines: LinePositions,
    private readonly sources: InterpolationSources,
    private readonly diagnostics: DiagnosticList,
  ) {}

  /** The location of an offset in the file. */
  at(offset: number): SourceLocation {
    return { file: this.file, ...this.lines.linePos(offset) };
  }

  /**
   * The value of a scalar written at `offset`: strings have their references replaced (a
   * value that is exactly one reference gets the type YAML would give its text; a key stays a
   * string). A missing reference is reported at the scalar, and a value that has one is
   * remembered as unresolved.
   */
  scalar(value: unknown, offset: number, isKey: boolean): unknown {
    if (typeof value === 'string') {
      if (!isKey && isSecretPath(this.path)) return this.secret(value, offset);
      if (!mayInterpolate(value)) return value;
      const result = interpolateScalar(value, this.sources, isKey);
      for (const problem of result.problems) this.diagnostics.error(this.at(offset), problem);
      if (result.problems.length > 0 && !isKey) this.unresolved.add(this.path);
      return result.value;
    }
    if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
    this.diagnostics.error(this.at(offset), `unsupported YAML value ${JSON.stringify(String(value))} (use a string, number, boolean or null)`);
    return null;
  }

  /** A secret field's text, checked but kept as written (./secret-field.ts). */
  private secret(text: string, offset: number): string {
    const { value, problems } = secretField(text, this.file, this.sources);
    for (const problem of problems) this.diagnostics.error(this.at(offset), problem);
    if (problems.length > 0) this.unresolved.add(this.path);
    return value;
  }

  /** A scalar mapping key as the string it is in the value, as JavaScript writes it (`1.0:` is "1"). */
  key(value: unknown, offset: number): string {
    return String(this.scalar(value, offset, true));
  }

  /**
   * True when `key` may be added to the mapping whose entries are `entries`: it is new there
   * (after interpolation), and is not `__proto__`. A repeated key is reported at `offset`,
   * naming the first; the caller drops it, so the first one wins. `__proto__` is reported and
   * dropped: JavaScript objects read it as their prototype, so the key would vanish from
   * arguments and names on their way to the broker.
   */
  acceptsKey(entries: ReadonlyMap<string, EntryPosition>, key: string, offset: number): boolean {
    if (key === PROTOTYPE_KEY) {
      const { subject, rest } = describePath(this.path, undefined);
      const owner = [subject, fieldName(rest)].filter(Boolean).join(': ');
      this.diagnostics.error(
        this.at(offset),
        `${owner ? `${owner}: ` : ''}key "__proto__" is not allowed: JavaScript reads it as an object's prototype, so topo cannot keep it`,
      );
      return false;
    }
    const first = entries.get(key);
    if (!first) return true;
    const [top, vhost, collection] = this.path;
    const firstAt = formatLocation(this.at(first.key));
    let message: string;
    if (this.path.length === 3 && top === 'vhosts' && isNamedCollection(collection)) {
      message = `${NAMED_COLLECTIONS[collection]} "${key}" in vhost "${String(vhost)}" is declared twice (first at ${firstAt})`;
    } else if (this.path.length === 1 && top === 'vhosts') {
      message = `vhost "${key}" appears twice in the same mapping (first at ${firstAt})`;
    } else {
      const { subject } = describePath([...this.path, key], undefined);
      message = `${subject ? `${subject}: ` : ''}duplicate key "${key}" (first at ${firstAt})`;
    }
    this.diagnostics.error(this.at(offset), message);
    return false;
  }

  /** The document, once its whole value has been converted. */
  document(value: unknown, positions: NodePosition | undefined): SpecDocument {
    const known = { root: positions, lines: this.lines };
    return { file: this.file, value, positions: () => known, unresolved: this.unresolved };
  }
}

/** The one key a plain JavaScript object cannot hold as an ordinary key. */
export const PROTOTYPE_KEY = '__proto__';
