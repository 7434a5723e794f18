import { USER_LIMIT_NAMES, type UserLimits } from '../model/access.js';
import type { Change, UpdateChange } from './change.js';
import type { StepOperation } from './step.js';

/**
 * The calls that make a user, permission or topic permission as the spec says (create,
 * update), in the order they must run; undefined for a change of another kind or action.
 * A user's limits have their own calls, made only when they change; an update of a user's
 * tags or password is one PUT carrying both, since the broker resets what a PUT leaves out.
 */
export function accessOperations(c: Change): StepOperation[] | undefined {
  if (c.action !== 'create' && c.action !== 'update') return undefined;
  switch (c.kind) {
    case 'user': {
      const ops: StepOperation[] = [];
      const limitsChanged = c.action === 'create' ? Object.keys(c.after.limits ?? {}).length > 0 : changedUnder(c, 'limits');
      const userChanged = c.action === 'create' || c.changed.some((p) => !p.path.startsWith('limits.'));
      if (userChanged) ops.push({ op: 'put-user', user: c.after });
      if (limitsChanged) {
        const limits = c.after.limits ?? {};
        const before: UserLimits = c.action === 'update' ? (c.before.limits ?? {}) : {};
        const clear = USER_LIMIT_NAMES.filter((n) => before[n] !== undefined && limits[n] === undefined);
        ops.push({ op: 'put-user-limits', user: c.after.name, limits, clear });
      }
      return ops;
    }
    case 'permission':
      return [{ op: 'put-permission', permission: c.after }];
    case 'topicPermission': {
      // An exchange that is no longer listed can only go with all of them.
      const dropped = c.action === 'update' && Object.keys(c.before.exchanges).some((e) => !Object.hasOwn(c.after.exchanges, e));
      return [{ op: 'put-topic-permissions', topicPermission: c.after, clear: dropped }];
    }
    default:
      return undefined;
  }
}

/** The call that removes a pruned user, permission or topic permission; undefined for other kinds. */
export function accessDeleteOperation(c: Change): StepOperation | undefined {
  if (c.action !== 'delete') return undefined;
  switch (c.kind) {
    case 'user':
      return { op: 'delete-user', name: c.name };
    case 'permission':
      return { op: 'delete-permission', vhost: c.vhost, user: c.before.user };
    case 'topicPermission':
      return { op: 'delete-topic-permissions', vhost: c.vhost, user: c.before.user };
    default:
      return undefined;
  }
}

function changedUnder(c: UpdateChange<'user'>, prefix: string): boolean {
  return c.changed.some((p) => p.path.startsWith(`${prefix}.`));
}
