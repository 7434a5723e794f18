/**
 * An error or a broker's text as one line: every run of whitespace (newlines included)
 * becomes one space. Messages of topo are one line each, whatever the broker or a library
 * put in theirs.
 */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
