/**
 * The done-when of issue 15, on the real broker: classic queues full of persistent messages
 * become quorum queues while a publisher publishes and a consumer consumes, and every message
 * published before and during the migration is delivered (none lost; duplicates counted and
 * reported); then the same with `topo apply` killed with SIGKILL at seeded random moments and
 * run again until it converges.
 *
 * Size: TOPO_MIGRATE_QUEUES x TOPO_MIGRATE_MESSAGES (the issue's full size is 20 x 5000; the
 * default run is smaller, to stay well under a minute on a 2-core machine shared with two
 * brokers). TOPO_MIGRATE_SEED picks the kill delays.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { quorumJobsVhostYaml } from '../../../bench/migration-spec.js';
import { holdingQueueOf } from '../../../src/model/holding-queue.js';
import { seededRandom } from '../../support/seeded-random.js';
import { BROKER_FLAGS, topo } from '../apply/support.js';
import { duplicates, prefill, startLiveTraffic, type LiveTraffic } from './live-traffic.js';
import { bindQueue, declareExchange, declareQueue, migrateFixture, queuesOf, readyCount, takeAll, type MigrateFixture } from './support.js';

const BIN = fileURLToPath(new URL('../../../bin/topo.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../../dist/src/cli/main.js', import.meta.url));
const QUEUES = Number(process.env.TOPO_MIGRATE_QUEUES ?? 20);
const MESSAGES = Number(process.env.TOPO_MIGRATE_MESSAGES ?? 1000);
const SEED = Number(process.env.TOPO_MIGRATE_SEED ?? 15);
/** Messages per second the live publisher sends during the migration. */
const RATE = 500;
/**
 * The consumer's time per message: 10 in flight per queue at 100 ms each is 100 messages a
 * second per queue, enough for the live traffic, too slow to empty the backlog before the
 * migration moves it.
 */
const WORK_MS = 100;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of cleanups.reverse()) await dispose();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` classic queues `q00`.., bound to the direct exchange `jobs` by their own names, `messages` each, and live traffic. */
async function liveSetup(
  label: string,
  count: number,
  messages: number,
): Promise<{ f: MigrateFixture; spec: string; traffic: LiveTraffic; prefilled: number }> {
  expect(existsSync(BUILT), 'run `npm run build` first').toBe(true);
  const f = await migrateFixture(label);
  cleanups.push(f.dispose);
  const names = Array.from({ length: count }, (_, i) => `q${String(i).padStart(2, '0')}`);
  await declareExchange(f.vhost, 'jobs');
  for (const name of names) {
    await declareQueue(f.vhost, name);
    await bindQueue(f.vhost, 'jobs', name, name);
  }
  const prefilled = await prefill(await f.amqp(), names, messages);
  const spec = await f.spec(quorumJobsVhostYaml(names));
  const traffic = await startLiveTraffic({ connect: () => f.amqp(), exchange: 'jobs', queues: names, rate: RATE, workMs: WORK_MS });
  cleanups.push(() => traffic.close());
  // The prefilled messages are as much the test's as the live ones.
  for (const id of prefilled) traffic.confirmed.add(id);
  await sleep(300);
  return { f, spec, traffic, prefilled: prefilled.length };
}

/** Ready messages in every queue of the vhost now: what the migration has to move. */
async function queuedNow(f: MigrateFixture): Promise<number> {
  const model = await f.amqp();
  let total = 0;
  for (const q of await queuesOf(f.vhost)) total += (await readyCount(model, q.name)) ?? 0;
  return total;
}

/** Runs `topo apply` as its own process; kills it with SIGKILL after `killAfterMs` when given. */
function applyProcess(spec: string, killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'apply', spec, '--migrate', '--allow-replace', '--yes', ...BROKER_FLAGS], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    }),
  );
}

/**
 * Stops the traffic, lets the consumer take what it can, then takes what is still queued, and
 * checks that every confirmed message was delivered or is still queued, and that the
 * migration is complete.
 */
async function expectNothingLost(f: MigrateFixture, spec: string, traffic: LiveTraffic, prefilled: number, what: string): Promise<void> {
  await sleep(500);
  await traffic.stopPublishing();
  traffic.hurry();
  const undelivered = await traffic.drained(30_000);
  await traffic.close();
  const queues = await queuesOf(f.vhost);
  const model = await f.amqp();
  const queued = new Set<string>();
  for (const q of queues) for (const m of await takeAll(model, q.name)) queued.add(String(m.properties.messageId));
  const lost = undelivered.filter((id) => !queued.has(id));
  const c = traffic.counts();
  console.log(
    `${what}: ${traffic.confirmed.size} messages (${prefilled} before, ${traffic.confirmed.size - prefilled} published during), ` +
      `${traffic.received.size} delivered, ${undelivered.length - lost.length} still queued, ${lost.length} lost, ` +
      `${duplicates(traffic.received)} delivered twice; publisher: ${c.returns} returned or unconfirmed and published again; ` +
      `consumer: ${c.cancels} cancels, ${c.reconnects} reconnects`,
  );
  expect(lost.slice(0, 20)).toEqual([]);
  expect(queues.filter((q) => holdingQueueOf(q) !== undefined)).toEqual([]);
  expect(queues.every((q) => q.type === 'quorum')).toBe(true);
  expect((await topo(['plan', spec, '--detailed-exitcode'])).code).toBe(0);
}

describe('a migration under live traffic', () => {
  it(`moves ${QUEUES} classic queues of ${MESSAGES} persistent messages to quorum, losing none`, { timeout: 300_000 }, async () => {
    const { f, spec, traffic, prefilled } = await liveSetup('migrate-live', QUEUES, MESSAGES);
    const queued = await queuedNow(f);
    const started = performance.now();
    const run = await applyProcess(spec);
    const seconds = (performance.now() - started) / 1000;
    expect(run.stderr.replace(/^Waiting for another topo apply.*\n/gm, '')).toBe('');
    expect(run.code).toBe(0);
    console.log(`topo apply --migrate of ${QUEUES} queues holding ${queued} messages (of ${QUEUES * MESSAGES} published before) took ${seconds.toFixed(1)} s`);
    await expectNothingLost(f, spec, traffic, prefilled, 'live migration');
  });

  it('completes after apply is killed with SIGKILL at random moments, losing none', { timeout: 300_000 }, async () => {
    const count = Math.max(1, Math.round(QUEUES / 4));
    const { f, spec, traffic, prefilled } = await liveSetup('migrate-killed', count, MESSAGES);
    const next = seededRandom(SEED);
    const kills: string[] = [];
    for (let k = 0; k < 3; k++) {
      const delay = Math.round(400 + next() * 2500);
      const run = await applyProcess(spec, delay);
      const holding = (await queuesOf(f.vhost)).filter((q) => holdingQueueOf(q) !== undefined).length;
      kills.push(`${run.signal ?? `exit ${run.code}`} after ${delay} ms, ${holding} holding queues left`);
      if (run.code === 0) break;
    }
    let runs = 0;
    for (; runs < 5; runs++) if ((await applyProcess(spec)).code === 0) break;
    console.log(`seed ${SEED}: ${kills.join('; ')}; then ${runs + 1} run(s) to converge`);
    expect(runs).toBeLessThan(5);
    await expectNothingLost(f, spec, traffic, prefilled, `killed migration (seed ${SEED})`);
  });
});
