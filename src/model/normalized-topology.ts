import { canonicalArguments, isCanonicalArguments } from './arguments.js';
import { compareStrings } from '../text/compare-strings.js';
import { sortTopology } from './sort-topology.js';
import type { Arguments, Topology } from './topology.js';

declare const normalizedBrand: unique symbol;

/**
 * A Topology in the one form the diff compares: every vhost's objects sorted by identity,
 * every argument map and policy definition canonical (./arguments.ts), defaults filled in (the
 * model's types already require them). Only `normalizeTopology` makes one, so the diff and the
 * fingerprint cannot be fed a topology that skipped normalization. The spec loader and the
 * broker reader both return this type.
 */
export type NormalizedTopology = Topology & { readonly [normalizedBrand]: true };

/**
 * `topology` normalized: sorted (./sort-topology.ts) and with canonical arguments. Idempotent
 * and pure; never mutates its input. The producers' own normalization (load/normalize.ts,
 * broker/from-definitions.ts) already did the argument work, so here it only costs a pass.
 */
export function normalizeTopology(topology: Topology): NormalizedTopology {
  const vhosts = topology.vhosts.map((v) => ({
    ...v,
    exchanges: v.exchanges.map((e) => canonicalIn(e, 'arguments')),
    queues: v.queues.map((q) => canonicalIn(q, 'arguments', ['x-queue-type'])),
    bindings: v.bindings.map((b) => canonicalIn(b, 'arguments')),
    policies: v.policies.map((p) => canonicalIn(p, 'definition')),
    operatorPolicies: v.operatorPolicies.map((p) => canonicalIn(p, 'definition')),
    ...(v.shovels && { shovels: v.shovels.map((p) => canonicalIn(p, 'value')) }),
    ...(v.federationUpstreams && { federationUpstreams: v.federationUpstreams.map((p) => canonicalIn(p, 'value')) }),
  }));
  return sortTopology({ ...topology, vhosts }) as NormalizedTopology;
}

/** `object` with its argument map at `key` canonical: itself when it already is, else a copy. */
function canonicalIn<T extends { [K in Key]: Arguments }, Key extends string>(object: T, key: Key, omit?: readonly string[]): T {
  const args = object[key];
  return isCanonicalArguments(args, omit) ? object : { ...object, [key]: canonicalArguments(args, omit) };
}

/**
 * One normalized topology of the vhosts named `keep` in several normalized topologies, which
 * must not share a vhost (the broker reader reads each vhost apart). Their objects are already
 * normalized, so only the vhosts are sorted: cheaper than normalizing again. Tests are dropped
 * (the broker has none); users are kept.
 */
export function combineNormalized(parts: readonly NormalizedTopology[], keep: readonly string[]): NormalizedTopology {
  const vhosts = parts
    .flatMap((p) => p.vhosts)
    .filter((v) => keep.includes(v.name))
    .sort((a, b) => compareStrings(a.name, b.name));
  // Users are broker-wide: they stay, from the part that has them.
  const users = parts.find((p) => p.users !== undefined)?.users;
  return { vhosts, ...(users ? { users } : {}), tests: [] } as unknown as NormalizedTopology;
}
