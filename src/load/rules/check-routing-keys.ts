import { shorten } from '../../text/shorten.js';
import { shortStringProblem } from './amqp-text.js';
import type { SourceLocation } from '../../model/topology.js';
import { bindingLabel, testLabel, type RuleContext } from './rule-context.js';

/**
 * A binding gives one routing key (`routingKey`) or several (`routingKeys`), not both; and
 * every routing key, of a binding or of a test's message, fits an AMQP short string (255
 * bytes of UTF-8), where the broker would refuse the binding or the publish.
 */
export function checkRoutingKeys(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    for (const binding of vhost.bindings) {
      if (!binding.valid) continue;
      const { routingKey, routingKeys } = binding.spec;
      const label = () => bindingLabel(binding.spec);
      if (routingKey !== undefined && routingKeys !== undefined) {
        ctx.error(ctx.atKey(binding, 'routingKeys'), `${label()}: give routingKey or routingKeys, not both`);
      }
      if (routingKey !== undefined) checkLength(ctx, label, routingKey, () => ctx.at(binding, 'routingKey'));
      routingKeys?.forEach((key, i) => checkLength(ctx, label, key, () => ctx.at(binding, 'routingKeys', i)));
    }
  }
  for (const test of ctx.spec.tests) {
    const { routingKey } = test.spec;
    if (test.valid && routingKey !== undefined) checkLength(ctx, () => testLabel(test), routingKey, () => ctx.at(test, 'routingKey'));
  }
}

/**
 * `label` and `at` are called only for a key that is too long: naming and locating every key
 * would cost more than checking it.
 */
function checkLength(ctx: RuleContext, label: () => string, key: string, at: () => SourceLocation): void {
  const problem = shortStringProblem(key);
  if (problem) ctx.error(at(), `${label()}: routing key "${shorten(key)}" ${problem}`);
}
