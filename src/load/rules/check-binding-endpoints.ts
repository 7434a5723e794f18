import { didYouMeanHint } from '../../text/did-you-mean.js';
import type { Draft, VhostDraft } from '../spec-draft.js';
import type { BindingSpec } from '../topology-spec.js';
import { bindingLabel, exchangeNames, hasExchange, type RuleContext } from './rule-context.js';

/**
 * A binding's source must be an exchange, and its destination a queue or exchange (as its
 * destinationType says), declared in the same vhost or built in; never the default exchange.
 */
export function checkBindingEndpoints(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    for (const binding of vhost.bindings) {
      if (!binding.valid) continue;
      checkSource(ctx, vhost, binding);
      checkDestination(ctx, vhost, binding);
    }
  }
}

function checkSource(ctx: RuleContext, vhost: VhostDraft, binding: Draft<BindingSpec>): void {
  const { source } = binding.spec;
  // The common case returns before any message is built: this runs once per binding.
  if (source !== '' && hasExchange(vhost, source)) return;
  const at = () => ctx.at(binding, 'source');
  const label = bindingLabel(binding.spec);
  if (source === '') {
    ctx.error(at(), `${label}: the default exchange "" cannot be a binding source`);
  } else if (vhost.queues.has(source)) {
    ctx.error(at(), `${label}: source "${source}" is a queue; the source of a binding must be an exchange`);
  } else {
    const hint = didYouMeanHint(source, exchangeNames(vhost));
    ctx.error(at(), `${label}: source exchange "${source}" is not declared in vhost "${vhost.name}"${hint}`);
  }
}

function checkDestination(ctx: RuleContext, vhost: VhostDraft, binding: Draft<BindingSpec>): void {
  const { destination } = binding.spec;
  const toQueue = (binding.spec.destinationType ?? 'queue') === 'queue';
  if (toQueue ? vhost.queues.has(destination) : destination !== '' && hasExchange(vhost, destination)) return;
  const at = () => ctx.at(binding, 'destination');
  const label = bindingLabel(binding.spec);
  if (toQueue) {
    if (hasExchange(vhost, destination)) {
      ctx.error(at(), `${label}: "${destination}" is an exchange, not a queue (add destinationType: exchange)`);
      return;
    }
    const hint = didYouMeanHint(destination, vhost.queues.keys());
    ctx.error(at(), `${label}: destination queue "${destination}" is not declared in vhost "${vhost.name}"${hint}`);
  } else if (destination === '') {
    ctx.error(at(), `${label}: the default exchange "" cannot be a binding destination`);
  } else if (vhost.queues.has(destination)) {
    ctx.error(at(), `${label}: "${destination}" is a queue, not an exchange (remove destinationType: exchange)`);
  } else {
    const hint = didYouMeanHint(destination, exchangeNames(vhost));
    ctx.error(at(), `${label}: destination exchange "${destination}" is not declared in vhost "${vhost.name}"${hint}`);
  }
}
