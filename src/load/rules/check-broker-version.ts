import { formatLocation } from '../diagnostic.js';
import type { RuleContext } from './rule-context.js';

/** The files of one spec target one broker: every `brokerVersion:` written says the same. */
export function checkBrokerVersion(ctx: RuleContext): void {
  const [first, ...others] = ctx.spec.brokerVersions;
  if (!first) return;
  for (const other of others) {
    if (other.value === first.value) continue;
    ctx.error(other.loc, `brokerVersion "${other.value}" differs from "${first.value}" (first at ${formatLocation(first.loc)})`);
  }
}
