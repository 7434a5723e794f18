import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { serializePlan } from '../../../src/plan/plan-file.js';
import { renderJson } from '../../../src/render/render-json.js';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { renderText } from '../../../src/render/render-text.js';
import { samplePlan } from '../render/sample-plan.js';

describe('topo show PLAN_FILE', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'topo-show-'));
    file = join(dir, 'plan.json');
    await writeFile(file, serializePlan(samplePlan));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const show = async (...args: string[]) => {
    const io = bufferIO();
    const code = await main(['node', 'topo', 'show', ...args], io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  it('prints a saved plan as topo plan printed it, offline', async () => {
    expect(await show(file)).toEqual({ code: 0, stdout: renderText(samplePlan, { color: false }), stderr: '' });
  });

  it('prints it as JSON, or as a pull-request comment that says where the full plan is', async () => {
    expect((await show(file, '--json')).stdout).toBe(renderJson(samplePlan));
    expect((await show(file, '--format', 'markdown', '--full-plan', 'the CI artifact')).stdout).toBe(
      renderMarkdown(samplePlan, { fullPlan: 'the CI artifact' }),
    );
  });

  it('says in one line what is wrong with the file or the flags', async () => {
    expect(await show(join(dir, 'missing.json'))).toEqual({ code: 1, stdout: '', stderr: `topo: cannot read ${join(dir, 'missing.json')}: no such file or directory\n` });
    const notAPlan = join(dir, 'not-a-plan.json');
    await writeFile(notAPlan, '{"hello": 1}');
    expect((await show(notAPlan)).stderr).toMatch(/^topo: .*not-a-plan\.json.*\n$/);
    expect((await show(file, '--full-plan', 'x')).stderr).toBe('topo: --full-plan goes with --format markdown\n');
  });
});
