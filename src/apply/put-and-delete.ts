/**
 * The two requests most steps are. Both are idempotent (see ./ok-statuses.ts), which is what
 * lets an interrupted apply simply run again.
 */
import type { ManagementClient } from '../broker/management-client.js';
import { DELETE_OK, WRITE_OK } from './ok-statuses.js';

/** Creates or replaces the object at `path` (an `apiPath`) with `body`. */
export async function putObject(client: ManagementClient, path: string, body: unknown): Promise<void> {
  await client.request('PUT', path, { body, okStatuses: WRITE_OK });
}

/** Deletes the object at `path` (an `apiPath`); one already gone counts as deleted. */
export async function deleteObject(client: ManagementClient, path: string): Promise<void> {
  await client.request('DELETE', path, { okStatuses: DELETE_OK });
}
