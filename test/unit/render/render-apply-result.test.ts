import { describe, expect, it } from 'vitest';
import type { ApplyReport } from '../../../src/plan/apply-report.js';
import { describeStep } from '../../../src/render/describe-step.js';
import {
  renderApplyFailures,
  renderApplyJson,
  renderApplyVerdict,
  renderRefusals,
  renderRefusalVerdict,
} from '../../../src/render/render-apply-result.js';
import { renderJson } from '../../../src/render/render-json.js';
import { samplePlan } from './sample-plan.js';

const [first, second, ...rest] = samplePlan.steps;
const failedReport: ApplyReport = {
  ok: false,
  steps: [
    { id: first!.id, status: 'done' },
    { id: second!.id, status: 'failed', error: 'the broker refused PUT (400)' },
    ...rest.map((s) => ({ id: s.id, status: 'skipped' as const })),
  ],
  summary: { done: 1, failed: 1, skipped: rest.length },
};
const doneReport = (done: number): ApplyReport => ({ ok: true, steps: [], summary: { done, failed: 0, skipped: 0 } });

describe('apply output', () => {
  it('prints the plan as plan --json does, with the result beside it', () => {
    const parsed = JSON.parse(renderApplyJson(samplePlan, failedReport)) as { result: { steps: unknown[] } };
    expect(parsed).toMatchObject({ formatVersion: 4, plan: JSON.parse(renderJson(samplePlan)) });
    expect(parsed.result).toMatchObject({ ok: false, summary: failedReport.summary });
    expect(parsed.result).not.toHaveProperty('interrupted');
    expect(parsed.result.steps.map((s) => (s as { status: string }).status)).toEqual(failedReport.steps.map((s) => s.status));
    expect(JSON.parse(renderApplyJson(samplePlan, null))).toMatchObject({ result: null });
    expect(JSON.parse(renderApplyJson(samplePlan, failedReport, { interrupted: true }))).toMatchObject({ result: { interrupted: true } });
  });

  it("gives each step's result its operation and the object it acts on, not only its id", () => {
    const parsed = JSON.parse(renderApplyJson(samplePlan, failedReport)) as { result: { steps: Record<string, unknown>[] } };
    const bindStep = samplePlan.steps.find((s) => s.op === 'bind')!;
    const queueStep = samplePlan.steps.find((s) => s.op === 'declare-queue')!;
    const byId = (id: number) => parsed.result.steps.find((s) => s.id === id);
    expect(byId(second!.id)).toMatchObject({ op: second!.op, status: 'failed', error: 'the broker refused PUT (400)' });
    expect(byId(queueStep.id)).toEqual({
      id: queueStep.id,
      op: 'declare-queue',
      object: { kind: 'queue', vhost: queueStep.op === 'declare-queue' ? queueStep.queue.vhost : '', name: queueStep.op === 'declare-queue' ? queueStep.queue.name : '' },
      status: expect.any(String),
    });
    const b = bindStep.op === 'bind' ? bindStep.binding : undefined;
    expect(byId(bindStep.id)).toMatchObject({
      op: 'bind',
      object: { kind: 'binding', vhost: b?.vhost, source: b?.source, destination: b?.destination, destinationType: b?.destinationType, routingKey: b?.routingKey, arguments: b?.arguments },
    });
  });

  it('lists each refusal with its flag, and sums up the flags once each, sorted', () => {
    expect(renderRefusals(samplePlan)).toBe(
      [
        'refused: exchange "topic_logs" in vhost "/" is replaced (forced by type) (needs --allow-replace)',
        'refused: queue "audit" in vhost "/" is replaced (forced by arguments.x-message-ttl) (needs --allow-replace)',
        'refused: queue "audit" in vhost "/" holds 12 messages and is replaced (needs --allow-data-loss)',
        'refused: queue "events" in vhost "/" is replaced (forced by arguments.x-max-age) (needs --allow-replace)',
        'refused: queue "events" in vhost "/" may hold messages (a stream: topo cannot count them) and is replaced (needs --allow-data-loss)',
        'refused: queue "old" in vhost "/" is deleted (not in the spec) (needs --prune)',
        'refused: queue "old" in vhost "/" holds 1 message and is deleted (needs --allow-data-loss)',
        '',
      ].join('\n'),
    );
    expect(renderRefusalVerdict(samplePlan)).toBe(
      'apply refused: the plan needs --allow-data-loss --allow-replace --prune; nothing was changed',
    );
  });

  it('names each failed step and why', () => {
    expect(renderApplyFailures(samplePlan, failedReport)).toBe(`failed: ${describeStep(second!)}: the broker refused PUT (400)\n`);
    expect(renderApplyFailures(samplePlan, doneReport(3))).toBe('');
  });

  it.each([
    [doneReport(1), 'Apply complete: 1 step done.\n'],
    [doneReport(3), 'Apply complete: 3 steps done.\n'],
    [failedReport, `Apply failed: 1 done, 1 failed, ${rest.length} not started. Every step is safe to repeat: fix the cause and run topo apply again.\n`],
  ])('closes with a verdict: %#', (report, verdict) => {
    expect(renderApplyVerdict(report)).toBe(verdict);
  });
});
