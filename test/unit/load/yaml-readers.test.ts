/**
 * js-yaml reads spec files; the yaml package reads the files js-yaml cannot read cleanly and
 * locates nodes for both. So the two must read the same values: plain scalars as YAML 1.2
 * core types them, and every example and fixture alike.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SCHEMA, CORE_SCHEMA as JS_YAML_CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { coreScalarValue } from '../../../src/load/core-schema.js';
import { DiagnosticList, formatDiagnostic } from '../../../src/load/diagnostic.js';
import { parseSpecFile } from '../../../src/load/parse-spec-file.js';
import { parseWithYaml } from '../../../src/load/parse-with-yaml.js';
import { DEPTH_MESSAGE, EXPANSION_MESSAGE, MAX_EXPANDED_VALUES } from '../../../src/load/reading-limits.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NO_SOURCES = { vars: {}, env: {} };

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .flatMap((path) => (statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(path) ? [path] : []));
}

type Reader = typeof parseSpecFile;

/** The documents' values, with mappings as lists of entries (so key order counts), and the problems. */
function read(reader: Reader, text: string): { values: unknown[]; problems: string[] } {
  const diagnostics = new DiagnosticList();
  const documents = reader('f.yaml', text, NO_SOURCES, diagnostics);
  return { values: documents.map((d) => ordered(d.value)), problems: diagnostics.items.map(formatDiagnostic) };
}

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value !== null && typeof value === 'object') {
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    return Object.entries(value).map(([key, item]) => [key, ordered(item)]);
  }
  return value;
}

const valueOf = (reader: Reader, text: string) => read(reader, text).values[0];

describe('plain scalars: YAML 1.2 core, read alike by both readers', () => {
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
    for (const reader of [parseSpecFile, parseWithYaml]) {
      expect(valueOf(reader, `v: ${text}\n`)).toEqual([['v', value]]);
      // A key is the text JavaScript makes of its value.
      expect(valueOf(reader, `${text}: v\n`)).toEqual([[String(value), 'v']]);
    }
  });

  it('quoted and block scalars stay strings', () => {
    for (const reader of [parseSpecFile, parseWithYaml]) {
      expect(valueOf(reader, 'a: "true"\nb: \'1\'\nc: "~"\nd: |\n  1\n')).toEqual([['a', 'true'], ['b', '1'], ['c', '~'], ['d', '1\n']]);
    }
  });

  it("differs from js-yaml's own schemas, which is why topo has its own", () => {
    expect(load('v: 0b101', { schema: JS_YAML_CORE_SCHEMA })).toEqual({ v: 5 });
    expect(load('v: -0x10', { schema: JS_YAML_CORE_SCHEMA })).toEqual({ v: -16 });
    expect(load('v: 2001-12-14', { schema: DEFAULT_SCHEMA })).toEqual({ v: new Date('2001-12-14') });
    expect(valueOf(parseSpecFile, 'v: 0b101\nw: -0x10\nx: 2001-12-14\n')).toEqual([['v', '0b101'], ['w', '-0x10'], ['x', '2001-12-14']]);
  });

  it('a key written as nothing is "", and merge keys are ordinary keys', () => {
    expect(valueOf(parseSpecFile, '"": 1\n<<: {a: 1}\n')).toEqual([['', 1], ['<<', [['a', 1]]]]);
    expect(valueOf(parseSpecFile, ': 1\n')).toEqual([['', 1]]);
  });
});

describe('both readers read every example and fixture alike', () => {
  const files = [
    ...yamlFiles(join(ROOT, 'examples')),
    ...yamlFiles(join(ROOT, 'test/fixtures/invalid')),
    ...yamlFiles(join(ROOT, 'test/fixtures/warnings')),
  ];

  it.each(files.map((file) => [file.slice(ROOT.length), file]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(read(parseSpecFile, text)).toEqual(read(parseWithYaml, text));
  });
});

describe('nesting', () => {
  it('refuses nesting deeper than the limit at the node js-yaml stopped at', () => {
    const text = `a: ${'['.repeat(150)}${']'.repeat(150)}\n`;
    expect(read(parseSpecFile, text)).toEqual({ values: [], problems: [`f.yaml:1:103: ${DEPTH_MESSAGE}`] });
  });

  it('refuses nesting deeper than the limit through aliases, at the node that goes too deep', () => {
    const deep = (alias: string) => `${'['.repeat(40)}${alias}${']'.repeat(40)}`;
    const text = `a: &a ${deep('1')}\nb: &b ${deep('*a')}\nc: ${deep('*b')}\n`;
    const { values, problems } = read(parseSpecFile, text);
    expect(values).toEqual([]);
    expect(problems).toEqual([`f.yaml:3:44: ${DEPTH_MESSAGE}`]);
  });
});

describe('reading limits', () => {
  it('name the limit they enforce', () => {
    expect(EXPANSION_MESSAGE).toContain(MAX_EXPANDED_VALUES.toLocaleString('en-US'));
  });
});
