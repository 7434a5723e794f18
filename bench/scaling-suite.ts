/**
 * `--scaling` (issue 16): validate and no-op plan at sizes up to 100,000 objects, spread over
 * vhosts of at most 10,000 queues + bindings each, with the broker's own work beside them in the
 * same run: its bulk import (which creates the objects the no-op plan reads) and one state read
 * (`GET /api/definitions/{vhost}`, and the queue, binding and exchange listings, every vhost in
 * parallel). At the sizes up to `--apply-up-to` (10,000 by default) also `topo apply` into empty
 * vhosts, the raw-call loop at concurrency 32, and rascal on 32 channels. Growth is linear when the marginal cost (extra
 * time per extra object between two sizes) stays about constant. Prints the targets of the issue
 * with pass or fail and by how much.
 */
import { log, type BenchContext } from './bench-context.js';
import { Figure, timed, type FigureSummary } from './figure.js';
import { benchObjects, objectCount, renderDefinitions, sizeFromObjects, type BenchObjects } from './generate-spec.js';
import { bulkImport, rawLoad, readDefinitions, readListings } from './raw-load.js';
import { rascalLoad } from './rascal-load.js';
import { mb, ms, ratio, renderTable } from './render-table.js';

export const DEFAULT_SCALING_SIZES = [10000, 20000, 40000, 100000];
/** Queues + bindings per vhost: RabbitMQ 3.10 reads and imports one big vhost in time that grows faster than it. */
export const OBJECTS_PER_VHOST = 10000;
/** The raw-call baseline's concurrency: topo's default, and the fastest or within 3% in issue 7's runs. */
const RAW_CONCURRENCY = 32;

export interface ScalingOptions {
  sizes: number[];
  /** How many times validate and the no-op plan are run per size (median). */
  runs: number;
  /** Apply and the raw-call loop run at sizes up to this many objects. */
  applyUpTo: number;
}

export interface ScalingPoint {
  /** The size asked for (queues + bindings); `objects` adds the exchanges. */
  requested: number;
  objects: number;
  vhosts: number;
  validate: FigureSummary;
  planNoop: FigureSummary;
  bulkImport: FigureSummary;
  /** One `GET /api/definitions/{vhost}` per vhost, all in parallel. */
  definitionsRead: FigureSummary;
  /** The queue, binding and exchange listings per vhost, all in parallel. */
  listingsRead: FigureSummary;
  apply?: FigureSummary;
  rawLimit?: FigureSummary;
  /** rascal declaring the same objects into empty vhosts on as many channels (./rascal-load.ts). */
  rascal?: FigureSummary;
}

export interface ScalingTarget {
  name: string;
  value: number | null;
  limit: number;
  /** `max`: the value must be at most the limit; `min`: at least. */
  kind: 'max' | 'min';
  ok: boolean;
  /** value / limit: 1.25 is 25% over a maximum. */
  ofLimit: number | null;
}

export interface ScalingResult {
  runs: number;
  brokerVersion: string;
  points: ScalingPoint[];
  targets: ScalingTarget[];
}

/** Each size's objects: `vhosts` vhosts of the same objects, together `requested` queues + bindings. */
function layout(requested: number): { vhosts: number; perVhost: BenchObjects; total: number } {
  const vhosts = Math.max(1, Math.ceil(requested / OBJECTS_PER_VHOST));
  const size = sizeFromObjects(requested / vhosts);
  return { vhosts, perVhost: benchObjects(size), total: vhosts * objectCount(size) };
}

/**
 * The bulk-imported vhosts of the sizes measured so far. Sizes that spread the same per-vhost
 * objects (10k, 20k, 40k, 100k all have vhosts of 10k) grow one pool instead of importing and
 * deleting every size anew: at 100k on 3.10.8 that was 10 to 20 minutes of each. It only grows,
 * so the broker holds exactly what the size being measured reads (a broker holding more keeps a
 * core busy with the statistics of queues nobody reads).
 */
interface ImportedPool {
  perVhostCount: number;
  vhosts: string[];
  /** Each vhost's import time, in the order imported. */
  importMs: number[];
}

export async function runScalingSuite(ctx: BenchContext, options: ScalingOptions, brokerVersion: string): Promise<ScalingResult> {
  const points: ScalingPoint[] = [];
  let pool: ImportedPool | undefined;
  const dropPool = async () => {
    for (const v of pool?.vhosts ?? []) await ctx.vhosts.delete(v);
    pool = undefined;
  };
  // Validate is offline: every size is measured first, while the broker holds none of the
  // imported vhosts (one holding 40k objects keeps a core of this machine busy by itself).
  const validated = new Map<number, FigureSummary>();
  for (const requested of options.sizes) {
    const { vhosts: count, perVhost, total } = layout(requested);
    log(`scaling: validate ${total} objects in ${count} vhost(s)`);
    const figure = new Figure();
    try {
      const offline = ctx.writeSpec(perVhost, Array.from({ length: count }, (_, i) => `topo-bench-offline-${i + 1}`));
      await ctx.validate(offline);
      for (let r = 0; r < options.runs; r++) {
        const run = await ctx.validate(offline);
        figure.add(run.wallMs, run);
        log(`  validate run ${r + 1}: ${ms(run.wallMs)} (CPU ${ms(run.cpuMs)}), ${mb(run.peakRssMb)}`);
      }
    } catch (error) {
      figure.fail(error);
    }
    validated.set(requested, figure.summary());
  }
  try {
    for (const requested of options.sizes) {
      const { vhosts: count, perVhost, total } = layout(requested);
      const perVhostCount = total / count;
      const f = {
        planNoop: new Figure(),
        bulkImport: new Figure(),
        definitionsRead: new Figure(),
        listingsRead: new Figure(),
      };
      log(`scaling: ${total} objects in ${count} vhost(s)`);
      // Apply, raw calls and rascal before this size's import: the broker holds only what the
      // smaller sizes imported (at the first size, nothing).
      const applied = requested <= options.applyUpTo ? await applyFigures(ctx, perVhost, count, perVhostCount) : {};

      try {
        if (pool && (pool.perVhostCount !== perVhostCount || pool.vhosts.length > count)) await dropPool();
        pool ??= { perVhostCount, vhosts: [], importMs: [] };
        const reused = pool.vhosts.length;
        // The broker's own import creates what the no-op plan reads, one vhost after the other:
        // 3.10.8 hung up on ten imports of 10k objects at once.
        const definitions = renderDefinitions(perVhost);
        while (pool.vhosts.length < count) {
          const v = await ctx.vhosts.create(`scale${perVhostCount}`);
          pool.vhosts.push(v);
          pool.importMs.push(await timed(() => bulkImport(ctx.target, v, definitions)));
          await ctx.expectObjects(v, perVhostCount, 'bulk import');
        }
        const vhosts = pool.vhosts;
        // The import of the whole size: the vhosts imported for an earlier size count with the
        // time they took then.
        const imported = pool.importMs.reduce((sum, t) => sum + t, 0);
        f.bulkImport.add(imported);
        log(`  bulk import: ${ms(imported)}${reused > 0 ? ` (${reused} of ${count} vhosts imported for a smaller size)` : ''}`);
        const spec = ctx.writeSpec(perVhost, vhosts);
        for (let r = 0; r < options.runs; r++) {
          f.definitionsRead.add(await timed(() => Promise.all(vhosts.map((v) => readDefinitions(ctx.target, v)))));
          f.listingsRead.add(await timed(() => Promise.all(vhosts.map((v) => readListings(ctx.target, v)))));
          const noop = await ctx.noopPlan(spec);
          f.planNoop.add(noop.wallMs, noop);
          log(
            `  run ${r + 1}: no-op plan ${ms(noop.wallMs)} (CPU ${ms(noop.cpuMs)}, ${mb(noop.peakRssMb)}), ` +
              `definitions ${ms(f.definitionsRead.wallMs)}, listings ${ms(f.listingsRead.wallMs)}`,
          );
        }
      } catch (error) {
        f.planNoop.fail(error);
        log(`  failed: ${error instanceof Error ? error.message : String(error)}`);
        await dropPool();
      }

      const point: ScalingPoint = {
        requested,
        objects: total,
        vhosts: count,
        validate: validated.get(requested)!,
        planNoop: f.planNoop.summary(),
        bulkImport: f.bulkImport.summary(),
        definitionsRead: f.definitionsRead.summary(),
        listingsRead: f.listingsRead.summary(),
        ...applied,
      };
      points.push(point);
    }
  } finally {
    await dropPool();
  }
  return { runs: options.runs, brokerVersion, points, targets: scalingTargets(points) };
}

/** topo apply and the raw-call loop, each once, into empty vhosts of the same objects. */
async function applyFigures(
  ctx: BenchContext,
  perVhost: BenchObjects,
  count: number,
  perVhostCount: number,
): Promise<{ apply: FigureSummary; rawLimit: FigureSummary; rascal: FigureSummary }> {
  const apply = new Figure();
  const raw = new Figure();
  const rascal = new Figure();
  const measure = async (label: string, figure: Figure, work: (vhosts: string[]) => Promise<void>) => {
    const vhosts: string[] = [];
    try {
      for (let i = 0; i < count; i++) vhosts.push(await ctx.vhosts.create(label));
      await work(vhosts);
      for (const v of vhosts) await ctx.expectObjects(v, perVhostCount, label);
    } catch (error) {
      figure.fail(error);
      log(`  ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      for (const v of vhosts) await ctx.vhosts.delete(v);
    }
  };
  await measure('raw', raw, async (vhosts) => {
    const cpuBefore = process.cpuUsage();
    const wall = await timed(() => Promise.all(vhosts.map((v) => rawLoad(ctx.target, v, perVhost, RAW_CONCURRENCY))));
    const cpu = process.cpuUsage(cpuBefore);
    raw.add(wall, { peakRssMb: Number.NaN, cpuMs: (cpu.user + cpu.system) / 1000 });
    log(`  raw calls at concurrency ${RAW_CONCURRENCY}: ${ms(wall)}`);
  });
  await measure('rascal', rascal, async (vhosts) => {
    const wall = await timed(() => Promise.all(vhosts.map((v) => rascalLoad(ctx.target, v, perVhost, RAW_CONCURRENCY))));
    rascal.add(wall);
    log(`  rascal on ${RAW_CONCURRENCY} channels: ${ms(wall)}`);
  });
  await measure('apply', apply, async (vhosts) => {
    const run = await ctx.apply(ctx.writeSpec(perVhost, vhosts));
    apply.add(run.wallMs, run);
    log(`  topo apply: ${ms(run.wallMs)} (CPU ${ms(run.cpuMs)}), ${mb(run.peakRssMb)}`);
  });
  return { apply: apply.summary(), rawLimit: raw.summary(), rascal: rascal.summary() };
}

/** The targets of issue 16, from the points that were measured. */
function scalingTargets(points: ScalingPoint[]): ScalingTarget[] {
  const at = (requested: number) => points.find((p) => p.requested === requested);
  const targets: ScalingTarget[] = [];
  const add = (name: string, value: number | null | undefined, limit: number, kind: 'max' | 'min') => {
    if (value === undefined) return;
    const ok = value !== null && (kind === 'max' ? value <= limit : value >= limit);
    targets.push({ name, value, limit, kind, ok, ofLimit: value === null ? null : Math.round((value / limit) * 1000) / 1000 });
  };
  add('no-op plan of 40k objects (ms)', at(40000)?.planNoop.wallMs, 3000, 'max');
  add('no-op plan of 100k objects (ms)', at(100000)?.planNoop.wallMs, 8000, 'max');
  add('validate of 100k objects (ms)', at(100000)?.validate.wallMs, 2000, 'max');
  const big = at(100000);
  if (big) add('peak RSS at 100k objects (MB)', Math.max(big.validate.peakRssMb ?? 0, big.planNoop.peakRssMb ?? 0) || null, 500, 'max');
  const ten = at(10000);
  if (ten?.apply) {
    const div = (a: number | null | undefined, b: number | null | undefined) => (a && b ? Math.round((a / b) * 1000) / 1000 : null);
    add('apply of 10k / raw-call loop', div(ten.apply.wallMs, ten.rawLimit?.wallMs), 1.1, 'max');
    add('apply of 10k / bulk import', div(ten.apply.wallMs, ten.bulkImport.wallMs), 1, 'max');
    add('apply of 10k / rascal', div(ten.apply.wallMs, ten.rascal?.wallMs), 1, 'max');
  }
  return targets;
}

/**
 * Wall time per size with the marginal cost since the previous size, the CPU time of the topo
 * process, the targets with pass or fail and by how much.
 */
export function renderScaling(result: ScalingResult): string {
  const kinds = ['validate', 'planNoop', 'bulkImport', 'definitionsRead', 'listingsRead'] as const;
  const label = {
    validate: 'validate',
    planNoop: 'no-op plan',
    bulkImport: 'bulk import',
    definitionsRead: 'definitions GET',
    listingsRead: 'listings GET',
  };
  const micro = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} µs` : 'n/a');
  const value = (s: FigureSummary | undefined, metric: 'wallMs' | 'cpuMs') => s?.[metric] ?? Number.NaN;
  const rows = result.points.map((p, i) => {
    const prev = result.points[i - 1];
    const cells = [p.objects.toLocaleString('en-US'), String(p.vhosts)];
    for (const kind of kinds) {
      cells.push(ms(value(p[kind], 'wallMs')));
      if (kind === 'validate' || kind === 'planNoop') {
        cells.push(prev ? micro(((value(p[kind], 'wallMs') - value(prev[kind], 'wallMs')) * 1000) / (p.objects - prev.objects)) : '');
      }
    }
    cells.push(mb(Math.max(p.validate.peakRssMb ?? Number.NaN, p.planNoop.peakRssMb ?? Number.NaN)));
    return cells;
  });
  const header = ['objects', 'vhosts'];
  for (const kind of kinds) header.push(label[kind], ...(kind === 'validate' || kind === 'planNoop' ? ['marginal'] : []));
  header.push('peak RSS');
  const cpuRows = result.points.map((p) => [
    p.objects.toLocaleString('en-US'),
    ms(value(p.validate, 'cpuMs')),
    ms(value(p.planNoop, 'cpuMs')),
  ]);
  const applyRows = result.points
    .filter((p) => p.apply)
    .map((p) => [
      p.objects.toLocaleString('en-US'),
      ms(value(p.apply, 'wallMs')),
      ms(value(p.apply, 'cpuMs')),
      ms(value(p.rawLimit, 'wallMs')),
      ms(value(p.bulkImport, 'wallMs')),
      ms(value(p.rascal, 'wallMs')),
      ratio(value(p.apply, 'wallMs') / value(p.rawLimit, 'wallMs')),
    ]);
  const failures = result.points.flatMap((p) =>
    (['validate', 'planNoop', 'bulkImport', 'apply', 'rawLimit', 'rascal'] as const)
      .filter((k) => p[k]?.error)
      .map((k) => `${p.objects} objects, ${k}: FAILED ${p[k]!.error!.split('\n')[0]!.slice(0, 120)}`),
  );
  return [
    `RabbitMQ ${result.brokerVersion}; median of ${result.runs} run(s); wall time from process start; at most ${OBJECTS_PER_VHOST.toLocaleString('en-US')} queues + bindings per vhost`,
    renderTable(header, rows),
    '',
    'CPU time of the topo process (user + system)',
    renderTable(['objects', 'validate', 'no-op plan'], cpuRows),
    '',
    ...(applyRows.length > 0
      ? [
          `apply into empty vhosts (a whole topo process), beside the raw-call loop at concurrency ${RAW_CONCURRENCY}, the bulk import and rascal on ${RAW_CONCURRENCY} channels`,
          renderTable(['objects', 'topo apply', 'apply CPU', 'raw calls', 'bulk import', 'rascal', 'apply / raw'], applyRows),
          '',
        ]
      : []),
    renderTable(
      ['target (issue 16)', 'measured', 'limit', 'met', 'of limit'],
      result.targets.map((t) => [
        t.name,
        t.value === null ? 'n/a' : String(Math.round(t.value * 100) / 100),
        `${t.kind === 'max' ? '≤' : '≥'} ${t.limit}`,
        t.ok ? 'yes' : 'NO',
        t.ofLimit === null ? 'n/a' : `${Math.round(t.ofLimit * 100)}%`,
      ]),
    ),
    '',
    'marginal: extra time per extra object since the previous size; about constant = linear growth',
    ...failures,
    '',
  ].join('\n');
}
