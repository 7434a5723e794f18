import type { Step } from './step.js';

/** What became of one step: carried out, failed, or never started. */
export type StepStatus = 'done' | 'failed' | 'skipped';

/** The outcome of one step of the plan. Plain data, printed as-is by `apply --json`. */
export interface StepResult {
  /** The step's id in the plan. */
  id: number;
  status: StepStatus;
  /** One line, only for `failed`: why the broker refused or the call failed. */
  error?: string;
  /** How long the step ran, in milliseconds; absent for `skipped`. */
  durationMs?: number;
}

/**
 * The outcome of executing a plan: one result per plan step, in step order. `ok` is true
 * exactly when every step is `done`. Plain data; never drives a later apply (the next apply
 * reads the broker again and converges).
 */
export interface ApplyReport {
  ok: boolean;
  steps: StepResult[];
  summary: Record<StepStatus, number>;
}

/** Progress of a running apply, for a terminal's progress line. Display only. */
export type ApplyProgress =
  | { type: 'started'; step: Step; running: number }
  | { type: 'finished'; step: Step; result: StepResult; finished: number; total: number };
