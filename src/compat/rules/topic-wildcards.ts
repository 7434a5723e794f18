import { BUILTIN_EXCHANGES } from '../../model/builtin-exchanges.js';
import { isAtLeast } from '../broker-version.js';
import type { CompatibilityRule } from '../compatibility-rule.js';

/** The most `#` words a topic binding key may have from RabbitMQ 4.3.5 on. */
const MAX_HASH_WORDS = 2;

/**
 * RabbitMQ 4.3.5 refuses topic binding keys with more than two `#` words ("Topic binding key
 * '#.#.#' uses 3 '#' wildcards, at most 2 are allowed", measured on 4.3.6 for bindings to
 * queues and exchanges, `amq.topic` included). A `#` inside a word (`a#`) is no wildcard.
 */
export const checkTopicWildcards: CompatibilityRule = (vhost, target, report) => {
  const version = target.version;
  if (!version || !isAtLeast(version, '4.3.5')) return;
  const types = new Map<string, string>(BUILTIN_EXCHANGES);
  for (const exchange of vhost.exchanges) types.set(exchange.name, exchange.type);
  for (const binding of vhost.bindings) {
    if (types.get(binding.source) !== 'topic') continue;
    const hashes = binding.routingKey.split('.').filter((word) => word === '#').length;
    if (hashes <= MAX_HASH_WORDS) continue;
    report.error(
      'binding',
      binding,
      `routing key "${binding.routingKey}" has ${hashes} "#" wildcards; RabbitMQ 4.3.5 and later allow at most ${MAX_HASH_WORDS} in a topic binding key`,
    );
  }
};
