import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SCHEMA, CORE_SCHEMA as JS_YAML_CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parse as yamlParse } from 'yaml';
import { coreScalarValue } from '../../../src/load/core-schema.js';
import { DiagnosticList } from '../../../src/load/diagnostic.js';
import { parseFast } from '../../../src/load/fast-parse.js';
import { parseWithYaml } from '../../../src/load/parse-with-yaml.js';
import { blockScalarText, compareReaders, multiLineText, mutate, seededRandom, SpecTextGenerator } from './reader-differential.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NO_SOURCES = { vars: {}, env: {} };
// Anchors, aliases, tags, several documents.
const UNUSUAL = /(?:^|[\s[{,])[!&*]|^(?:---|\.\.\.)(?:\s|$)[^]*^(?:---|\.\.\.)/m;
const SOURCES = { vars: { env: 'prod', ttl: '60000', flag: 'true', empty: '' }, env: { REGION: 'eu-west' } };
// A longer hunt for differences: TOPO_FUZZ_SCALE=50 TOPO_FUZZ_SEED=1 npx vitest run test/unit/load/fast-parse.test.ts
const SCALE = Number(process.env.TOPO_FUZZ_SCALE ?? 1);
const SEED = Number(process.env.TOPO_FUZZ_SEED ?? 0);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .flatMap((path) => (statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(path) ? [path] : []));
}

function fastValue(text: string): unknown {
  const documents = parseFast('f.yaml', text, NO_SOURCES, new DiagnosticList());
  if (!documents) throw new Error(`fast path refused ${JSON.stringify(text)}`);
  return documents[0]?.value;
}

describe('plain scalars: YAML 1.2 core, as the yaml package reads them', () => {
  // [text, value]: what YAML 1.2 core makes of a plain scalar.
  const table: [string, unknown][] = [
    ['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false],
    ['tRUE', 'tRUE'], ['yes', 'yes'], ['no', 'no'], ['on', 'on'], ['off', 'off'], ['y', 'y'], ['-x', '-x'],
    ['null', null], ['Null', null], ['NULL', null], ['~', null], ['nULL', 'nULL'],
    ['0', 0], ['-0', -0], ['+0', 0], ['42', 42], ['+42', 42], ['-17', -17], ['017', 17], ['007', 7],
    ['0o17', 15], ['0o8', '0o8'], ['0x10', 16], ['0xff', 255], ['0XFF', '0XFF'], ['-0x10', '-0x10'], ['+0x10', '+0x10'],
    ['0b101', '0b101'], ['1_000', '1_000'], ['1,000', '1,000'],
    ['1.0', 1], ['1.50', 1.5], ['1.', 1], ['.5', 0.5], ['-.5', -0.5], ['+1.5', 1.5], ['1e3', 1000], ['1E3', 1000],
    ['1e+3', 1000], ['-1.5e-3', -0.0015], ['.5e1', 5], ['1.e2', 100], ['e3', 'e3'], ['1e', '1e'],
    ['.inf', Infinity], ['.Inf', Infinity], ['+.INF', Infinity], ['-.inf', -Infinity], ['.nan', NaN], ['.NaN', NaN],
    ['.NAN', NaN], ['-.nan', '-.nan'], ['inf', 'inf'], ['nan', 'nan'],
    ['2001-12-14', '2001-12-14'], ['2001-12-14T21:59:43.10-05:00', '2001-12-14T21:59:43.10-05:00'], ['12:30', '12:30'],
    ['9007199254740993', 9007199254740992], ['0.1.2', '0.1.2'], ['1-2', '1-2'], ['x', 'x'],
  ];

  it.each(table)('%s', (text, value) => {
    expect(coreScalarValue(text)).toEqual(value);
    expect(yamlParse(`v: ${text}\n`)).toEqual({ v: value });
    expect(fastValue(`v: ${text}\n`)).toEqual({ v: value });
    expect(fastValue(`${text}: v\n`)).toEqual({ [String(value ?? '')]: 'v' });
  });

  it('quoted scalars stay strings', () => {
    expect(fastValue('a: "true"\nb: \'1\'\nc: "~"\nd: |\n  1\n')).toEqual({ a: 'true', b: '1', c: '~', d: '1\n' });
  });

  it("differs from js-yaml's own schemas, which is why it has its own", () => {
    expect(load('v: 0b101', { schema: JS_YAML_CORE_SCHEMA })).toEqual({ v: 5 });
    expect(load('v: -0x10', { schema: JS_YAML_CORE_SCHEMA })).toEqual({ v: -16 });
    expect(load('v: 2001-12-14', { schema: DEFAULT_SCHEMA })).toEqual({ v: new Date('2001-12-14') });
    expect(fastValue('v: 0b101\nw: -0x10\nx: 2001-12-14\n')).toEqual({ v: '0b101', w: '-0x10', x: '2001-12-14' });
  });
});

describe('fast path and yaml package agree', () => {
  const files = [
    ...yamlFiles(join(ROOT, 'examples')),
    ...yamlFiles(join(ROOT, 'test/fixtures/invalid')),
    ...yamlFiles(join(ROOT, 'test/fixtures/warnings')),
  ];

  it('on every example and fixture file', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
    let fast = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const readers = [compareReaders(text, NO_SOURCES), compareReaders(text, SOURCES)];
      if (readers.every((r) => r === 'fast')) {
        fast++;
      } else if (!UNUSUAL.test(text)) {
        // Only a file with unusual YAML, a syntax error or a duplicate key takes the slow path.
        const diagnostics = new DiagnosticList();
        parseWithYaml('f.yaml', text, NO_SOURCES, diagnostics);
        expect(diagnostics.errorCount, file).toBeGreaterThan(0);
      }
    }
    expect(fast).toBeGreaterThanOrEqual(files.length / 2);
  });

  it('on hand-written corner cases, all read by the fast path', () => {
    const texts = [
      'a:\nb: 1\n', 'a: \nb:   # c\nc:\t\n', '{a: , b: }\n', '{a, b: c}\n', 'a:\n- x\n- {}\n- []\n', '- - x\n  - y\n- z: 1\n  w: 2\n',
      'a:\n  # c\n  b: |\n    x\n  c: >-\n    y\n\n    z\n  d: |+\n    keep\n\n',
      '---\na: 1\n', '# c\n--- # doc\na: 1\n', '---\n', '--- \n', '---  # c\n', 'a: 1\r\nb:\r\n  - x\r\n',
      '~: a\nb: ~\n', '1.0: a\n0x10: b\n-0: c\n.nan: d\ntrue: e\n', '"": x\n', '__proto__: {a: 1}\nb: {__proto__: 2}\n',
      'a: plain\n  folded\n\n  lines\nb: \'single\n  folded\'\n', '"ü😀": "\\u00fc\\U0001F600"\n',
      'vhosts:\n  /:\n    queues:\n      q-prod: {}\n      q-${var:env}: {}\n', '${var:env}: ${var:ttl}\n${var:nope}: ${env:NOPE}\n',
      'a: ${var:flag}\nb: "${var:ttl}"\nc: x${var:ttl}\nd: $${x}\ne: ${bad\n', 'a: ["${var:ttl}", "${var:nope}"]\n',
      'a: 1 # c\n# c\nb: [1, 2] # c\n', `${'k'.repeat(990)}: 1\n`, '- 1\n- 2\n',
    ];
    for (const text of texts) {
      expect(compareReaders(text, SOURCES), text).toBe('fast');
      expect(compareReaders(text, NO_SOURCES), text).toBe('fast');
    }
  });

  it('on generated specs in many styles', () => {
    const random = seededRandom(20261126 + SEED);
    const generator = new SpecTextGenerator(random);
    let fast = 0;
    const runs = 600 * SCALE;
    for (let i = 0; i < runs; i++) {
      if (compareReaders(generator.text(), SOURCES) === 'fast') fast++;
    }
    expect(fast).toBeGreaterThan(runs / 2);
  });

  it('on block scalars and folded lines in many layouts', () => {
    const random = seededRandom(5 + SEED);
    let fast = 0;
    const runs = 1500 * SCALE;
    for (let i = 0; i < runs; i++) {
      const text = i % 2 === 0 ? blockScalarText(random) : multiLineText(random);
      if (compareReaders(text, NO_SOURCES) === 'fast') fast++;
    }
    expect(fast).toBeGreaterThan(runs / 5);
  });

  it('on mutated specs, including ones that are not valid YAML', () => {
    const random = seededRandom(7 + SEED);
    const generator = new SpecTextGenerator(random);
    const corpus = files.map((file) => readFileSync(file, 'utf8'));
    let fast = 0;
    const runs = 1500 * SCALE;
    for (let i = 0; i < runs; i++) {
      let text = random() < 0.3 ? (corpus[Math.floor(random() * corpus.length)] as string) : generator.text();
      for (let m = 1 + Math.floor(random() * 3); m > 0; m--) text = mutate(text, random);
      if (compareReaders(text, SOURCES) === 'fast') fast++;
    }
    expect(fast).toBeGreaterThan(runs / 4);
  });
});

describe('fast path', () => {
  it('leaves unusual YAML to the yaml package', () => {
    const refused = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '<<: {a: 1}\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n---\nb: 2\n',
      'a: 1\n...\n',
      '? a\n: 1\n',
      '\uFEFFa: 1\n',
      'a: 1\rb: 2\n',
      '---x: 1\n',
      '--- - x\n',
      'a: {\n  b: 1\n}\n',
      'a: "x"#c\n',
      'a: "x\\\n  y"\n',
      'a: [1, 2\n',
      'a: 1\na: 2\n',
      `${'k'.repeat(1100)}: 1\n`,
      '- \n- x\n',
      'a: |2\n    x\n',
      'a: |1\t\n  x\n',
      'a: |\n  x\n   \n  y\n',
      'a: |+\n  x\n  ',
      'a:\n#c\n  h\n\nb: x\n',
      ' >\n\n#',
      '[a: 1]\n',
    ];
    for (const text of refused) expect(parseFast('f.yaml', text, NO_SOURCES, new DiagnosticList()), text).toBeUndefined();
  });

  it('reads a leading --- and treats a file without content as no document', () => {
    expect(parseFast('f.yaml', '# c\n---\na: 1\n', NO_SOURCES, new DiagnosticList())?.map((d) => d.value)).toEqual([{ a: 1 }]);
    expect(parseFast('f.yaml', '---\n', NO_SOURCES, new DiagnosticList())?.map((d) => d.value)).toEqual([null]);
    expect(parseFast('f.yaml', '# only a comment\n\n', NO_SOURCES, new DiagnosticList())).toEqual([]);
    expect(parseFast('f.yaml', '', NO_SOURCES, new DiagnosticList())).toEqual([]);
  });

  it('leaves process.env alone', () => {
    const env = process.env;
    const spy = new Proxy(env, {
      get: (target, key) => {
        throw new Error(`process.env.${String(key)} read`);
      },
    });
    process.env = spy;
    try {
      expect(parseFast('f.yaml', 'a: ${env:HOME}\n', { vars: {}, env: { HOME: '/h' } }, new DiagnosticList())?.[0]?.value).toEqual({ a: '/h' });
    } finally {
      process.env = env;
    }
  });
});
