/**
 * The peer a Node team would pick instead of topo (issue 16): rascal, config-driven
 * declarations over amqplib, declaring the benchmark's objects into an existing vhost on
 * `concurrency` channels of one connection (its vhost `concurrency` setting), then shutting
 * down. A benchmark-only dev dependency: topo never loads it.
 */
import { createRequire } from 'node:module';
import type { BrokerTarget } from './broker-http.js';
import type { BenchObjects } from './generate-spec.js';

interface RascalBroker {
  shutdown(): Promise<void>;
  on(event: 'error', listener: (error: unknown) => void): void;
}

interface Rascal {
  BrokerAsPromised: { create(config: unknown): Promise<RascalBroker> };
  withDefaultConfig(config: unknown): unknown;
}

// rascal is CommonJS without types of its own.
const rascal = createRequire(import.meta.url)('rascal') as Rascal;

/** Declares `objects` in `vhost` with rascal; resolves when every one was asserted. */
export async function rascalLoad(target: BrokerTarget, vhost: string, objects: BenchObjects, concurrency: number): Promise<void> {
  const url = new URL(target.amqpUrl);
  url.username = encodeURIComponent(target.user);
  url.password = encodeURIComponent(target.password);
  url.pathname = `/${encodeURIComponent(vhost)}`;
  const config = {
    vhosts: {
      [vhost]: {
        connection: { url: url.toString() },
        // The vhost exists (the benchmark made it); rascal must not check or create it.
        assert: false,
        check: false,
        concurrency,
        exchanges: Object.fromEntries(objects.exchanges.map((name) => [name, { type: 'topic', options: { durable: true } }])),
        queues: Object.fromEntries(objects.queues.map((q) => [q.name, { options: { durable: true, arguments: q.arguments } }])),
        bindings: Object.fromEntries(
          objects.bindings.map((b, i) => [
            `b${i}`,
            { source: b.source, destination: b.destination, destinationType: 'queue', bindingKey: b.routingKey },
          ]),
        ),
      },
    },
  };
  const broker = await rascal.BrokerAsPromised.create(rascal.withDefaultConfig(config));
  broker.on('error', () => undefined);
  await broker.shutdown();
}
