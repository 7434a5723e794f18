import type { ApplyProgress } from '../plan/apply-report.js';
import { renderProgressLine, renderStepLine } from '../render/render-apply-progress.js';
import type { CommandIO } from './io.js';

/** Back to the start of the terminal's line, and erase it: the progress line is redrawn in place. */
export const ERASE_LINE = '\r\x1b[K';
/** How often a terminal's progress line is redrawn, so that the elapsed time moves. */
const TERMINAL_REDRAW_MS = 1000;
/**
 * Step lines are written together, at most this long after the step finished: a write per
 * line is a system call per step (10,000 in an apply of 10,000 objects), and on a terminal two
 * more to erase and redraw the progress line around it.
 */
const STEP_LINES_PACE_MS = 100;
/** Default pace of progress lines without a terminal (CI logs): TOPO_PROGRESS_INTERVAL seconds. */
export const DEFAULT_CI_PROGRESS_SECONDS = 10;

export interface ApplyProgressOptions {
  total: number;
  color: boolean;
  /** Seconds between progress lines without a terminal. */
  ciIntervalSeconds: number;
}

/**
 * What apply prints while it runs. Each finished step is a line on stdout (what, where, how
 * long), on a terminal and in CI logs alike, within STEP_LINES_PACE_MS of the step's end. On a
 * terminal, a progress line at the bottom of stderr is redrawn in place; without one (CI), a
 * progress line is added to stdout every `ciIntervalSeconds`, so that a log shows the apply is
 * alive even while one slow step runs. `writeAtOnce` stops gathering the step lines. `end`
 * writes the lines still waiting, stops the clock and erases the terminal's line.
 */
export function applyProgress(
  io: CommandIO,
  options: ApplyProgressOptions,
): { update: (event: ApplyProgress) => void; writeAtOnce: () => void; end: () => void } {
  const started = Date.now();
  let finished = 0;
  let running = 0;
  const line = () => renderProgressLine({ finished, total: options.total, running, elapsedMs: Date.now() - started });
  const draw = () => io.err(`${ERASE_LINE}${line()}`);
  let stepLines = '';
  let pacing: NodeJS.Timeout | undefined;
  let paced = true;
  const writeStepLines = () => {
    clearTimeout(pacing);
    pacing = undefined;
    if (stepLines === '') return;
    if (io.isTTY) io.err(ERASE_LINE);
    io.out(stepLines);
    stepLines = '';
    if (io.isTTY) draw();
  };
  const timer = io.isTTY
    ? setInterval(draw, TERMINAL_REDRAW_MS)
    : // In a CI log the progress is part of the apply's log, after the step lines it counts;
      // standard error stays for what went wrong.
      setInterval(() => {
        writeStepLines();
        io.out(`${line()}\n`);
      }, options.ciIntervalSeconds * 1000);
  // The clocks must never keep topo running on their own.
  timer.unref();
  return {
    update(event) {
      if (event.type === 'started') {
        running = event.running;
        return;
      }
      finished = event.finished;
      running = Math.max(0, running - 1);
      stepLines += renderStepLine(event.step, event.result, { color: options.color });
      if (paced) pacing ??= setTimeout(writeStepLines, STEP_LINES_PACE_MS).unref();
      else writeStepLines();
    },
    /**
     * The lines waiting now, and from then on each line as soon as its step ends: after a first
     * Ctrl-C a second one ends topo at once, and the lines are the record of what was done.
     */
    writeAtOnce() {
      paced = false;
      writeStepLines();
    },
    end() {
      writeStepLines();
      clearInterval(timer);
      if (io.isTTY) io.err(ERASE_LINE);
    },
  };
}
