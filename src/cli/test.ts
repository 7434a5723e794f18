import { ExitCode, TopoError } from '../errors.js';
import { renderTestResultsText, testResultsJson } from '../routing/render-test-results.js';
import { runRoutingTests } from '../routing/run-routing-tests.js';
import type { TestResult } from '../routing/test-result.js';
import type { Topology } from '../spec/topology.js';
import type { CommandIO } from './io.js';
import { loadSpecFromFlags } from './load-spec.js';
import type { TestOptions } from './options.js';

/**
 * A way of running the spec's routing tests: one result per test, in spec order. Offline and
 * live runners differ only here; the report is the same.
 */
export type RoutingTestRunner = (topology: Topology, options: TestOptions, io: CommandIO) => Promise<TestResult[]>;

/** Runs the tests through the routing simulator. */
export const offlineRunner: RoutingTestRunner = async (topology) => runRoutingTests(topology);

/** The runner that publishes real messages to a scratch copy of each vhost. */
async function liveRunner(): Promise<RoutingTestRunner> {
  throw new TopoError('usage', 'topo test --live is not available yet');
}

/**
 * `topo test PATH... [--live] [--json]`: runs the spec's `tests:` and reports each one.
 * Exits 0 when all pass, 1 when one fails.
 */
export async function testCommand(paths: string[], options: TestOptions, io: CommandIO): Promise<number> {
  const runner = options.live ? await liveRunner() : offlineRunner;
  const topology = await loadSpecFromFlags(paths, options, io);
  const results = await runner(topology, options, io);
  io.out(
    options.json
      ? `${JSON.stringify(testResultsJson(results), null, 2)}\n`
      : renderTestResultsText(results, { color: io.isTTY && !io.env.NO_COLOR }),
  );
  return results.every((r) => r.passed) ? ExitCode.ok : ExitCode.error;
}
