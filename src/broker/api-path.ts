/**
 * A management API path from raw segments (vhost and object names as they are on the broker):
 * `apiPath('queues', '/', 'a b')` is `/api/queues/%2F/a%20b`. Every segment is encoded with
 * `encodeURIComponent`, so `/`, `%`, `#`, `?`, spaces and unicode reach the broker intact.
 */
export function apiPath(...segments: string[]): string {
  return `/api/${segments.map(encodeURIComponent).join('/')}`;
}
