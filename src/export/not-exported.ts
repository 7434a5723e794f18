/**
 * What an export leaves out because the format cannot say it: counted by kind and reason, and
 * reported in one line on standard error (`not exported: 2 shovels using amqp10, 1 user ...`),
 * so that nothing is dropped silently. Every kind's export adds to the same list.
 */
export interface NotExported {
  count: number;
  /** The objects and why, in words for the count: `user hashed with rabbit_password_hashing_foo`. */
  what: string;
  /** The same in the plural, when it is not the first word with an `s` (`federation upstreams ...`). */
  plural?: string;
}

/** Adds one left-out object of `what` to `list`, merging with the same words. */
export function leaveOut(list: NotExported[], what: string, plural?: string): void {
  const found = list.find((n) => n.what === what);
  if (found) found.count += 1;
  else list.push({ count: 1, what, ...(plural !== undefined && { plural }) });
}

/** The one line for standard error (with its line break), or undefined when nothing was left out. */
export function notExportedLine(list: readonly NotExported[]): string | undefined {
  if (list.length === 0) return undefined;
  const parts = list.map(({ count, what, plural }) => `${count} ${count === 1 ? what : (plural ?? pluralize(what))}`);
  return `not exported: ${parts.join(', ')}\n`;
}

/** The plural of the first word: `user hashed with X` → `users hashed with X`. */
function pluralize(what: string): string {
  const space = what.indexOf(' ');
  const word = space < 0 ? what : what.slice(0, space);
  const rest = space < 0 ? '' : what.slice(space);
  return `${word.endsWith('s') ? word : `${word}s`}${rest}`;
}
