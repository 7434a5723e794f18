/**
 * js-yaml reads the values of a spec once; the yaml package reads a file only when a
 * location in it is first read, or when js-yaml cannot read it cleanly. Counted here by
 * wrapping the yaml package's two readings.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { exampleSpecFiles } from '../../support/example-specs.js';
import type * as YamlReader from '../../../src/load/parse-with-yaml.js';
import { lines, topologyOf, validateYaml } from './spec-helpers.js';

const readings = vi.hoisted(() => ({ positions: [] as string[], parse: [] as string[] }));

vi.mock('../../../src/load/parse-with-yaml.js', async (importOriginal) => {
  const original = await importOriginal<typeof YamlReader>();
  return {
    ...original,
    yamlPositions: (...args: Parameters<typeof original.yamlPositions>) => {
      readings.positions.push(args[0]);
      return original.yamlPositions(...args);
    },
    parseWithYaml: (...args: Parameters<typeof original.parseWithYaml>) => {
      readings.parse.push(args[0]);
      return original.parseWithYaml(...args);
    },
  };
});

beforeEach(() => {
  readings.positions.length = 0;
  readings.parse.length = 0;
});

const EXCHANGE_AND_QUEUE = 'vhosts:\n  /:\n    exchanges: { logs: { type: fanout } }\n    queues: { audit: {} }\n';
const BINDING = 'vhosts:\n  /:\n    bindings:\n      - { source: logs, destination: audit }\n';
describe('reading a spec', () => {
  it('reads every example with js-yaml alone: the yaml package is never loaded for a valid spec', () => {
    const files = Object.fromEntries(exampleSpecFiles().map((path) => [path, readFileSync(path, 'utf8')]));
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(6);
    for (const [path, text] of Object.entries(files)) expect(lines(validateYaml({ [path]: text })), path).toEqual([]);
    expect(readings).toEqual({ positions: [], parse: [] });
  });

  it('reads a file again, once, when a location in it is first read', () => {
    const topology = topologyOf({ 'a.yaml': EXCHANGE_AND_QUEUE, 'b.yaml': BINDING });
    const [vhost] = topology.vhosts;
    expect(readings.positions).toEqual([]);
    expect(vhost?.queues[0]?.loc).toMatchObject({ file: 'a.yaml', line: 4, col: 15 });
    expect(vhost?.exchanges[0]?.loc).toMatchObject({ file: 'a.yaml', line: 3, col: 18 });
    expect(readings.positions).toEqual(['a.yaml']);
    expect(vhost?.bindings[0]?.loc).toMatchObject({ file: 'b.yaml', line: 4, col: 9 });
    expect(readings).toEqual({ positions: ['a.yaml', 'b.yaml'], parse: [] });
  });

  it('reads only the files that have a diagnostic again', () => {
    const result = validateYaml({ 'a.yaml': EXCHANGE_AND_QUEUE, 'b.yaml': `${BINDING}      - { source: logs, destination: audit2 }\n` });
    expect(lines(result)).toEqual(['b.yaml:5:38: binding "logs" -> "audit2": destination queue "audit2" is not declared in vhost "/" (did you mean "audit"?)']);
    expect(readings).toEqual({ positions: ['b.yaml'], parse: [] });
  });

  it('has the yaml package read and describe a file js-yaml cannot read cleanly', () => {
    const cases = {
      'syntax.yaml': 'vhosts: { a: 1\n',
      'duplicate.yaml': 'vhosts: { a: {}, a: {} }\n',
      'reference.yaml': 'vhosts: { "${env:NOPE}": {} }\n',
      'collision.yaml': 'vhosts: { a-x: {}, "a-${var:v}": {} }\n',
      'cycle.yaml': 'a: &a [*a]\n',
    };
    expect(lines(validateYaml(cases, { vars: { v: 'x' } }))).toEqual([
      'collision.yaml:1:20: vhost "a-x" appears twice in the same mapping (first at collision.yaml:1:11)',
      'cycle.yaml:1:1: unknown property "a"',
      'cycle.yaml:1:8: alias *a refers to a node that contains it',
      'duplicate.yaml:1:18: vhost "a" appears twice in the same mapping (first at duplicate.yaml:1:11)',
      'reference.yaml:1:11: environment variable NOPE is not set (referenced as ${env:NOPE})',
      'syntax.yaml:2:1: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
    expect(readings.parse.sort()).toEqual(Object.keys(cases).sort());
    expect(readings.positions).toEqual([]);
  });
});
