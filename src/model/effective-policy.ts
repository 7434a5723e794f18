import { compareStrings } from '../text/compare-strings.js';
import type { Policy, PolicyApplyTo, QueueType } from './topology.js';

/** What a policy is matched against: an exchange, or a queue of a type. */
export type PolicyTarget = { kind: 'exchange' } | { kind: 'queue'; type: QueueType };

/**
 * The policy RabbitMQ applies to the object `name`: of the policies whose `applyTo` covers the
 * object and whose pattern matches its name (unanchored), the one with the highest priority.
 * RabbitMQ leaves ties unspecified; the policy whose name sorts first wins here. A pattern
 * JavaScript cannot compile matches nothing (the validator reports it). Pure.
 */
export function effectivePolicy(policies: readonly Policy[], name: string, target: PolicyTarget): Policy | undefined {
  return policies
    .filter((p) => appliesTo(p.applyTo, target) && matches(p.pattern, name))
    .sort((a, b) => b.priority - a.priority || compareStrings(a.name, b.name))[0];
}

function appliesTo(applyTo: PolicyApplyTo, target: PolicyTarget): boolean {
  if (applyTo === 'all') return true;
  if (target.kind === 'exchange') return applyTo === 'exchanges';
  switch (applyTo) {
    case 'queues':
      return true;
    case 'exchanges':
      return false;
    case 'classic_queues':
      return target.type === 'classic';
    case 'quorum_queues':
      return target.type === 'quorum';
    case 'streams':
      return target.type === 'stream';
    default: {
      const impossible: never = applyTo;
      return impossible;
    }
  }
}

function matches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern).test(name);
  } catch {
    return false;
  }
}
