import { apiPath, type ManagementClient } from '../broker/management-client.js';
import type { User } from '../model/access.js';
import type { SecretReader } from '../model/secret-ref.js';
import { TopoError } from '../errors.js';
import type { StepOperation } from '../plan/step.js';
import { DELETE_OK, WRITE_OK } from './ok-statuses.js';

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
      await client.request('PUT', apiPath('users', step.user.name), { body: userBody(step.user, context), okStatuses: WRITE_OK });
      return;
    case 'delete-user':
      await client.request('DELETE', apiPath('users', step.name), { okStatuses: DELETE_OK });
      return;
    case 'put-user-limits':
      for (const [name, value] of Object.entries(step.limits)) {
        await client.request('PUT', apiPath('user-limits', step.user, name), { body: { value }, okStatuses: WRITE_OK });
      }
      for (const name of step.clear) await client.request('DELETE', apiPath('user-limits', step.user, name), { okStatuses: DELETE_OK });
      return;
    case 'put-permission': {
      const p = step.permission;
      await client.request('PUT', apiPath('permissions', p.vhost, p.user), {
        body: { configure: p.configure, write: p.write, read: p.read },
        okStatuses: WRITE_OK,
      });
      return;
    }
    case 'delete-permission':
      await client.request('DELETE', apiPath('permissions', step.vhost, step.user), { okStatuses: DELETE_OK });
      return;
    case 'put-topic-permissions': {
      const t = step.topicPermission;
      const path = apiPath('topic-permissions', t.vhost, t.user);
      if (step.clear) await client.request('DELETE', path, { okStatuses: DELETE_OK });
      for (const [exchange, { write, read }] of Object.entries(t.exchanges)) {
        await client.request('PUT', path, { body: { exchange, write, read }, okStatuses: WRITE_OK });
      }
      return;
    }
    case 'delete-topic-permissions':
      await client.request('DELETE', apiPath('topic-permissions', step.vhost, step.user), { okStatuses: DELETE_OK });
      return;
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
