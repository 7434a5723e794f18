import { isAtLeast } from '../broker-version.js';
import type { CompatibilityRule } from '../compatibility-rule.js';

/**
 * Classic queue storage settings that newer brokers dropped. Version 1 storage (CQv1) was
 * removed in 4.0, and 4.3 refuses `x-queue-version: 1` ("unsupported queue version '1'",
 * measured on 4.3.6); a policy's `queue-version: 1` is still accepted there, and does nothing.
 * Lazy mode stopped meaning anything in 3.12 (classic queues v2 always page to disk): the 4.3.0
 * release notes announce that `x-queue-mode` is refused, but 4.3.6 accepts it (measured), so
 * it is a warning.
 */
export const checkClassicQueueStorage: CompatibilityRule = (vhost, target, report) => {
  const version = target.version;
  if (!version) return;
  for (const queue of vhost.queues) {
    if (queue.arguments['x-queue-version'] === 1) {
      if (isAtLeast(version, '4.3')) {
        report.error('queue', queue, `x-queue-version 1 is refused by RabbitMQ 4.3 and later (classic queues v1 were removed); remove it, or use 2`);
      } else if (isAtLeast(version, '4.0')) {
        report.warning('queue', queue, 'x-queue-version 1 has no effect from RabbitMQ 4.0 on (classic queues v1 were removed), and 4.3 refuses it');
      }
    }
    if (queue.arguments['x-queue-mode'] !== undefined && isAtLeast(version, '3.12')) {
      report.warning('queue', queue, 'x-queue-mode has no effect from RabbitMQ 3.12 on (classic queues always keep messages on disk); remove it');
    }
  }
  for (const [kind, policies] of [['policy', vhost.policies], ['operatorPolicy', vhost.operatorPolicies]] as const) {
    for (const policy of policies) {
      if (policy.definition['queue-version'] === 1 && isAtLeast(version, '4.0')) {
        report.warning(kind, policy, 'queue-version 1 has no effect from RabbitMQ 4.0 on (classic queues v1 were removed)');
      }
      if (policy.definition['queue-mode'] !== undefined && isAtLeast(version, '3.12')) {
        report.warning(kind, policy, 'queue-mode has no effect from RabbitMQ 3.12 on (classic queues always keep messages on disk)');
      }
    }
  }
};
