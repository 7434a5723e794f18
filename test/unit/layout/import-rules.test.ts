import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../load/spec-helpers.js';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../../..');
const config = join(repo, '.dependency-cruiser.cjs');
const depcruise = join(repo, 'node_modules/.bin/depcruise');

/** Runs the project's import rules on a tiny tree of files; returns the rule names broken. */
async function brokenRules(files: Record<string, string>): Promise<string[]> {
  const tsconfig = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } });
  const dir = await tempTree({ ...files, 'tsconfig.json': tsconfig });
  // The JSON reporter exits 0 whatever it found; the violations are in its output.
  const { stdout } = await run(depcruise, ['src', '--config', config, '--output-type', 'json'], { cwd: dir });
  const out = JSON.parse(stdout) as { summary: { violations: { rule: { name: string } }[] } };
  return [...new Set(out.summary.violations.map((v) => v.rule.name))].sort();
}

describe('the import rules (npm run lint)', () => {
  it('accept imports in the direction of the pipeline', async () => {
    expect(
      await brokenRules({
        'src/model/topology.ts': 'export type T = 1;\n',
        'src/plan/diff.ts': "import type { T } from '../model/topology.js';\nexport const t: T = 1;\n",
        'src/cli/plan.ts': "import { t } from '../plan/diff.js';\nexport const u = t;\n",
      }),
    ).toEqual([]);
  }, 30_000);

  it.each([
    ['a stage importing cli/', { 'src/cli/o.ts': 'export const o = 1;\n', 'src/plan/p.ts': "import { o } from '../cli/o.js';\nexport const p = o;\n" }, ['layer-plan', 'nothing-imports-cli']],
    ['model/ importing a stage', { 'src/plan/p.ts': 'export const p = 1;\n', 'src/model/m.ts': "import { p } from '../plan/p.js';\nexport const m = p;\n" }, ['layer-model']],
    ['a pure stage doing file I/O', { 'src/render/r.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n" }, ['pure-stages-do-no-io']],
    ['graph/ importing export/', { 'src/export/e.ts': 'export const e = 1;\n', 'src/graph/g.ts': "import { e } from '../export/e.js';\nexport const g = e;\n" }, ['export-and-graph-apart', 'layer-graph']],
    ['a pure stage doing I/O through another module', { 'src/broker/b.ts': "import { request } from 'node:http';\nexport const b = request;\n", 'src/plan/p.ts': "import { b } from '../broker/b.js';\nexport const p = b;\n" }, ['pure-stages-do-no-io']],
    ['a pure stage using a pure module of the broker folder', { 'src/broker/d.ts': 'export const d = 1;\n', 'src/export/e.ts': "import { d } from '../broker/d.js';\nexport const e = d;\n" }, []],
    ['text/ importing model/', { 'src/model/m.ts': 'export const m = 1;\n', 'src/text/t.ts': "import { m } from '../model/m.js';\nexport const t = m;\n" }, ['layer-text']],
    ['an import cycle', { 'src/load/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n", 'src/load/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n" }, ['no-circular']],
  ])('judge %s', async (_name, files, rules) => {
    expect(await brokenRules(files)).toEqual(rules);
  }, 30_000);
});
