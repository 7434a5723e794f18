import { didYouMeanHint } from '../../text/did-you-mean.js';
import type { NodeRef } from '../parsed-document.js';
import type { VhostDraft } from '../spec-draft.js';
import type { SourceLocation } from '../../model/topology.js';
import { exchangeNames, hasExchange, type RuleContext } from './rule-context.js';

/**
 * Exchanges named by arguments rather than bindings: an exchange's alternate exchange, a
 * queue's dead-letter exchange, and the same keys in policy definitions. The broker accepts
 * an undeclared one (messages are then dropped), so a missing one is a warning. Giving both
 * `alternateExchange` and the `alternate-exchange` argument is an error.
 */
export function checkExchangeReferences(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    for (const exchange of vhost.exchanges.values()) {
      if (!exchange.valid) continue;
      const label = `exchange "${exchange.name}"`;
      const shorthand = exchange.spec.alternateExchange;
      const argument = exchange.spec.arguments?.['alternate-exchange'];
      if (shorthand !== undefined && argument !== undefined) {
        ctx.error(ctx.atKey(exchange, 'alternateExchange'), `${label}: give alternateExchange or the alternate-exchange argument, not both`);
      }
      if (shorthand !== undefined) {
        expectExchange(ctx, vhost, exchange, ['alternateExchange'], shorthand, `${label}: alternate exchange`);
      } else if (typeof argument === 'string') {
        expectExchange(ctx, vhost, exchange, ['arguments', 'alternate-exchange'], argument, `${label}: alternate exchange`);
      }
    }
    for (const queue of vhost.queues.values()) {
      const dlx = queue.valid ? queue.spec?.arguments?.['x-dead-letter-exchange'] : undefined;
      if (typeof dlx === 'string') {
        expectExchange(ctx, vhost, queue, ['arguments', 'x-dead-letter-exchange'], dlx, `queue "${queue.name}": dead-letter exchange`);
      }
    }
    for (const [word, policies] of [['policy', vhost.policies], ['operator policy', vhost.operatorPolicies]] as const) {
      for (const policy of policies.values()) {
        if (!policy.valid) continue;
        for (const [key, what] of [['dead-letter-exchange', 'dead-letter exchange'], ['alternate-exchange', 'alternate exchange']] as const) {
          const name = policy.spec.definition[key];
          if (typeof name === 'string') {
            expectExchange(ctx, vhost, policy, ['definition', key], name, `${word} "${policy.name}": ${what}`);
          }
        }
      }
    }
  }
}

function expectExchange(
  ctx: RuleContext,
  vhost: VhostDraft,
  object: { ref: NodeRef; loc: SourceLocation },
  field: string[],
  name: string,
  what: string,
): void {
  // "" is the default exchange: dead-lettering to it routes by queue name.
  if (name === '' || hasExchange(vhost, name)) return;
  const hint = didYouMeanHint(name, exchangeNames(vhost));
  ctx.warning(ctx.at(object, ...field), `${what} "${name}" is not declared in vhost "${vhost.name}"${hint}`);
}
