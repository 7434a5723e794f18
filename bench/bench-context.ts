/**
 * What every benchmark suite shares: the broker, the scratch vhosts, a work directory for
 * generated specs, and the topo commands as the benchmark runs them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrokerHttp, brokerTargetFromEnv, type BrokerTarget } from './broker-http.js';
import { renderSpecYaml, type BenchObjects } from './generate-spec.js';
import { readDefinitions } from './raw-load.js';
import { runTopo, type TopoRun } from './run-topo.js';
import { ScratchVhosts } from './scratch-vhosts.js';

export class BenchContext {
  readonly target: BrokerTarget;
  readonly http: BrokerHttp;
  readonly vhosts: ScratchVhosts;
  readonly #work: string;
  readonly #applyConcurrency: number | undefined;
  #specs = 0;

  constructor(applyConcurrency?: number) {
    this.target = brokerTargetFromEnv();
    this.http = new BrokerHttp(this.target, 4);
    this.vhosts = new ScratchVhosts(this.http, this.target.user);
    this.#work = mkdtempSync(join(tmpdir(), 'topo-bench-'));
    this.#applyConcurrency = applyConcurrency;
  }

  /** Writes the spec of `objects` in `vhost` (in each of `vhosts`) to a new file; returns its path. */
  writeSpec(objects: BenchObjects, vhost: string | readonly string[]): string {
    const file = join(this.#work, `spec-${++this.#specs}.yaml`);
    writeFileSync(file, renderSpecYaml(objects, vhost));
    return file;
  }

  /** Writes `text` to a new file of the work directory; returns its path. */
  writeText(text: string): string {
    const file = join(this.#work, `spec-${++this.#specs}.yaml`);
    writeFileSync(file, text);
    return file;
  }

  /** The environment topo runs in: the same broker as the baselines, credentials from the environment. */
  #topoEnv(): NodeJS.ProcessEnv {
    return { TOPO_URL: this.target.url, TOPO_USER: this.target.user, TOPO_PASSWORD: this.target.password };
  }

  validate(spec: string): Promise<TopoRun> {
    return runTopo(['validate', spec], { env: this.#topoEnv() });
  }

  /** `topo plan`; exit 0 only (the plan of an empty vhost lists creates, which is not a failure). */
  plan(spec: string): Promise<TopoRun> {
    return runTopo(['plan', spec], { env: this.#topoEnv() });
  }

  /** `topo plan --detailed-exitcode` that must find nothing to change: exit 2 is a failure. */
  async noopPlan(spec: string): Promise<TopoRun> {
    const run = await runTopo(['plan', spec, '--detailed-exitcode'], { env: this.#topoEnv(), okExitCodes: [0, 2] });
    if (run.exitCode === 2) {
      throw new Error(`topo plan found changes where it should find none:\n${run.stdoutTail.trim().slice(-800)}`);
    }
    return run;
  }

  apply(spec: string): Promise<TopoRun> {
    const concurrency = this.#applyConcurrency ? ['--concurrency', String(this.#applyConcurrency)] : [];
    return runTopo(['apply', spec, '--yes', ...concurrency], { env: this.#topoEnv() });
  }

  /** Checks that `vhost` holds exactly `expected` objects (exchanges + queues + bindings). */
  async expectObjects(vhost: string, expected: number, what: string): Promise<void> {
    const found = await readDefinitions(this.target, vhost);
    if (found !== expected) throw new Error(`${what}: vhost ${vhost} holds ${found} objects, expected ${expected}`);
  }

  /** Deletes every scratch vhost and the work directory; returns the vhosts that could not be deleted. */
  async close(): Promise<string[]> {
    try {
      return await this.vhosts.deleteAll();
    } finally {
      rmSync(this.#work, { recursive: true, force: true });
      this.http.close();
    }
  }
}

/** One progress line on stderr: the results go to stdout. */
export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
