import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { isTopoSpec } from '../../../src/load/is-topo-spec.js';

describe('which YAML files of a directory are topo specs', () => {
  it.each([
    { text: 'vhosts:\n  /: {}\n', spec: true },
    { text: '# a comment\n"vhosts":\n  /: {}\n', spec: true },
    { text: 'tests:\n  - { exchange: x, expect: [] }\n', spec: true },
    { text: 'version: 1\n', spec: true },
    { text: 'version: 1 # the format\nvhost: {}\n', spec: true },
    { text: '# yaml-language-server: $schema=../schemas/topology.schema.json\nfoo: 1\n', spec: true },
    { text: 'version: "3.8"\nservices:\n  rabbit: { image: rabbitmq }\n', spec: false },
    { text: 'apiVersion: v2\nname: chart\nversion: 0.1.0\n', spec: false },
    { text: 'name: topo check\non: push\njobs: {}\n', spec: false },
    { text: 'stages: [test]\n', spec: false },
    { text: 'services:\n  x:\n    vhosts: nested, not top level\n', spec: false },
  ])('$text is a spec: $spec', ({ text, spec }) => {
    expect(isTopoSpec(text)).toBe(spec);
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
