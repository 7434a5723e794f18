import { describeConnection } from '../broker/connection.js';
import { ExitCode } from '../errors.js';
import { renderTestResultsText, testResultsJson } from '../routing/render-test-results.js';
import { runRoutingTests } from '../routing/run-routing-tests.js';
import type { TestResult } from '../routing/test-result.js';
import type { Topology } from '../model/topology.js';
import type { CommandIO } from './io.js';
import { loadSpecFromFlags } from './load-spec.js';
import { interruptOnce } from './interrupt-once.js';
import type { TestOptions } from './options.js';
import { resolveConnection } from './resolve-connection.js';
import { useColor } from './use-color.js';

/**
 * A way of running the spec's routing tests: one result per test, in spec order. Offline and
 * live runners differ only here; the report is the same.
 */
export type RoutingTestRunner = (topology: Topology, options: TestOptions, io: CommandIO) => Promise<TestResult[]>;

/** Runs the tests through the routing simulator. */
const offlineRunner: RoutingTestRunner = async (topology) => runRoutingTests(topology);

/**
 * The runner that publishes real messages to a scratch copy of each vhost (src/live-test). While
 * it runs, Ctrl-C (or SIGTERM) stops it and removes the scratch vhost before topo exits;
 * after the first signal the handlers are gone, so a second one ends topo at once.
 */
async function liveRunner(): Promise<RoutingTestRunner> {
  const { runLiveTests } = await import('../live-test/run-live-tests.js');
  return async (topology, options, io) => {
    const connection = resolveConnection(options, io.env);
    const controller = new AbortController();
    const stopHandling = interruptOnce(() => {
      io.err('Interrupted: removing the scratch vhost (press Ctrl-C again to quit now)...\n');
      controller.abort();
    });
    try {
      if (!options.json) {
        io.out(`Live tests on ${describeConnection(connection)}: each vhost is built in a scratch vhost, removed afterwards\n`);
      }
      return await runLiveTests(topology, connection, { signal: controller.signal, onWarning: (line) => io.err(`${line}\n`) });
    } finally {
      stopHandling();
    }
  };
}

/**
 * `topo test PATH... [--live] [--json]`: runs the spec's `tests:` and reports each one.
 * Exits 0 when all pass, 1 when one fails.
 */
export async function testCommand(paths: string[], options: TestOptions, io: CommandIO): Promise<number> {
  const runner = options.live ? await liveRunner() : offlineRunner;
  const topology = await loadSpecFromFlags(paths, options, io, options.live ? 'broker' : 'offline');
  const results = await runner(topology, options, io);
  io.out(
    options.json
      ? `${JSON.stringify(testResultsJson(results), null, 2)}\n`
      : renderTestResultsText(results, { color: useColor(options.color, io) }),
  );
  return results.every((r) => r.passed) ? ExitCode.ok : ExitCode.error;
}
