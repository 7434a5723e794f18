import { countOf } from '../text/count-of.js';

/**
 * The messages a queue holds, as the plan read them: an exact number, or `'unknown'` when topo
 * could not count them exactly. A stream is always unknown: RabbitMQ offers no exact, current
 * count of a stream's retained log (docs/apply.md, "Streams"). Printed as-is in `plan --json`.
 * Unknown counts as not empty: deleting such a queue needs `--allow-data-loss`.
 */
export type MessageCount = number | 'unknown';

/**
 * Whether a queue with this count may lose messages when deleted: anything but an exact 0.
 * `undefined` (a count never read) is treated as unknown.
 */
export function mayHoldMessages(count: MessageCount | undefined): boolean {
  return count === undefined || count === 'unknown' || count > 0;
}

/** `1 message`, `12 messages`: an exact count for people. */
export function messageCountText(count: number): string {
  return countOf(count, 'message');
}
