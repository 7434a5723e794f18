import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { isTopoSpec } from '../../../src/load/is-topo-spec.js';

describe('which YAML files of a directory are topo specs', () => {
  it.each([
    ['vhosts:\n  /: {}\n', true],
    ['# a comment\n"vhosts":\n  /: {}\n', true],
    ['tests:\n  - { exchange: x, expect: [] }\n', true],
    ['version: 1\n', true],
    ['version: 1 # the format\nvhost: {}\n', true],
    ['# yaml-language-server: $schema=../schemas/topology.schema.json\nfoo: 1\n', true],
    ['version: "3.8"\nservices:\n  rabbit: { image: rabbitmq }\n', false],
    ['apiVersion: v2\nname: chart\nversion: 0.1.0\n', false],
    ['name: topo check\non: push\njobs: {}\n', false],
    ['stages: [test]\n', false],
    ['services:\n  x:\n    vhosts: nested, not top level\n', false],
  ])('%j is one: %s', (text, isSpec) => {
    expect(isTopoSpec(text)).toBe(isSpec);
  });
});

describe('topo validate DIRECTORY', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const validate = async (...paths: string[]) => {
    const io = bufferIO({});
    const code = await main(['node', 'topo', 'validate', ...paths], io);
    return { code, stdout: io.stdout };
  };

  it('reads the specs and skips the docker-compose.yml beside them, but reads a file named on the command line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'topo-dir-'));
    dirs.push(dir);
    await writeFile(join(dir, 'docker-compose.yml'), 'version: "3.8"\nservices:\n  rabbit:\n    image: rabbitmq:3-management\n');
    await writeFile(join(dir, 'topology.yaml'), 'version: 1\nvhosts:\n  /:\n    queues:\n      q: {}\n');
    expect(await validate(dir)).toEqual({ code: 0, stdout: 'valid: 1 vhost, 0 exchanges, 1 queue, 0 bindings, 0 policies, 0 tests\n' });
    const named = await validate(join(dir, 'docker-compose.yml'));
    expect(named.code).toBe(1);
    expect(named.stdout).toContain('unknown property "services"');
  });

  it('says how a spec is recognised when a directory has none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'topo-dir-'));
    dirs.push(dir);
    await mkdir(join(dir, 'charts'));
    await writeFile(join(dir, 'charts', 'Chart.yaml'), 'apiVersion: v2\nname: x\nversion: 0.1.0\n');
    expect(await validate(dir)).toEqual({
      code: 1,
      stdout:
        `${dir}: none of the 1 *.yaml or *.yml files in this directory is a topo spec (a top-level vhosts: or tests:, version: 1, or the topology schema modeline)\n` +
        'invalid: 1 error, 0 warnings\n',
    });
  });
});
