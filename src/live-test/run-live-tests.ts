import { randomBytes } from 'node:crypto';
import type { ChannelModel } from 'amqplib';
import { assertCompatible } from '../apply/assert-compatible.js';
import { DEFAULT_APPLY_CONCURRENCY } from '../apply/execute-plan.js';
import { connectAmqp } from '../broker/amqp-connect.js';
import { amqpTargetOf } from '../broker/amqp-target.js';
import type { Connection } from '../broker/connection.js';
import { ManagementClient } from '../broker/management-client.js';
import { readBrokerFacts } from '../broker/read-broker-facts.js';
import { checkCompatibility } from '../compat/check-compatibility.js';
import { brokerTargetOf } from '../plan/broker-target-of.js';
import { TopoError } from '../errors.js';
import type { RouteError } from '../routing/route.js';
import { testResultOf, type TestResult } from '../routing/test-result.js';
import { declareRuntime } from '../runtime/declare-runtime.js';
import type { RoutingTest, Topology } from '../model/topology.js';
import { buildScratchVhost } from './build-scratch-vhost.js';
import { probePublisher } from './publish-probe.js';
import { watchQueues } from './queue-watch.js';
import { createScratchVhost, deleteScratchVhost } from './scratch-vhost.js';
import { scratchVhostName } from './scratch-vhost-name.js';
import { throwIfAborted, untilAborted } from './until-aborted.js';
import { vhostAs } from './vhost-as.js';

export interface LiveTestOptions {
  /**
   * Interrupts the run (Ctrl-C): no new broker call starts, the scratch vhost in use is
   * removed, and the run rejects with a `TopoError` saying so.
   */
  signal?: AbortSignal;
  /** Management API calls in flight at once while a scratch vhost is built. */
  concurrency?: number;
  /** Receives one located line per thing the broker deprecates in the vhosts tested. */
  onWarning?: (line: string) => void;
}

/**
 * Runs the spec's `tests:` against the real broker, one result per test in spec order, the
 * same shape as the simulator's (`runRoutingTests`) but without a path. A test that expects
 * a choice made at random sends several copies of its message (see `probeCount`). Each vhost the tests
 * use is built, with topo's own plan and apply, in a new scratch vhost
 * (`topo-live-<vhost>-<random>`); its exclusive queues are declared as an application would
 * (`declareRuntime`); each test's message is published there for real, and the queues it
 * landed in are read back and named by their spec names. The scratch vhost is always
 * deleted, on success, on failure and on `signal`; the spec's own vhosts are never read or
 * touched. A test naming a vhost the spec lacks fails with `unknown-vhost`, as offline.
 */
export async function runLiveTests(topology: Topology, connection: Connection, options: LiveTestOptions = {}): Promise<TestResult[]> {
  const results: TestResult[] = [];
  const byVhost = new Map<string, number[]>();
  topology.tests.forEach((test, i) => {
    if (topology.vhosts.some((v) => v.name === test.vhost)) {
      byVhost.set(test.vhost, [...(byVhost.get(test.vhost) ?? []), i]);
    } else {
      results[i] = testResultOf(test, [], { error: 'unknown-vhost', errorSubject: test.vhost });
    }
  });
  if (byVhost.size === 0) return results;

  const client = new ManagementClient(connection);
  try {
    await refuseIncompatible(client, { vhosts: topology.vhosts.filter((v) => byVhost.has(v.name)), tests: [] }, options);
    for (const [vhost, indices] of byVhost) {
      throwIfAborted(options.signal);
      const tests = indices.map((i) => topology.tests[i] as RoutingTest);
      const got = await inScratchVhost(client, vhost, (scratch) => probeVhost(client, topology, vhost, scratch, tests, options));
      indices.forEach((testIndex, k) => (results[testIndex] = got[k] as TestResult));
    }
  } finally {
    client.close();
  }
  return results;
}

/**
 * Throws, before any scratch vhost exists, what the broker would refuse of the vhosts to build
 * (every object of them is declared), one located line each; passes on what it deprecates.
 */
async function refuseIncompatible(client: ManagementClient, tested: Topology, options: LiveTestOptions): Promise<void> {
  assertCompatible(checkCompatibility(tested, brokerTargetOf(await readBrokerFacts(client))), options.onWarning);
}

/**
 * Runs `work` with a new scratch vhost for spec vhost `vhost`, and deletes that vhost
 * afterwards whatever happened. A failed delete is reported, with the vhost's name, so that
 * a user can remove it by hand.
 */
async function inScratchVhost<T>(client: ManagementClient, vhost: string, work: (scratch: string) => Promise<T>): Promise<T> {
  const scratch = scratchVhostName(vhost);
  const users = [client.connection.user, client.connection.amqpUser];
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    // Inside the try: a vhost created by a PUT whose permissions PUT then fails is removed too.
    await createScratchVhost(client, scratch, users);
    outcome = { ok: true, value: await work(scratch) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  try {
    await deleteScratchVhost(client, scratch);
  } catch (cleanupError) {
    const left = `scratch vhost "${scratch}" could not be removed (${messageOf(cleanupError)}); delete it by hand`;
    if (outcome.ok) throw new TopoError('broker-http', left);
    // Both in one line: the failure that ended the run, and what it left behind.
    const code = outcome.error instanceof TopoError ? outcome.error.code : 'amqp';
    throw new TopoError(code, `${messageOf(outcome.error)}; also, ${left}`);
  }
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Builds spec vhost `vhost` in `scratch`, publishes the probes of `tests` there, and reads where they went. */
async function probeVhost(
  client: ManagementClient,
  topology: Topology,
  vhost: string,
  scratch: string,
  tests: readonly RoutingTest[],
  options: LiveTestOptions,
): Promise<TestResult[]> {
  const { signal } = options;
  const copy = vhostAs(topology, vhost, scratch);
  const queues = copy.vhosts[0]?.queues ?? [];
  const { connection } = client;
  const ids = runId();
  throwIfAborted(signal);
  await buildScratchVhost(client, copy, vhost, {
    concurrency: options.concurrency ?? DEFAULT_APPLY_CONCURRENCY,
    ...(signal ? { signal } : {}),
  });
  throwIfAborted(signal);

  let model: ChannelModel | undefined;
  try {
    model = await connectAmqp(connection, scratch, await amqpTargetOf(client));
    // Deleting the scratch vhost closes this connection from the broker's side.
    model.on('error', () => undefined);
    throwIfAborted(signal);

    // Exclusive queues live on this connection, as an application's would.
    const exclusive = queues.filter((q) => q.exclusive).map((q) => q.name);
    const declared = exclusive.length > 0 ? await declareOn(model, copy, scratch, exclusive) : {};
    const brokerName = (specName: string) => declared[specName] ?? specName;
    const specName = new Map(queues.map((q) => [brokerName(q.name), q.name]));
    const watch = await watchQueues(
      model,
      queues.map((q) => ({ name: brokerName(q.name), type: q.type })),
      { timeoutMs: connection.timeoutMs, idPrefix: ids, vhost },
    );

    const probeId = (test: number, copy: number) => `${ids}-probe-${test}-${copy}`;
    const publisher = probePublisher(model, vhost);
    const errors: (RouteError | undefined)[] = [];
    for (const [i, test] of tests.entries()) {
      let error: RouteError | undefined;
      for (let copy = 0; copy < probeCount(test) && !error; copy++) {
        throwIfAborted(signal);
        error = await untilAborted(publisher.publish(test, probeId(i, copy)), signal);
      }
      errors.push(error);
    }
    await publisher.close();
    await watch.settle(signal);

    return tests.map((test, i) => {
      const error = errors[i];
      if (error) return testResultOf(test, [], { error, errorSubject: test.exchange });
      const results = Array.from({ length: probeCount(test) }, (_, copy) =>
        testResultOf(test, watch.queuesWith(probeId(i, copy)).map((name) => specName.get(name) ?? name)),
      );
      // Each copy must land as expected; the first that did not is the one to show.
      return results.find((r) => !r.passed) ?? (results[0] as TestResult);
    });
  } finally {
    await model?.close().catch(() => undefined);
  }
}

/**
 * Copies of a test's message to publish. One, unless the test expects a choice made at random
 * (`expectOneOf`): one copy could land in a queue of a wrongly expected group by luck, so
 * several go, each of which must land as expected. With 10 per queue of the largest group, a
 * group that misses one of two queues the exchange picks among passes with chance 2^-20.
 */
function probeCount(test: RoutingTest): number {
  const largest = Math.max(0, ...(test.expectOneOf ?? []).map((group) => group.length));
  return largest === 0 ? 1 : PROBES_PER_CHOICE * largest;
}

const PROBES_PER_CHOICE = 10;

/** Declares the exclusive queues `names` of `topology`'s vhost `vhost` on a channel of `model`. */
async function declareOn(model: ChannelModel, topology: Topology, vhost: string, names: string[]): Promise<Record<string, string>> {
  const channel = await model.createChannel();
  // declareRuntime reports a refusal itself; the channel's error event only must not go unheard.
  channel.on('error', () => undefined);
  const { queues } = await declareRuntime(channel, topology, { vhost, queues: names });
  await channel.close();
  return queues;
}

/** A fresh prefix for message ids, so that no message of another run can be mistaken for ours. */
function runId(): string {
  return `topo-live-${randomBytes(6).toString('hex')}`;
}
