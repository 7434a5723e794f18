import { USER_LIMIT_NAMES, type Permission, type TopicPermission, type User, type UserLimits } from '../model/access.js';
import { compareStrings } from '../text/compare-strings.js';
import type { DefinitionsPermission, DefinitionsTopicPermission, DefinitionsUser } from './definitions.js';

/**
 * Users and permissions as the management API and definitions files give them, in the model's
 * shape (../model/access.ts): tags sorted, a user without a password hash has none, limits as
 * numbers, topic permissions grouped by user. Pure.
 */

/** `limits` maps a user to its limits when they come apart (`GET /api/user-limits`). */
export function usersFromBroker(users: readonly DefinitionsUser[], limits?: ReadonlyMap<string, Record<string, unknown>>): User[] {
  return users
    .map((u): User => {
      const hash = u.password_hash ?? '';
      return {
        name: u.name,
        tags: tagList(u.tags),
        credential: hash === '' ? { type: 'none' } : { type: 'hash', algorithm: u.hashing_algorithm ?? 'rabbit_password_hashing_md5', hash },
        limits: userLimits(limits?.get(u.name) ?? u.limits ?? {}),
      };
    })
    .sort((a, b) => compareStrings(a.name, b.name));
}

/** The permissions of `vhost` among `list` (a listing of that vhost, or a definitions file's). */
export function permissionsFromBroker(list: readonly DefinitionsPermission[], vhost: string): Permission[] {
  return list
    .filter((p) => (p.vhost ?? vhost) === vhost)
    .map((p) => ({ vhost, user: p.user, configure: p.configure, write: p.write, read: p.read }))
    .sort((a, b) => compareStrings(a.user, b.user));
}

/** The topic permissions of `vhost` among `list`, one entry per user. */
export function topicPermissionsFromBroker(list: readonly DefinitionsTopicPermission[], vhost: string): TopicPermission[] {
  const byUser = new Map<string, TopicPermission>();
  for (const p of list) {
    if ((p.vhost ?? vhost) !== vhost) continue;
    let entry = byUser.get(p.user);
    if (!entry) byUser.set(p.user, (entry = { vhost, user: p.user, exchanges: {} }));
    entry.exchanges[p.exchange] = { write: p.write, read: p.read };
  }
  return [...byUser.values()]
    .map((t) => ({ ...t, exchanges: Object.fromEntries(Object.entries(t.exchanges).sort(([a], [b]) => compareStrings(a, b))) }))
    .sort((a, b) => compareStrings(a.user, b.user));
}

function tagList(tags: string[] | string | undefined): string[] {
  const list = typeof tags === 'string' ? tags.split(',') : (tags ?? []);
  return [...new Set(list.map((t) => t.trim()).filter((t) => t !== ''))].sort(compareStrings);
}

/** The limits topo knows, as numbers; a negative value means none (RabbitMQ's own convention). */
function userLimits(raw: Record<string, unknown>): UserLimits {
  const limits: UserLimits = {};
  for (const name of USER_LIMIT_NAMES) {
    const value = Number(raw[name]);
    if (raw[name] !== undefined && Number.isFinite(value) && value >= 0) limits[name] = value;
  }
  return limits;
}
