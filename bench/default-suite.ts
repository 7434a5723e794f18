/**
 * The benchmark of issue 7 at one size: topo's validate, plan, apply and no-op plan, and in the
 * same run the broker's own limits on fresh vhosts (bulk import, raw API calls at several
 * concurrencies, one definitions read). Every figure is the median of `runs` runs; a raw
 * concurrency clearly slower than the fastest in the first run is not repeated.
 */
import { log, type BenchContext } from './bench-context.js';
import { Figure, timed, type FigureSummary } from './figure.js';
import { benchObjects, objectCount, renderDefinitions, type BenchSize } from './generate-spec.js';
import { mb, ms, ratio, renderTable } from './render-table.js';
import { bulkImport, rawLoad, readDefinitions } from './raw-load.js';
import type { TopoRun } from './run-topo.js';

/** The targets of issue 7, for 10k objects on a 2-core machine with the broker on it. */
export const TARGETS = {
  applyOverRawLimitMax: 1.1,
  bulkImportOverApplyMin: 1.4,
  noopPlanMaxMs: 1000,
  validateMaxMs: 500,
  peakRssMaxMb: 250,
} as const;

export interface DefaultSuiteOptions {
  size: BenchSize;
  runs: number;
  concurrencies: number[];
  /** Skip the broker baselines (bulk import, raw calls): for quick tuning runs only. */
  topoOnly?: boolean;
}

export interface TargetCheck {
  name: string;
  value: number | null;
  limit: string;
  ok: boolean;
}

export interface DefaultSuiteResult {
  size: { exchanges: number; queues: number; bindings: number; objects: number };
  runs: number;
  figures: {
    validate: FigureSummary;
    planEmpty: FigureSummary;
    apply: FigureSummary;
    planNoop: FigureSummary;
    bulkImport: FigureSummary;
    raw: Record<string, FigureSummary>;
    stateRead: FigureSummary;
  };
  rawLimit: { concurrency: number; wallMs: number } | null;
  ratios: { applyOverRawLimit: number | null; bulkImportOverApply: number | null; noopPlanOverStateRead: number | null };
  /** Did a no-op plan against the bulk-imported vhost find nothing to change (topo reads what the broker imported)? */
  bulkImportPlansNothing: boolean | string;
  targets: TargetCheck[];
}

export async function runDefaultSuite(ctx: BenchContext, options: DefaultSuiteOptions): Promise<DefaultSuiteResult> {
  const { size, runs } = options;
  const objects = benchObjects(size);
  const definitions = renderDefinitions(objects);
  const total = objectCount(size);
  const validate = new Figure();
  const planEmpty = new Figure();
  const apply = new Figure();
  const planNoop = new Figure();
  const bulk = new Figure();
  const stateRead = new Figure();
  const raw = new Map(options.concurrencies.map((c) => [c, new Figure()]));
  let bulkImportPlansNothing: boolean | string = 'not checked';
  // After the first run, only the concurrencies that could still be the fastest are measured again.
  let rawCandidates = new Set(options.concurrencies);

  log(`topology: ${total} objects (${size.exchanges} topic exchanges, ${size.queues} queues, ${size.queues} bindings); ${runs} runs`);

  const offlineSpec = ctx.writeSpec(objects, 'topo-bench-offline');
  try {
    // A first run warms the file cache; it is not counted.
    await ctx.validate(offlineSpec);
    for (let r = 0; r < runs; r++) {
      const run = await ctx.validate(offlineSpec);
      validate.add(run.wallMs, run);
      log(`validate            run ${r + 1}: ${ms(run.wallMs)} (CPU ${ms(run.cpuMs)}), ${mb(run.peakRssMb)}`);
    }
  } catch (error) {
    validate.fail(error);
    log(`validate failed: ${String(error)}`);
  }

  for (let r = 0; r < runs; r++) {
    await topoRun(ctx, objects, total, r, { planEmpty, apply, planNoop });
    if (options.topoOnly) continue;

    // Bulk import, then the state read of the same objects, then (once) topo's view of them.
    const bulkVhost = await ctx.vhosts.create('bulk');
    try {
      const wall = await timed(() => bulkImport(ctx.target, bulkVhost, definitions));
      bulk.add(wall);
      log(`bulk import         run ${r + 1}: ${ms(wall)}`);
      await ctx.expectObjects(bulkVhost, total, 'bulk import');
      const read = await timed(() => readDefinitions(ctx.target, bulkVhost));
      stateRead.add(read);
      log(`definitions GET     run ${r + 1}: ${ms(read)}`);
      if (r === 0) bulkImportPlansNothing = await plansNothing(ctx, objects, bulkVhost);
    } catch (error) {
      bulk.fail(error);
      log(`bulk import failed: ${String(error)}`);
    } finally {
      await ctx.vhosts.delete(bulkVhost);
    }

    for (const [concurrency, figure] of raw) {
      if (r > 0 && !rawCandidates.has(concurrency)) continue;
      const vhost = await ctx.vhosts.create(`raw${concurrency}`);
      try {
        // The loop runs in this process: its CPU time is comparable to the topo process's.
        const cpuBefore = process.cpuUsage();
        const wall = await timed(() => rawLoad(ctx.target, vhost, objects, concurrency));
        const cpu = process.cpuUsage(cpuBefore);
        const cpuMs = (cpu.user + cpu.system) / 1000;
        figure.add(wall, { peakRssMb: Number.NaN, cpuMs });
        log(`raw API c=${String(concurrency).padEnd(3)}      run ${r + 1}: ${ms(wall)} (CPU ${ms(cpuMs)})`);
        await ctx.expectObjects(vhost, total, `raw load at concurrency ${concurrency}`);
      } catch (error) {
        figure.fail(error);
        log(`raw load at concurrency ${concurrency} failed: ${String(error)}`);
      } finally {
        await ctx.vhosts.delete(vhost);
      }
    }
    if (r === 0) rawCandidates = candidates(raw);
  }

  // The limit is the fastest median among the concurrencies measured in every run.
  const rawLimit = fastest(new Map([...raw].filter(([c]) => rawCandidates.has(c))));
  const div = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN);
  const ratios = {
    applyOverRawLimit: div(apply.wallMs, rawLimit?.wallMs ?? Number.NaN),
    bulkImportOverApply: div(bulk.wallMs, apply.wallMs),
    noopPlanOverStateRead: div(planNoop.wallMs, stateRead.wallMs),
  };
  const peakRss = Math.max(...[validate, planEmpty, apply, planNoop].map((f) => f.peakRssMb).filter(Number.isFinite));
  const nullable = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null);
  const targets: TargetCheck[] = [
    check('apply / raw limit', ratios.applyOverRawLimit, `≤ ${TARGETS.applyOverRawLimitMax}`, (v) => v <= TARGETS.applyOverRawLimitMax),
    check('bulk import / apply', ratios.bulkImportOverApply, `≥ ${TARGETS.bulkImportOverApplyMin}`, (v) => v >= TARGETS.bulkImportOverApplyMin),
    check('no-op plan (ms)', planNoop.wallMs, `≤ ${TARGETS.noopPlanMaxMs}`, (v) => v <= TARGETS.noopPlanMaxMs),
    check('validate (ms)', validate.wallMs, `≤ ${TARGETS.validateMaxMs}`, (v) => v <= TARGETS.validateMaxMs),
    check('peak RSS (MB)', peakRss, `≤ ${TARGETS.peakRssMaxMb}`, (v) => v <= TARGETS.peakRssMaxMb),
  ];

  return {
    size: { exchanges: size.exchanges, queues: size.queues, bindings: size.queues, objects: total },
    runs,
    figures: {
      validate: validate.summary(),
      planEmpty: planEmpty.summary(),
      apply: apply.summary(),
      planNoop: planNoop.summary(),
      bulkImport: bulk.summary(),
      raw: Object.fromEntries([...raw].map(([c, f]) => [String(c), f.summary()])),
      stateRead: stateRead.summary(),
    },
    rawLimit: rawLimit ? { concurrency: rawLimit.concurrency, wallMs: Math.round(rawLimit.wallMs * 10) / 10 } : null,
    ratios: {
      applyOverRawLimit: nullable(ratios.applyOverRawLimit),
      bulkImportOverApply: nullable(ratios.bulkImportOverApply),
      noopPlanOverStateRead: nullable(ratios.noopPlanOverStateRead),
    },
    bulkImportPlansNothing,
    targets,
  };
}

/** One run of topo's own commands on a fresh empty vhost: plan, apply, no-op plan. */
async function topoRun(
  ctx: BenchContext,
  objects: ReturnType<typeof benchObjects>,
  total: number,
  r: number,
  figures: { planEmpty: Figure; apply: Figure; planNoop: Figure },
): Promise<void> {
  const vhost = await ctx.vhosts.create('topo');
  const spec = ctx.writeSpec(objects, vhost);
  const steps: [string, Figure, () => Promise<TopoRun>][] = [
    ['plan (empty vhost)', figures.planEmpty, () => ctx.plan(spec)],
    ['apply (empty vhost)', figures.apply, () => ctx.apply(spec)],
    ['plan (no changes)', figures.planNoop, () => ctx.noopPlan(spec)],
  ];
  try {
    for (const [label, figure, command] of steps) {
      try {
        const run = await command();
        figure.add(run.wallMs, run);
        log(`${label.padEnd(20)}run ${r + 1}: ${ms(run.wallMs)} (CPU ${ms(run.cpuMs)}), ${mb(run.peakRssMb)}`);
        if (figure === figures.apply) await ctx.expectObjects(vhost, total, 'topo apply');
      } catch (error) {
        figure.fail(error);
        log(`${label} failed: ${error instanceof Error ? error.message : String(error)}`);
        // A no-op plan after a failed apply would measure something else.
        if (figure === figures.apply) return;
      }
    }
  } finally {
    await ctx.vhosts.delete(vhost);
  }
}

async function plansNothing(ctx: BenchContext, objects: ReturnType<typeof benchObjects>, vhost: string): Promise<boolean | string> {
  try {
    await ctx.noopPlan(ctx.writeSpec(objects, vhost));
    return true;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}

/**
 * A raw concurrency more than this much slower than the fastest in the first run is not run
 * again: it cannot be the limit, and a vhost of 10k objects costs as long to delete as to fill.
 */
const RAW_CANDIDATE_MARGIN = 1.25;

function candidates(raw: Map<number, Figure>): Set<number> {
  const best = fastest(raw);
  if (!best) return new Set(raw.keys());
  return new Set([...raw].filter(([, f]) => f.wallMs <= best.wallMs * RAW_CANDIDATE_MARGIN).map(([c]) => c));
}

function fastest(raw: Map<number, Figure>): { concurrency: number; wallMs: number } | null {
  let best: { concurrency: number; wallMs: number } | null = null;
  for (const [concurrency, figure] of raw) {
    const wallMs = figure.wallMs;
    if (Number.isFinite(wallMs) && (!best || wallMs < best.wallMs)) best = { concurrency, wallMs };
  }
  return best;
}

function check(name: string, value: number, limit: string, ok: (v: number) => boolean): TargetCheck {
  const finite = Number.isFinite(value);
  return { name, value: finite ? Math.round(value * 1000) / 1000 : null, limit, ok: finite && ok(value) };
}

/** The human summary: figures, ratios, targets. */
export function renderDefaultSuite(result: DefaultSuiteResult): string {
  const f = result.figures;
  const row = (label: string, s: FigureSummary, note = '') => [
    label,
    s.wallMs === null ? 'failed' : ms(s.wallMs),
    s.cpuMs === null ? '' : ms(s.cpuMs),
    s.peakRssMb === null ? '' : mb(s.peakRssMb),
    s.error ? `FAILED: ${s.error.split('\n')[0]!.slice(0, 100)}` : note,
  ];
  const perObject = (s: FigureSummary) =>
    s.wallMs === null ? '' : `${((s.wallMs * 1000) / result.size.objects).toFixed(0)} µs/object`;
  const rows = [
    row('topo validate (offline)', f.validate),
    row('topo plan (empty vhost)', f.planEmpty, perObject(f.planEmpty)),
    row('topo apply (empty vhost)', f.apply, perObject(f.apply)),
    row('topo plan (no changes)', f.planNoop),
    row('bulk import POST /api/definitions', f.bulkImport, perObject(f.bulkImport)),
    ...Object.entries(f.raw).map(([c, s]) =>
      row(
        `raw API calls, concurrency ${c}`,
        s,
        result.rawLimit?.concurrency === Number(c)
          ? 'fastest: the raw limit'
          : s.samplesMs.length < result.runs
            ? `1 run: over ${RAW_CANDIDATE_MARGIN}× the fastest`
            : '',
      ),
    ),
    row('GET /api/definitions (state read)', f.stateRead),
  ];
  const s = result.size;
  const lines = [
    `${s.objects} objects: ${s.exchanges} topic exchanges, ${s.queues} queues, ${s.bindings} bindings; median of ${result.runs} runs`,
    '',
    renderTable(['measurement', 'wall', 'client CPU', 'peak RSS', 'note'], rows),
    '',
    renderTable(
      ['ratio', 'value'],
      [
        ['apply / raw limit', ratio(result.ratios.applyOverRawLimit ?? Number.NaN)],
        ['bulk import / apply', ratio(result.ratios.bulkImportOverApply ?? Number.NaN)],
        ['no-op plan / state read', ratio(result.ratios.noopPlanOverStateRead ?? Number.NaN)],
      ],
    ),
    '',
    renderTable(
      ['target (issue 7, 10k objects)', 'measured', 'limit', 'met'],
      result.targets.map((t) => [t.name, t.value === null ? 'n/a' : String(Math.round(t.value * 100) / 100), t.limit, t.ok ? 'yes' : 'NO']),
    ),
    '',
    `no-op plan against the bulk-imported vhost: ${result.bulkImportPlansNothing === true ? 'no changes (topo reads what the broker imported)' : result.bulkImportPlansNothing}`,
  ];
  return `${lines.join('\n')}\n`;
}
