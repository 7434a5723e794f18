import { bindingLabel, type RuleContext } from './rule-context.js';

/** A binding gives one routing key (`routingKey`) or several (`routingKeys`), not both. */
export function checkRoutingKeys(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    for (const binding of vhost.bindings) {
      if (!binding.valid) continue;
      if (binding.spec.routingKey !== undefined && binding.spec.routingKeys !== undefined) {
        ctx.error(ctx.atKey(binding, 'routingKeys'), `${bindingLabel(binding.spec)}: give routingKey or routingKeys, not both`);
      }
    }
  }
}
