import { isAtLeast } from '../broker-version.js';
import type { CompatibilityRule } from '../compatibility-rule.js';

const BY_QUEUE_TYPE = new Set(['classic_queues', 'quorum_queues', 'streams']);

/** Policies for one queue type need 3.12 ("apply-to 'classic_queues' unrecognised" on 3.10.8). */
export const checkPolicyApplyTo: CompatibilityRule = (vhost, target, report) => {
  const version = target.version;
  if (!version || isAtLeast(version, '3.12')) return;
  for (const [kind, policies] of [['policy', vhost.policies], ['operatorPolicy', vhost.operatorPolicies]] as const) {
    for (const policy of policies) {
      if (!BY_QUEUE_TYPE.has(policy.applyTo)) continue;
      report.error(kind, policy, `applyTo ${policy.applyTo} needs RabbitMQ 3.12 or later (${version.text} knows queues, exchanges and all)`);
    }
  }
};
