import type { Exchange, Policy } from '../spec/topology.js';
import { compareStrings } from '../spec/identity.js';

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
 * highest-priority policy of the vhost whose pattern matches the exchange name and that
 * applies to exchanges. RabbitMQ leaves ties between equal priorities unspecified; topo
 * picks the policy whose name sorts first. Operator policies cannot set it.
 */
export function alternateExchangeOf(
  exchange: Pick<Exchange, 'name' | 'arguments'>,
  policies: readonly Policy[],
): AlternateExchange | undefined {
  const own = exchange.arguments['alternate-exchange'];
  if (typeof own === 'string') return { exchange: own };
  const applicable = policies
    .filter((p) => (p.applyTo === 'exchanges' || p.applyTo === 'all') && patternMatches(p.pattern, exchange.name))
    .sort((a, b) => b.priority - a.priority || compareStrings(a.name, b.name));
  const policy = applicable[0];
  const fromPolicy = policy?.definition['alternate-exchange'];
  return policy && typeof fromPolicy === 'string' ? { exchange: fromPolicy, policy: policy.name } : undefined;
}

function patternMatches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern).test(name);
  } catch {
    // A pattern JavaScript cannot compile (PCRE-only syntax) is the validator's to report.
    return false;
  }
}
