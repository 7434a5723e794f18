import type { Topology } from '../model/topology.js';
import type { BrokerTarget } from './broker-target.js';
import { problemReport, type CompatibilityProblem, type CompatibilityRule } from './compatibility-rule.js';
import { checkClassicMirroring } from './rules/classic-mirroring.js';
import { checkClassicQueueStorage } from './rules/classic-queue-storage.js';
import { checkDefaultQueueType } from './rules/default-queue-type.js';
import { checkDeletionProtection } from './rules/deletion-protection.js';
import { checkExchangeTypes } from './rules/exchange-types.js';
import { checkPluginParameters } from './rules/plugin-parameters.js';
import { checkPolicyApplyTo } from './rules/policy-apply-to.js';
import { checkQueueLocators } from './rules/queue-locators.js';
import { checkTopicWildcards } from './rules/topic-wildcards.js';
import { checkTransientQueues } from './rules/transient-queues.js';

/** Every rule; order does not matter. */
const COMPATIBILITY_RULES: readonly CompatibilityRule[] = [
  checkDefaultQueueType,
  checkDeletionProtection,
  checkExchangeTypes,
  checkTopicWildcards,
  checkClassicQueueStorage,
  checkQueueLocators,
  checkClassicMirroring,
  checkTransientQueues,
  checkPolicyApplyTo,
  checkPluginParameters,
];

/**
 * What `target` refuses in `topology` (errors) and what it deprecates (warnings), for every
 * object of every vhost, in vhost then rule order. Pure. `validate` runs it on the whole spec
 * for the version it is told; `plan` on the objects it would declare, for the broker it read.
 */
export function checkCompatibility(topology: Topology, target: BrokerTarget): CompatibilityProblem[] {
  const problems: CompatibilityProblem[] = [];
  const report = problemReport(problems);
  for (const vhost of topology.vhosts) for (const rule of COMPATIBILITY_RULES) rule(vhost, target, report);
  return problems;
}
