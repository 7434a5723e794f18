import { isAtLeast } from '../broker-version.js';
import type { CompatibilityRule } from '../compatibility-rule.js';

/** Exchange types built into RabbitMQ from some release on, and that release. */
const BUILT_IN_FROM = new Map([['x-local-random', '4.0']]);

/** A built-in exchange type older brokers do not know (3.10.8: "unknown exchange type"). */
export const checkExchangeTypes: CompatibilityRule = (vhost, target, report) => {
  const version = target.version;
  if (!version) return;
  for (const exchange of vhost.exchanges) {
    const from = BUILT_IN_FROM.get(exchange.type);
    if (from === undefined || isAtLeast(version, from)) continue;
    report.error('exchange', exchange, `exchange type ${exchange.type} needs RabbitMQ ${from} or later (${version.text} does not know it)`);
  }
};
