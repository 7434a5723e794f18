import { bindingLabel, exchangeTypeOf, type RuleContext } from './rule-context.js';

/**
 * An x-local-random exchange (RabbitMQ 4.0) binds classic queues only, with an empty routing
 * key: the broker refuses anything else ("Non empty binding key not permitted", "Queue type
 * ... not valid for this exchange type", an exchange as "Destination not found"; its
 * rabbit_exchange_type_local_random:validate_binding).
 */
export function checkLocalRandomBindings(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    for (const binding of vhost.bindings) {
      if (!binding.valid || exchangeTypeOf(vhost, binding.spec.source) !== 'x-local-random') continue;
      const { spec } = binding;
      const label = `${bindingLabel(spec)}: an x-local-random exchange`;
      const keys = spec.routingKeys ?? [spec.routingKey ?? ''];
      if (keys.some((key) => key !== '')) {
        const field = spec.routingKeys ? 'routingKeys' : 'routingKey';
        ctx.error(ctx.at(binding, field), `${label} takes bindings with an empty routing key only`);
      }
      if (spec.destinationType === 'exchange') {
        ctx.error(ctx.at(binding, 'destinationType'), `${label} routes to queues only, not to exchanges`);
        continue;
      }
      const queue = vhost.queues.get(spec.destination);
      const type = queue?.valid ? (queue.spec?.type ?? 'classic') : 'classic';
      if (type !== 'classic') ctx.error(ctx.at(binding, 'destination'), `${label} routes to classic queues only, and "${spec.destination}" is a ${type} queue`);
    }
  }
}
