import { bindingLabel, exchangeTypeOf, type RuleContext } from './rule-context.js';

/**
 * `x-match` only means something on a binding from a headers exchange; elsewhere it is an
 * ordinary argument that changes the binding's identity and nothing else (a warning).
 */
export function checkHeadersMatch(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    for (const binding of vhost.bindings) {
      if (!binding.valid || binding.spec.arguments?.['x-match'] === undefined) continue;
      const type = exchangeTypeOf(vhost, binding.spec.source);
      // An undeclared source is reported by checkBindingEndpoints.
      if (type === undefined || type === 'headers') continue;
      ctx.warning(
        ctx.at(binding, 'arguments', 'x-match'),
        `${bindingLabel(binding.spec)}: x-match only applies to headers exchanges, and "${binding.spec.source}" is a ${type} exchange`,
      );
    }
  }
}
