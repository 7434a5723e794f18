import { apiPath, type ManagementClient } from '../broker/management-client.js';
import type { User } from '../model/access.js';
import type { SecretReader } from '../model/secret-ref.js';
import { TopoError } from '../errors.js';
import type { StepOperation } from '../plan/step.js';
import { deleteObject, putObject } from './put-and-delete.js';

/** The steps about users and their permissions. */
export type AccessStep = Extract<
  StepOperation,
  { op: 'put-user' | 'delete-user' | 'put-user-limits' | 'put-permission' | 'delete-permission' | 'put-topic-permissions' | 'delete-topic-permissions' }
>;

/** What an access step needs besides the management API: the secrets, read when the step runs. */
export interface AccessStepContext {
  secrets?: SecretReader;
}

/** Carries out one step about users or permissions (see ../plan/step.ts); every one is idempotent. */
export async function runAccessStep(client: ManagementClient, step: AccessStep, context: AccessStepContext): Promise<void> {
  switch (step.op) {
    case 'put-user':
      return putObject(client, apiPath('users', step.user.name), userBody(step.user, context));
    case 'delete-user':
      return deleteObject(client, apiPath('users', step.name));
    case 'put-user-limits':
      for (const [name, value] of Object.entries(step.limits)) await putObject(client, apiPath('user-limits', step.user, name), { value });
      for (const name of step.clear) await deleteObject(client, apiPath('user-limits', step.user, name));
      return;
    case 'put-permission': {
      const p = step.permission;
      return putObject(client, apiPath('permissions', p.vhost, p.user), { configure: p.configure, write: p.write, read: p.read });
    }
    case 'delete-permission':
      return deleteObject(client, apiPath('permissions', step.vhost, step.user));
    case 'put-topic-permissions': {
      const t = step.topicPermission;
      const path = apiPath('topic-permissions', t.vhost, t.user);
      if (step.clear) await deleteObject(client, path);
      for (const [exchange, { write, read }] of Object.entries(t.exchanges)) await putObject(client, path, { exchange, write, read });
      return;
    }
    case 'delete-topic-permissions':
      return deleteObject(client, apiPath('topic-permissions', step.vhost, step.user));
    default: {
      const impossible: never = step;
      throw new TopoError('plan-file', `unknown step ${JSON.stringify(impossible)}`);
    }
  }
}

/**
 * The body of a user PUT: its tags and its whole credential, since the broker clears a password
 * a PUT leaves out. A password goes as `password`, so the broker hashes it and its credential
 * validator checks it; `password_hash: ""` makes a user without a password.
 */
function userBody(user: User, context: AccessStepContext): Record<string, string> {
  const tags = user.tags.join(',');
  const credential = user.credential;
  switch (credential.type) {
    case 'none':
      return { tags, password_hash: '' };
    case 'password': {
      if (!context.secrets) throw new TopoError('usage', `user "${user.name}": no way to read its password (${credential.secret.ref})`);
      return { tags, password: context.secrets(credential.secret) };
    }
    case 'hash':
      if (credential.hash === undefined) throw new TopoError('plan-file', `user "${user.name}": the plan has no password hash to send`);
      return { tags, password_hash: credential.hash, hashing_algorithm: credential.algorithm };
    default: {
      const impossible: never = credential;
      throw new TopoError('plan-file', `unknown credential ${JSON.stringify(impossible)}`);
    }
  }
}
