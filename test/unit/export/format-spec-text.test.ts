import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { formatSpecText } from '../../../src/export/format-spec-text.js';
import { topologyToYaml } from '../../../src/export/topology-to-yaml.js';
import { validateSpec } from '../../../src/load/load-topology.js';
import { sampleTopology } from './sample.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const exampleFiles = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')),
  ...readdirSync(join(EXAMPLES, 'tutorials')).filter((f) => f.endsWith('.yaml')).map((f) => `tutorials/${f}`),
];

const format = (text: string): string => {
  const result = formatSpecText(text);
  if (!result.ok) throw new Error(result.error);
  return result.text;
};

describe('formatSpecText (topo fmt)', () => {
  it('writes what topo export writes unchanged: export is the canonical style', () => {
    const exported = topologyToYaml(sampleTopology(), { schemaPath: '../schemas/topology.schema.json' });
    expect(format(exported)).toBe(exported);
  });

  it('orders properties as export does, sorts names and argument keys, and puts each object on one line', () => {
    const text = [
      'vhosts:',
      '  shop:',
      '    queues:',
      '      orders:',
      '        arguments:',
      '          x-message-ttl: 60000',
      '          x-dead-letter-exchange: dlx',
      '        type: quorum',
      '      audit: {}',
      '    exchanges:',
      '      dlx: { durable: false, type: fanout }',
      'version: 1',
      '',
    ].join('\n');
    expect(format(text)).toBe(
      [
        'version: 1',
        'vhosts:',
        '  shop:',
        '    exchanges:',
        '      dlx: { type: fanout, durable: false }',
        '    queues:',
        '      audit: {}',
        '      orders: { type: quorum, arguments: { x-dead-letter-exchange: dlx, x-message-ttl: 60000 } }',
        '',
      ].join('\n'),
    );
  });

  it('keeps comments with what they describe, values as written, and the order of lists', () => {
    const text = [
      '# yaml-language-server: $schema=../schemas/topology.schema.json',
      'version: 1',
      'vhosts:',
      '  ${var:tenant}:',
      '    queues:',
      '      zeta: { arguments: { x-max-length: "${var:max}" } }',
      '      # the one every service reads',
      '      alpha:',
      '        durable: true   # survives restarts',
      '    bindings:',
      '      - { source: b, destination: zeta }',
      '      - { source: a, destination: alpha }',
      '',
    ].join('\n');
    const out = format(text);
    expect(out).toBe(
      [
        '# yaml-language-server: $schema=../schemas/topology.schema.json',
        'version: 1',
        'vhosts:',
        '  ${var:tenant}:',
        '    queues:',
        '      # the one every service reads',
        '      alpha:',
        '        durable: true # survives restarts',
        '      zeta: { arguments: { x-max-length: "${var:max}" } }',
        '    bindings:',
        '      - { source: b, destination: zeta }',
        '      - { source: a, destination: alpha }',
        '',
      ].join('\n'),
    );
    expect(format(out)).toBe(out);
  });

  it.each(exampleFiles)('keeps what %s means, and formats it once and for all', async (file) => {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    const out = format(text);
    expect(format(out)).toBe(out);
    const dir = await mkdtemp(join(tmpdir(), 'topo-fmt-'));
    try {
      await writeFile(join(dir, 'before.yaml'), text);
      await writeFile(join(dir, 'after.yaml'), out);
      const [before, after] = await Promise.all([validateSpec([join(dir, 'before.yaml')]), validateSpec([join(dir, 'after.yaml')])]);
      expect(before.ok && after.ok).toBe(true);
      if (before.ok && after.ok) expect(JSON.parse(JSON.stringify(after.topology, (k, v) => (k === 'loc' ? undefined : v)))).toEqual(JSON.parse(JSON.stringify(before.topology, (k, v) => (k === 'loc' ? undefined : v))));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses text that is not YAML', () => {
    expect(formatSpecText('vhosts: {\n')).toMatchObject({ ok: false, error: expect.stringMatching(/^not valid YAML \(.+\): run topo validate$/) });
  });
});

describe('topo fmt', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const run = async (...args: string[]) => {
    const io = bufferIO();
    const code = await main(['node', 'topo', 'fmt', ...args], io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  it('rewrites the files that are not formatted, and --check only names them, exiting 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'topo-fmt-cli-'));
    dirs.push(dir);
    const messy = join(dir, 'messy.yaml');
    const tidy = join(dir, 'tidy.yaml');
    await writeFile(messy, 'vhosts:\n  a:\n    queues:\n      q:\n        durable: false\nversion: 1\n');
    await writeFile(tidy, 'version: 1\nvhosts:\n  b:\n    queues:\n      q: {}\n');

    expect(await run('--check', dir)).toEqual({ code: 1, stdout: `${messy}\n`, stderr: '1 of 2 files not formatted: run topo fmt\n' });
    expect(await run(dir)).toEqual({ code: 0, stdout: '', stderr: `formatted ${messy}\n` });
    expect(await readFile(messy, 'utf8')).toBe('version: 1\nvhosts:\n  a:\n    queues:\n      q: { durable: false }\n');
    expect(await run('--check', dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('leaves a file that is not YAML alone and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'topo-fmt-cli-'));
    dirs.push(dir);
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'vhosts: {\n');
    const result = await run(broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^${broken.replace(/[.]/g, '\\.')}: not valid YAML`));
    expect(await readFile(broken, 'utf8')).toBe('vhosts: {\n');
  });
});
