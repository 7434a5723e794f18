/**
 * The throwaway RabbitMQ node of the restart tier (scripts/throwaway-node.sh): a node of its
 * own, on free ports and in a temp dir chosen here, that these tests may stop and start at
 * will. The host's broker, which every other test and engineer shares, is never touched.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../../support/free-port.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../../scripts/throwaway-node.sh', import.meta.url));

/** The variables that place the node: the script reads them, and so does `throwawayCtl`. */
export type ThrowawayEnv = Record<`TOPO_THROWAWAY_${'DIR' | 'AMQP_PORT' | 'MGMT_PORT' | 'DIST_PORT' | 'EPMD_PORT'}`, string>;

/**
 * Free ports and a fresh dir, so that two runs (two worktrees, two engineers) never share or
 * stop each other's node.
 */
export async function chooseThrowawayPlace(): Promise<ThrowawayEnv> {
  const ports = new Set<number>();
  while (ports.size < 4) ports.add(await freePort());
  const [amqp, mgmt, dist, epmd] = [...ports].map(String) as [string, string, string, string];
  return {
    TOPO_THROWAWAY_DIR: join(mkdtempSync(join(tmpdir(), 'topo-throwaway-')), 'node'),
    TOPO_THROWAWAY_AMQP_PORT: amqp,
    TOPO_THROWAWAY_MGMT_PORT: mgmt,
    TOPO_THROWAWAY_DIST_PORT: dist,
    TOPO_THROWAWAY_EPMD_PORT: epmd,
  };
}

/** Runs `scripts/throwaway-node.sh ARGS` for the node `place` describes; its stdout. */
export async function throwawayNode(place: ThrowawayEnv, ...args: string[]): Promise<string> {
  const { stdout } = await run('bash', [SCRIPT, ...args], { env: { ...process.env, ...place }, timeout: 180_000 });
  return stdout;
}

/**
 * The node's place as this test process received it from the globalSetup; throws when the
 * tests run without it, so a restart test can never reach another broker.
 */
export function currentThrowawayPlace(): ThrowawayEnv {
  const keys = ['DIR', 'AMQP_PORT', 'MGMT_PORT', 'DIST_PORT', 'EPMD_PORT'] as const;
  const place: Partial<Record<string, string>> = {};
  for (const key of keys) {
    const value = process.env[`TOPO_THROWAWAY_${key}`];
    if (!value) throw new Error(`TOPO_THROWAWAY_${key} is not set: run the restart tests with --config vitest.restart.config.ts`);
    place[`TOPO_THROWAWAY_${key}`] = value;
  }
  return place as ThrowawayEnv;
}
