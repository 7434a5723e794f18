import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyProgress, ERASE_LINE as REDRAW } from '../../../src/cli/apply-progress.js';
import { bufferIO, type CommandIO } from '../../../src/cli/io.js';
import { renderStepLine } from '../../../src/render/render-apply-progress.js';
import { samplePlan } from '../render/sample-plan.js';
import { literal } from '../../support/literal-pattern.js';

const steps = samplePlan.steps.slice(0, 3);
const done = (id: number) => ({ id, status: 'done' as const, durationMs: 5 });
const stepLine = (i: number) => renderStepLine(steps[i]!, done(steps[i]!.id), { color: false });

/** An IO that keeps every write apart, to count them. */
function recordingIO(isTTY: boolean): CommandIO & { writes: { stream: 'out' | 'err'; text: string }[] } {
  const writes: { stream: 'out' | 'err'; text: string }[] = [];
  return { ...bufferIO(), isTTY, writes, out: (text) => writes.push({ stream: 'out', text }), err: (text) => writes.push({ stream: 'err', text }) };
}

function finishAll(update: ReturnType<typeof applyProgress>['update']): void {
  steps.forEach((step, i) => update({ type: 'finished', step, result: done(step.id), finished: i + 1, total: steps.length }));
}

describe('apply progress', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the lines of steps that finish close together in one write, soon after', () => {
    const io = recordingIO(false);
    const progress = applyProgress(io, { total: steps.length, color: false, ciIntervalSeconds: 10 });
    finishAll(progress.update);
    expect(io.writes).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(io.writes).toEqual([{ stream: 'out', text: stepLine(0) + stepLine(1) + stepLine(2) }]);
    progress.end();
    expect(io.writes).toHaveLength(1);
  });

  it('writes the lines still waiting when it ends, and a CI progress line after the lines it counts', () => {
    const io = recordingIO(false);
    const progress = applyProgress(io, { total: steps.length, color: false, ciIntervalSeconds: 0.05 });
    progress.update({ type: 'finished', step: steps[0]!, result: done(steps[0]!.id), finished: 1, total: steps.length });
    vi.advanceTimersByTime(50);
    expect(io.writes.map((w) => w.text)).toEqual([stepLine(0), expect.stringMatching(/^Applying: 1\/3 steps done/)]);
    progress.update({ type: 'finished', step: steps[1]!, result: done(steps[1]!.id), finished: 2, total: steps.length });
    progress.end();
    expect(io.writes.map((w) => w.text).slice(2)).toEqual([stepLine(1)]);
  });

  it('after writeAtOnce (a first Ctrl-C), writes the waiting lines and then each line as its step ends', () => {
    const io = recordingIO(false);
    const progress = applyProgress(io, { total: steps.length, color: false, ciIntervalSeconds: 10 });
    progress.update({ type: 'finished', step: steps[0]!, result: done(steps[0]!.id), finished: 1, total: steps.length });
    expect(io.writes).toEqual([]);
    progress.writeAtOnce();
    expect(io.writes.map((w) => w.text)).toEqual([stepLine(0)]);
    progress.update({ type: 'finished', step: steps[1]!, result: done(steps[1]!.id), finished: 2, total: steps.length });
    expect(io.writes.map((w) => w.text)).toEqual([stepLine(0), stepLine(1)]);
    progress.end();
    expect(io.writes).toHaveLength(2);
  });

  it('on a terminal, erases the progress line before the step lines and redraws it once after them', () => {
    const io = recordingIO(true);
    const progress = applyProgress(io, { total: steps.length, color: false, ciIntervalSeconds: 10 });
    finishAll(progress.update);
    vi.advanceTimersByTime(100);
    expect(io.writes).toEqual([
      { stream: 'err', text: REDRAW },
      { stream: 'out', text: stepLine(0) + stepLine(1) + stepLine(2) },
      { stream: 'err', text: expect.stringMatching(new RegExp(`^${literal(REDRAW)}Applying: 3/3 steps done`)) },
    ]);
    progress.end();
    expect(io.writes.at(-1)).toEqual({ stream: 'err', text: REDRAW });
  });
});
