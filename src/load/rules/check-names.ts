import type { RuleContext } from './rule-context.js';

// AMQP names are short strings: at most 255 bytes of UTF-8.
const MAX_NAME_BYTES = 255;

/**
 * Names the broker would refuse: empty names, names starting with `amq.` (reserved), the
 * default exchange `""`, and exchange or queue names longer than 255 bytes. Checked for
 * every declared object, valid or not: the name is known either way.
 */
export function checkNames(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    if (vhost.name === '') ctx.error(vhost.loc, 'vhost name must not be empty');
    for (const exchange of vhost.exchanges.values()) {
      const { name } = exchange;
      if (name === '') {
        ctx.error(exchange.loc, 'the default exchange "" cannot be declared: every queue is already bound to it by its own name');
      } else if (name.startsWith('amq.')) {
        ctx.error(exchange.loc, `exchange "${name}": names starting with "amq." are reserved by RabbitMQ`);
      } else if (tooLong(name)) {
        ctx.error(exchange.loc, `exchange "${name.slice(0, 40)}...": name is longer than ${MAX_NAME_BYTES} bytes`);
      }
    }
    for (const queue of vhost.queues.values()) {
      const { name } = queue;
      // A server-named queue's key is only the spec's handle: the broker never sees it.
      const serverNamed = queue.valid && queue.spec?.serverNamed === true;
      if (name === '') {
        ctx.error(queue.loc, 'queue name must not be empty (for a name the broker picks, use a handle with exclusive: true and serverNamed: true)');
      } else if (serverNamed) {
        continue;
      } else if (name.startsWith('amq.')) {
        ctx.error(queue.loc, `queue "${name}": names starting with "amq." are reserved by RabbitMQ`);
      } else if (tooLong(name)) {
        ctx.error(queue.loc, `queue "${name.slice(0, 40)}...": name is longer than ${MAX_NAME_BYTES} bytes`);
      }
    }
    for (const [word, policies] of [['policy', vhost.policies], ['operator policy', vhost.operatorPolicies]] as const) {
      for (const policy of policies.values()) {
        if (policy.name === '') ctx.error(policy.loc, `${word} name must not be empty`);
      }
    }
  }
}

function tooLong(name: string): boolean {
  return Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES;
}
