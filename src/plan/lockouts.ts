import type { Change } from './change.js';

/**
 * A change that would lock topo out of the broker mid-apply: it deletes the user topo is
 * connected as, removes its administrator tag, strips its permissions in a vhost, or changes its
 * password (every call after that step would fail to log in with the password topo was given).
 * No flag allows it: apply refuses the plan (exit 3); another administrator makes that change.
 */
export interface Lockout {
  /** Index into `Plan.changes`. */
  change: number;
  /** One line for the user: what the change would do to whom. */
  reason: string;
}

/** The lockouts among `changes` for the user topo is connected as (`actingUser`). Pure. */
export function planLockouts(changes: readonly Change[], actingUser: string): Lockout[] {
  const lockouts: Lockout[] = [];
  const who = `the user topo is connected as (${JSON.stringify(actingUser)})`;
  changes.forEach((c, change) => {
    if (c.name !== actingUser) return;
    if (c.kind === 'user' && c.action === 'delete') {
      lockouts.push({ change, reason: `user ${JSON.stringify(c.name)} would be deleted, and it is ${who}` });
    }
    if (c.kind === 'user' && c.action === 'update' && c.before.tags.includes('administrator') && !c.after.tags.includes('administrator')) {
      lockouts.push({ change, reason: `user ${JSON.stringify(c.name)} would lose the administrator tag, and it is ${who}` });
    }
    if (c.kind === 'user' && c.action === 'update' && c.changed.some((p) => p.path === 'password')) {
      lockouts.push({ change, reason: `the password of user ${JSON.stringify(c.name)} would change, and it is ${who}: connect as another administrator to change it` });
    }
    const stripped = c.kind === 'permission' && (c.action === 'delete' || (c.action === 'update' && !c.after.configure && !c.after.write && !c.after.read));
    if (stripped) {
      lockouts.push({ change, reason: `the permissions of user ${JSON.stringify(c.name)} in vhost ${JSON.stringify(c.vhost)} would be removed, and it is ${who}` });
    }
  });
  return lockouts;
}
