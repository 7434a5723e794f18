/**
 * The command-line plumbing every tutorial program shares: find its spec file, connect to the
 * spec's vhost, check at start that what the operators applied is there, run, and stop
 * cleanly on Ctrl-C. The programs' own logic lives in exported functions that tests drive.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import amqp, { type ChannelModel } from 'amqplib';
import { assertTopology } from '../../src/runtime/assert-topology.js';
import { loadTopology } from '../../src/load/load-topology.js';
import type { Topology } from '../../src/model/topology.js';

/** A tutorial's topology and the vhost of it the program works in. */
export interface TutorialSpec {
  topology: Topology;
  vhost: string;
}

/** A running consumer; `stop` cancels it and closes its channel. */
export interface Running {
  stop(): Promise<void>;
}

/** True when the module with this `import.meta.url` is the program node was asked to run. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}

/**
 * The broker URL for a vhost: TOPO_AMQP_URL (default `amqp://guest:guest@localhost`) with
 * its path replaced by the vhost, so one variable serves every tutorial.
 */
export function amqpUrl(vhost: string, env: NodeJS.ProcessEnv = process.env): string {
  const url = new URL(env.TOPO_AMQP_URL || 'amqp://guest:guest@localhost');
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return url.toString();
}

/**
 * Loads a tutorial's spec file and picks its vhost. The file sits next to the sources; a
 * program compiled into dist/examples/tutorials/ finds it in the source folder.
 */
export async function loadTutorialSpec(file: string): Promise<TutorialSpec> {
  const beside = fileURLToPath(new URL(file, import.meta.url));
  const inSources = fileURLToPath(new URL(`../../../examples/tutorials/${file}`, import.meta.url));
  const path = existsSync(beside) ? beside : inSources;
  const topology = await loadTopology([path]);
  const [only, ...others] = topology.vhosts;
  if (!only || others.length > 0) throw new Error(`${file}: a tutorial spec describes exactly one vhost`);
  return { topology, vhost: only.name };
}

/**
 * Runs a tutorial program: loads its spec, connects, asserts the topology, then runs `body`.
 * A publisher's body returns nothing and the connection closes when it is done; a consumer's
 * body returns what it started, which runs until Ctrl-C. Errors print one line and exit 1.
 */
export async function runTutorial(
  specFile: string,
  body: (conn: ChannelModel, spec: TutorialSpec) => Promise<Running | void>,
): Promise<void> {
  let conn: ChannelModel | undefined;
  try {
    const spec = await loadTutorialSpec(specFile);
    conn = await amqp.connect(amqpUrl(spec.vhost));
    // Without a listener amqplib would throw a lost connection from its socket handler.
    conn.on('error', fail);
    await assertTopology(conn, spec.topology, { vhost: spec.vhost });
    const running = await body(conn, spec);
    if (!running) {
      await conn.close();
      return;
    }
    console.log(' [*] Waiting for messages. To exit press CTRL+C');
    const open = conn;
    process.once('SIGINT', () => {
      void running
        .stop()
        .then(() => open.close())
        .catch(fail);
    });
  } catch (err) {
    fail(err);
    // An open connection would keep the process alive after the error.
    await conn?.close().catch(() => undefined);
  }
}

function fail(err: unknown): void {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
