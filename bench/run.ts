/**
 * `npm run bench`: measures topo against the local broker and the broker's own limits, prints
 * a table, and writes bench/results/latest.json (bench/results/scaling.json with --scaling).
 *
 *   node dist/bench/run.js [--runs 3] [--queues N | --objects N] [--concurrency 8,16,32,64]
 *                          [--apply-concurrency N] [--topo-only]
 *   node dist/bench/run.js --scaling [--sizes 10000,20000,40000,100000] [--apply-up-to 10000] [--runs 1]
 *   node dist/bench/run.js --migration [--queues 20] [--messages 5000] [--runs 3]
 *
 * Every vhost it uses is a fresh `topo-bench-...` one, deleted afterwards, also on failure or Ctrl-C.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchContext, log } from './bench-context.js';
import { runDefaultSuite, renderDefaultSuite } from './default-suite.js';
import { DEFAULT_SIZE, sizeFromObjects, sizeFromQueues, type BenchSize } from './generate-spec.js';
import { machineInfo } from './machine-info.js';
import { REPO_ROOT } from './run-topo.js';
import { renderMigrationSuite, runMigrationSuite } from './migration-suite.js';
import { DEFAULT_SCALING_SIZES, renderScaling, runScalingSuite } from './scaling-suite.js';

const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');

interface BenchArgs {
  runs: number;
  size: BenchSize;
  concurrencies: number[];
  applyConcurrency: number | undefined;
  scaling: boolean;
  sizes: number[];
  applyUpTo: number;
  topoOnly: boolean;
  /** `--migration`: the move and migrate benchmark of issue 15 instead, `migration` queues x `messages`. */
  migration: { queues: number; messages: number } | undefined;
}

function positive(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got "${text}"`);
  return n;
}

const list = (flag: string, text: string) => text.split(',').map((part) => positive(flag, part.trim()));

function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      queues: { type: 'string' },
      objects: { type: 'string' },
      concurrency: { type: 'string', default: '8,16,32,64' },
      'apply-concurrency': { type: 'string' },
      scaling: { type: 'boolean', default: false },
      'topo-only': { type: 'boolean', default: false },
      sizes: { type: 'string', default: DEFAULT_SCALING_SIZES.join(',') },
      'apply-up-to': { type: 'string', default: '10000' },
      migration: { type: 'boolean', default: false },
      messages: { type: 'string', default: '5000' },
    },
  });
  const migration = values.migration
    ? { queues: values.queues ? positive('--queues', values.queues) : 20, messages: positive('--messages', values.messages) }
    : undefined;
  if (values.queues && values.objects) throw new Error('give --queues or --objects, not both');
  return {
    runs: positive('--runs', values.runs),
    size: values.queues
      ? sizeFromQueues(positive('--queues', values.queues))
      : values.objects
        ? sizeFromObjects(positive('--objects', values.objects))
        : DEFAULT_SIZE,
    concurrencies: list('--concurrency', values.concurrency),
    applyConcurrency: values['apply-concurrency'] ? positive('--apply-concurrency', values['apply-concurrency']) : undefined,
    scaling: values.scaling,
    sizes: list('--sizes', values.sizes),
    applyUpTo: positive('--apply-up-to', values['apply-up-to']),
    topoOnly: values['topo-only'],
    migration,
  };
}

function writeResults(file: string, content: unknown): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, file);
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
  log(`wrote ${relative(process.cwd(), path)}`);
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  const ctx = new BenchContext(args.applyConcurrency);
  // Ctrl-C: the children get the signal too; remove the vhosts before leaving.
  process.once('SIGINT', () => {
    log('interrupted: deleting the benchmark vhosts...');
    void ctx.close().finally(() => process.exit(130));
  });
  try {
    const machine = await machineInfo(ctx.http, REPO_ROOT);
    log(`${machine.cpus} CPUs, load ${machine.loadAverage.join(' ')}, node ${machine.node}, RabbitMQ ${machine.rabbitmq}`);
    const started = performance.now();
    if (args.migration) {
      const result = await runMigrationSuite(ctx, { ...args.migration, runs: args.runs });
      const durationS = Math.round((performance.now() - started) / 100) / 10;
      process.stdout.write(`\n${renderMigrationSuite(result)}`);
      // Rates depend on the broker's version as much as on topo: one file per version.
      writeResults(`migration-rabbitmq-${machine.rabbitmq}.json`, { formatVersion: 1, machine, durationS, ...result });
      return result.apply.error ?? result.moves.classic.topo.error ?? result.moves.quorum.topo.error ? 1 : 0;
    }
    if (args.scaling) {
      const result = await runScalingSuite(ctx, { sizes: args.sizes, runs: args.runs, applyUpTo: args.applyUpTo }, machine.rabbitmq);
      const durationS = Math.round((performance.now() - started) / 100) / 10;
      process.stdout.write(`\n${renderScaling(result)}`);
      // Figures depend on the broker's version as much as on topo: one file per version.
      const file = `scaling-rabbitmq-${machine.rabbitmq}.json`;
      writeResults(file, { formatVersion: 2, machine, applyConcurrency: args.applyConcurrency ?? 'default', durationS, ...result });
      log(`scaling run took ${durationS} s, of which ${Math.round(ctx.vhosts.deleteMs / 1000)} s deleting vhosts`);
      return result.points.some((p) => p.validate.error ?? p.apply?.error ?? p.planNoop.error ?? p.rawLimit?.error) ? 1 : 0;
    }
    const result = await runDefaultSuite(ctx, { size: args.size, runs: args.runs, concurrencies: args.concurrencies, topoOnly: args.topoOnly });
    const durationS = Math.round((performance.now() - started) / 100) / 10;
    process.stdout.write(`\n${renderDefaultSuite(result)}`);
    // Only a run of the published configuration replaces the published figures.
    const standard = !args.topoOnly && !args.applyConcurrency && args.size.queues === DEFAULT_SIZE.queues;
    writeResults(standard ? 'latest.json' : 'custom.json', { formatVersion: 1, machine, applyConcurrency: args.applyConcurrency ?? 'default', durationS, ...result });
    log(`benchmark took ${durationS} s, of which ${Math.round(ctx.vhosts.deleteMs / 1000)} s deleting vhosts`);
    const { raw, ...own } = result.figures;
    const failed = [...Object.values(own), ...Object.values(raw)].some((f) => f.error !== undefined);
    return failed ? 1 : 0;
  } finally {
    const left = await ctx.close();
    for (const line of left) log(`could not delete ${line}`);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
