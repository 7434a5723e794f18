import { targetName, type DeprecatedFeature } from '../broker-target.js';
import type { CompatibilityRule } from '../compatibility-rule.js';

/** Deprecated since 2021; denied by default from 4.3.0 (its release notes). */
const TRANSIENT_NONEXCL_QUEUES: DeprecatedFeature = { name: 'transient_nonexcl_queues', deniedFrom: '4.3.0' };

/**
 * A queue that is neither durable nor exclusive is the deprecated feature
 * `transient_nonexcl_queues`. Brokers of the same version differ here (4.3.0 denies it by
 * default, the Debian 4.3.6 this project tests with permits it), so only a broker that says it
 * denies it makes this an error; everywhere else it is a warning.
 */
export const checkTransientQueues: CompatibilityRule = (vhost, target, report) => {
  const denied = target.permitted?.get(TRANSIENT_NONEXCL_QUEUES.name) === false;
  for (const queue of vhost.queues) {
    if (queue.durable || queue.exclusive) continue;
    if (denied) {
      report.error('queue', queue, `a queue that is neither durable nor exclusive is refused by ${targetName(target)} (the deprecated feature transient_nonexcl_queues is denied); make it durable (with x-expires to clean it up) or exclusive`);
    } else {
      report.warning('queue', queue, 'a queue that is neither durable nor exclusive is deprecated, and denied by default from RabbitMQ 4.3 on; make it durable (with x-expires to clean it up) or exclusive');
    }
  }
};
