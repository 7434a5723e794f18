/**
 * The practical limit of the management API on this machine: every object created with its own
 * PUT (exchanges, queues) or POST (bindings) over keep-alive, `concurrency` calls in flight,
 * in dependency order (all exchanges, then all queues, then all bindings). No retries, no
 * planning, no reads: nothing a real tool could leave out.
 */
import { api, BrokerHttp, type BrokerTarget } from './broker-http.js';
import type { BenchObjects } from './generate-spec.js';

type Call = () => Promise<unknown>;

/** Runs `calls` with at most `concurrency` in flight; rejects on the first failure. */
async function pool(calls: Call[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const call = calls[next++]!;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, calls.length) }, worker));
}

/** Creates `objects` in `vhost` with raw API calls; resolves when every call succeeded. */
export async function rawLoad(target: BrokerTarget, vhost: string, objects: BenchObjects, concurrency: number): Promise<void> {
  const http = new BrokerHttp(target, concurrency);
  try {
    await pool(
      objects.exchanges.map((name) => () =>
        http.expect('PUT', api('exchanges', vhost, name), { type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} }),
      ),
      concurrency,
    );
    await pool(
      objects.queues.map((q) => () => http.expect('PUT', api('queues', vhost, q.name), { durable: true, auto_delete: false, arguments: q.arguments })),
      concurrency,
    );
    await pool(
      objects.bindings.map((b) => () =>
        http.expect('POST', api('bindings', vhost, 'e', b.source, 'q', b.destination), { routing_key: b.routingKey, arguments: {} }),
      ),
      concurrency,
    );
  } finally {
    http.close();
  }
}

/** The broker's own bulk import: one `POST /api/definitions/{vhost}`. */
export async function bulkImport(target: BrokerTarget, vhost: string, definitions: unknown): Promise<void> {
  const http = new BrokerHttp(target, 1);
  try {
    await http.expect('POST', api('definitions', vhost), definitions);
  } finally {
    http.close();
  }
}

/**
 * One `GET /api/definitions/{vhost}` on a new connection, parsed, as a fresh process would make
 * it: the least any tool must do to know a vhost's state. Returns the objects read.
 */
export async function readDefinitions(target: BrokerTarget, vhost: string): Promise<number> {
  const http = new BrokerHttp(target, 1);
  try {
    const answer = await http.expect('GET', api('definitions', vhost));
    const parsed = JSON.parse(answer.text) as { exchanges?: unknown[]; queues?: unknown[]; bindings?: unknown[] };
    return (parsed.exchanges?.length ?? 0) + (parsed.queues?.length ?? 0) + (parsed.bindings?.length ?? 0);
  } finally {
    http.close();
  }
}

/**
 * The queue, binding and exchange listings of `vhost` in parallel, without statistics, with the
 * columns topo reads, on a new connection, parsed: the other way to know a vhost's state
 * (src/broker/state-source.ts says which one topo uses on which broker). Returns the objects
 * listed (bindings include the default exchange's, one per queue).
 */
export async function readListings(target: BrokerTarget, vhost: string): Promise<number> {
  const http = new BrokerHttp(target, 3);
  const columns = {
    queues: 'name,type,durable,auto_delete,exclusive,arguments',
    bindings: 'source,destination,destination_type,routing_key,arguments',
    exchanges: 'name,type,durable,auto_delete,internal,arguments',
  };
  try {
    const lists = await Promise.all(
      (['queues', 'bindings', 'exchanges'] as const).map(async (kind) => {
        const answer = await http.expect('GET', `${api(kind, vhost)}?disable_stats=true&columns=${columns[kind]}`);
        return (JSON.parse(answer.text) as unknown[]).length;
      }),
    );
    return lists.reduce((a, b) => a + b, 0);
  } finally {
    http.close();
  }
}
