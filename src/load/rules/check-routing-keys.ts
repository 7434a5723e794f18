import { shorten } from '../../text/shorten.js';
import { shortStringProblem } from './amqp-text.js';
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
      const label = bindingLabel(binding.spec);
      if (routingKey !== undefined && routingKeys !== undefined) {
        ctx.error(ctx.atKey(binding, 'routingKeys'), `${label}: give routingKey or routingKeys, not both`);
      }
      if (routingKey !== undefined) checkLength(ctx, label, routingKey, ctx.at(binding, 'routingKey'));
      routingKeys?.forEach((key, i) => checkLength(ctx, label, key, ctx.at(binding, 'routingKeys', i)));
    }
  }
  for (const test of ctx.spec.tests) {
    if (test.valid && test.spec.routingKey !== undefined) {
      checkLength(ctx, testLabel(test), test.spec.routingKey, ctx.at(test, 'routingKey'));
    }
  }
}

function checkLength(ctx: RuleContext, label: string, key: string, loc: Parameters<RuleContext['error']>[0]): void {
  const problem = shortStringProblem(key);
  if (problem) ctx.error(loc, `${label}: routing key "${shorten(key)}" ${problem}`);
}
