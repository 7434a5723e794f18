import { TopoError } from '../errors.js';
import type { Step } from '../plan/step.js';
import type { ApplyProgress, ApplyReport, StepResult, StepStatus } from '../plan/apply-report.js';
import { oneLine } from '../text/one-line.js';

export interface ExecuteStepsOptions {
  /** Steps in flight at once; at least 1. */
  concurrency: number;
  onProgress?: (event: ApplyProgress) => void;
  /** Once aborted, no new step starts; the running ones finish and the rest are skipped. */
  signal?: AbortSignal;
}

/**
 * Runs `steps` with `run`, each once, in dependency order: a step starts when every step in
 * its `dependsOn` is done, at most `options.concurrency` at a time, lowest id first among the
 * ready ones. On the first failure no new step starts; the running ones finish, and every
 * step not started is reported `skipped`. Never throws for a failed step; throws before
 * running anything if the dependencies are not a valid order (unknown id, cycle).
 */
export async function executeSteps(
  steps: readonly Step[],
  run: (step: Step) => Promise<void>,
  options: ExecuteStepsOptions,
): Promise<ApplyReport> {
  const { byId, dependents } = checkDependencies(steps);
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const waitingOn = new Map(steps.map((s) => [s.id, new Set(s.dependsOn).size]));
  const ready = steps.filter((s) => waitingOn.get(s.id) === 0).map((s) => s.id).sort((a, b) => a - b);

  const results = new Map<number, StepResult>();
  let running = 0;
  let stopping = false;

  return new Promise<ApplyReport>((resolve) => {
    const finish = (): void => {
      const all = steps.map((s) => results.get(s.id) ?? { id: s.id, status: 'skipped' as const });
      const summary: Record<StepStatus, number> = { done: 0, failed: 0, skipped: 0 };
      for (const r of all) summary[r.status]++;
      resolve({ ok: summary.done === all.length, steps: all, summary });
    };

    const settle = (step: Step, result: StepResult): void => {
      running--;
      results.set(step.id, result);
      if (result.status === 'failed') stopping = true;
      else {
        for (const next of dependents.get(step.id) ?? []) {
          const left = (waitingOn.get(next) ?? 0) - 1;
          waitingOn.set(next, left);
          if (left === 0) insertSorted(ready, next);
        }
      }
      options.onProgress?.({ type: 'finished', step, result, finished: results.size, total: steps.length });
      pump();
    };

    const pump = (): void => {
      if (options.signal?.aborted) stopping = true;
      while (!stopping && running < concurrency && ready.length > 0) {
        const step = byId.get(ready.shift() as number) as Step;
        running++;
        options.onProgress?.({ type: 'started', step, running });
        const started = Date.now();
        run(step).then(
          () => settle(step, { id: step.id, status: 'done', durationMs: Date.now() - started }),
          (error: unknown) => settle(step, { id: step.id, status: 'failed', error: oneLine(error), durationMs: Date.now() - started }),
        );
      }
      if (running === 0) finish();
    };

    pump();
  });
}

/**
 * Checks that step ids are unique, every dependency exists, and there is no cycle; returns
 * the steps by id and, for each step, the steps that wait for it.
 */
function checkDependencies(steps: readonly Step[]): { byId: Map<number, Step>; dependents: Map<number, number[]> } {
  const byId = new Map<number, Step>();
  for (const step of steps) {
    if (byId.has(step.id)) throw new TopoError('plan-file', `the plan has two steps with id ${step.id}`);
    byId.set(step.id, step);
  }
  for (const step of steps) {
    for (const dep of step.dependsOn) {
      if (!byId.has(dep)) throw new TopoError('plan-file', `step ${step.id} depends on unknown step ${dep}`);
    }
  }
  // Kahn's algorithm: a valid order exists iff every step can be removed.
  const left = new Map(steps.map((s) => [s.id, new Set(s.dependsOn).size]));
  const dependents = new Map<number, number[]>();
  for (const s of steps) {
    for (const dep of new Set(s.dependsOn)) {
      const list = dependents.get(dep);
      if (list) list.push(s.id);
      else dependents.set(dep, [s.id]);
    }
  }
  const queue = steps.filter((s) => left.get(s.id) === 0).map((s) => s.id);
  let removed = 0;
  while (queue.length > 0) {
    const id = queue.pop() as number;
    removed++;
    for (const next of dependents.get(id) ?? []) {
      const n = (left.get(next) ?? 0) - 1;
      left.set(next, n);
      if (n === 0) queue.push(next);
    }
  }
  if (removed !== steps.length) throw new TopoError('plan-file', 'the plan steps depend on each other in a cycle');
  return { byId, dependents };
}

function insertSorted(list: number[], value: number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
}
