import { permissionsFromBroker, topicPermissionsFromBroker, usersFromBroker } from '../broker/access-from-broker.js';
import type { Definitions } from '../broker/definitions.js';
import type { Topology } from '../model/topology.js';

/**
 * `topology` (read from `definitions`) with the users, permissions and topic permissions the
 * definitions hold: a whole-broker file has them, a single-vhost one does not. A kind the file
 * lacks stays absent. Pure.
 */
export function withAccessFromDefinitions(topology: Topology, definitions: Definitions): Topology {
  const { users, permissions, topic_permissions: topics } = definitions;
  return {
    ...topology,
    ...(Array.isArray(users) ? { users: usersFromBroker(users) } : {}),
    vhosts: topology.vhosts.map((v) => ({
      ...v,
      ...(Array.isArray(permissions) ? { permissions: permissionsFromBroker(permissions, v.name) } : {}),
      ...(Array.isArray(topics) ? { topicPermissions: topicPermissionsFromBroker(topics, v.name) } : {}),
    })),
  };
}
