/**
 * Test-side access to the real broker, independent of topo's own client so that tests check
 * topo's work with reads topo did not make. Every integration test works in its own vhost
 * (`scratchVhost`) and removes it afterwards.
 */
import { randomBytes } from 'node:crypto';

export const MGMT_URL = (process.env.TOPO_URL ?? 'http://127.0.0.1:15672').split(',')[0]!.replace(/\/$/, '');
export const USER = process.env.TOPO_USER ?? 'guest';
export const PASSWORD = process.env.TOPO_PASSWORD ?? 'guest';
export const AMQP_URL = process.env.TOPO_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

const auth = (user = USER, password = PASSWORD) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** One management API call; throws on an unexpected status. */
export async function mgmt<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  options: { expect?: number[]; user?: string; password?: string } = {},
): Promise<T> {
  const res = await fetch(`${MGMT_URL}/api${path}`, {
    method,
    headers: {
      authorization: auth(options.user, options.password),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const expect = options.expect ?? [200, 201, 204];
  const text = await res.text();
  if (!expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const enc = encodeURIComponent;

/** A unique vhost name for one test; includes a character that needs URL-encoding. */
export function uniqueVhostName(label: string): string {
  return `topo-test/${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export async function createVhost(name: string): Promise<void> {
  await mgmt('PUT', `/vhosts/${enc(name)}`, {});
  await mgmt('PUT', `/permissions/${enc(name)}/${enc(USER)}`, { configure: '.*', write: '.*', read: '.*' });
}

export async function deleteVhost(name: string): Promise<void> {
  await mgmt('DELETE', `/vhosts/${enc(name)}`, undefined, { expect: [204, 404] });
}

/** Creates a vhost now and returns it with a `dispose` for afterEach/afterAll. */
export async function scratchVhost(label: string): Promise<{ name: string; dispose: () => Promise<void> }> {
  const name = uniqueVhostName(label);
  await createVhost(name);
  return { name, dispose: () => deleteVhost(name) };
}

/**
 * What one vhost holds, shaped like its definitions (no default or `amq.*` exchanges, no
 * exclusive queues, no default-exchange bindings): an independent read for assertions. Read
 * from the per-kind listings, which every broker answers in full: RabbitMQ 4.3's definitions
 * leave internal exchanges out and fail for vhost names that are not ASCII.
 */
export async function definitionsOf(vhost: string): Promise<Definitions> {
  const v = enc(vhost);
  const [exchanges, queues, bindings, policies] = await Promise.all([
    mgmt<Definitions['exchanges']>('GET', `/exchanges/${v}?disable_stats=true&columns=name,type,durable,auto_delete,internal,arguments`),
    mgmt<(Definitions['queues'][number] & { exclusive: boolean | null })[]>(
      'GET',
      `/queues/${v}?disable_stats=true&columns=name,durable,auto_delete,exclusive,arguments`,
    ),
    mgmt<Definitions['bindings']>('GET', `/bindings/${v}?columns=source,destination,destination_type,routing_key,arguments`),
    mgmt<Definitions['policies']>('GET', `/policies/${v}`),
  ]);
  return {
    exchanges: exchanges.filter((e) => e.name !== '' && !e.name.startsWith('amq.')),
    queues: queues.filter((q) => q.exclusive !== true).map(({ exclusive: _exclusive, ...q }) => q),
    bindings: bindings.filter((b) => b.source !== ''),
    policies,
  };
}

/**
 * Queue arguments without `x-queue-type: classic`: a classic queue is the same with or without
 * it (topo declares it, RabbitMQ 4.x stores it on every queue, 3.x stores what it was given).
 */
export function withoutClassicType<T extends Record<string, unknown>>(args: T): T {
  const { 'x-queue-type': type, ...rest } = args;
  return type === 'classic' ? (rest as T) : args;
}

export interface Definitions {
  exchanges: { name: string; type: string; durable: boolean; auto_delete: boolean; internal: boolean; arguments: Record<string, unknown> }[];
  queues: { name: string; durable: boolean; auto_delete: boolean; arguments: Record<string, unknown> }[];
  bindings: { source: string; destination: string; destination_type: string; routing_key: string; arguments: Record<string, unknown> }[];
  policies: { name: string; pattern: string; 'apply-to': string; priority: number; definition: Record<string, unknown> }[];
}

/** What the broker under test says of itself: its version and its deprecated features (3.13+). */
export interface BrokerSelf {
  version: string;
  /** Deprecated feature name → denied now; empty before 3.13. */
  denied: ReadonlyMap<string, boolean>;
}

/** Reads `BrokerSelf` with the test's own client. */
export async function brokerSelf(): Promise<BrokerSelf> {
  const { rabbitmq_version: version } = await mgmt<{ rabbitmq_version: string }>('GET', '/overview');
  const res = await fetch(`${MGMT_URL}/api/deprecated-features`, { headers: { authorization: auth() } });
  const features = res.ok ? ((await res.json()) as { name: string; state: string }[]) : [];
  return { version, denied: new Map(features.map((f) => [f.name, f.state === 'denied'])) };
}
