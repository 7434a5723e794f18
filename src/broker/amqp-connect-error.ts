import { TopoError } from '../errors.js';
import { oneLine } from '../text/one-line.js';

/**
 * Why an AMQP connection could not be opened, in the words a person acts on: `auth` (the
 * broker refused the user or password), `unreachable` (nothing answered AMQP at that
 * address), `vhost` (the broker would not open the vhost), `other`.
 */
export type AmqpConnectFailure = 'auth' | 'unreachable' | 'vhost' | 'other';

/** A failed AMQP connection: one line naming the target and the user, and what kind of failure. */
export class AmqpConnectError extends TopoError {
  constructor(
    /** The URL and vhost tried, without credentials. */
    readonly target: string,
    readonly user: string,
    /** Why, in plain words, without credentials. */
    readonly reason: string,
    readonly failure: AmqpConnectFailure,
  ) {
    super('amqp', `cannot connect over AMQP to ${target} as user "${user}": ${reason}`);
  }
}

/** Socket error codes that mean nothing answered at that address, and how to say them. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name did not resolve',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  EADDRNOTAVAIL: 'address not available',
};

/**
 * amqplib's error for a connection that did not open, classified and said plainly. amqplib's
 * texts ("Handshake terminated by server: 403 (ACCESS-REFUSED) …", "Expected ConnectionOpenOk;
 * got <ConnectionClose …>") name the protocol step, not what to fix. Pure.
 */
export function describeAmqpConnectFailure(
  error: unknown,
  redact: (text: string) => string = (text) => text,
): { failure: AmqpConnectFailure; reason: string } {
  // Only amqplib's text is redacted (it may quote what it was given), never topo's words.
  const raw = oneLine(error);
  const message = redact(raw);
  const code = (error as { code?: unknown } | null)?.code;
  if (/ACCESS.REFUSED|\b403\b/.test(raw)) {
    return { failure: 'auth', reason: 'the broker refused the login (wrong user or password, or the user may not log in over AMQP)' };
  }
  // amqplib drops the broker's text when it refuses connection.open, which it does for a
  // vhost that is missing or that the user has no permissions on.
  if (/Expected ConnectionOpenOk; got <ConnectionClose/.test(raw)) {
    return { failure: 'vhost', reason: 'the broker refused to open the vhost (it does not exist, or the user has no permissions on it)' };
  }
  // amqplib's own connect timeout carries the code only in its text.
  const socketCode = typeof code === 'string' ? code : /\b(E[A-Z_]+)\b/.exec(raw)?.[1];
  if (socketCode !== undefined && socketCode in UNREACHABLE) {
    return { failure: 'unreachable', reason: `nothing answered AMQP there (${UNREACHABLE[socketCode]})` };
  }
  // Something listens but does not speak AMQP (e.g. the management port), or hung up at once.
  if (/Socket closed abruptly during opening handshake|ECONNRESET|Unexpected close|timeout/i.test(raw)) {
    return { failure: 'unreachable', reason: `no AMQP server answered there (${message})` };
  }
  return { failure: 'other', reason: message };
}
