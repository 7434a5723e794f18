/**
 * One benchmark figure: the samples of several runs of the same measurement, summarized as the
 * median wall time and the peak RSS over all runs. A measurement that failed keeps its error
 * instead of a number, so one broken command does not lose the rest of the run.
 */
import { maximum, median } from './median.js';

export interface FigureSummary {
  /** Median wall time over the runs that succeeded, in ms; null when none did. */
  wallMs: number | null;
  /** Largest peak RSS of the measured process over the runs, in MB; null when not measured. */
  peakRssMb: number | null;
  /** Median CPU time (user + system) of the measured process, in ms; null when not measured. */
  cpuMs: number | null;
  /** Every run's wall time, in ms, in run order. */
  samplesMs: number[];
  /** The first failure, one message; absent when every run succeeded. */
  error?: string;
}

export class Figure {
  readonly #wall: number[] = [];
  readonly #rss: number[] = [];
  readonly #cpu: number[] = [];
  #error: string | undefined;

  /** One run's wall time; peak RSS and CPU time when the measured thing was a process. */
  add(wallMs: number, usage?: { peakRssMb: number; cpuMs: number }): void {
    this.#wall.push(wallMs);
    if (usage) {
      this.#rss.push(usage.peakRssMb);
      this.#cpu.push(usage.cpuMs);
    }
  }

  fail(error: unknown): void {
    this.#error ??= error instanceof Error ? error.message : String(error);
  }

  get failed(): boolean {
    return this.#error !== undefined;
  }

  /** Median wall time in ms, NaN when no run succeeded. */
  get wallMs(): number {
    return median(this.#wall);
  }

  get peakRssMb(): number {
    return maximum(this.#rss);
  }

  get cpuMs(): number {
    return median(this.#cpu);
  }

  summary(): FigureSummary {
    const finite = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : null);
    return {
      wallMs: finite(this.wallMs),
      peakRssMb: finite(this.peakRssMb),
      cpuMs: finite(this.cpuMs),
      samplesMs: this.#wall.map((n) => Math.round(n * 10) / 10),
      ...(this.#error ? { error: this.#error } : {}),
    };
  }
}

/** Milliseconds `fn` took; its result is dropped. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
