import type { Permission, TopicPermission, User } from '../model/access.js';
import { permissionsFromBroker, topicPermissionsFromBroker, usersFromBroker } from './access-from-broker.js';
import { apiPath } from './api-path.js';
import type { DefinitionsPermission, DefinitionsTopicPermission, DefinitionsUser } from './definitions.js';
import type { ManagementClient } from './management-client.js';

/**
 * Every user of the broker with its tags, password hash and limits: `GET /api/users` and
 * `GET /api/user-limits` (RabbitMQ 3.10 and 4.x answer both alike; both need the
 * administrator tag).
 */
export async function readUsers(client: ManagementClient): Promise<User[]> {
  const [users, limits] = await Promise.all([
    client.get<DefinitionsUser[]>('/api/users', { columns: 'name,tags,password_hash,hashing_algorithm' }),
    client.get<{ user: string; value: Record<string, unknown> }[]>('/api/user-limits'),
  ]);
  return usersFromBroker(users, new Map(limits.map((l) => [l.user, l.value])));
}

/** One vhost's permissions: `GET /api/vhosts/{vhost}/permissions`. */
export async function readPermissions(client: ManagementClient, vhost: string): Promise<Permission[]> {
  return permissionsFromBroker(await client.get<DefinitionsPermission[]>(apiPath('vhosts', vhost, 'permissions')), vhost);
}

/** One vhost's topic permissions: `GET /api/vhosts/{vhost}/topic-permissions`. */
export async function readTopicPermissions(client: ManagementClient, vhost: string): Promise<TopicPermission[]> {
  return topicPermissionsFromBroker(await client.get<DefinitionsTopicPermission[]>(apiPath('vhosts', vhost, 'topic-permissions')), vhost);
}

/** The user topo is connected as: `GET /api/whoami`. */
export async function readActingUser(client: ManagementClient): Promise<string> {
  return (await client.get<{ name: string }>('/api/whoami')).name;
}
