/**
 * Helpers for the `topo test --live` integration tests: running the CLI in-process against
 * the test broker, and listing the broker's vhosts independently of topo.
 */
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { SCRATCH_VHOST_PREFIX, scratchVhostName } from '../../../src/live-test/scratch-vhost-name.js';
import { AMQP_URL, MGMT_URL, mgmt, PASSWORD, USER } from '../../support/broker.js';

/** Flags that point the CLI at the test broker. */
export const BROKER_FLAGS = ['--url', MGMT_URL, '--user', USER, '--password', PASSWORD, '--amqp-url', AMQP_URL];

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `topo <args>` in-process, without a terminal; `broker` adds the test broker's flags. */
export async function topo(args: string[], options: { broker?: boolean } = {}): Promise<RunResult> {
  const io = bufferIO({});
  const code = await main(['node', 'topo', ...args, ...(options.broker === false ? [] : BROKER_FLAGS)], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Every vhost name on the broker, read with the test's own client. */
export async function vhostNames(): Promise<string[]> {
  return (await mgmt<{ name: string }[]>('GET', '/vhosts?columns=name')).map((v) => v.name);
}

/**
 * The scratch vhosts a live run for spec vhost `vhost` would create: they share the prefix
 * `scratchVhostName` gives them before its random part.
 */
export function isScratchFor(vhost: string): (name: string) => boolean {
  const prefix = scratchVhostName(vhost, '');
  return (name) => name.startsWith(SCRATCH_VHOST_PREFIX) && name.startsWith(prefix);
}

/** The `topo test --json` document, as far as these tests read it. */
export interface TestsJson {
  summary: { passed: number; failed: number };
  tests: { name: string; vhost: string; passed: boolean; got: string[]; expected: string[]; error?: { code: string; message: string } }[];
}
