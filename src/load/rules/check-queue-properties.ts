import type { RuleContext } from './rule-context.js';

/**
 * Queue properties RabbitMQ refuses together: a quorum queue or stream must be durable, and
 * cannot be exclusive or auto-delete; `serverNamed` only makes sense for an exclusive queue
 * (the broker names it, and only its declaring connection can know the name).
 */
export function checkQueueProperties(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    for (const queue of vhost.queues.values()) {
      if (!queue.valid || !queue.spec) continue;
      const { type, durable, exclusive, autoDelete, serverNamed } = queue.spec;
      const label = `queue "${queue.name}"`;
      if (type === 'quorum' || type === 'stream') {
        const kind = type === 'quorum' ? 'a quorum queue' : 'a stream';
        if (durable === false) ctx.error(ctx.at(queue, 'durable'), `${label}: ${kind} must be durable`);
        if (exclusive === true) ctx.error(ctx.at(queue, 'exclusive'), `${label}: ${kind} cannot be exclusive`);
        if (autoDelete === true) ctx.error(ctx.at(queue, 'autoDelete'), `${label}: ${kind} cannot be auto-delete`);
      }
      if (serverNamed === true && exclusive !== true) {
        ctx.error(ctx.at(queue, 'serverNamed'), `${label}: serverNamed needs exclusive: true (only the connection that declares a server-named queue knows its name)`);
      }
    }
  }
}
