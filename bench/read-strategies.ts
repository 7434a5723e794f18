/**
 * Which way of reading a vhost's state grows linearly on this broker (issue 16):
 *
 *   node dist/bench/read-strategies.js [--sizes 10000,20000,40000] [--repeat 2] [--page-concurrency 4]
 *
 * One scratch vhost is filled by the broker's bulk import up to each size in turn (N objects =
 * N/2 queues + N/2 bindings over 100 topic exchanges; each import adds to the previous one), and
 * at each size every way of reading it is timed, parsed, best of `repeat`:
 *
 * - `GET /api/definitions/{vhost}`;
 * - the queue, binding and exchange listings without statistics, with `columns`, each alone
 *   and the three in parallel;
 * - the queue listing paged (`page`/`page_size=500`), `page-concurrency` pages in flight.
 *
 * The broker is the one of TOPO_URL (default http://127.0.0.1:15672). The vhost is deleted
 * afterwards, also on failure or Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { log } from './bench-context.js';
import { api, BrokerHttp, brokerTargetFromEnv } from './broker-http.js';
import { timed } from './figure.js';
import { benchObjects, renderDefinitions } from './generate-spec.js';
import { ms, renderTable } from './render-table.js';
import { ScratchVhosts } from './scratch-vhosts.js';

const QUEUE_COLUMNS = 'name,type,durable,auto_delete,exclusive,arguments';
const BINDING_COLUMNS = 'source,destination,destination_type,routing_key,arguments';
const EXCHANGE_COLUMNS = 'name,type,durable,auto_delete,internal,arguments';
/** The management API's largest page. */
const PAGE_SIZE = 500;
/** A read slower than this is not repeated: its one sample already says it does not scale. */
const NO_REPEAT_ABOVE_MS = 20_000;

async function getJson(http: BrokerHttp, path: string): Promise<unknown> {
  const answer = await http.expect('GET', path);
  return JSON.parse(answer.text) as unknown;
}

function listing(kind: 'queues' | 'bindings' | 'exchanges', vhost: string): string {
  const columns = { queues: QUEUE_COLUMNS, bindings: BINDING_COLUMNS, exchanges: EXCHANGE_COLUMNS }[kind];
  // Bindings carry no statistics; the parameter is harmless there.
  return `${api(kind, vhost)}?disable_stats=true&columns=${columns}`;
}

async function pagedQueues(http: BrokerHttp, vhost: string, concurrency: number): Promise<void> {
  const first = (await getJson(http, `${listing('queues', vhost)}&page=1&page_size=${PAGE_SIZE}`)) as { page_count: number };
  let next = 2;
  const worker = async () => {
    while (next <= first.page_count) {
      const page = next++;
      await getJson(http, `${listing('queues', vhost)}&page=${page}&page_size=${PAGE_SIZE}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

type Strategy = [label: string, read: (http: BrokerHttp, vhost: string) => Promise<unknown>];

function strategies(pageConcurrency: number): Strategy[] {
  return [
    ['GET /api/definitions/{vhost}', (http, v) => getJson(http, api('definitions', v))],
    ['queue listing', (http, v) => getJson(http, listing('queues', v))],
    ['binding listing', (http, v) => getJson(http, listing('bindings', v))],
    ['exchange listing', (http, v) => getJson(http, listing('exchanges', v))],
    [
      'the 3 listings in parallel',
      (http, v) => Promise.all((['queues', 'bindings', 'exchanges'] as const).map((k) => getJson(http, listing(k, v)))),
    ],
    [`queue listing paged by ${PAGE_SIZE}, ${pageConcurrency} in flight`, (http, v) => pagedQueues(http, v, pageConcurrency)],
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,20000,40000' },
      repeat: { type: 'string', default: '2' },
      'page-concurrency': { type: 'string', default: '4' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const repeat = Number(values.repeat);
  const target = brokerTargetFromEnv();
  const admin = new BrokerHttp(target, 2);
  const vhosts = new ScratchVhosts(admin, target.user);
  process.once('SIGINT', () => void vhosts.deleteAll().finally(() => process.exit(130)));
  const version = ((await getJson(admin, '/api/overview?columns=rabbitmq_version')) as { rabbitmq_version: string }).rabbitmq_version;
  const read = strategies(Number(values['page-concurrency']));
  const best = new Map<string, number[]>(read.map(([label]) => [label, []]));
  try {
    const vhost = await vhosts.create('read');
    for (const objects of sizes) {
      // 100 exchanges whatever the size, so each import adds to the previous one.
      const definitions = renderDefinitions(benchObjects({ queues: Math.round(objects / 2), exchanges: 100 }));
      const importMs = await timed(() => admin.expect('POST', api('definitions', vhost), definitions));
      log(`RabbitMQ ${version}: ${objects} objects imported in ${ms(importMs)}`);
      for (const [label, fn] of read) {
        const samples: number[] = [];
        for (let r = 0; r < repeat; r++) {
          // A new connection per read, as a fresh topo process makes it.
          const http = new BrokerHttp(target, 8);
          try {
            samples.push(await timed(() => fn(http, vhost)));
          } finally {
            http.close();
          }
          if (samples[0]! > NO_REPEAT_ABOVE_MS) break;
        }
        const fastest = Math.min(...samples);
        best.get(label)!.push(fastest);
        log(`  ${label}: ${samples.map(ms).join(', ')}`);
      }
    }
  } finally {
    const left = await vhosts.deleteAll();
    for (const line of left) log(`could not delete ${line}`);
    admin.close();
  }
  const header = ['read (best of ' + repeat + ')', ...sizes.map((n) => `${n.toLocaleString('en-US')} objects`), 'last / first'];
  const rows = read.map(([label]) => {
    const times = best.get(label)!;
    return [label, ...times.map(ms), `${(times.at(-1)! / times[0]!).toFixed(1)} × for ${sizes.at(-1)! / sizes[0]!} ×`];
  });
  process.stdout.write(`RabbitMQ ${version}\n${renderTable(header, rows)}\n`);
}

main().catch((error: unknown) => {
  log(`read-strategies: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
