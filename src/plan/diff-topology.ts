import type { NormalizedTopology } from '../model/normalized-topology.js';
import { compareStrings } from '../text/compare-strings.js';
import { OBJECT_KINDS } from '../model/topology.js';
import type { ObjectKind, Vhost } from '../model/topology.js';
import type { Change, CreateChange, ObjectOfKind, ReplaceChange, UnmanagedChange } from './change.js';
import { diffVhostMeta, vhostMeta } from './diff-vhost-meta.js';
import { diffBindings } from './diff-bindings.js';
import { diffPermissions, diffUsers } from './diff-access.js';
import type { SecretReader } from '../model/secret-ref.js';
import { ignoreMatcher } from './ignore-matcher.js';
import { propertyChanges } from './property-changes.js';
import { matchByName } from './match-by-name.js';
import { diffGlobalParameters, diffVhostSettings } from './diff-settings.js';
import { isBrokerOwnedExchange, isServerNamedQueue } from '../model/broker-owned.js';

/** Properties that can only change by replace, besides `arguments` (docs/apply.md, "What the diff compares"). */
const EXCHANGE_IMMUTABLES = ['type', 'durable', 'autoDelete', 'internal'] as const;
const QUEUE_IMMUTABLES = ['type', 'durable', 'autoDelete', 'exclusive'] as const;
/** Policies are mutable: these, and `definition`, are updated in place. */
const POLICY_PROPERTIES = ['pattern', 'applyTo', 'priority'] as const;

const KIND_RANK = new Map<ObjectKind, number>(OBJECT_KINDS.map((kind, i) => [kind, i]));

/** A change with its sort key: vhost, kind rank (OBJECT_KINDS), identity. */
interface Ranked {
  vhost: string;
  rank: number;
  id: string;
  change: Change;
}

/**
 * What differs between the desired and the actual topology, by the rules in docs/apply.md.
 * Pure and linear: objects are matched through maps by identity, inputs are never mutated
 * (changes refer to the input objects: treat them as read-only). Only the vhosts of
 * `desired` are compared; a vhost missing from `actual` means everything in it is created. Both inputs must be normalized the same way (src/model/topology.ts).
 *
 * Users (broker-wide, vhost `""`) and permissions are compared only where the spec mentions them
 * (see ./diff-access.ts); `secrets` reads the passwords the spec refers to, to check them
 * against the broker's hashes (without it, a password counts as changed).
 *
 * The result is ordered by vhost, then kind (OBJECT_KINDS), then identity, and holds at most
 * one change per object: a binding that a replace takes with it appears once, as a `create`
 * with `recreatedFor`, whether or not the spec declares it.
 */
export function diffTopology(desired: NormalizedTopology, actual: NormalizedTopology, secrets?: SecretReader): Change[] {
  const actualByName = new Map(actual.vhosts.map((v) => [v.name, v]));
  const ranked: Ranked[] = [];
  for (const want of new Map(desired.vhosts.map((v) => [v.name, v])).values()) {
    diffVhost(want, actualByName.get(want.name), ranked, secrets);
  }
  const emitBrokerWide = (change: Change, id: string): void => {
    ranked.push({ vhost: '', rank: KIND_RANK.get(change.kind) ?? 0, id, change });
  };
  diffUsers(desired.users, actual.users ?? [], secrets, emitBrokerWide);
  diffGlobalParameters(desired.globalParameters, actual.globalParameters ?? [], emitBrokerWide);
  ranked.sort((a, b) => compareStrings(a.vhost, b.vhost) || a.rank - b.rank || compareStrings(a.id, b.id));
  return ranked.map((r) => r.change);
}

function diffVhost(want: Vhost, have: Vhost | undefined, out: Ranked[], secrets: SecretReader | undefined): void {
  const vhost = want.name;
  const emit = (change: Change, id: string): void => {
    out.push({ vhost, rank: KIND_RANK.get(change.kind) ?? 0, id, change });
  };
  const ignored = ignoreMatcher(want.ignore);
  const managed = <T extends { name: string }>(list: readonly T[]): T[] => list.filter((o) => !ignored(o.name));

  if (!have) {
    emit({ action: 'create', kind: 'vhost', vhost, name: vhost, after: vhostMeta(want) }, '');
  } else {
    const { changed, after } = diffVhostMeta(want, have);
    if (changed.length > 0) {
      emit({ action: 'update', kind: 'vhost', vhost, name: vhost, before: vhostMeta(have), after, changed }, '');
    }
  }
  const current = have ?? { exchanges: [], queues: [], bindings: [], policies: [], operatorPolicies: [] };

  /**
   * Exchanges and queues alike: created when missing, replaced when an immutable property
   * differs, and the broker's others unmanaged. Returns the names replaced.
   */
  const diffReplaceable = <K extends 'exchange' | 'queue'>(
    kind: K,
    immutables: readonly (keyof ObjectOfKind[K] & string)[],
    desired: readonly ObjectOfKind[K][],
    actual: readonly ObjectOfKind[K][],
  ): Set<string> => {
    // Each change is one of Change's members; TypeScript does not spread a generic K over them.
    const emitOfKind = emit as (change: CreateChange<K> | ReplaceChange<K> | UnmanagedChange<K>, id: string) => void;
    const replaced = new Set<string>();
    matchByName(
      desired,
      actual,
      (after, before) => {
        const name = after.name;
        if (!before) return emitOfKind({ action: 'create', kind, vhost, name, after }, name);
        const forcedBy = propertyChanges(before, after, immutables, 'arguments');
        if (forcedBy.length === 0) return;
        replaced.add(name);
        emitOfKind({ action: 'replace', kind, vhost, name, before, after, forcedBy }, name);
      },
      (before) => emitOfKind({ action: 'unmanaged', kind, vhost, name: before.name, before }, before.name),
    );
    return replaced;
  };

  const replacedExchanges = diffReplaceable(
    'exchange',
    EXCHANGE_IMMUTABLES,
    managed(want.exchanges),
    managed(current.exchanges).filter((e) => !isBrokerOwnedExchange(e.name)),
  );

  // Exclusive queues live only as long as an application's connection: listed, never applied.
  const runtimeQueues = new Set<string>();
  const declaredQueues = managed(want.queues).filter((q) => {
    if (!q.exclusive) return true;
    if (!runtimeQueues.has(q.name)) {
      runtimeQueues.add(q.name);
      emit({ action: 'runtime', kind: 'queue', vhost, name: q.name, after: q }, q.name);
    }
    return false;
  });
  const replacedQueues = diffReplaceable(
    'queue',
    QUEUE_IMMUTABLES,
    declaredQueues,
    managed(current.queues).filter((q) => !isServerNamedQueue(q.name) && !runtimeQueues.has(q.name)),
  );

  diffBindings(want.bindings, current.bindings, { vhost, ignored, runtimeQueues, replacedExchanges, replacedQueues, emit });

  for (const kind of ['policy', 'operatorPolicy'] as const) {
    matchByName(
      managed(want[kind === 'policy' ? 'policies' : 'operatorPolicies']),
      managed(current[kind === 'policy' ? 'policies' : 'operatorPolicies']),
      (after, before) => {
        const name = after.name;
        if (!before) return emit({ action: 'create', kind, vhost, name, after }, name);
        const changed = propertyChanges(before, after, POLICY_PROPERTIES, 'definition');
        if (changed.length > 0) emit({ action: 'update', kind, vhost, name, before, after, changed }, name);
      },
      (before) => emit({ action: 'unmanaged', kind, vhost, name: before.name, before }, before.name),
    );
  }
  diffPermissions(vhost, want, have ?? {}, emit);
  diffVhostSettings(want, have, { managed, emit, secrets });
}
