import { effectivePolicy } from '../model/effective-policy.js';
import type { Exchange, Policy } from '../model/topology.js';

/** Where an exchange sends messages that none of its bindings matched. */
export interface AlternateExchange {
  /** The alternate exchange's name, in the same vhost. */
  exchange: string;
  /** The policy that set it, when the exchange's own `alternate-exchange` argument did not. */
  policy?: string;
}

/**
 * The alternate exchange in effect for `exchange`, as rabbit_policy:get_arg decides: the
 * exchange's `alternate-exchange` argument wins; otherwise the `alternate-exchange` of the
 * policy in effect for the exchange (see `effectivePolicy`). Operator policies cannot set it.
 */
export function alternateExchangeOf(
  exchange: Pick<Exchange, 'name' | 'arguments'>,
  policies: readonly Policy[],
): AlternateExchange | undefined {
  const own = exchange.arguments['alternate-exchange'];
  if (typeof own === 'string') return { exchange: own };
  const policy = effectivePolicy(policies, exchange.name, { kind: 'exchange' });
  const fromPolicy = policy?.definition['alternate-exchange'];
  return policy && typeof fromPolicy === 'string' ? { exchange: fromPolicy, policy: policy.name } : undefined;
}
