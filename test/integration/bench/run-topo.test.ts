import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchObjects, renderSpecYaml, sizeFromQueues } from '../../../bench/generate-spec.js';
import { runTopo } from '../../../bench/run-topo.js';

// Runs the built CLI (dist/), as `npm run bench` does.
describe('runTopo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'topo-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a topo command as its own process and reports its wall time and peak RSS', async () => {
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, renderSpecYaml(benchObjects(sizeFromQueues(20)), 'topo-bench-offline'));
    const run = await runTopo(['validate', spec]);
    expect(run.exitCode).toBe(0);
    expect(run.stdoutTail).toContain('valid: 1 vhost');
    expect(run.wallMs).toBeGreaterThan(0);
    // A node process holds at least a few MB; the preload must have reported it.
    expect(run.peakRssMb).toBeGreaterThan(5);
  });

  it('fails with the command output when the exit code is not expected', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nvhosts:\n  v:\n    bindings:\n      - { source: nowhere, destination: nothing }\n');
    await expect(runTopo(['validate', bad])).rejects.toThrow(/exited 1[\s\S]*nowhere/);
  });
});
