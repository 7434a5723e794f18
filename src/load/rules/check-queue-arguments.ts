import type { QueueType } from '../../model/topology.js';
import { didYouMean } from '../../text/did-you-mean.js';
import type { RuleContext } from './rule-context.js';

/** Where an argument applies, and what a person should know about it on some broker versions. */
interface ArgumentFacts {
  types: readonly QueueType[];
  /** Said whenever the argument is written: it is ignored or gone on some RabbitMQ versions. */
  versionNote?: string;
}

const ALL: readonly QueueType[] = ['classic', 'quorum', 'stream'];
const QUEUES: readonly QueueType[] = ['classic', 'quorum'];

/** The queue arguments RabbitMQ 3.10 to 4.x know, by queue type (RabbitMQ's queue and stream docs). */
const QUEUE_ARGUMENTS: Readonly<Record<string, ArgumentFacts>> = {
  'x-message-ttl': { types: QUEUES },
  'x-expires': { types: QUEUES },
  'x-max-length': { types: QUEUES },
  'x-max-length-bytes': { types: ALL },
  'x-overflow': { types: QUEUES },
  'x-dead-letter-exchange': { types: QUEUES },
  'x-dead-letter-routing-key': { types: QUEUES },
  'x-single-active-consumer': { types: QUEUES },
  'x-queue-leader-locator': { types: ALL },
  'x-max-priority': { types: ['classic'] },
  'x-queue-version': { types: ['classic'] },
  'x-queue-mode': { types: ['classic'], versionNote: 'RabbitMQ 3.12 and later ignore it: classic queues keep messages on disk anyway' },
  'x-queue-master-locator': {
    types: ['classic'],
    versionNote: 'it places classic mirrored queues, which RabbitMQ 4.0 removed: use x-queue-leader-locator',
  },
  'x-dead-letter-strategy': { types: ['quorum'] },
  'x-delivery-limit': { types: ['quorum'] },
  'x-quorum-initial-group-size': { types: ['quorum'] },
  'x-quorum-target-group-size': { types: ['quorum'], versionNote: 'it needs RabbitMQ 3.12 or later' },
  'x-max-in-memory-length': { types: ['quorum'], versionNote: 'RabbitMQ 3.10 and later ignore it (4.0 removed it)' },
  'x-max-in-memory-bytes': { types: ['quorum'], versionNote: 'RabbitMQ 3.10 and later ignore it (4.0 removed it)' },
  'x-max-age': { types: ['stream'] },
  'x-stream-max-segment-size-bytes': { types: ['stream'] },
  'x-initial-cluster-size': { types: ['stream'] },
  'x-stream-filter-size-bytes': { types: ['stream'], versionNote: 'it needs RabbitMQ 3.12 or later' },
};

/** What applications set, not queues: written as a queue argument, the broker ignores it. */
const CLIENT_SETTINGS: Readonly<Record<string, string>> = {
  prefetch: 'prefetch is a consumer setting (basic.qos): the application sets it on its channel, e.g. channel.prefetch(10)',
  persistent:
    'persistence is a message property the publisher sets (persistent: true, delivery mode 2); a durable queue keeps persistent messages across restarts',
  'auto-ack': 'acknowledgement mode is chosen by each consumer (noAck in basic.consume)',
  exclusive: 'exclusive is a queue property: write exclusive: true beside arguments',
  durable: 'durable is a queue property: write durable: true or false beside arguments',
};

/** Spellings of the client settings, once lower-cased and stripped of `x-`. */
const CLIENT_ALIASES: Readonly<Record<string, string>> = {
  prefetch: 'prefetch',
  'prefetch-count': 'prefetch',
  prefetchcount: 'prefetch',
  qos: 'prefetch',
  persistent: 'persistent',
  'delivery-mode': 'persistent',
  deliverymode: 'persistent',
  'auto-ack': 'auto-ack',
  autoack: 'auto-ack',
  'no-ack': 'auto-ack',
  noack: 'auto-ack',
  exclusive: 'exclusive',
  durable: 'durable',
};

/**
 * Queue arguments that RabbitMQ would ignore or that do not do what the spec seems to mean,
 * as warnings at the argument: an unknown one (a typo such as `x-max-lenght`, with the known
 * argument it is nearest to), one that does not apply to the queue's type, one that some
 * RabbitMQ versions ignore or removed, and client settings (`prefetch`, `persistent`, ...)
 * that belong to the application, not to the queue.
 */
export function checkQueueArguments(ctx: RuleContext): void {
  for (const vhost of ctx.spec.vhosts.values()) {
    for (const queue of vhost.queues.values()) {
      if (!queue.valid || !queue.spec?.arguments) continue;
      const type: QueueType = queue.spec.type ?? 'classic';
      for (const name of Object.keys(queue.spec.arguments)) {
        const message = argumentWarning(name, type);
        if (message) ctx.warning(ctx.atKey(queue, 'arguments', name), `queue "${queue.name}": ${message}`);
      }
    }
  }
}

/** Why `name` deserves a look on a queue of `type`, or undefined when it is fine. */
export function argumentWarning(name: string, type: QueueType): string | undefined {
  // Own keys only: an argument may be named like an Object.prototype member ("constructor").
  const facts = Object.hasOwn(QUEUE_ARGUMENTS, name) ? QUEUE_ARGUMENTS[name] : undefined;
  if (facts) {
    if (!facts.types.includes(type)) {
      return `argument "${name}" does not apply to ${typeLabel(type)} (only to ${facts.types.map(typeLabel).join(' and ')})`;
    }
    return facts.versionNote && `argument "${name}": ${facts.versionNote}`;
  }
  if (name === 'x-queue-type') return undefined; // the schema refuses it, with its own message
  const alias = name.toLowerCase().replace(/^x-/, '').replace(/_/g, '-');
  const client = Object.hasOwn(CLIENT_ALIASES, alias) ? CLIENT_ALIASES[alias] : undefined;
  if (client) return `"${name}" is not a queue argument: ${CLIENT_SETTINGS[client]}`;
  const known = Object.keys(QUEUE_ARGUMENTS);
  const ofType = known.filter((k) => QUEUE_ARGUMENTS[k]?.types.includes(type));
  const near = didYouMean(name, ofType) ?? didYouMean(name, known) ?? (name.startsWith('x-') ? undefined : didYouMean(`x-${name}`, ofType));
  const hint = near ? ` (did you mean "${near}"?)` : '';
  return `unknown argument "${name}"${hint}: RabbitMQ ignores arguments it does not know`;
}

function typeLabel(type: QueueType): string {
  return type === 'stream' ? 'streams' : `${type} queues`;
}
