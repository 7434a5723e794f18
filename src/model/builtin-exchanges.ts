import type { ExchangeType } from './topology.js';

/**
 * The exchanges every RabbitMQ vhost has, by name and type. They cannot be declared (the
 * `amq.` prefix is reserved) but may be used as binding sources, destinations and in tests.
 * The default exchange `""` is not listed: it can be published to but never bound.
 */
export const BUILTIN_EXCHANGES: ReadonlyMap<string, ExchangeType> = new Map<string, ExchangeType>([
  ['amq.direct', 'direct'],
  ['amq.fanout', 'fanout'],
  ['amq.topic', 'topic'],
  ['amq.headers', 'headers'],
  ['amq.match', 'headers'],
  ['amq.rabbitmq.trace', 'topic'],
]);

/** Built-in exchanges that are internal: clients cannot publish to them. */
export const INTERNAL_BUILTIN_EXCHANGES: ReadonlySet<string> = new Set(['amq.rabbitmq.trace']);
