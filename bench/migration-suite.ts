/**
 * The benchmark of issue 15 (`npm run bench -- --migration`): how fast topo moves messages
 * from one queue to another (the move of `apply --migrate`: a consumer and a confirm channel
 * per queue, each message acknowledged after its copy is confirmed) next to the broker's own
 * shovel (the management UI's "move messages": a dynamic shovel from queue to queue, which
 * also acknowledges on confirm), in the same run, on the same queues and messages: N queues of
 * M persistent messages, all moved at once, into classic queues and into quorum queues. Then
 * the whole `topo apply --migrate` of N classic queues to quorum, as its own process.
 *
 * The shovel needs the rabbitmq_shovel plugin: where it is not enabled (the host's 3.10 has
 * only the management plugin) its figures say so; run against the 4.x node for both
 * (TOPO_URL=http://127.0.0.1:15673 TOPO_AMQP_URL=amqp://guest:guest@127.0.0.1:5673).
 */
import amqp, { type ChannelModel } from 'amqplib';
import { MOVE_PREFETCH } from '../src/apply/drain-queue.js';
import { moveMessages } from '../src/apply/move-messages.js';
import { log, type BenchContext } from './bench-context.js';
import { quorumJobsVhostYaml } from './migration-spec.js';
import { api } from './broker-http.js';
import { Figure, type FigureSummary } from './figure.js';
import { renderTable } from './render-table.js';
import { runTopo } from './run-topo.js';

export interface MigrationSuiteOptions {
  queues: number;
  messages: number;
  runs: number;
}

type Target = 'classic' | 'quorum';

export interface MoveFigures {
  topo: FigureSummary;
  shovel: FigureSummary;
  /** Messages per second, from the medians; null when the figure failed. */
  topoRate: number | null;
  shovelRate: number | null;
}

export interface MigrationSuiteResult {
  size: { queues: number; messagesPerQueue: number; messageBytes: number };
  runs: number;
  prefetch: number;
  /** Whether the broker has the shovel plugin; without it the shovel figures hold an error. */
  shovelAvailable: boolean;
  moves: Record<Target, MoveFigures>;
  /** `topo apply --migrate` of the queues from classic to quorum, with their messages. */
  apply: FigureSummary;
  applyRate: number | null;
}

const MESSAGE_BYTES = 200;
const POLL_MS = 25;
/** A shovel that has not moved everything after this long is reported as failed. */
const SHOVEL_TIMEOUT_MS = 600_000;

export async function runMigrationSuite(ctx: BenchContext, options: MigrationSuiteOptions): Promise<MigrationSuiteResult> {
  const { queues, messages, runs } = options;
  const total = queues * messages;
  const shovelAvailable = (await ctx.http.request('GET', '/api/shovels')).status === 200;
  log(`migration: ${queues} queues x ${messages} persistent messages of ${MESSAGE_BYTES} bytes; ${runs} runs; shovel plugin ${shovelAvailable ? 'enabled' : 'not enabled'}`);
  const moves = {} as Record<Target, MoveFigures>;
  for (const target of ['classic', 'quorum'] as const) {
    const topo = new Figure();
    const shovel = new Figure();
    for (let r = 0; r < runs; r++) {
      await measure(topo, `topo move into ${target}, run ${r + 1}`, () => timeMove(ctx, options, target, topoMove));
      if (shovelAvailable) await measure(shovel, `shovel into ${target}, run ${r + 1}`, () => timeMove(ctx, options, target, shovelMove(ctx)));
      else shovel.fail(new Error('the broker does not have the rabbitmq_shovel plugin enabled'));
    }
    moves[target] = { topo: topo.summary(), shovel: shovel.summary(), topoRate: rate(total, topo), shovelRate: rate(total, shovel) };
  }
  const apply = new Figure();
  for (let r = 0; r < runs; r++) await measure(apply, `topo apply --migrate, run ${r + 1}`, () => timeApply(ctx, options));
  return {
    size: { queues, messagesPerQueue: messages, messageBytes: MESSAGE_BYTES },
    runs,
    prefetch: MOVE_PREFETCH,
    shovelAvailable,
    moves,
    apply: apply.summary(),
    applyRate: rate(total, apply),
  };
}

export function renderMigrationSuite(result: MigrationSuiteResult): string {
  const perSecond = (n: number | null) => (n === null ? 'n/a' : `${Math.round(n).toLocaleString('en-US')}/s`);
  const wall = (f: FigureSummary) => (f.wallMs === null ? (f.error ?? 'failed') : `${(f.wallMs / 1000).toFixed(1)} s`);
  const { queues, messagesPerQueue } = result.size;
  const rows = (['classic', 'quorum'] as const).flatMap((target) => {
    const m = result.moves[target];
    return [
      [`topo move into ${target} (prefetch ${result.prefetch})`, wall(m.topo), perSecond(m.topoRate)],
      [`broker shovel into ${target}`, wall(m.shovel), perSecond(m.shovelRate)],
    ];
  });
  rows.push(['topo apply --migrate, classic to quorum', wall(result.apply), perSecond(result.applyRate)]);
  const table = renderTable(['measurement', 'wall (median)', 'messages'], rows);
  return `${queues} queues x ${messagesPerQueue.toLocaleString('en-US')} persistent messages, all queues at once, median of ${result.runs}:\n${table}\n`;
}

async function measure(figure: Figure, what: string, run: () => Promise<number>): Promise<void> {
  try {
    const wallMs = await run();
    figure.add(wallMs);
    log(`${what}: ${Math.round(wallMs)} ms`);
  } catch (error) {
    figure.fail(error);
    log(`${what}: failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function rate(messages: number, figure: Figure): number | null {
  return Number.isFinite(figure.wallMs) ? messages / (figure.wallMs / 1000) : null;
}

/** Moves every source queue into its target; resolves when all are moved. */
type Mover = (vhost: string, pairs: { from: string; to: string }[], messages: number) => Promise<void>;

/** Fresh vhost, N classic queues of M messages and N empty targets; the time `move` takes. */
async function timeMove(ctx: BenchContext, options: MigrationSuiteOptions, target: Target, move: Mover): Promise<number> {
  const vhost = await ctx.vhosts.create(`move-${target}`);
  try {
    const pairs = Array.from({ length: options.queues }, (_, i) => ({ from: `src-${i}`, to: `dst-${i}` }));
    const model = await connect(vhost);
    try {
      const channel = await model.createChannel();
      for (const { from, to } of pairs) {
        await channel.assertQueue(from, { durable: true });
        await channel.assertQueue(to, { durable: true, arguments: { 'x-queue-type': target } });
      }
      await channel.close();
      await fill(model, pairs.map((p) => p.from), options.messages);
    } finally {
      await model.close();
    }
    const started = performance.now();
    await move(vhost, pairs, options.messages);
    return performance.now() - started;
  } finally {
    await ctx.vhosts.delete(vhost);
  }
}

/** topo's move, one connection per queue as `apply --migrate` opens one per drain step. */
const topoMove: Mover = async (vhost, pairs, messages) => {
  await Promise.all(
    pairs.map(async ({ from, to }) => {
      const model = await connect(vhost);
      try {
        const moved = await moveMessages(model, from, to, { prefetch: MOVE_PREFETCH, user: amqpTarget().user });
        if (moved !== messages) throw new Error(`moved ${moved} of ${messages} messages from ${from}`);
      } finally {
        await model.close();
      }
    }),
  );
};

/** The broker's own move: a dynamic shovel per queue that deletes itself once it moved the queue's length. */
function shovelMove(ctx: BenchContext): Mover {
  return async (vhost, pairs, messages) => {
    const uri = `amqp:///${encodeURIComponent(vhost)}`;
    await Promise.all(
      pairs.map(({ from, to }) =>
        ctx.http.expect('PUT', api('parameters', 'shovel', vhost, `move-${from}`), {
          value: { 'src-uri': uri, 'src-queue': from, 'dest-uri': uri, 'dest-queue': to, 'src-delete-after': 'queue-length', 'ack-mode': 'on-confirm' },
        }),
      ),
    );
    const until = performance.now() + SHOVEL_TIMEOUT_MS;
    const model = await connect(vhost);
    try {
      const channel = await model.createChannel();
      for (const { to } of pairs) {
        while ((await channel.checkQueue(to)).messageCount < messages) {
          if (performance.now() > until) throw new Error(`the shovel into ${to} did not finish in ${SHOVEL_TIMEOUT_MS} ms`);
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      }
    } finally {
      await model.close();
    }
  };
}

/** N classic queues of M messages migrated to quorum by `topo apply --migrate`, as its own process. */
async function timeApply(ctx: BenchContext, options: MigrationSuiteOptions): Promise<number> {
  const vhost = await ctx.vhosts.create('migrate');
  try {
    const names = Array.from({ length: options.queues }, (_, i) => `q-${i}`);
    const model = await connect(vhost);
    try {
      const channel = await model.createChannel();
      await channel.assertExchange('jobs', 'direct', { durable: true });
      for (const name of names) {
        await channel.assertQueue(name, { durable: true });
        await channel.bindQueue(name, 'jobs', name);
      }
      await channel.close();
      await fill(model, names, options.messages);
    } finally {
      await model.close();
    }
    const spec = ctx.writeText(`version: 1\nvhosts:\n  ${JSON.stringify(vhost)}:\n${quorumJobsVhostYaml(names)}`);
    const run = await runTopo(['apply', spec, '--migrate', '--allow-replace', '--yes'], {
      env: { TOPO_URL: ctx.target.url, TOPO_USER: ctx.target.user, TOPO_PASSWORD: ctx.target.password, TOPO_AMQP_URL: amqpTarget().url },
    });
    const check = await connect(vhost);
    try {
      const channel = await check.createChannel();
      for (const name of names) {
        const left = (await channel.checkQueue(name)).messageCount;
        if (left !== options.messages) throw new Error(`queue ${name} holds ${left} messages after the migration, not ${options.messages}`);
      }
    } finally {
      await check.close();
    }
    return run.wallMs;
  } finally {
    await ctx.vhosts.delete(vhost);
  }
}

/** The AMQP endpoint of the benchmark's broker: TOPO_AMQP_URL, else port 5672 of the management host. */
function amqpTarget(): { url: string; user: string } {
  const fromEnv = process.env.TOPO_AMQP_URL;
  const url = new URL(fromEnv ?? `amqp://${new URL(process.env.TOPO_URL ?? 'http://127.0.0.1:15672').hostname}:5672`);
  if (!url.username) {
    url.username = encodeURIComponent(process.env.TOPO_USER ?? 'guest');
    url.password = encodeURIComponent(process.env.TOPO_PASSWORD ?? 'guest');
  }
  return { url: url.toString().replace(/\/$/, ''), user: decodeURIComponent(url.username) };
}

async function connect(vhost: string): Promise<ChannelModel> {
  const model = await amqp.connect(`${amqpTarget().url}/${encodeURIComponent(vhost)}`);
  model.on('error', () => undefined);
  return model;
}

/** `count` persistent messages into each queue, with publisher confirms. */
async function fill(model: ChannelModel, queues: readonly string[], count: number): Promise<void> {
  const channel = await model.createConfirmChannel();
  const body = Buffer.alloc(MESSAGE_BYTES, 'x');
  for (const queue of queues) {
    for (let n = 0; n < count; n++) {
      if (!channel.sendToQueue(queue, body, { persistent: true, messageId: `${queue}-${n}` })) {
        await new Promise((resolve) => channel.once('drain', resolve));
      }
    }
    await channel.waitForConfirms();
  }
  await channel.close();
}
