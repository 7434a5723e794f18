import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TopoError } from '../../../src/errors.js';
import { formatDiagnostic, loadTopology, validateSpec } from '../../../src/load/load-topology.js';
import { lines, tempTree, topologyOf, validateYaml } from './spec-helpers.js';

const messagesOf = async (paths: string[], dir: string, options = {}) => {
  const result = await validateSpec(paths, { env: {}, ...options });
  return [...(result.ok ? [] : result.errors), ...result.warnings].map((d) => formatDiagnostic(d).replaceAll(`${dir}/`, ''));
};

describe('validateSpec: files and directories', () => {
  it('reads every *.yaml and *.yml below a directory, sorted, skipping hidden entries and other files', async () => {
    const dir = await tempTree({
      'b.yaml': 'vhosts: { b: {} }\n',
      'a/z.yml': 'vhosts: { z: {} }\n',
      'a/a.yaml': 'vhosts: { a: {} }\n',
      'notes.txt': 'not yaml',
      '.github/workflows/ci.yml': 'on: push\n',
      'node_modules/x/spec.yaml': 'bad: true\n',
    });
    const result = await validateSpec([dir]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.topology.vhosts.map((v) => [v.name, v.loc?.file.replace(`${dir}/`, '')])).toEqual([
      ['a', 'a/a.yaml'],
      ['b', 'b.yaml'],
      ['z', 'a/z.yml'],
    ]);
  });

  it('merges the files of several paths in the order given', async () => {
    const dir = await tempTree({
      'exchanges.yaml': 'vhosts:\n  /:\n    exchanges:\n      logs: { type: fanout }\n',
      'queues/q.yaml': 'vhosts:\n  /:\n    queues:\n      audit: {}\n    bindings:\n      - { source: logs, destination: audit }\n',
    });
    const result = await validateSpec([join(dir, 'queues'), join(dir, 'exchanges.yaml')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [vhost] = result.topology.vhosts;
    expect(vhost?.exchanges.map((e) => e.name)).toEqual(['logs']);
    expect(vhost?.queues.map((q) => q.name)).toEqual(['audit']);
    expect(vhost?.bindings).toHaveLength(1);
  });

  it('reads a file named twice (directly and through its directory) once', async () => {
    const dir = await tempTree({ 'a.yaml': 'vhosts:\n  /:\n    queues: { q: {} }\n' });
    expect(await messagesOf([dir, join(dir, 'a.yaml'), join(dir, '.', 'a.yaml')], dir)).toEqual([]);
  });

  it('reads an explicitly named file whatever its extension', async () => {
    const dir = await tempTree({ 'spec.txt': 'vhosts: { v: {} }\n' });
    const result = await validateSpec([join(dir, 'spec.txt')]);
    expect(result.ok && result.topology.vhosts.map((v) => v.name)).toEqual(['v']);
  });

  it('reports a missing path and a directory without spec files, and goes on with the rest', async () => {
    const dir = await tempTree({ 'empty/readme.md': '', 'bad.yaml': 'vhosts:\n  /:\n    queues:\n      q: { durabel: true }\n' });
    expect(await messagesOf([join(dir, 'nope.yaml'), join(dir, 'empty'), dir], dir)).toEqual([
      'bad.yaml:4:12: queue "q": unknown property "durabel" (did you mean "durable"?)',
      'empty: no *.yaml or *.yml files in this directory',
      'nope.yaml: cannot read: no such file or directory',
    ]);
  });

  it('reports the same queue declared in two files at the second, naming the first', async () => {
    const dir = await tempTree({
      'a.yaml': 'vhosts:\n  /:\n    queues:\n      orders: {}\n',
      'b.yaml': 'vhosts:\n  "/":\n    queues:\n      other: {}\n      orders: { type: quorum }\n',
    });
    expect(await messagesOf([dir], dir)).toEqual([
      `b.yaml:5:7: queue "orders" in vhost "/" is declared twice (first at a.yaml:4:7)`,
    ]);
  });

  it('reports the same binding in two files, after routingKeys expansion', async () => {
    const exchangeAndQueue = 'vhosts:\n  /:\n    exchanges: { logs: { type: direct } }\n    queues: { errors: {} }\n';
    const dir = await tempTree({
      'a.yaml': `${exchangeAndQueue}    bindings:\n      - { source: logs, destination: errors, routingKey: error }\n`,
      'b.yaml': 'vhosts:\n  /:\n    bindings:\n      - { source: logs, destination: errors, routingKeys: [warning, error] }\n',
    });
    const [message, ...rest] = await messagesOf([dir], dir);
    expect(rest).toEqual([]);
    expect(message).toBe(
      `b.yaml:4:69: binding "logs" -> queue "errors" (routing key "error") in vhost "/" is declared twice (first at a.yaml:6:9)`,
    );
  });

  it('passes vars and the environment to interpolation', async () => {
    const dir = await tempTree({ 'a.yaml': 'vhosts:\n  ${var:env}:\n    queues:\n      orders-${env:REGION}: {}\n' });
    const result = await validateSpec([dir], { vars: { env: 'prod' }, env: { REGION: 'eu' } });
    expect(result.ok && result.topology.vhosts.map((v) => [v.name, v.queues.map((q) => q.name)])).toEqual([['prod', ['orders-eu']]]);
    expect(await messagesOf([dir], dir, { vars: { env: 'prod' } })).toEqual([
      'a.yaml:4:7: environment variable REGION is not set (referenced as ${env:REGION})',
    ]);
  });
});

describe('loadTopology', () => {
  it('returns the normalized topology of a valid spec', async () => {
    const dir = await tempTree({ 'a.yaml': 'vhosts:\n  /:\n    queues:\n      q: {}\n' });
    const topology = await loadTopology([dir]);
    expect(topology.vhosts[0]?.queues[0]).toMatchObject({ name: 'q', durable: true, type: 'classic' });
  });

  it('throws spec-invalid with one line per error', async () => {
    const dir = await tempTree({ 'a.yaml': 'version: 3\nvhosts:\n  /:\n    queues:\n      q: { type: fifo }\n' });
    const error = await loadTopology([dir]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopoError);
    expect((error as TopoError).code).toBe('spec-invalid');
    expect((error as TopoError).message.replaceAll(`${dir}/`, '').split('\n')).toEqual([
      'a.yaml:1:10: unsupported version 3: this topo reads version 1',
      'a.yaml:5:18: queue "q": type must be one of classic, quorum, stream',
    ]);
  });

  it('reads ${env:...} from process.env by default', async () => {
    const dir = await tempTree({ 'a.yaml': 'vhosts:\n  ${env:TOPO_TEST_VHOST}: {}\n' });
    process.env.TOPO_TEST_VHOST = 'from-env';
    try {
      expect((await loadTopology([dir])).vhosts.map((v) => v.name)).toEqual(['from-env']);
    } finally {
      delete process.env.TOPO_TEST_VHOST;
    }
  });
});

describe('merging in memory', () => {
  it('merges one vhost from several files, and objects of several vhosts', () => {
    const topology = topologyOf({
      'a.yaml': 'vhosts:\n  shop:\n    description: The shop\n    exchanges: { orders: { type: topic } }\n  warehouse: {}\n',
      'b.yaml': 'vhosts:\n  shop:\n    description: The shop\n    queues: { billing: {} }\n    bindings:\n      - { source: orders, destination: billing }\n',
    });
    expect(topology.vhosts.map((v) => [v.name, v.description, v.exchanges.length, v.queues.length, v.bindings.length])).toEqual([
      ['shop', 'The shop', 1, 1, 1],
      ['warehouse', undefined, 0, 0, 0],
    ]);
  });

  it('reports vhost metadata declared twice with different values, naming both places', () => {
    const result = validateYaml({
      'a.yaml': 'vhosts:\n  shop:\n    description: The shop\n    tags: [b, a]\n',
      'b.yaml': 'vhosts:\n  shop:\n    description: Le magasin\n    tags: [a, b, a]\n',
    });
    expect(lines(result)).toEqual([
      'b.yaml:3:18: vhost "shop": description is declared again with a different value (first at a.yaml:3:18)',
    ]);
  });

  it('unions ignore lists, sorted and without repeats', () => {
    const topology = topologyOf({
      'a.yaml': 'vhosts:\n  /:\n    ignore: ["^tmp", "^debug"]\n',
      'b.yaml': 'vhosts:\n  /:\n    ignore: ["^debug", "^amq\\\\.gen"]\n',
    });
    expect(topology.vhosts[0]?.ignore).toEqual(['^amq\\.gen', '^debug', '^tmp']);
  });

  it('keeps the objects of other files when one file has a YAML syntax error', () => {
    const result = validateYaml({
      'a.yaml': 'vhosts:\n  /:\n    queues: { q: {} }\n    bindings:\n      - { source: amq.fanout, destination: q }\n',
      'b.yaml': 'vhosts: [\n',
    });
    expect(lines(result)).toHaveLength(1);
    expect(lines(result)[0]).toMatch(/^b\.yaml:2:1: /);
  });

  it('runs a test without vhost in the only vhost of its own file', () => {
    const topology = topologyOf({
      'a.yaml': 'vhosts:\n  a:\n    queues: { q: {} }\ntests:\n  - { exchange: "", routingKey: q, expect: [q] }\n',
      'b.yaml': 'vhosts:\n  b:\n    queues: { r: {} }\ntests:\n  - { exchange: "", routingKey: r, expect: [r] }\n',
    });
    expect(topology.tests.map((t) => t.vhost)).toEqual(['a', 'b']);
  });

  it('runs a test without vhost in the only vhost of the spec when its file declares none', () => {
    const topology = topologyOf({
      'a.yaml': 'vhosts:\n  shop:\n    queues: { q: {} }\n',
      'tests.yaml': 'tests:\n  - { exchange: "", routingKey: q, expect: [q] }\n',
    });
    expect(topology.tests[0]?.vhost).toBe('shop');
  });

  it('runs a test without vhost in "/" otherwise', () => {
    const topology = topologyOf({
      'a.yaml': 'vhosts:\n  /:\n    queues: { q: {} }\n  other: {}\n',
      'tests.yaml': 'tests:\n  - { exchange: "", routingKey: q, expect: [q] }\n',
    });
    expect(topology.tests[0]?.vhost).toBe('/');
  });
});

describe('validateSpec: encodings', () => {
  const spec = 'vhosts:\n  über: { queues: { q-😀: {} } }\n';

  it('reads UTF-16 files, little- and big-endian, and UTF-8 with a byte order mark', async () => {
    const le = Buffer.from(`\uFEFF${spec}`, 'utf16le');
    const be = Buffer.from(le);
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] as number, be[i] as number];
    const dir = await tempTree({});
    await writeFile(join(dir, 'le.yaml'), le);
    await writeFile(join(dir, 'be.yaml'), be);
    await writeFile(join(dir, 'bom.yaml'), `\uFEFF${spec}`);
    for (const file of ['le.yaml', 'be.yaml', 'bom.yaml']) {
      const result = await validateSpec([join(dir, file)]);
      expect(result.ok && result.topology.vhosts.map((v) => [v.name, v.queues.map((q) => q.name)]), file).toEqual([['über', ['q-😀']]]);
    }
  });
});

describe('loadTopology and validateSpec: their arguments, as a JavaScript caller passes them', () => {
  it('take one path as a plain string', async () => {
    const dir = await tempTree({ 'topology.yaml': 'vhosts: { shop: {} }\n' });
    expect((await loadTopology(join(dir, 'topology.yaml'))).vhosts.map((v) => v.name)).toEqual(['shop']);
    expect((await validateSpec(dir)).ok).toBe(true);
  });

  it('read a missing path given as a string as that one path, not as its characters', async () => {
    const error = await loadTopology('/no/such/topology.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopoError);
    expect((error as TopoError).message).toBe('/no/such/topology.yaml: cannot read: no such file or directory');
  });

  const call = (fn: (...args: unknown[]) => Promise<unknown>, ...args: unknown[]) => fn(...args).then(() => 'resolved', (e: unknown) => e);
  const load = loadTopology as unknown as (...args: unknown[]) => Promise<unknown>;
  const validate = validateSpec as unknown as (...args: unknown[]) => Promise<unknown>;

  it.each([
    [[42], 'loadTopology: paths must be a file or directory path (a string) or an array of them, got a number (42)'],
    [[undefined], 'loadTopology: paths must be a file or directory path (a string) or an array of them, got undefined'],
    [[{ path: 'a.yaml' }], 'loadTopology: paths must be a file or directory path (a string) or an array of them, got an object'],
    [[new Set(['a.yaml'])], 'loadTopology: paths must be a file or directory path (a string) or an array of them, got a Set'],
    [[['a.yaml', null]], 'loadTopology: paths[1] must be a string, got null'],
    [['a.yaml', 'prod'], 'loadTopology: options must be an object ({ vars, env }), got a string ("prod")'],
    [['a.yaml', { vars: ['a=1'] }], 'loadTopology: options.vars must be an object of strings, got an array'],
    [['a.yaml', { vars: { ttl: 60000 } }], 'loadTopology: options.vars.ttl must be a string, got a number (60000)'],
    [['a.yaml', { env: { HOME: 1 } }], 'loadTopology: options.env.HOME must be a string or undefined, got a number (1)'],
    [['a.yaml', { var: { a: '1' } }], 'loadTopology: unknown option "var" (did you mean "vars"?): the options are vars, env, brokerVersion and checkCompatibility'],
  ])('refuse %j with a TypeError naming the argument', async (args, message) => {
    const error = await call(load, ...args);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe(message);
  });

  it('name validateSpec when it is the one called', async () => {
    const error = await call(validate, 7);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toMatch(/^validateSpec: paths must be/);
  });

  it('take process.env, or an object without prototype, as the environment', async () => {
    const dir = await tempTree({ 'a.yaml': 'vhosts: { "v-${env:TOPO_TEST_REGION}": {} }\n' });
    const env = Object.assign(Object.create(null) as Record<string, string>, { TOPO_TEST_REGION: 'eu' });
    expect((await loadTopology(join(dir, 'a.yaml'), { env })).vhosts.map((v) => v.name)).toEqual(['v-eu']);
    expect((await validateSpec(join(dir, 'a.yaml'), { env: process.env })).ok).toBe(process.env.TOPO_TEST_REGION !== undefined);
  });
});
