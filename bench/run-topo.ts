/**
 * Runs one topo command as its own process, as a user or CI would (`node bin/topo.js ...`), and
 * measures it end to end: wall time from spawn to exit, and the child's peak RSS and CPU time
 * (written by ./usage-preload.js on exit).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root: the nearest folder above this file with bin/topo.js (from bench/ or dist/bench/). */
export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
const TOPO_BIN = join(REPO_ROOT, 'bin', 'topo.js');
// Always the compiled preload: node cannot --import the TypeScript source.
const PRELOAD = pathToFileURL(join(REPO_ROOT, 'dist', 'bench', 'usage-preload.js')).href;

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'topo.js'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no bin/topo.js above ${start}`);
  }
}
/** What is kept of a child's output for error messages. */
const TAIL_CHARS = 2000;

export interface TopoRun {
  wallMs: number;
  /** Peak resident set size of the topo process, in MB; NaN when it could not be read. */
  peakRssMb: number;
  /**
   * CPU time (user + system) of the topo process, in ms; NaN when it could not be read. Less
   * sensitive to other load on the machine than wall time: compare it to wall time to see
   * how much of a command is topo's own work and how much is waiting (broker, other processes).
   */
  cpuMs: number;
  exitCode: number;
  stdoutTail: string;
  stderrTail: string;
}

export interface RunTopoOptions {
  /** Exit codes that count as success; others throw. Default [0]. */
  okExitCodes?: number[];
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  env?: NodeJS.ProcessEnv;
}

/** `node bin/topo.js ...args`, timed; throws with the command's output when it fails. */
export async function runTopo(args: string[], options: RunTopoOptions = {}): Promise<TopoRun> {
  const dir = mkdtempSync(join(tmpdir(), 'topo-bench-'));
  const usageFile = join(dir, 'usage.json');
  try {
    const nodeArgs = [...(options.nodeFlags ?? []), '--import', PRELOAD, TOPO_BIN, ...args];
    const started = performance.now();
    const child = spawn(process.execPath, nodeArgs, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env, TOPO_BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdoutTail = '';
    let stderrTail = '';
    // Output is read (a CI log would receive it too) but only its end is kept.
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdoutTail = (stdoutTail + s).slice(-TAIL_CHARS)));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderrTail = (stderrTail + s).slice(-TAIL_CHARS)));
    const exitCode = await new Promise<number>((resolveExit, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolveExit(code ?? (signal ? 128 : 1)));
    });
    const wallMs = performance.now() - started;
    const ok = options.okExitCodes ?? [0];
    if (!ok.includes(exitCode)) {
      throw new Error(`topo ${args.join(' ')} exited ${exitCode}\n${stderrTail.trim()}\n${stdoutTail.trim().slice(-500)}`);
    }
    let peakRssMb = Number.NaN;
    let cpuMs = Number.NaN;
    try {
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuUs: number };
      peakRssMb = usage.maxRssKb / 1024;
      cpuMs = usage.cpuUs / 1000;
    } catch {
      // The preload did not run (killed process): usage stays unknown rather than wrong.
    }
    return { wallMs, peakRssMb, cpuMs, exitCode, stdoutTail, stderrTail };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
