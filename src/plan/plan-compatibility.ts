import type { BrokerFacts } from '../broker/broker-facts.js';
import { checkCompatibility } from '../compat/check-compatibility.js';
import type { CompatibilityProblem } from '../compat/compatibility-rule.js';
import { bindingKey, namedKey } from '../model/identity.js';
import type { Topology } from '../model/topology.js';
import { compareStrings } from '../text/compare-strings.js';
import { brokerTargetOf } from './broker-target-of.js';
import type { Change } from './change.js';

/**
 * What the broker read refuses or deprecates among the objects `changes` declare (create,
 * update, replace, migrate): the objects of `desired` that apply would send. What the broker already
 * holds is not judged, so an upgraded broker's old queues never block a plan. Sorted by
 * location. Pure.
 */
export function planCompatibility(desired: Topology, changes: readonly Change[], broker: BrokerFacts): CompatibilityProblem[] {
  const declared = new Set<string>();
  for (const c of changes) {
    if (c.action !== 'create' && c.action !== 'update' && c.action !== 'replace' && c.action !== 'migrate') continue;
    if (c.kind === 'vhost') declared.add(`vhost\u0000${c.name}`);
    else if (c.kind === 'binding') declared.add(`binding\u0000${bindingKey(c.after)}`);
    else if ('name' in c.after && 'vhost' in c.after) declared.add(`${c.kind}\u0000${namedKey(c.after)}`);
  }
  return checkCompatibility(desired, brokerTargetOf(broker))
    .filter((p) => declared.has(`${p.subject.kind}\u0000${p.subject.key}`))
    .sort(byLocation);
}

function byLocation(a: CompatibilityProblem, b: CompatibilityProblem): number {
  const [x, y] = [a.loc, b.loc];
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return compareStrings(x.file, y.file) || x.line - y.line || x.col - y.col;
}
