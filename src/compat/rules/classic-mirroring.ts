import { isAtLeast } from '../broker-version.js';
import type { CompatibilityRule } from '../compatibility-rule.js';

/**
 * Classic queue mirroring, deprecated in 3.x, was removed in 4.0: its `ha-*` policy keys are
 * refused ("[{<<"ha-mode">>,<<"all">>}] are not recognised policy settings", measured on
 * 4.3.6). Quorum queues and streams are the replicated types.
 */
export const checkClassicMirroring: CompatibilityRule = (vhost, target, report) => {
  const removed = target.version !== undefined && isAtLeast(target.version, '4.0');
  for (const [kind, policies] of [['policy', vhost.policies], ['operatorPolicy', vhost.operatorPolicies]] as const) {
    for (const policy of policies) {
      const keys = Object.keys(policy.definition).filter((key) => key.startsWith('ha-'));
      if (keys.length === 0) continue;
      const listed = keys.join(', ');
      if (removed) {
        report.error(kind, policy, `${listed}: classic queue mirroring was removed in RabbitMQ 4.0, which refuses these keys; use quorum queues or streams`);
      } else {
        report.warning(kind, policy, `${listed}: classic queue mirroring is deprecated, and RabbitMQ 4.0 refuses these keys; use quorum queues or streams`);
      }
    }
  }
};
