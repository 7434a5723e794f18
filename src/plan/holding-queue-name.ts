import { createHash } from 'node:crypto';
import { effectivePolicy } from '../model/effective-policy.js';
import type { Policy } from '../model/topology.js';

/** RabbitMQ's limit on a queue name, in UTF-8 bytes. */
const MAX_NAME_BYTES = 255;

/**
 * Policy keys that cannot drop, expire, dead-letter, limit or delete a classic queue's
 * messages: a holding queue may live under a policy that only has these (a catch-all `.*`
 * policy with `ha-mode` or `queue-mode` is common). Any other key counts as a risk.
 */
const HARMLESS_POLICY_KEYS: ReadonlySet<string> = new Set([
  'ha-mode',
  'ha-params',
  'ha-sync-mode',
  'ha-sync-batch-size',
  'ha-promote-on-shutdown',
  'ha-promote-on-failure',
  'queue-mode',
  'queue-version',
  'queue-master-locator',
  'queue-leader-locator',
]);

/** What the name of a holding queue must avoid in its vhost. */
export interface HoldingNameContext {
  /** The vhost's policies, on the broker and in the spec. */
  policies: readonly Policy[];
  operatorPolicies: readonly Policy[];
  /** Queue names already used in the vhost, on the broker or in the spec. */
  taken: ReadonlySet<string>;
}

/** A holding queue's name and, when no safe name exists, the policies that put its messages at risk. */
export interface HoldingNameChoice {
  name: string;
  /** `policy "p" (message-ttl)`: set only when every candidate is under a risky policy. */
  policy?: string;
}

/**
 * The name of the holding queue for a migration of `queue`: the first deterministic candidate
 * (`topo.migrate.<queue>`, then names built from a hash of it, which an unanchored pattern
 * naming the queue cannot match) that no policy or operator policy of the vhost matches; else
 * the first one whose policies have only harmless keys; else the first one, with the risky
 * policies named so that the planner can guard on them. Pure and deterministic.
 */
export function holdingQueueName(queue: string, context: HoldingNameContext): HoldingNameChoice {
  const candidates = candidateNames(queue, context.taken);
  const governing = (name: string): Policy[] =>
    [context.policies, context.operatorPolicies]
      .map((list) => effectivePolicy(list, name, { kind: 'queue', type: 'classic' }))
      .filter((p): p is Policy => p !== undefined);
  const free = candidates.find((name) => governing(name).length === 0);
  if (free !== undefined) return { name: free };
  const harmless = candidates.find((name) => governing(name).every((p) => riskyKeys(p).length === 0));
  if (harmless !== undefined) return { name: harmless };
  const name = candidates[0] as string;
  const policy = governing(name)
    .map((p) => `policy ${JSON.stringify(p.name)} (${riskyKeys(p).join(', ')})`)
    .join(', ');
  return { name, policy };
}

function candidateNames(queue: string, taken: ReadonlySet<string>): string[] {
  const hash = createHash('sha256').update(queue).digest('hex').slice(0, 12);
  const fits = (name: string): boolean => Buffer.byteLength(name) <= MAX_NAME_BYTES && !taken.has(name);
  const names = [`topo.migrate.${queue}`, `topo.migrate.${hash}`, `topo-migrate-${hash}`].filter(fits);
  // Only when the spec or the broker already uses every name above: numbered ones.
  for (let n = 2; names.length === 0; n++) if (fits(`topo-migrate-${hash}-${n}`)) names.push(`topo-migrate-${hash}-${n}`);
  return names;
}

function riskyKeys(p: Policy): string[] {
  return Object.keys(p.definition).filter((key) => !HARMLESS_POLICY_KEYS.has(key)).sort();
}
