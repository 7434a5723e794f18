import { BrokerHttpError } from '../broker/management-client.js';

/** Statuses a broker (or a proxy before it) answers while it is briefly unable to serve. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * A failure that may not happen again if the same call is repeated: no answer (broker
 * unreachable, connection lost, timeout) or a gateway error. A refusal (4xx) never is.
 */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof BrokerHttpError)) return false;
  if (error.status !== undefined) return TRANSIENT_STATUSES.has(error.status);
  return error.code === 'broker-unreachable' || error.code === 'broker-timeout';
}
