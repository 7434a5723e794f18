/** Turns character offsets of a text into 1-based line and column numbers. */
export interface LinePositions {
  linePos(offset: number): { line: number; col: number };
}

/**
 * The line starts of a text, found once: a line ends after each `\n` (so `\r\n` ends a line
 * once, as the yaml package's LineCounter counts). Columns count UTF-16 code units, as
 * offsets do.
 */
export class LineIndex implements LinePositions {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  linePos(offset: number): { line: number; col: number } {
    // The last line start at or before `offset`.
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, col: offset - (this.starts[low] as number) + 1 };
  }
}
