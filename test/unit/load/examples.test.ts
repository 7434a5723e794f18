import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { validateCommand } from '../../../src/cli/validate.js';
import { validateSpec } from '../../../src/load/load-topology.js';
import { exampleSpecFiles } from '../../support/example-specs.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');

describe('examples', () => {
  it('`topo validate examples` exits 0 without warnings', async () => {
    const io = bufferIO({});
    const code = await validateCommand(exampleSpecFiles(EXAMPLES), { var: [] }, io);
    expect(io.stdout).toMatch(/^valid: \d+ vhosts, /);
    expect(io.stdout.trim().split('\n')).toHaveLength(1);
    expect(code).toBe(0);
  });

  it('has the five tutorials, headers and the order-events bus', () => {
    expect(exampleSpecFiles(EXAMPLES).map((f) => relative(EXAMPLES, f)).sort()).toEqual(
      expect.arrayContaining([
        'order-events.yaml',
        'tutorials/headers.yaml',
        'tutorials/hello-world.yaml',
        'tutorials/publish-subscribe.yaml',
        'tutorials/routing.yaml',
        'tutorials/topics.yaml',
        'tutorials/work-queues.yaml',
      ]),
    );
  });

  it.each(exampleSpecFiles(EXAMPLES).map((f) => [relative(ROOT, f), f] as const))('%s is valid alone, has tests and points editors to the schema', async (_name, file) => {
    const firstLine = readFileSync(file, 'utf8').split('\n')[0] ?? '';
    const schema = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine)?.[1];
    expect(schema).toBeDefined();
    expect(join(file, '..', schema ?? '')).toBe(join(ROOT, 'schemas', 'topology.schema.json'));
    const result = await validateSpec([file], { env: {} });
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    if (!result.ok) return;
    expect(result.topology.vhosts).toHaveLength(1);
    expect(result.topology.tests.length).toBeGreaterThan(0);
  });

  it('every example declares its own vhost, so a directory of them merges', async () => {
    const result = await validateSpec(exampleSpecFiles(EXAMPLES), { env: {} });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.topology.vhosts).toHaveLength(exampleSpecFiles(EXAMPLES).length);
  });
});
