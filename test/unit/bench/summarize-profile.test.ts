import { describe, expect, it } from 'vitest';
import { summarizeProfile, type CpuProfile } from '../../../bench/summarize-profile.js';

const root = '/repo';
const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

describe('summarizeProfile', () => {
  it('sums self time per function and per area from sample deltas', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('next', 'file:///repo/node_modules/yaml/dist/parse/parser.js', 175) },
        { id: 3, callFrame: frame('diffBindings', 'file:///repo/dist/src/plan/diff-bindings.js', 10) },
        { id: 4, callFrame: frame('(garbage collector)', '') },
      ],
      // Each sample lasts until the next one: the next delta is its duration.
      samples: [2, 3, 2, 4, 1],
      timeDeltas: [0, 3000, 1000, 2000, 500],
      startTime: 0,
      endTime: 7000,
    };
    const summary = summarizeProfile(profile, root);
    expect(summary.totalMs).toBe(7);
    expect(summary.functions).toEqual([
      { name: 'next', where: 'node_modules/yaml/dist/parse/parser.js:176', selfMs: 5 },
      { name: 'diffBindings', where: 'dist/src/plan/diff-bindings.js:11', selfMs: 1 },
      { name: '(garbage collector)', where: '', selfMs: 0.5 },
      { name: '(root)', where: '', selfMs: 0 },
    ]);
    expect(summary.areas).toEqual([
      { area: 'package yaml', selfMs: 5 },
      { area: 'topo src/plan', selfMs: 1 },
      { area: '(garbage collector)', selfMs: 0.5 },
      { area: '(root)', selfMs: 0 },
    ]);
  });
});
