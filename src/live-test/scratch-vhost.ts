import { apiPath, type ManagementClient } from '../broker/management-client.js';

/** Full rights: the probe declares, binds, publishes and consumes in its scratch vhost. */
const ALL = { configure: '.*', write: '.*', read: '.*' };

/**
 * Creates vhost `name` through the management API and gives `users` (the management user,
 * and the AMQP user when it differs) every permission on it: the management API needs them
 * to declare objects there, AMQP to open it. Safe to repeat.
 */
export async function createScratchVhost(client: ManagementClient, name: string, users: readonly string[]): Promise<void> {
  await client.request('PUT', apiPath('vhosts', name), { body: { description: 'topo test --live (temporary)' } });
  for (const user of new Set(users)) {
    await client.request('PUT', apiPath('permissions', name, user), { body: ALL });
  }
}

/**
 * Deletes vhost `name` and everything in it (the broker closes its connections). A vhost
 * already gone counts as deleted, so this is safe to repeat.
 */
export async function deleteScratchVhost(client: ManagementClient, name: string): Promise<void> {
  await client.request('DELETE', apiPath('vhosts', name), { okStatuses: [200, 204, 404] });
}
