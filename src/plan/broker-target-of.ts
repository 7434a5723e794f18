import type { BrokerFacts } from '../broker/broker-facts.js';
import type { BrokerTarget } from '../compat/broker-target.js';
import { parseBrokerVersion } from '../compat/broker-version.js';

/** What `checkCompatibility` checks against, from what was read of a broker. Pure. */
export function brokerTargetOf(facts: BrokerFacts): BrokerTarget {
  const version = parseBrokerVersion(facts.version);
  return {
    ...(version ? { version } : {}),
    ...(facts.deprecatedFeatures ? { permitted: new Map(facts.deprecatedFeatures.map((f) => [f.name, f.permitted])) } : {}),
    ...(facts.enabledPlugins ? { enabledPlugins: new Set(facts.enabledPlugins) } : {}),
  };
}
