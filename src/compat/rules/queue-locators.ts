import { isDenied, targetName, type DeprecatedFeature } from '../broker-target.js';
import { isAtLeast } from '../broker-version.js';
import type { CompatibilityRule } from '../compatibility-rule.js';

/** Deprecated in 4.0 for the leader locator; denied by default from 4.3.0 (release notes). */
const QUEUE_MASTER_LOCATOR: DeprecatedFeature = { name: 'queue_master_locator', deniedFrom: '4.3.0' };

/**
 * Where a queue's leader goes. `x-queue-master-locator` (and the `queue-master-locator`
 * policy key) is the deprecated feature `queue_master_locator`: 4.3.6 refuses both (measured),
 * unless its configuration permits it. `x-queue-leader-locator` on a classic queue needs 4.0:
 * 3.10.8 refuses it ("invalid arg ... of queue type rabbit_classic_queue", measured).
 */
export const checkQueueLocators: CompatibilityRule = (vhost, target, report) => {
  const denied = isDenied(target, QUEUE_MASTER_LOCATOR);
  const deprecated = denied || (target.version !== undefined && isAtLeast(target.version, '4.0'));
  const masterLocator = (what: string) =>
    denied
      ? `${what} is refused by ${targetName(target)} (the deprecated feature queue_master_locator is denied); use x-queue-leader-locator (client-local or balanced)`
      : `${what} is deprecated from RabbitMQ 4.0 on, and refused from 4.3 unless deprecated_features.permit.queue_master_locator = true; use x-queue-leader-locator`;
  for (const queue of vhost.queues) {
    if (queue.arguments['x-queue-master-locator'] !== undefined && deprecated) {
      (denied ? report.error : report.warning)('queue', queue, masterLocator('x-queue-master-locator'));
    }
    const version = target.version;
    if (queue.type === 'classic' && queue.arguments['x-queue-leader-locator'] !== undefined && version && !isAtLeast(version, '4.0')) {
      report.error('queue', queue, `x-queue-leader-locator on a classic queue needs RabbitMQ 4.0 or later (${version.text} accepts it on quorum queues and streams only)`);
    }
  }
  for (const [kind, policies] of [['policy', vhost.policies], ['operatorPolicy', vhost.operatorPolicies]] as const) {
    for (const policy of policies) {
      if (policy.definition['queue-master-locator'] === undefined || !deprecated) continue;
      (denied ? report.error : report.warning)(kind, policy, masterLocator('queue-master-locator'));
    }
  }
};
