import { describe, expect, it } from 'vitest';
import { executeSteps } from '../../../src/apply/execute-steps.js';
import { TopoError } from '../../../src/errors.js';
import type { Step } from '../../../src/plan/step.js';

/** A step the scheduler treats like any other; only id and dependsOn matter to it. */
function step(id: number, dependsOn: number[] = []): Step {
  return { op: 'delete-policy', vhost: 'v', name: `p${id}`, operator: false, id, change: id, dependsOn };
}

/** A runner whose steps finish only when the test says so, recording what happened. */
function controlledRunner() {
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const log: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const run = (s: Step) =>
    new Promise<void>((resolve, reject) => {
      log.push(`start ${s.id}`);
      running++;
      maxRunning = Math.max(maxRunning, running);
      pending.set(s.id, {
        resolve: () => {
          running--;
          log.push(`end ${s.id}`);
          resolve();
        },
        reject: (e) => {
          running--;
          log.push(`fail ${s.id}`);
          reject(e);
        },
      });
    });
  const settle = async (id: number, error?: Error) => {
    const p = pending.get(id);
    if (!p) throw new Error(`step ${id} is not running`);
    pending.delete(id);
    if (error) p.reject(error);
    else p.resolve();
    // Let the scheduler react (settle callbacks are promise jobs).
    await new Promise((r) => setImmediate(r));
  };
  return { run, settle, log, pending, maxRunning: () => maxRunning };
}

/** A runner that finishes every step at once, in a later turn. */
const instant = (log: number[] = []) => async (s: Step) => {
  await new Promise((r) => setImmediate(r));
  log.push(s.id);
};

describe('executeSteps', () => {
  it('runs every step once and each only after all its dependencies are done', async () => {
    const steps = [step(0), step(1, [0]), step(2, [0]), step(3, [1, 2]), step(4), step(5, [4, 3])];
    const started: number[] = [];
    const done = new Set<number>();
    const report = await executeSteps(
      steps,
      async (s) => {
        for (const dep of s.dependsOn) expect(done.has(dep)).toBe(true);
        started.push(s.id);
        await new Promise((r) => setImmediate(r));
        done.add(s.id);
      },
      { concurrency: 3 },
    );
    expect([...started].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(report.ok).toBe(true);
    expect(report.summary).toEqual({ done: 6, failed: 0, skipped: 0 });
    expect(report.steps.map((r) => r.status)).toEqual(Array(6).fill('done'));
  });

  it('keeps at most `concurrency` steps in flight and fills every slot', async () => {
    const r = controlledRunner();
    const steps = Array.from({ length: 7 }, (_, i) => step(i));
    const result = executeSteps(steps, r.run, { concurrency: 3 });
    await new Promise((res) => setImmediate(res));
    expect(r.log).toEqual(['start 0', 'start 1', 'start 2']);
    await r.settle(1);
    expect(r.log.at(-1)).toBe('start 3');
    for (const id of [0, 2, 3, 4, 5, 6]) await r.settle(id);
    expect((await result).ok).toBe(true);
    expect(r.maxRunning()).toBe(3);
  });

  it('starts the lowest ready id first', async () => {
    const order: number[] = [];
    const steps = [step(0), step(1, [3]), step(2), step(3), step(4, [0])];
    await executeSteps(steps, instant(order), { concurrency: 1 });
    expect(order).toEqual([0, 2, 3, 1, 4]);
  });

  it('after a failure starts nothing new, lets running steps finish, and skips the rest', async () => {
    const r = controlledRunner();
    const steps = [step(0), step(1), step(2), step(3), step(4, [0])];
    const result = executeSteps(steps, r.run, { concurrency: 2 });
    await new Promise((res) => setImmediate(res));
    await r.settle(0, new Error('broker said no\nsecond line'));
    // Step 1 is still running: nothing else may start, and the apply is not over.
    expect(r.log).toEqual(['start 0', 'start 1', 'fail 0']);
    await r.settle(1);
    const report = await result;
    expect(r.log).toEqual(['start 0', 'start 1', 'fail 0', 'end 1']);
    expect(report.ok).toBe(false);
    expect(report.steps).toEqual([
      { id: 0, status: 'failed', error: 'broker said no second line', durationMs: expect.any(Number) },
      { id: 1, status: 'done', durationMs: expect.any(Number) },
      { id: 2, status: 'skipped' },
      { id: 3, status: 'skipped' },
      { id: 4, status: 'skipped' },
    ]);
    expect(report.summary).toEqual({ done: 1, failed: 1, skipped: 3 });
  });

  it('times each step it runs, from its start to its end', async () => {
    const report = await executeSteps([step(0)], () => new Promise((res) => setTimeout(res, 60)), { concurrency: 1 });
    expect(report.steps[0]?.durationMs).toBeGreaterThanOrEqual(55);
    expect(report.steps[0]?.durationMs).toBeLessThan(1000);
  });

  it('reports progress for each step that finishes', async () => {
    const finished: string[] = [];
    await executeSteps([step(0), step(1, [0])], instant(), {
      concurrency: 4,
      onProgress: (e) => {
        if (e.type === 'finished') finished.push(`${e.step.id}:${e.result.status}:${e.finished}/${e.total}`);
      },
    });
    expect(finished).toEqual(['0:done:1/2', '1:done:2/2']);
  });

  it('starts no new step once the signal is aborted', async () => {
    const controller = new AbortController();
    const ran: number[] = [];
    const report = await executeSteps(
      [step(0), step(1, [0]), step(2, [1])],
      async (s) => {
        ran.push(s.id);
        if (s.id === 0) controller.abort();
      },
      { concurrency: 4, signal: controller.signal },
    );
    expect(ran).toEqual([0]);
    expect(report.steps.map((x) => x.status)).toEqual(['done', 'skipped', 'skipped']);
    expect(report.ok).toBe(false);
  });

  it('finishes at once with an empty plan', async () => {
    const report = await executeSteps([], instant(), { concurrency: 16 });
    expect(report).toEqual({ ok: true, steps: [], summary: { done: 0, failed: 0, skipped: 0 } });
  });

  it.each([
    ['an unknown dependency', [step(0), step(1, [7])], /unknown step 7/],
    ['a cycle', [step(0, [2]), step(1, [0]), step(2, [1]), step(3)], /cycle/],
    ['a duplicate id', [step(0), step(0)], /two steps with id 0/],
  ])('refuses %s before running anything', async (_label, steps, message) => {
    const ran: number[] = [];
    const attempt = executeSteps(steps, instant(ran), { concurrency: 2 });
    await expect(attempt).rejects.toThrow(TopoError);
    await expect(attempt).rejects.toThrow(message);
    expect(ran).toEqual([]);
  });
});
