/**
 * The simulator against the real broker: random topologies are declared over AMQP in a
 * scratch vhost, random messages are published to them, and where each message landed on the
 * broker must be exactly where `route` says it lands. Reproduce a failure with the printed seed:
 * ROUTING_SEED=<seed> npx vitest run test/integration/routing/differential.test.ts
 */
import { connect, type ChannelModel } from 'amqplib';
import { afterAll, describe, expect, it } from 'vitest';
import { compileRoutes } from '../../../src/routing/route-table.js';
import { route, type RouteResult } from '../../../src/routing/route.js';
import { checkCompatibility } from '../../../src/compat/check-compatibility.js';
import { parseBrokerVersion } from '../../../src/compat/broker-version.js';
import { bindingKey } from '../../../src/model/identity.js';
import type { Topology } from '../../../src/model/topology.js';
import { AMQP_URL, brokerSelf, scratchVhost } from '../../support/broker.js';
import { prng, randomMessage, randomTopology, type RandomMessage } from './random-topology.js';

const SEED = Number(process.env.ROUTING_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = 10;
const MESSAGES_PER_ROUND = 60;

let scratch: { name: string; dispose: () => Promise<void> } | undefined;
afterAll(async () => {
  await scratch?.dispose();
});

function amqpUrl(vhost: string): string {
  const url = new URL(AMQP_URL);
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return url.toString();
}

/**
 * `topology` without the bindings the broker under test refuses, as topo's compatibility rules
 * say (RabbitMQ 4.3.5+ refuses topic keys with more than two `#` words): an application could
 * not declare them either.
 */
function declarable(topology: Topology, version: string): Topology {
  const parsed = parseBrokerVersion(version);
  const refused = new Set(
    checkCompatibility(topology, parsed ? { version: parsed } : {})
      .filter((p) => p.severity === 'error' && p.subject.kind === 'binding')
      .map((p) => p.subject.key),
  );
  return { ...topology, vhosts: topology.vhosts.map((v) => ({ ...v, bindings: v.bindings.filter((b) => !refused.has(bindingKey(b))) })) };
}

/** Declares `topology` over AMQP exactly as an application would, with amqplib. */
async function declare(connection: ChannelModel, topology: Topology): Promise<void> {
  const channel = await connection.createChannel();
  const vhost = topology.vhosts[0]!;
  // One channel runs its RPCs in order, so each phase can be sent without waiting per call.
  await Promise.all([
    ...vhost.exchanges.map((x) => {
      const ae = x.arguments['alternate-exchange'];
      return channel.assertExchange(x.name, x.type, {
        durable: false,
        internal: x.internal,
        ...(typeof ae === 'string' ? { alternateExchange: ae } : {}),
      });
    }),
    ...vhost.queues.map((q) => channel.assertQueue(q.name, { durable: false })),
  ]);
  await Promise.all(
    vhost.bindings.map((b) =>
      b.destinationType === 'queue'
        ? channel.bindQueue(b.destination, b.source, b.routingKey, b.arguments)
        : channel.bindExchange(b.destination, b.source, b.routingKey, b.arguments),
    ),
  );
  await channel.close();
}

/** Deletes what `declare` made; their bindings, from amq.* exchanges too, go with them. */
async function remove(connection: ChannelModel, topology: Topology): Promise<void> {
  const channel = await connection.createChannel();
  const vhost = topology.vhosts[0]!;
  await Promise.all([
    ...vhost.exchanges.map((x) => channel.deleteExchange(x.name)),
    ...vhost.queues.map((q) => channel.deleteQueue(q.name)),
  ]);
  await channel.close();
}

/** Publishes every message with confirms, then drains every queue: message id → queues. */
async function deliver(connection: ChannelModel, topology: Topology, messages: RandomMessage[]): Promise<Map<string, string[]>> {
  const channel = await connection.createConfirmChannel();
  messages.forEach((m, i) => {
    channel.publish(m.exchange, m.routingKey, Buffer.from(String(i)), { messageId: String(i), headers: m.headers });
  });
  await channel.waitForConfirms();
  const landed = new Map<string, string[]>();
  for (const q of topology.vhosts[0]!.queues) {
    for (let got = await channel.get(q.name, { noAck: true }); got; got = await channel.get(q.name, { noAck: true })) {
      const id = String(got.properties.messageId);
      landed.set(id, [...(landed.get(id) ?? []), q.name]);
    }
  }
  await channel.close();
  return landed;
}

/** How a publish to `exchange` fails on the broker: the channel's close code, or 0. */
async function publishFailure(connection: ChannelModel, exchange: string): Promise<number> {
  const channel = await connection.createConfirmChannel();
  const closed = new Promise<number>((resolve) => {
    channel.on('error', (error: { code?: number }) => resolve(error.code ?? -1));
    channel.on('close', () => resolve(0));
  });
  channel.publish(exchange, 'k', Buffer.from('x'));
  await channel.waitForConfirms().then(
    () => channel.close(),
    () => undefined,
  );
  return closed;
}

interface Mismatch {
  round: number;
  message: RandomMessage;
  simulated: RouteResult;
  broker: string[];
}

describe('routing simulator vs RabbitMQ', () => {
  it(`agrees with the broker on random topologies (seed ${SEED})`, async () => {
    const r = prng(SEED);
    const mismatches: Mismatch[] = [];
    const dumps: string[] = [];
    const coverage = { cases: 0, routed: 0, alternate: 0, exchangeHops: 0, revisits: 0, headers: 0, topic: 0 };
    const errorChecks: string[] = [];

    // One vhost for every round: each round's names carry its own prefix and are deleted
    // after it, which keeps the test fast on a busy broker (creating a vhost is slow).
    scratch = await scratchVhost('routing-diff');
    const { version } = await brokerSelf();
    const connection = await connect(amqpUrl(scratch.name));
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const topology = declarable(randomTopology(r, scratch.name, `r${round}.`), version);
        const messages = Array.from({ length: MESSAGES_PER_ROUND }, () => randomMessage(r, topology));
        const table = compileRoutes(topology, scratch.name);
        await declare(connection, topology);
        const landed = await deliver(connection, topology, messages);
        messages.forEach((message, i) => {
          const simulated = route(table, message);
          const broker = landed.get(String(i)) ?? [];
          coverage.cases++;
          if (simulated.queues.length > 0) coverage.routed++;
          if (simulated.alternateExchangeUsed) coverage.alternate++;
          for (const hop of simulated.path) {
            if (hop.destinationType === 'exchange' && hop.outcome === 'entered') coverage.exchangeHops++;
            if (hop.outcome === 'already-visited') coverage.revisits++;
            if (hop.via === 'binding' && Object.keys(hop.arguments).length > 0) coverage.headers++;
            if (hop.via === 'binding' && /[*#]/.test(hop.routingKey)) coverage.topic++;
          }
          // A queue never holds two copies of one message: the broker agrees with the
          // simulator's premise, or the sorted comparison below would hide it.
          const same = JSON.stringify([...broker].sort()) === JSON.stringify(simulated.queues);
          if (simulated.error || !same || new Set(broker).size !== broker.length) {
            mismatches.push({ round, message, simulated, broker });
          }
        });

        // Publishing to an internal or an unknown exchange fails as the simulator says.
        const internal = topology.vhosts[0]!.exchanges.find((x) => x.internal);
        const refused = [...(internal ? [internal.name] : []), 'no-such-exchange'];
        for (const name of refused) {
          const code = await publishFailure(connection, name);
          const error = route(table, { exchange: name, routingKey: 'k' }).error;
          errorChecks.push(`${name}:${code}:${error}`);
          const expected = error === 'internal-exchange' ? 403 : error === 'unknown-exchange' ? 404 : 0;
          if (code !== expected) dumps.push(`round ${round}: publish to ${name} closed with ${code}, simulator says ${error}`);
        }
        if (mismatches.some((m) => m.round === round)) dumps.push(`round ${round} topology: ${JSON.stringify(topology.vhosts[0])}`);
        await remove(connection, topology);
      }
    } finally {
      await connection.close();
    }

    const report = [
      `seed ${SEED}: ${mismatches.length} of ${coverage.cases} messages differ (ROUTING_SEED=${SEED} to replay)`,
      ...mismatches.slice(0, 10).map(
        (m) =>
          `round ${m.round}: ${JSON.stringify(m.message)} → broker ${JSON.stringify([...m.broker].sort())}, simulator ${JSON.stringify(m.simulated.queues)}${m.simulated.error ? ` (${m.simulated.error})` : ''}`,
      ),
      ...dumps,
    ].join('\n');
    expect(mismatches, report).toEqual([]);
    expect(dumps, report).toEqual([]);
    expect(coverage.cases).toBeGreaterThanOrEqual(300);
    // The generator must exercise what the simulator is tested for, or agreement means little.
    for (const key of ['routed', 'alternate', 'exchangeHops', 'revisits', 'headers', 'topic'] as const) {
      expect(coverage[key], `seed ${SEED}: no case of ${key}`).toBeGreaterThan(0);
    }
    console.log(`routing differential: seed ${SEED}, ${JSON.stringify(coverage)}, ${errorChecks.length} refused publishes`);
  }, 60_000);
});
