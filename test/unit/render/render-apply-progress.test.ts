import { describe, expect, it } from 'vitest';
import type { ApplyReport } from '../../../src/plan/apply-report.js';
import { describeStep } from '../../../src/render/describe-step.js';
import { formatDuration, renderInterrupted, renderProgressLine, renderStepLine } from '../../../src/render/render-apply-progress.js';
import { samplePlan } from './sample-plan.js';

const step = samplePlan.steps.find((s) => s.op === 'declare-queue')!;

describe('the lines apply prints while it runs', () => {
  it('names each finished step, where, and how long it took', () => {
    expect(renderStepLine(step, { id: step.id, status: 'done', durationMs: 12 }, { color: false })).toBe(`✓ ${describeStep(step)} (12 ms)\n`);
    expect(describeStep(step)).toMatch(/^declare queue "[^"]+" in vhost "\/"$/);
  });

  it('says why a step failed, on the same line', () => {
    expect(renderStepLine(step, { id: step.id, status: 'failed', error: 'the broker refused PUT (406)', durationMs: 1500 }, { color: false })).toBe(
      `✗ ${describeStep(step)} (1.5 s): the broker refused PUT (406)\n`,
    );
  });

  it('colours the mark only when asked', () => {
    expect(renderStepLine(step, { id: step.id, status: 'done', durationMs: 1 }, { color: true })).toBe(`\u001b[32m✓\u001b[0m ${describeStep(step)} (1 ms)\n`);
  });

  it('shows progress as done of total, running, and elapsed seconds', () => {
    expect(renderProgressLine({ finished: 40, total: 120, running: 3, elapsedMs: 12_345 })).toBe('Applying: 40/120 steps done, 3 running, 12s elapsed');
    expect(renderProgressLine({ finished: 0, total: 1, running: 1, elapsedMs: 0 })).toBe('Applying: 0/1 step done, 1 running, 0s elapsed');
  });

  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [1000, '1.0 s'],
    [59_940, '59.9 s'],
    [125_000, '2m 05s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('after an interruption', () => {
  const report = (done: number): ApplyReport => {
    const steps = samplePlan.steps.map((s, i) => ({ id: s.id, status: i < done ? ('done' as const) : ('skipped' as const) }));
    return { ok: false, steps, summary: { done, failed: 0, skipped: steps.length - done } };
  };

  it('says what was done, names what was not started, and that a re-run converges', () => {
    const notStarted = samplePlan.steps.slice(5);
    expect(notStarted.length).toBeLessThanOrEqual(10);
    expect(renderInterrupted(samplePlan, report(5))).toBe(
      [
        `Apply interrupted: 5 done, 0 failed, ${notStarted.length} not started.`,
        'Not started:',
        ...notStarted.map((s) => `  ${describeStep(s)}`),
        'Every step is safe to repeat: run topo apply again and it converges (it plans from what is on the broker now).',
        '',
      ].join('\n'),
    );
  });

  it('names the first ten steps not started and counts the rest', () => {
    const many = { ...samplePlan, steps: Array.from({ length: 25 }, (_, id) => ({ ...step, id })) };
    const text = renderInterrupted(many, {
      ok: false,
      steps: many.steps.map((s) => ({ id: s.id, status: 'skipped' as const })),
      summary: { done: 0, failed: 0, skipped: 25 },
    });
    expect(text.split('\n').filter((l) => l.startsWith('  declare'))).toHaveLength(10);
    expect(text).toContain('  ... and 15 more\n');
  });
});
