/**
 * `--scaling`: validate, apply and no-op plan at several sizes (1k, 5k, 10k, 20k objects by
 * default). Growth is linear when the marginal cost (extra time per extra object between two
 * sizes) stays about constant; the cost per object falls with size because start-up is fixed.
 */
import { log, type BenchContext } from './bench-context.js';
import { Figure, timed, type FigureSummary } from './figure.js';
import { benchObjects, objectCount, sizeFromObjects } from './generate-spec.js';
import { readDefinitions } from './raw-load.js';
import { mb, ms, renderTable } from './render-table.js';

export const DEFAULT_SCALING_SIZES = [1000, 5000, 10000, 20000];

export interface ScalingPoint {
  objects: number;
  validate: FigureSummary;
  apply: FigureSummary;
  planNoop: FigureSummary;
  /** One `GET /api/definitions/{vhost}` of the applied objects: the broker's share of a no-op plan. */
  stateRead: FigureSummary;
}

export interface ScalingResult {
  runs: number;
  points: ScalingPoint[];
}

export async function runScalingSuite(ctx: BenchContext, sizes: number[], runs: number): Promise<ScalingResult> {
  const points: ScalingPoint[] = [];
  for (const requested of sizes) {
    const size = sizeFromObjects(requested);
    const objects = benchObjects(size);
    const total = objectCount(size);
    const validate = new Figure();
    const apply = new Figure();
    const planNoop = new Figure();
    const stateRead = new Figure();
    log(`scaling: ${total} objects`);
    const offline = ctx.writeSpec(objects, 'topo-bench-offline');
    try {
      await ctx.validate(offline);
      for (let r = 0; r < runs; r++) {
        const run = await ctx.validate(offline);
        validate.add(run.wallMs, run);
      }
    } catch (error) {
      validate.fail(error);
    }
    for (let r = 0; r < runs; r++) {
      const vhost = await ctx.vhosts.create(`scale${requested}`);
      try {
        const spec = ctx.writeSpec(objects, vhost);
        const applied = await ctx.apply(spec);
        apply.add(applied.wallMs, applied);
        await ctx.expectObjects(vhost, total, 'topo apply');
        stateRead.add(await timed(() => readDefinitions(ctx.target, vhost)));
        const noop = await ctx.noopPlan(spec).catch((error: unknown) => planNoop.fail(error));
        if (noop) planNoop.add(noop.wallMs, noop);
        log(`  run ${r + 1}: apply ${ms(applied.wallMs)}, no-op plan ${noop ? ms(noop.wallMs) : 'failed'}`);
      } catch (error) {
        apply.fail(error);
        log(`  run ${r + 1}: apply failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await ctx.vhosts.delete(vhost);
      }
    }
    points.push({
      objects: total,
      validate: validate.summary(),
      apply: apply.summary(),
      planNoop: planNoop.summary(),
      stateRead: stateRead.summary(),
    });
  }
  return { runs, points };
}

/**
 * Two tables, wall time and topo's CPU time: per size, each command's figure and its marginal
 * cost per extra object since the previous size; peak RSS with the wall times.
 */
export function renderScaling(result: ScalingResult): string {
  const kinds = ['validate', 'apply', 'planNoop', 'stateRead'] as const;
  const label = { validate: 'validate', apply: 'apply', planNoop: 'no-op plan', stateRead: 'state read' };
  const micro = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} µs` : 'n/a');
  const table = (metric: 'wallMs' | 'cpuMs', withRss: boolean) => {
    // The state read is the broker's work, not a topo process: it has no CPU time.
    const shown = metric === 'cpuMs' ? kinds.filter((k) => k !== 'stateRead') : kinds;
    const rows = result.points.map((p, i) => {
      const prev = result.points[i - 1];
      const cells = [p.objects.toLocaleString('en-US')];
      for (const kind of shown) {
        const value = p[kind][metric] ?? Number.NaN;
        const before = prev?.[kind][metric] ?? Number.NaN;
        cells.push(ms(value), prev ? micro(((value - before) * 1000) / (p.objects - prev.objects)) : '');
      }
      if (withRss) cells.push(mb(Math.max(...kinds.map((k) => p[k].peakRssMb ?? Number.NaN).filter(Number.isFinite))));
      return cells;
    });
    const header = ['objects'];
    for (const kind of shown) header.push(label[kind], 'marginal');
    if (withRss) header.push('peak RSS');
    return renderTable(header, rows);
  };
  return [
    'wall time, from process start (state read: one GET /api/definitions/{vhost}, the broker\'s share of a no-op plan)',
    table('wallMs', true),
    '',
    'CPU time of the topo process (user + system)',
    table('cpuMs', false),
    '',
    'marginal: extra time per extra object since the previous size; about constant = linear growth',
    '',
  ].join('\n');
}
