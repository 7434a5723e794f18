import { TopoError } from '../errors.js';
import { oneLine } from '../text/one-line.js';

/** The AMQP reply code amqplib attaches to the error of an operation the broker refused. */
export function amqpReplyCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * One line for an AMQP operation that failed: what topo was doing, then amqplib's own text
 * (it carries the broker's reply code and reason, never credentials).
 */
export function amqpFailure(doing: string, err: unknown, hint = ''): TopoError {
  return new TopoError('amqp', `${doing}: ${oneLine(err)}${hint}`);
}
