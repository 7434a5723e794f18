import type { ApplyReport, StepResult } from '../plan/apply-report.js';
import type { Plan } from '../plan/plan.js';
import type { Step } from '../plan/step.js';
import { countOf } from '../text/count-of.js';
import { describeStep } from './describe-step.js';

/** Options of the lines apply prints while it runs. `color` only on a terminal. */
export interface ProgressTextOptions {
  color: boolean;
}

/** Not-started steps listed by name after an interruption; the rest are counted. */
const LISTED_NOT_STARTED = 10;

/**
 * One finished step, as apply prints it while it runs (on a terminal and in CI logs alike):
 * what, where, how long, and why it failed. `✓ declare queue "orders" in vhost "/" (12 ms)`. Pure.
 */
export function renderStepLine(step: Step, result: StepResult, options: ProgressTextOptions): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const took = result.durationMs === undefined ? '' : ` (${formatDuration(result.durationMs)})`;
  if (result.status === 'failed') return `${paint('31', '✗')} ${describeStep(step)}${took}: ${result.error ?? 'unknown error'}\n`;
  return `${paint('32', '✓')} ${describeStep(step)}${took}\n`;
}

/** Where a running apply is: `Applying: 40/120 steps done, 3 running, 12s elapsed`. No newline. Pure. */
export function renderProgressLine(progress: { finished: number; total: number; running: number; elapsedMs: number }): string {
  return (
    `Applying: ${progress.finished}/${countOf(progress.total, 'step')} done, ${progress.running} running, ` +
    `${Math.floor(progress.elapsedMs / 1000)}s elapsed`
  );
}

/**
 * What an interrupted apply did and did not do, and that running it again converges: the
 * closing lines after Ctrl-C (or SIGTERM from a CI runner). Done steps were printed as they
 * finished; the steps not started are named, the first ten of them. Pure.
 */
export function renderInterrupted(plan: Plan, report: ApplyReport): string {
  const { done, failed, skipped } = report.summary;
  const steps = new Map(plan.steps.map((s) => [s.id, s]));
  const notStarted = report.steps.filter((r) => r.status === 'skipped').flatMap((r) => steps.get(r.id) ?? []);
  const lines = [`Apply interrupted: ${done} done, ${failed} failed, ${skipped} not started.`];
  if (notStarted.length > 0) {
    lines.push('Not started:', ...notStarted.slice(0, LISTED_NOT_STARTED).map((s) => `  ${describeStep(s)}`));
    if (notStarted.length > LISTED_NOT_STARTED) lines.push(`  ... and ${notStarted.length - LISTED_NOT_STARTED} more`);
  }
  lines.push('Every step is safe to repeat: run topo apply again and it converges (it plans from what is on the broker now).');
  return `${lines.join('\n')}\n`;
}

/** `12 ms` below a second, `1.4 s` below a minute, `2m 05s` above. Pure. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}
