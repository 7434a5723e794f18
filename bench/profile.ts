/**
 * Where topo's time goes: runs `validate` and a no-op `plan` of N objects (default 10,000)
 * under `node --cpu-prof`, and prints the functions with the most self time, and the time
 * per package or topo module. Profiles are kept in bench/results/profiles/ (open them in
 * Chrome DevTools > Performance, or VS Code).
 *
 *   node dist/bench/profile.js [--objects 10000] [--apply]
 *
 * `--apply` also profiles an apply into an empty vhost (mostly waiting on the broker).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchContext, log } from './bench-context.js';
import { benchObjects, objectCount, sizeFromObjects } from './generate-spec.js';
import { rawLoad } from './raw-load.js';
import { mb, ms, renderTable } from './render-table.js';
import { REPO_ROOT, runTopo } from './run-topo.js';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './summarize-profile.js';

const PROFILE_DIR = join(REPO_ROOT, 'bench', 'results', 'profiles');
const TOP = 25;

async function profileCommand(label: string, args: string[], env: NodeJS.ProcessEnv, okExitCodes = [0]): Promise<ProfileSummary> {
  const name = `${label}.cpuprofile`;
  rmSync(join(PROFILE_DIR, name), { force: true });
  const run = await runTopo(args, {
    nodeFlags: ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', name],
    env,
    okExitCodes,
  });
  const summary = summarizeProfile(JSON.parse(readFileSync(join(PROFILE_DIR, name), 'utf8')) as CpuProfile);
  process.stdout.write(`\n== ${label}: ${ms(run.wallMs)} wall (profiled), ${mb(run.peakRssMb)} peak RSS, ${ms(summary.totalMs)} profiled\n\n`);
  process.stdout.write(
    `${renderTable(
      ['self time', 'function', 'where'],
      summary.functions.slice(0, TOP).map((f) => [ms(f.selfMs), f.name, f.where]),
    )}\n\n`,
  );
  process.stdout.write(`${renderTable(['self time', 'area'], summary.areas.slice(0, 15).map((a) => [ms(a.selfMs), a.area]))}\n`);
  return summary;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { objects: { type: 'string', default: '10000' }, apply: { type: 'boolean', default: false } },
  });
  const size = sizeFromObjects(Number(values.objects));
  const objects = benchObjects(size);
  mkdirSync(PROFILE_DIR, { recursive: true });
  const ctx = new BenchContext();
  const env = { TOPO_URL: ctx.target.url, TOPO_USER: ctx.target.user, TOPO_PASSWORD: ctx.target.password };
  process.once('SIGINT', () => void ctx.close().finally(() => process.exit(130)));
  try {
    log(`profiling at ${objectCount(size)} objects`);
    const offline = ctx.writeSpec(objects, 'topo-bench-offline');
    await runTopo(['validate', offline], { env }); // warm the file cache
    await profileCommand('validate', ['validate', offline], env);

    const vhost = await ctx.vhosts.create('profile');
    const spec = ctx.writeSpec(objects, vhost);
    if (values.apply) {
      await profileCommand('apply', ['apply', spec, '--yes'], env);
    } else {
      await rawLoad(ctx.target, vhost, objects, 32);
    }
    await profileCommand('plan-noop', ['plan', spec, '--detailed-exitcode'], env);
    log(`profiles in ${relative(process.cwd(), PROFILE_DIR)}/`);
  } finally {
    for (const line of await ctx.close()) log(`could not delete ${line}`);
  }
}

main().catch((error: unknown) => {
  log(`profile: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
