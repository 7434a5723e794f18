import { loadAll, type State } from 'js-yaml';
import { CORE_SCALAR_TAG, CORE_SCHEMA } from './core-schema.js';
import { DiagnosticList } from './diagnostic.js';
import { DocumentBuilder, setKey } from './document-builder.js';
import { mayInterpolate, type InterpolationSources } from './interpolate.js';
import { LineIndex } from './line-index.js';
import type { EntryPosition, MappingPosition, NodePosition, SequencePosition } from './position-index.js';
import type { SpecDocument } from './parsed-document.js';

/**
 * Reads a spec file with js-yaml, which is several times faster than the yaml package, or
 * returns undefined when the file may need the yaml package to be read exactly as it would
 * read it: anything unusual (anchors, aliases, tags, directives, several documents, explicit
 * keys, merge keys, multi-line flow collections and double-quoted scalars, a byte order mark,
 * lone carriage returns), and anything js-yaml rejects or warns about (the yaml package then
 * reports it in its own words). When it returns documents, they are what `parseWithYaml`
 * returns for the same text: the same values, positions and diagnostics (which are added to
 * `diagnostics` only then). Never reads `process.env`.
 */
export function parseFast(
  file: string,
  text: string,
  sources: InterpolationSources,
  diagnostics: DiagnosticList,
): SpecDocument[] | undefined {
  const marker = documentStart(text);
  if (marker === undefined) return undefined;
  const events = new EventTree();
  let warned = false;
  try {
    loadAll(text, null, { schema: CORE_SCHEMA, listener: events.listener, onWarning: () => (warned = true) });
  } catch {
    return undefined;
  }
  const [root, ...others] = events.roots;
  if (warned || events.unusual || others.length > 0) return undefined;
  // No content at all: the yaml package sees no document, unless `---` starts an empty one.
  if (root === undefined || (root.kind === null && marker === -1)) return [];
  const found = new DiagnosticList();
  const builder = new DocumentBuilder(file, new LineIndex(text), sources, found);
  try {
    const document =
      root.kind === null ? builder.document(null, afterSpaces(text, marker + 3)) : new FrameReader(text, builder).document(root);
    for (const item of found.items) diagnostics.items.push(item);
    return [document];
  } catch (error) {
    if (error instanceof NotFast) return undefined;
    throw error;
  }
}

// Text that only the yaml package reads exactly like itself: a node property (tag `!`, anchor
// `&`, alias `*`) at the start of a token, an explicit key `? `, a merge key, a directive, a
// byte order mark, a carriage return not followed by a line feed, a line starting with `---`
// and more (js-yaml takes it for a document start), a tab in indentation. Cheap to look for;
// a match in a quoted string or a comment only sends the file to the slow path.
const UNUSUAL = /(?:^|[\s[{,:])(?:[!&*]|\?(?:\s|$))|<<|^%|\r(?!\n)|^\uFEFF|^---\S|^ *\t/m;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=\s|$)/gm;
const BLANK_OR_COMMENT = /^(?:[ \t]*(?:#.*)?(?:\r?\n|$))*$/;
const REST_OF_LINE_BLANK = /^[ \t]*(?:#[^\n]*)?\r?$/;

/**
 * Where the text's only `---` is (-1 when there is none), or undefined when the text is
 * unusual or holds document markers the fast path leaves to the yaml package: a `...`, a
 * `---` after content (several documents) or with content on its line.
 */
function documentStart(text: string): number | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const markers = [...text.matchAll(DOCUMENT_MARKER)];
  if (markers.length === 0) return -1;
  const [only] = markers;
  if (markers.length > 1 || !only || only[0] !== '---') return undefined;
  const lineEnd = text.indexOf('\n', only.index);
  const restOfLine = text.slice(only.index + 3, lineEnd === -1 ? undefined : lineEnd);
  if (!BLANK_OR_COMMENT.test(text.slice(0, only.index)) || !REST_OF_LINE_BLANK.test(restOfLine)) return undefined;
  return only.index;
}

/**
 * One node as js-yaml composed it: where composing started and ended, what it produced, and
 * the nodes composed inside it. js-yaml composes a block mapping's first key inside the
 * mapping's own node, and a scalar or flow collection in a block context inside a wrapper
 * node that tried a block mapping first, so a frame's children are its keys and values, its
 * items, or one wrapped frame with the same result.
 */
interface Frame {
  /** Offset where composing started: at the node, or before the space and comments that precede it. */
  readonly open: number;
  /** Offset just after the node. */
  end: number;
  kind: string | null;
  result: unknown;
  children: Frame[] | undefined;
}

/** Collects js-yaml's open/close events into a tree of frames. */
class EventTree {
  readonly roots: Frame[] = [];
  /** A node had an anchor or a tag (the pre-scan should have seen it): left to the yaml package. */
  unusual = false;
  private readonly stack: Frame[] = [];

  readonly listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      this.stack.push({ open: state.position, end: -1, kind: null, result: null, children: undefined });
      return;
    }
    const frame = this.stack.pop();
    if (!frame) {
      this.unusual = true;
      return;
    }
    frame.end = state.position;
    frame.kind = state.kind;
    frame.result = state.result;
    const { anchor, tag } = state as State & { anchor: string | null; tag: string | null };
    // A plain scalar's tag is `?` or the core schema's; other nodes have none unless written.
    if (anchor !== null || (tag !== null && tag !== '?' && tag !== CORE_SCALAR_TAG)) this.unusual = true;
    const parent = this.stack[this.stack.length - 1];
    if (parent) (parent.children ??= []).push(frame);
    else this.roots.push(frame);
  };
}

/** The frames cannot be read as the yaml package would read the text: use it instead. */
class NotFast extends Error {}

// `|` or `>`, an optional chomping indicator, then nothing but spaces and a comment.
const BLOCK_SCALAR_HEADER = /[|>][-+]?(?: +#[^\n]*| *)\r?(?:\n|$)/y;
// A line of spaces or tabs only (an empty line is fine).
const BLANK_LINE = /^[ \t]+\r?$/m;

// The yaml package refuses an implicit key whose `:` is more than 1024 characters after its
// start; js-yaml does not. Keys near that long take the slow path.
const MAX_KEY_TO_COLON = 1000;

/**
 * Converts a frame tree to a document value and positions, checking at each node that the
 * frames agree with js-yaml's own result (so a frame is never taken for a node it is not).
 * js-yaml's objects and lists become the value, changed in place where interpolation changes
 * a value; a mapping whose keys change is built anew. Positions are found when asked for:
 * most mappings are never located.
 */
class FrameReader {
  /** Mappings built anew (their keys changed): their positions, by key as converted. */
  private readonly rebuilt = new Map<Frame, MappingPosition>();

  constructor(
    private readonly text: string,
    private readonly builder: DocumentBuilder,
  ) {}

  /** The document's value and positions. */
  document(root: Frame): SpecDocument {
    // A scalar document is no spec; at the root, a block scalar's lines may start at column 0,
    // where the two parsers disagree about comments.
    if (root.kind === 'scalar') throw new NotFast();
    const value = this.read(root);
    return this.builder.document(value, this.position(root));
  }

  /** Where the node of a frame was written (the frame was read). */
  position(frame: Frame): NodePosition {
    switch (frame.kind) {
      case 'scalar':
        return this.start(frame);
      case 'mapping': {
        const inner = unwrap(frame);
        return this.rebuilt.get(inner) ?? new FrameMapping(this, inner);
      }
      case 'sequence':
        return new FrameSequence(this, unwrap(frame));
      default:
        return this.emptyValueAt(frame);
    }
  }

  /** A mapping's entries by key (its keys did not change). */
  entries(frame: Frame): Map<string, EntryPosition> {
    const entries = new Map<string, EntryPosition>();
    this.pairs(frame, (key, value) => {
      entries.set(String(key.result), { key: this.start(key), value: value && this.position(value) });
    });
    return entries;
  }

  /** Where a frame's node starts: js-yaml may open it before the space, line breaks and comments before it. */
  start(frame: Frame): number {
    const { text } = this;
    let i = frame.open;
    for (;;) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) i++;
      else if (c === HASH) while (i < text.length && text.charCodeAt(i) !== LF) i++;
      else return i;
    }
  }

  private read(frame: Frame): unknown {
    this.checkEnd(frame);
    switch (frame.kind) {
      case 'scalar': {
        const at = this.start(frame);
        const first = this.text.charCodeAt(at);
        // The yaml package may take a plain scalar after a comment line for a key (`a:`, `#c`,
        // `  b`, blank line): scalars after a comment take the slow path.
        if (this.hasComment(frame.open, at)) throw new NotFast();
        // Line folding after an escaped line break differs between the two parsers.
        if (first === DOUBLE_QUOTE && this.spansLines(at, frame.end)) throw new NotFast();
        if (first === PIPE || first === GREATER_THAN) this.checkBlockScalar(at, frame.end);
        return this.builder.scalar(frame.result, at, false);
      }
      case 'mapping':
        return this.mapping(unwrap(frame));
      case 'sequence':
        return this.sequence(unwrap(frame));
      case null:
        // An empty value (`key:`): nothing was composed.
        if (frame.result !== null) throw new NotFast();
        this.emptyValueAt(frame);
        return null;
      default:
        throw new NotFast();
    }
  }

  private mapping(frame: Frame): unknown {
    const raw = frame.result as Record<string, unknown>;
    this.checkCollection(frame);
    if (this.changesKeys(frame)) return this.rebuild(frame, raw);
    const { path } = this.builder;
    let pairs = 0;
    this.pairs(frame, (keyFrame, valueFrame, colon) => {
      const key = this.checkedKey(raw, keyFrame, valueFrame, colon);
      pairs++;
      if (!valueFrame) return;
      path.push(key);
      const value = this.read(valueFrame);
      path.pop();
      if (!Object.is(value, raw[key])) setKey(raw, key, value);
    });
    if (pairs !== countKeys(raw)) throw new NotFast();
    return raw;
  }

  /** A mapping with a key that interpolation or `~` changes: built anew, as the yaml reader does. */
  private rebuild(frame: Frame, raw: Record<string, unknown>): unknown {
    const { builder } = this;
    const object: Record<string, unknown> = {};
    const entries = new Map<string, EntryPosition>();
    let pairs = 0;
    this.pairs(frame, (keyFrame, valueFrame, colon) => {
      this.checkedKey(raw, keyFrame, valueFrame, colon);
      pairs++;
      const keyAt = this.start(keyFrame);
      const key = builder.key(keyFrame.result, keyAt);
      if (!builder.isNewKey(entries, key, keyAt)) return;
      builder.path.push(key);
      const value = valueFrame ? this.read(valueFrame) : null;
      builder.path.pop();
      setKey(object, key, value);
      entries.set(key, { key: keyAt, value: valueFrame && this.position(valueFrame) });
    });
    if (pairs !== countKeys(raw)) throw new NotFast();
    this.rebuilt.set(frame, { at: this.start(frame), entries });
    return object;
  }

  private changesKeys(frame: Frame): boolean {
    let changes = false;
    this.pairs(frame, (key) => {
      const { result } = key;
      if (result === null || (typeof result === 'string' && mayInterpolate(result))) changes = true;
    });
    return changes;
  }

  /** The key as js-yaml stored it, once checked against js-yaml's mapping. */
  private checkedKey(raw: Record<string, unknown>, keyFrame: Frame, valueFrame: Frame | undefined, colon: number): string {
    this.checkEnd(keyFrame);
    const key = String(keyFrame.result);
    if (
      colon - this.start(keyFrame) > MAX_KEY_TO_COLON ||
      !Object.hasOwn(raw, key) ||
      !Object.is(raw[key], valueFrame ? valueFrame.result : null)
    ) {
      throw new NotFast();
    }
    return key;
  }

  private sequence(frame: Frame): unknown {
    const raw = frame.result as unknown[];
    const children = frame.children ?? [];
    // An item without a frame (`-` alone, `[a: 1]`) has no position of its own here.
    if (children.length !== raw.length) throw new NotFast();
    this.checkCollection(frame);
    const { path } = this.builder;
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as Frame;
      if (!Object.is(child.result, raw[i])) throw new NotFast();
      path.push(i);
      const value = this.read(child);
      path.pop();
      if (!Object.is(value, raw[i])) raw[i] = value;
    }
    return raw;
  }

  /**
   * Calls `visit` with each entry of a mapping frame: its key, its value (none in `{ a }`),
   * and the offset of the `:` between them (-1 when there is none).
   */
  private pairs(frame: Frame, visit: (key: Frame, value: Frame | undefined, colon: number) => void): void {
    const children = frame.children ?? [];
    for (let i = 0; i < children.length; ) {
      const key = children[i++] as Frame;
      if (key.kind !== 'scalar') {
        // A block mapping ends by failing to compose one more key.
        if (key.kind === null && i === children.length && key.result === null) return;
        throw new NotFast();
      }
      const colon = this.colonAfter(key);
      // A value is composed after its key's `:`; the next frame may be the next key instead.
      let value = children[i];
      if (value && colon !== -1 && value.open > colon) i++;
      else value = undefined;
      visit(key, value, colon);
    }
  }

  /** The offset of the `:` after a key on its line, or -1 when there is none. */
  private colonAfter(key: Frame): number {
    const i = afterSpaces(this.text, key.end);
    return this.text.charCodeAt(i) === COLON ? i : -1;
  }

  /**
   * The yaml package warns or errs about some multi-line flow collections (where the closing
   * bracket is indented), so those take the slow path.
   */
  private checkCollection(frame: Frame): void {
    this.checkEnd(frame);
    const at = this.start(frame);
    const first = this.text.charCodeAt(at);
    if ((first === OPEN_BRACE || first === OPEN_BRACKET) && this.spansLines(at, frame.end)) throw new NotFast();
  }

  /**
   * The two parsers differ on block scalars with an indentation indicator, with lines of only
   * spaces, and at the end of a text without a final line break (js-yaml adds one, which `|+`
   * keeps): those take the slow path.
   */
  private checkBlockScalar(at: number, end: number): void {
    const { text } = this;
    BLOCK_SCALAR_HEADER.lastIndex = at;
    if (!BLOCK_SCALAR_HEADER.test(text)) throw new NotFast();
    if (end >= text.length && !text.endsWith('\n')) throw new NotFast();
    // Complete lines only: the scalar ends in the indentation of the line after it.
    const lastLineBreak = text.lastIndexOf('\n', end - 1);
    if (lastLineBreak > at && BLANK_LINE.test(text.slice(BLOCK_SCALAR_HEADER.lastIndex, lastLineBreak + 1))) throw new NotFast();
  }

  /** A comment right after a quote or bracket (`"a"#c`) is refused by the yaml package. */
  private checkEnd(frame: Frame): void {
    const { text } = this;
    if (text.charCodeAt(frame.end) === HASH && !isSpace(text.charCodeAt(frame.end - 1))) throw new NotFast();
  }

  /** There is a `#` in the space that `start` skipped. */
  private hasComment(open: number, start: number): boolean {
    for (let i = open; i < start; i++) if (this.text.charCodeAt(i) === HASH) return true;
    return false;
  }

  private spansLines(start: number, end: number): boolean {
    const lineEnd = this.text.indexOf('\n', start);
    return lineEnd !== -1 && lineEnd < end;
  }

  /**
   * Where the yaml package places an empty value: after its `:` and the spaces that follow
   * on the same line. js-yaml opens it after the `:`, or (in a flow mapping) after any space
   * and comments; only the first is taken here.
   */
  private emptyValueAt(frame: Frame): number {
    let colon = frame.open;
    while (isBlank(this.text.charCodeAt(colon - 1))) colon--;
    if (this.text.charCodeAt(colon - 1) !== COLON) throw new NotFast();
    return afterSpaces(this.text, colon);
  }
}

/** A mapping's position, its entries found on first use. */
class FrameMapping implements MappingPosition {
  readonly at: number;
  private found: Map<string, EntryPosition> | undefined;

  constructor(
    private readonly reader: FrameReader,
    private readonly frame: Frame,
  ) {
    this.at = reader.start(frame);
  }

  get entries(): ReadonlyMap<string, EntryPosition> {
    this.found ??= this.reader.entries(this.frame);
    return this.found;
  }
}

/** A list's position, its items found on first use. */
class FrameSequence implements SequencePosition {
  readonly at: number;
  private found: NodePosition[] | undefined;

  constructor(
    private readonly reader: FrameReader,
    private readonly frame: Frame,
  ) {
    this.at = reader.start(frame);
  }

  get items(): readonly NodePosition[] {
    this.found ??= (this.frame.children ?? []).map((child) => this.reader.position(child));
    return this.found;
  }
}

/** The innermost of a chain of frames that hold the same collection. */
function unwrap(frame: Frame): Frame {
  let current = frame;
  for (;;) {
    const only = current.children?.length === 1 ? current.children[0] : undefined;
    if (!only || only.result !== current.result) return current;
    current = only;
  }
}

/** The number of own keys of a plain object, without making a list of them. */
function countKeys(object: Record<string, unknown>): number {
  let n = 0;
  for (const key in object) if (Object.hasOwn(object, key)) n++;
  return n;
}

/** The offset after the spaces and tabs at `offset`. */
function afterSpaces(text: string, offset: number): number {
  let i = offset;
  while (isBlank(text.charCodeAt(i))) i++;
  return i;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DOUBLE_QUOTE = 0x22;
const HASH = 0x23;
const COLON = 0x3a;
const GREATER_THAN = 0x3e;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const PIPE = 0x7c;
