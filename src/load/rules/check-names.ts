import { shorten } from '../../text/shorten.js';
import { nameProblem } from './amqp-text.js';
import type { RuleContext } from './rule-context.js';

/**
 * Names the broker would refuse, or clients could not use: empty names, names starting with
 * `amq.` (reserved), the default exchange `""`, and vhost, exchange or queue names that are no
 * AMQP short string (more than 255 bytes of UTF-8, a NUL, invalid Unicode). Checked for every
 * declared object, valid or not: the name is known either way.
 */
export function checkNames(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    const vhostProblem = nameProblem(vhost.name);
    if (vhost.name === '') ctx.error(vhost.loc, 'vhost name must not be empty');
    else if (vhostProblem) ctx.error(vhost.loc, `vhost "${shorten(vhost.name)}": name ${vhostProblem}`);
    for (const exchange of vhost.exchanges.values()) {
      const { name } = exchange;
      const problem = nameProblem(name);
      if (name === '') {
        ctx.error(exchange.loc, 'the default exchange "" cannot be declared: every queue is already bound to it by its own name');
      } else if (name.startsWith('amq.')) {
        ctx.error(exchange.loc, `exchange "${shorten(name)}": names starting with "amq." are reserved by RabbitMQ`);
      } else if (problem) {
        ctx.error(exchange.loc, `exchange "${shorten(name)}": name ${problem}`);
      }
    }
    for (const queue of vhost.queues.values()) {
      const { name } = queue;
      // A server-named queue's key is only the spec's handle: the broker never sees it.
      const serverNamed = queue.valid && queue.spec?.serverNamed === true;
      const problem = nameProblem(name);
      if (name === '') {
        ctx.error(queue.loc, 'queue name must not be empty (for a name the broker picks, use a handle with exclusive: true and serverNamed: true)');
      } else if (serverNamed) {
        continue;
      } else if (name.startsWith('amq.')) {
        ctx.error(queue.loc, `queue "${shorten(name)}": names starting with "amq." are reserved by RabbitMQ`);
      } else if (problem) {
        ctx.error(queue.loc, `queue "${shorten(name)}": name ${problem}`);
      }
    }
    for (const [word, policies] of [['policy', vhost.policies], ['operator policy', vhost.operatorPolicies]] as const) {
      for (const policy of policies.values()) {
        if (policy.name === '') ctx.error(policy.loc, `${word} name must not be empty`);
      }
    }
  }
}
