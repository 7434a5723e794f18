import type { CommandIO } from './io.js';

/** Colours only on a terminal, unless `--no-color` or the NO_COLOR convention says no. */
export function useColor(color: boolean | undefined, io: CommandIO): boolean {
  return io.isTTY && color !== false && !io.env.NO_COLOR;
}
