/**
 * A seeded generator of hostile spec trees: broken YAML, wrong types, huge and deep
 * documents, alias bombs, odd names and encodings. The same seed always gives the same
 * files, so a failing case replays exactly. What topo must do with each is the test's
 * business (test/unit/load/hostile-specs.test.ts); this module only makes them.
 */
import { seededRandom } from './seeded-random.js';

/** One file of a case: its name in the case's directory, and its bytes or text. */
export interface HostileFile {
  name: string;
  content: string | Uint8Array;
}

/** A tree of spec files to validate, and the `--var` flags to validate it with. */
export interface HostileCase {
  kind: HostileKind;
  files: HostileFile[];
  vars: string[];
}

type Random = () => number;
type Maker = (r: Pick) => HostileFile[];

/** The kinds of hostility, each given an equal share of the cases. */
export const HOSTILE_KINDS = [
  'broken-yaml',
  'wrong-types',
  'huge-string',
  'huge-document',
  'deep',
  'alias-bomb',
  'odd-names',
  'encodings',
  'line-endings',
  'references',
  'yaml-features',
  'many-files',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** The case of `seed`: its kind is `seed` modulo the kinds, its content drawn from `seed`. */
export function hostileCase(seed: number): HostileCase {
  const kind = HOSTILE_KINDS[seed % HOSTILE_KINDS.length] as HostileKind;
  const r = new Pick(seededRandom(seed));
  const vars = r.chance(0.5) ? ['env=prod', `ttl=${r.int(0, 100000)}`, r.one(['flag=true', 'empty=', 'x=${var:x}', 'tab=a\tb'])] : [];
  return { kind, files: MAKERS[kind](r), vars };
}

/** Draws from a seeded generator. */
class Pick {
  constructor(readonly random: Random) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  one<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
}

const WORDS = ['orders', 'audit', 'logs', 'q-1', 'ex.topic', 'über', '日本語', 'emoji-😀', 'a b', 'null', 'true', '0x1F', '1.0', '-', '#', '*', '&a', '!x', '%'];
const NASTY_NAMES = [
  '', ' ', 'amq.x', '__proto__', 'constructor', 'prototype', 'toString', 'a\u0000b', '\u0000', 'a\nb', 'a\rb', 'tab\there',
  '\u202eevil', 'bell\u0007', '\ud800', '\udfff', 'ok\ud83d', '€'.repeat(100), 'x'.repeat(256), '😀'.repeat(64), '\u2028', '${var:env}', '$${x}', '${env:NOPE}', '${oops',
];

/** A name as a YAML scalar: plain when that reads back as the name, else double-quoted with escapes. */
function scalar(name: string): string {
  return /^[A-Za-z][\w.-]*$/.test(name) && !/^(?:null|true|false|~)$/i.test(name) ? name : yamlQuoted(name);
}

function yamlQuoted(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) out += `\\${text[i]}`;
    else if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff && !isPaired(text, i))) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += text[i];
  }
  return `${out}"`;
}

function isPaired(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c <= 0xdbff) return (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
  return (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
}

/** A valid spec of about `queues` queues, in block and flow styles. */
function validSpec(r: Pick, queues: number, vhost = r.one(['/', 'shop', 'orders-${var:env}'])): string {
  const out = ['version: 1', 'vhosts:', `  ${scalar(vhost)}:`, '    exchanges:'];
  const exchanges = Math.max(1, Math.floor(queues / 20));
  for (let e = 0; e < exchanges; e++) out.push(`      ex${e}: { type: ${r.one(['topic', 'direct', 'fanout', 'headers'])} }`);
  out.push('    queues:');
  for (let q = 0; q < queues; q++) {
    const args = r.chance(0.3) ? `{ arguments: { x-message-ttl: ${r.int(0, 99999)}, x-max-length: ${r.int(1, 1000)} } }` : r.one(['{}', '{ type: quorum }', '']);
    out.push(`      q${q}: ${args}`);
  }
  out.push('    bindings:');
  for (let q = 0; q < queues; q++) out.push(`      - { source: ex${q % exchanges}, destination: q${q}, routingKey: "k.${q}.#" }`);
  out.push('    policies:', `      p: { pattern: "^q", applyTo: queues, definition: { max-length: ${r.int(1, 9)} } }`);
  out.push('tests:', `  - { vhost: ${scalar(vhost)}, exchange: ex0, routingKey: k.0.x, expect: [] }`);
  return `${out.join('\n')}\n`;
}

const SIGNIFICANT = [' ', '\n', ':', '-', '#', '"', "'", '{', '}', '[', ']', ',', '\t', '|', '>', '?', '\\', '&', '*', '!', '%', '@', '`', '\r', '\u0000'];

/** The text with a few characters inserted, deleted or replaced by YAML-significant ones. */
function mutate(r: Pick, text: string, times: number): string {
  let out = text;
  for (let n = 0; n < times; n++) {
    const at = r.int(0, out.length);
    const char = r.one(SIGNIFICANT);
    const how = r.random();
    if (how < 0.4) out = out.slice(0, at) + char + out.slice(at);
    else if (how < 0.7) out = out.slice(0, at) + out.slice(at + r.int(1, 20));
    else out = out.slice(0, at) + char + out.slice(at + 1);
  }
  return out;
}

/** The text with `replacement` in place of one random occurrence of `pattern` (or the text as is). */
function replaceOne(r: Pick, text: string, pattern: RegExp, replacement: string): string {
  const matches = [...text.matchAll(new RegExp(pattern.source, 'g'))];
  if (matches.length === 0) return text;
  const match = r.one(matches);
  const at = match.index ?? 0;
  return text.slice(0, at) + replacement + text.slice(at + match[0].length);
}

const WRONG_VALUES = ['[]', '{}', '~', '42', '-0', '.nan', '.inf', '9999999999999999999999', 'true', '"x"', '[[[]]]', '{ a: { b: [1, { c: ~ }] } }', '""', '!!str 5', '0o17', "'yes'"];

const MAKERS: Record<HostileKind, Maker> = {
  'broken-yaml': (r) => [{ name: 'spec.yaml', content: mutate(r, validSpec(r, r.int(1, 30)), r.int(1, 12)) }],

  'wrong-types': (r) => {
    let text = validSpec(r, r.int(2, 20));
    for (let n = r.int(1, 8); n > 0; n--) {
      text = replaceOne(r, text, /(?<=: )(?:\{[^{}\n]*\}|[\w.#"-]+)/, r.one(WRONG_VALUES));
    }
    return [{ name: 'spec.yaml', content: text }];
  },

  'huge-string': (r) => {
    // 1 to 5 MB of UTF-8, of one-, three- or four-byte characters, or of escapes.
    const unit = r.one(['x', '€', '😀', 'a\\n']);
    const huge = unit.repeat(Math.floor((r.int(1, 5) * 1_000_000) / Buffer.byteLength(unit)));
    const where = r.one([
      (s: string) => `vhosts:\n  /:\n    description: "${s}"\n`,
      (s: string) => `vhosts:\n  /:\n    queues:\n      "${s}": {}\n`,
      (s: string) => `vhosts:\n  /:\n    exchanges: { e: { type: topic } }\n    queues: { q: {} }\n    bindings:\n      - { source: e, destination: q, routingKey: "${s}" }\n`,
      (s: string) => `vhosts:\n  /:\n    queues:\n      q: { arguments: { x-note: "${s}" } }\n`,
      (s: string) => `# ${s}\nvhosts: {}\n`,
      (s: string) => `vhosts:\n  /:\n    queues:\n      q: { arguments: { x-dead-letter-exchange: ${s.replace(/\\n/g, '')} } }\n`,
    ]);
    return [{ name: 'spec.yaml', content: where(huge) }];
  },

  'huge-document': (r) => {
    const text = validSpec(r, r.int(1000, 3000));
    return [{ name: 'spec.yaml', content: r.chance(0.5) ? mutate(r, text, r.int(1, 3)) : text }];
  },

  deep: (r) => {
    const depth = r.one([101, 150, 1000, 10_000]);
    const nested = r.one([
      () => `${'['.repeat(depth)}${']'.repeat(depth)}`,
      () => `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`,
      () => `\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 8)}k${i}:`).join('\n')} x`,
      () => `\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(2 * i + 8)}-`).join('\n')} x`,
    ])();
    const chain = `a: &a ${'['.repeat(60)}1${']'.repeat(60)}\nb: &b ${'['.repeat(60)}*a${']'.repeat(60)}\nc: *b\n`;
    const content = r.chance(0.2) ? chain : `vhosts:\n  /:\n    queues:\n      q:\n        arguments:\n          x-deep: ${nested}\n`;
    return [{ name: 'spec.yaml', content }];
  },

  'alias-bomb': (r) => {
    const width = r.int(5, 12);
    const levels = r.int(6, 10);
    const lines = [`l0: &l0 [${Array(width).fill(r.one(['x', '"lol"', '{ a: 1 }'])).join(', ')}]`];
    for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]`);
    const use = r.one([
      `vhosts:\n  /:\n    queues:\n      q: { arguments: { x-bomb: *l${levels - 1} } }\n`,
      `tests:\n  - { exchange: "", expect: *l${levels - 1} }\n`,
      `vhosts: *l${levels - 1}\n`,
    ]);
    return [{ name: 'spec.yaml', content: `${lines.join('\n')}\n${use}` }];
  },

  'odd-names': (r) => {
    const name = () => r.one(NASTY_NAMES);
    const body = [
      'vhosts:',
      `  ${yamlQuoted(name())}:`,
      '    exchanges:',
      `      ${yamlQuoted(name())}: { type: topic, arguments: { ${yamlQuoted(name())}: 1 } }`,
      '    queues:',
      `      ${yamlQuoted(name())}: { arguments: { ${yamlQuoted(name())}: ${yamlQuoted(name())} } }`,
      `      ${yamlQuoted(name())}: { exclusive: true, serverNamed: true }`,
      '    bindings:',
      `      - { source: ${yamlQuoted(name())}, destination: ${yamlQuoted(name())}, routingKey: ${yamlQuoted(name())}, arguments: { ${yamlQuoted(name())}: x } }`,
      '    policies:',
      `      ${yamlQuoted(name())}: { pattern: ${yamlQuoted(name())}, definition: { ${yamlQuoted(name())}: 1 } }`,
      'tests:',
      `  - { exchange: ${yamlQuoted(name())}, routingKey: ${yamlQuoted(name())}, headers: { ${yamlQuoted(name())}: 1 }, expect: [${yamlQuoted(name())}] }`,
    ];
    return [{ name: 'spec.yaml', content: `${body.join('\n')}\n` }];
  },

  encodings: (r) => {
    const text = validSpec(r, r.int(1, 10));
    const bytes = Buffer.from(text, 'utf8');
    const variant = r.int(0, 7);
    let content: Uint8Array;
    if (variant === 0) content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    else if (variant === 1) content = swapPairs(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    else if (variant === 2) content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    else if (variant === 3) content = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(text, 'utf16le')]);
    else if (variant === 4) content = Buffer.from(Array.from({ length: r.int(1, 4000) }, () => r.int(0, 255)));
    else if (variant === 5) content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le').subarray(1)]);
    else {
      // Stray bytes: invalid UTF-8, NULs, a lone surrogate encoded as if it were a character.
      content = Buffer.from(bytes);
      for (let n = r.int(1, 3); n > 0; n--) {
        const stray = r.one([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x00], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]]);
        const at = r.int(0, content.length);
        content = Buffer.concat([content.subarray(0, at), Buffer.from(stray), content.subarray(at)]);
      }
    }
    return [{ name: r.one(['spec.yaml', 'spec.yml']), content }];
  },

  'line-endings': (r) => {
    const text = mutate(r, validSpec(r, r.int(1, 10)), r.int(0, 2));
    const ending = r.one(['\r', '\r\n', '\n\r', '\u2028', '\u0085']);
    return [{ name: 'spec.yaml', content: r.chance(0.5) ? text.replace(/\n/g, ending) : text.replace(/\n/g, () => r.one(['\n', '\r', '\r\n'])) }];
  },

  references: (r) => {
    const reference = () => r.one(['${env:HOME}', '${env:NOPE}', '${var:env}', '${var:ttl}', '${var:nope}', '${REGION}', '${env:}', '${var:', '$${x}', '${env:constructor}', '${var:__proto__}', '${var:x}']);
    let text = validSpec(r, r.int(1, 10));
    for (let n = r.int(1, 6); n > 0; n--) text = replaceOne(r, text, /\b(?:q\d+|ex\d+|\d+|topic|quorum)\b/, `"${reference()}${r.chance(0.3) ? '-x' : ''}"`);
    return [{ name: 'spec.yaml', content: text }];
  },

  'yaml-features': (r) => {
    const piece = () =>
      r.one([
        '%YAML 1.1\n---\n', '%TAG ! tag:example.com,2000:\n---\n', '---\n', '...\n', '--- |\n  text\n', '? [a, b]\n: 1\n', '? { a: 1 }\n: 2\n',
        '<<: { version: 1 }\n', 'version: !!str 1\n', 'version: !!binary aGVsbG8=\n', 'version: !custom 1\n', 'vhosts: !!set { a, b }\n',
        'vhosts: &v { a: {} }\ntests: *v\n', 'vhosts: *undefined\n', 'a: &x [*x]\n', 'version: 2001-12-14\n', 'vhosts: { ~: {}, null: {} }\n',
        '- a\n- b\n', 'just a string\n', '"\\x00\\uD800\\U0010FFFF"\n', 'a: "unterminated\n', 'a:\tb\n', '\t- tab\n', '{ a: 1, a: 2 }\n',
      ]);
    const parts = Array.from({ length: r.int(1, 4) }, piece);
    return [{ name: 'spec.yaml', content: parts.join(r.one(['', '---\n'])) }];
  },

  'many-files': (r) => {
    const files: HostileFile[] = [];
    for (let i = r.int(2, 12); i > 0; i--) {
      const text = validSpec(r, r.int(1, 5), r.one(['/', 'shop', r.one(WORDS)]));
      files.push({ name: r.one(['', 'a/', 'a/b/', '.hidden/', 'node_modules/']) + `f${i}.${r.one(['yaml', 'yml', 'txt'])}`, content: r.chance(0.2) ? mutate(r, text, 2) : text });
    }
    return files;
  },
};

/** UTF-16 little-endian bytes as big-endian (and the reverse). */
function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = Buffer.from(bytes);
  for (let i = 0; i + 1 < out.length; i += 2) [out[i], out[i + 1]] = [out[i + 1] as number, out[i] as number];
  return out;
}
