import { expect } from 'vitest';
import { DiagnosticList } from '../../../src/load/diagnostic.js';
import { parseFast } from '../../../src/load/fast-parse.js';
import type { InterpolationSources } from '../../../src/load/interpolate.js';
import { parseWithYaml } from '../../../src/load/parse-with-yaml.js';
import { locate, type Path, type SpecDocument } from '../../../src/load/parsed-document.js';
import { seededRandom } from '../../support/seeded-random.js';

/**
 * Reads `text` with the fast path and, when it accepts the text, with the yaml package too,
 * and expects the very same result: document count, values (key order, -0 and NaN included),
 * diagnostics, the location of every path (as key and as value, and of paths one step past
 * the document), and which values have an unresolved reference. Returns which path read it.
 */
export function compareReaders(text: string, sources: InterpolationSources): 'fast' | 'slow' {
  const fastDiagnostics = new DiagnosticList();
  const fast = parseFast('f.yaml', text, sources, fastDiagnostics);
  if (!fast) {
    expect(fastDiagnostics.items, 'a refused file leaves no diagnostics').toEqual([]);
    return 'slow';
  }
  const slowDiagnostics = new DiagnosticList();
  const slow = parseWithYaml('f.yaml', text, sources, slowDiagnostics);
  const context = `text: ${JSON.stringify(text)}`;
  expect(fastDiagnostics.items, context).toEqual(slowDiagnostics.items);
  expect(fast.length, context).toBe(slow.length);
  fast.forEach((document, i) => compareDocuments(document, slow[i] as SpecDocument, context));
  return 'fast';
}

function compareDocuments(fast: SpecDocument, slow: SpecDocument, context: string): void {
  expect(ordered(fast.value), context).toEqual(ordered(slow.value));
  for (const path of pathsOf(slow.value)) {
    const where = `${context} path: ${JSON.stringify(path)}`;
    expect(locate(fast, path, 'key'), where).toEqual(locate(slow, path, 'key'));
    expect(locate(fast, path, 'value'), where).toEqual(locate(slow, path, 'value'));
    expect(fast.unresolved.has(path), where).toBe(slow.unresolved.has(path));
    expect(fast.unresolved.hasAtOrBelow(path), where).toBe(slow.unresolved.hasAtOrBelow(path));
  }
}

/** A value with its mappings as lists of entries, so that key order counts; prototypes checked. */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value !== null && typeof value === 'object') {
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    return Object.entries(value).map(([key, item]) => [key, ordered(item)]);
  }
  return value;
}

/** Every path of the value, plus one step past each node (a missing field or index). */
function pathsOf(value: unknown, path: (string | number)[] = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) {
    value.forEach((item, i) => pathsOf(item, [...path, i], out));
    out.push([...path, value.length], [...path, 'x']);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out);
    out.push([...path, 'no-such-field'], [...path, 0]);
  } else {
    out.push([...path, 'x']);
  }
  return out;
}

export { seededRandom };

// Names and values chosen to be awkward: quotes, colons, #, unicode, references, and texts
// that YAML may read as something other than a string.
const WORDS = [
  'orders', 'q-1', 'ex.topic', 'amq.direct', 'über-queue', '日本語', 'emoji-😀', 'a b', 'with:colon', 'a: b',
  'hash#tag', 'x #y', "it's", 'say "hi"', '-dash', 'key:', 'null', 'Null', 'NULL', 'true', 'True', 'FALSE',
  'yes', 'no', 'on', '~', '', ' lead', 'trail ', '${var:env}', 'q-${var:env}', 'q-prod', '${env:REGION}',
  '${env:MISSING}', '$${literal}', '${bad', '${var:ttl}', '${var:flag}', '${var:nope}', '0', '-0', '+0', '1.0',
  '1e3', '1E-3', '0x10', '0X10', '0o17', '017', '0b101', '1_000', '.inf', '-.Inf', '.NaN', '+1', '12:30',
  '2001-12-14', '1.', '.5', '-.5e+3', '9007199254740993', '@at', '`tick', '%pct', '[x]', '{y}', 'a,b', 'a\tb',
  'multi\nline', 'two\n\nparas', 'back\\slash', 'x*', '|x', '>x', '- item', 'a - b', 'orders.#', '#',
  '*.orders.*', 'x-message-ttl', 'durable', 'type', 'arguments', '/', 'vhosts', 'queues', '---', '...', '---x',
];
// Texts that send a file to the slow path wherever they appear: rare, so most files go fast.
const RARE_WORDS = ['*x', '!x', '&x', '? q', 'a & b', '<<'];
const NUMBERS = ['0', '1', '-1', '42', '60000', '1.0', '1.50', '1e3', '-0', '0x1F', '0o17', '.5', '1.', '+7', '.inf', '.nan'];
// Scalars written as is: escapes, folded quoted and plain lines (valid only where a block value may be).
const RAW_VALUES = [
  '"\\x41\\u00e9\\U0001F600"', '"\\N\\_\\L\\P\\e\\/\\ \\0\\a\\b\\v\\f\\r"', '"a\\\n  b"', '"line\n  next\n\n  para"',
  "'it''s\n  folded'", "'a\n\n  b  '", '"\\t tab\tinside"', "plain\n  continued\n  # not a comment", '"#"', "'#'",
  'a\tb', '"unicode \u2028 separator"', '|\n  keep\n', '>-\n  fold\n  this\n',
];
const COLLECTIONS = ['exchanges', 'queues', 'policies', 'operatorPolicies'];

/** Random spec-like YAML texts in many styles; most are valid YAML, some are not. */
export class SpecTextGenerator {
  constructor(private readonly random: () => number) {}

  text(): string {
    const indent = this.pick([2, 2, 2, 4, 3, 1]);
    // A document is a mapping or a list: a scalar one is no spec (and always takes the slow path).
    const root = this.value(3);
    const body = this.random() < 0.6 ? this.specShaped(indent) : this.block(root instanceof Entries || Array.isArray(root) ? root : [root], 0, indent);
    const start = this.random() < 0.15 ? this.pick(['---\n', '--- # doc\n', '---\n# c\n']) : '';
    let text = `${this.random() < 0.2 ? '# a spec\n' : ''}${start}${body}`;
    if (this.random() < 0.02) text = this.pick(['', '\n', '# only\n', '---\n', '--- \n', '--- {a: 1}\n', '--- |\n  x\n', '  \n\n']);
    if (this.random() < 0.1) text = text.replace(/\n$/, '');
    if (this.random() < 0.1) text = text.replace(/\n/g, '\r\n');
    return text;
  }

  private specShaped(indent: number): string {
    const vhosts: [string, unknown][] = [];
    for (let v = this.int(1, 2); v > 0; v--) {
      const vhost: [string, unknown][] = [];
      for (const collection of COLLECTIONS) {
        if (this.random() < 0.5) continue;
        const objects: [string, unknown][] = [];
        for (let n = this.int(0, 4); n > 0; n--) objects.push([this.word(), this.random() < 0.2 ? null : this.value(2)]);
        vhost.push([collection, new Entries(objects)]);
      }
      if (this.random() < 0.5) vhost.push(['bindings', Array.from({ length: this.int(0, 3) }, () => this.value(2))]);
      vhosts.push([this.pick(['/', 'prod', '${var:env}', this.word()]), new Entries(vhost)]);
    }
    const root: [string, unknown][] = [['version', new Raw(this.pick(['1', '1.0', '"1"', '2']))], ['vhosts', new Entries(vhosts)]];
    if (this.random() < 0.3) root.push(['tests', [this.value(2)]]);
    return this.block(new Entries(root), 0, indent);
  }

  private value(depth: number): unknown {
    const r = this.random();
    if (depth <= 0 || r < 0.45) {
      const kind = this.random();
      if (kind < 0.05) return new Raw(this.pick(RAW_VALUES));
      return kind < 0.3 ? new Raw(this.pick(NUMBERS)) : this.word();
    }
    if (r < 0.75) {
      const entries: [string, unknown][] = [];
      for (let n = this.int(0, 4); n > 0; n--) entries.push([this.word(), this.random() < 0.1 ? null : this.value(depth - 1)]);
      return new Entries(entries);
    }
    return Array.from({ length: this.int(0, 3) }, () => this.value(depth - 1));
  }

  /** A value in block style at `level` (the indentation of its parent's keys), ending with a newline. */
  private block(value: unknown, level: number, indent: number): string {
    const pad = ' '.repeat(level);
    if (value instanceof Entries && value.entries.length > 0 && this.random() < 0.85) {
      return value.entries
        .map(([key, item]) => `${this.comment(pad)}${pad}${this.scalar(key, true, false)}:${this.after(item, level, indent)}`)
        .join('');
    }
    if (Array.isArray(value) && value.length > 0 && this.random() < 0.8) {
      return value.map((item) => `${pad}-${this.after(item, level, indent)}`).join('');
    }
    return `${pad}${this.flow(value)}\n`;
  }

  /** What follows `key:` or `-`: an inline value or a nested block, with an optional comment. */
  private after(item: unknown, level: number, indent: number): string {
    const nested = (item instanceof Entries && item.entries.length > 0) || (Array.isArray(item) && item.length > 0);
    if (nested && this.random() < 0.7) {
      // A list under a key may sit at the key's own indentation.
      const inner = Array.isArray(item) && this.random() < 0.3 ? level : level + indent;
      return `${this.random() < 0.2 ? ' # nested' : ''}\n${this.block(item, inner, indent)}`;
    }
    if (item === null) return this.pick(['\n', ' \n', ' ~\n', ' null\n', '   # empty\n']);
    if (typeof item === 'string' && this.random() < 0.15) return this.blockScalar(item, level + indent);
    if (typeof item === 'string' && this.random() < 0.08 && !item.includes('\n')) {
      // A plain scalar folded over two lines.
      return ` ${item.replace(' ', `\n${' '.repeat(level + indent)}`)}\n`;
    }
    return ` ${this.flow(item)}${this.random() < 0.15 ? ' # comment' : ''}\n`;
  }

  private blockScalar(text: string, level: number): string {
    const header = this.pick(['|', '|-', '|+', '>', '>-', '>+', '|2', '> # folded']);
    const pad = ' '.repeat(level);
    const lines = `${text}${this.random() < 0.3 ? '\n\n  more indented\nlast ' : ''}`.split('\n');
    return ` ${header}\n${lines.map((line) => (line === '' ? '\n' : `${pad}${line}\n`)).join('')}${this.random() < 0.3 ? '\n' : ''}`;
  }

  /** A value in flow style, on one line (rarely over two). */
  private flow(value: unknown, inFlow = false): string {
    if (value instanceof Entries) {
      const inner = value.entries.map(([key, item]) => `${this.scalar(key, true, true)}: ${this.flow(item, true)}`).join(this.pick([', ', ',', ' , ']));
      return this.random() < 0.005 ? `{\n  ${inner}\n}` : `{${this.pick([' ', ''])}${inner}${this.pick([' ', ''])}}`;
    }
    if (Array.isArray(value)) return `[${value.map((item) => this.flow(item, true)).join(', ')}]`;
    if (value === null) return this.pick(['~', 'null', '{}', '[]', '""']);
    return this.scalar(value, false, inFlow);
  }

  private scalar(value: unknown, isKey: boolean, inFlow: boolean): string {
    if (value instanceof Raw) return value.text;
    const text = String(value);
    const style = this.random();
    // Mostly valid YAML: plain style where it reads back as one scalar, now and then anyway.
    if ((style < 0.5 && isPlainSafe(text, inFlow)) || style < 0.005) return text;
    if (style < 0.75 || isKey) return JSON.stringify(text);
    return `'${text.replace(/'/g, "''")}'`;
  }

  private comment(pad: string): string {
    const r = this.random();
    if (r < 0.08) return `${pad}# comment: with "quotes" & a #hash\n`;
    if (r < 0.12) return '\n';
    return '';
  }

  private word(): string {
    return this.random() < 0.01 ? this.pick(RARE_WORDS) : this.pick(WORDS);
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
}

/** A plain scalar of this text would read back as one scalar (whatever its type). */
function isPlainSafe(text: string, inFlow: boolean): boolean {
  return (
    text !== '' &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) &&
    !/[\n\t]|: |:$| #|\s$/.test(text) &&
    !(inFlow && /[,[\]{}:]/.test(text))
  );
}

/** A mapping to render: entries in order, keys possibly repeated. */
class Entries {
  constructor(readonly entries: [string, unknown][]) {}
}

/** A scalar written as is (a number, a quoted version). */
class Raw {
  constructor(readonly text: string) {}
}

const MUTATION_CHARS = [' ', '\n', ':', '-', '#', '"', "'", '{', '}', '[', ']', ',', '\t', '|', '>', '?', '\\', '.', '0', 'x'];

/** The text with one random character inserted, deleted or replaced by a YAML-significant one. */
export function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const char = MUTATION_CHARS[Math.floor(random() * MUTATION_CHARS.length)] as string;
  const r = random();
  if (r < 0.4) return text.slice(0, at) + char + text.slice(at);
  if (r < 0.7) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + char + text.slice(at + 1);
}

function pickFrom<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * A mapping of block scalars (every header, content lines at odd indentations, blank lines
 * of spaces, a missing final line break): where the two parsers are most likely to differ.
 */
export function blockScalarText(random: () => number): string {
  const pick = <T>(items: readonly T[]) => pickFrom(random, items);
  const base = pick([0, 2, 4]);
  const pad = ' '.repeat(base);
  let text = base ? 'outer:\n' : '';
  for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
    const kind = random();
    if (kind < 0.6) {
      text += `${pad}k${k}: ${pick(['|', '|-', '|+', '>', '>-', '>+', '|2', '>1', '|-2', '|2-', '| # c', '>  ', '|1\t'])}\n`;
      for (let m = Math.floor(random() * 5); m > 0; m--) {
        const indent = base + pick([2, 2, 2, 3, 4, 1, 0, 6]);
        text += `${' '.repeat(indent)}${pick(['x', 'y z', '', '', '  ', '#not', 'a\tb', 'a: b', '- c', 'trail  ', '"q"'])}\n`;
      }
    } else if (kind < 0.8) {
      text += `${pad}k${k}: ${pick(['plain', '"dq"', "'sq'"])}\n`;
      if (random() < 0.5) text += `${' '.repeat(base + pick([1, 2, 4]))}${pick(['more', '', 'x y', '#c'])}\n`;
    } else {
      text += `${pad}k${k}:\n${pad}${pick(['', '  '])}- ${pick(['|', '>', 'x', '|-'])}\n${' '.repeat(base + pick([2, 4, 6]))}${pick(['v', '', 'w x'])}\n`;
    }
    if (random() < 0.2) text += pick(['\n', '  \n', '# c\n', `${pad}# c\n`]);
  }
  if (random() < 0.3) text = text.replace(/\n+$/, '');
  if (random() < 0.3) text = text.replace(/\n$/, ' ');
  if (random() < 0.1) text = text.replace(/\n/g, '\r\n');
  return text;
}

/** A mapping of plain and single-quoted scalars folded over lines, with odd spaces, tabs and comments. */
export function multiLineText(random: () => number): string {
  const pick = <T>(items: readonly T[]) => pickFrom(random, items);
  const base = pick([0, 2]);
  const pad = ' '.repeat(base);
  let text = base ? pick(['outer:\n', '- \n', 'outer: # c\n']) : '';
  for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
    const quote = pick(['', "'", '']);
    text += `${pad}${pick([`k${k}`, `"k${k}"`, `'k ${k}'`, `k${k} `])}:${pick([' ', '  ', '\t'])}${quote}`;
    text += pick(['a', 'a b', 'x  y', '1', 'true', '~', '#', 'a#b', 'a :b', "it''s"]);
    for (let m = Math.floor(random() * 4); m > 0; m--) {
      text += `${pick(['', ' ', '  ', '\t', ' \t'])}\n${' '.repeat(base + pick([1, 2, 2, 4, 0]))}`;
      text += pick(['b', '', '', 'c d', '#c', '- e', 'f: g', "''", 'h ', '\tx', '1']);
    }
    text += `${quote}${pick(['', ' ', ' # c', '\t'])}\n`;
    if (random() < 0.2) text += pick(['\n', '  \n', '# c\n', `${pad}# c\n`, ' \t\n']);
  }
  if (random() < 0.2) text = text.replace(/\n$/, '');
  if (random() < 0.1) text = text.replace(/\n/g, '\r\n');
  return text;
}
