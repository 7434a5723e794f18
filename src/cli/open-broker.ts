import type { Connection } from '../broker/connection.js';
import { ManagementClient } from '../broker/management-client.js';
import type { ConnectionFlags } from './options.js';
import { resolveConnection } from './resolve-connection.js';

/** A management API client for the broker the flags name; `close` when done. */
export interface BrokerSession {
  connection: Connection;
  client: ManagementClient;
}

/** Resolves the connection from flags and environment and opens a management API client. */
export function openBroker(flags: ConnectionFlags, env: Record<string, string | undefined>): BrokerSession {
  const connection = resolveConnection(flags, env);
  return { connection, client: new ManagementClient(connection) };
}
