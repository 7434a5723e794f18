import type { Permission, TopicPermission, User } from '../model/access.js';
import type { SecretReader } from '../model/secret-ref.js';
import { sameValue } from '../model/canonical-json.js';
import type { Arguments } from '../model/topology.js';
import type { Change, PropertyChange } from './change.js';
import { mapChanges } from './property-changes.js';
import { passwordVerdict } from './password-verdict.js';

const PERMISSION_REGEXES = ['configure', 'write', 'read'] as const;

/** Where a diff puts a change, with its identity within its vhost and kind. */
export type Emit = (change: Change, id: string) => void;

/**
 * The changes to the broker's users, when the spec manages them (`desired` defined): tags as a
 * set, the password without ever showing it (`passwordVerdict`: the change says only
 * `password (changed)`), and the limits when the spec lists them. A user the spec lacks is
 * unmanaged. Changes show a broker's user without its password hash. Pure.
 */
export function diffUsers(desired: readonly User[] | undefined, actual: readonly User[], secrets: SecretReader | undefined, emit: Emit): void {
  if (!desired) return;
  const existing = new Map(actual.map((u) => [u.name, u]));
  const wanted = new Set(desired.map((u) => u.name));
  for (const after of desired) {
    const name = after.name;
    const have = existing.get(name);
    if (!have) {
      emit({ action: 'create', kind: 'user', vhost: '', name, after }, name);
      continue;
    }
    const changed: PropertyChange[] = [];
    if (!sameValue(after.tags, have.tags)) changed.push({ path: 'tags', before: have.tags, after: after.tags });
    if (passwordVerdict(after.credential, have.credential, secrets) === 'changed') {
      changed.push({ path: 'password', before: undefined, after: undefined, secret: true });
    }
    if (after.limits) changed.push(...mapChanges('limits', (have.limits ?? {}) as Arguments, after.limits as Arguments));
    if (changed.length > 0) {
      const before = withoutHash(have);
      emit({ action: 'update', kind: 'user', vhost: '', name, before, after: { ...after, limits: after.limits ?? have.limits ?? {} }, changed }, name);
    }
  }
  for (const have of actual) {
    if (!wanted.has(have.name)) emit({ action: 'unmanaged', kind: 'user', vhost: '', name: have.name, before: withoutHash(have) }, have.name);
  }
}

/**
 * The changes to one vhost's permissions and topic permissions, each when the spec manages them
 * (`want` defined), by user. A user's permissions the spec does not list are unmanaged. Pure.
 */
export function diffPermissions(
  vhost: string,
  want: { permissions?: Permission[]; topicPermissions?: TopicPermission[] },
  have: { permissions?: Permission[]; topicPermissions?: TopicPermission[] },
  emit: Emit,
): void {
  if (want.permissions) {
    matchByUser(want.permissions, have.permissions ?? [], vhost, 'permission', emit, (before, after) =>
      PERMISSION_REGEXES.filter((key) => before[key] !== after[key]).map((key) => ({ path: key, before: before[key], after: after[key] })),
    );
  }
  if (want.topicPermissions) {
    matchByUser(want.topicPermissions, have.topicPermissions ?? [], vhost, 'topicPermission', emit, (before, after) =>
      mapChanges('exchanges', before.exchanges as Arguments, after.exchanges as Arguments),
    );
  }
}

function matchByUser<T extends Permission | TopicPermission>(
  desired: readonly T[],
  actual: readonly T[],
  vhost: string,
  kind: 'permission' | 'topicPermission',
  emit: Emit,
  compare: (before: T, after: T) => PropertyChange[],
): void {
  const existing = new Map(actual.map((p) => [p.user, p]));
  const wanted = new Set(desired.map((p) => p.user));
  for (const after of desired) {
    const before = existing.get(after.user);
    const name = after.user;
    if (!before) {
      emit({ action: 'create', kind, vhost, name, after } as Change, name);
      continue;
    }
    const changed = compare(before, after);
    if (changed.length > 0) emit({ action: 'update', kind, vhost, name, before, after, changed } as Change, name);
  }
  for (const before of actual) {
    if (!wanted.has(before.user)) emit({ action: 'unmanaged', kind, vhost, name: before.user, before } as Change, before.user);
  }
}

/** A broker's user as changes show it: its password hash left out, whether it has one kept. */
export function withoutHash(user: User): User {
  const { credential } = user;
  if (credential.type !== 'hash') return user;
  return { ...user, credential: credential.hash === '' ? { type: 'none' } : { type: 'hash', algorithm: credential.algorithm } };
}
