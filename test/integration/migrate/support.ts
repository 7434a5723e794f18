/**
 * Helpers for the migration tests: a vhost with a spec file, messages published with every
 * property, and reads of queues and bindings made independently of topo.
 */
import amqp, { type ChannelModel, type GetMessage, type Options } from 'amqplib';
import { holdingQueueArguments } from '../../../src/model/holding-queue.js';
import type { Arguments } from '../../../src/model/topology.js';
import { AMQP_URL, enc, mgmt, scratchVhost } from '../../support/broker.js';
import { q, tempDir } from '../apply/support.js';

export interface MigrateFixture {
  vhost: string;
  /** Writes `queues:` and `bindings:` YAML (already indented for the vhost) as the spec; returns its path. */
  spec: (body: string) => Promise<string>;
  amqp: () => Promise<ChannelModel>;
  dispose: () => Promise<void>;
}

export async function migrateFixture(label: string): Promise<MigrateFixture> {
  const vhost = await scratchVhost(label);
  const dir = await tempDir();
  const models: ChannelModel[] = [];
  let specs = 0;
  return {
    vhost: vhost.name,
    spec: (body) => dir.file(`spec-${++specs}.yaml`, `version: 1\nvhosts:\n  ${q(vhost.name)}:\n${body}`),
    async amqp() {
      const model = await amqp.connect(`${AMQP_URL}/${enc(vhost.name)}`);
      model.on('error', () => undefined);
      models.push(model);
      return model;
    },
    async dispose() {
      for (const model of models) await model.close().catch(() => undefined);
      await vhost.dispose();
      await dir.dispose();
    },
  };
}

/** Declares a queue the way a broker operator would, through the management API. */
export async function declareQueue(vhost: string, name: string, args: Record<string, unknown> = {}): Promise<void> {
  await mgmt('PUT', `/queues/${enc(vhost)}/${enc(name)}`, { durable: true, auto_delete: false, arguments: args });
}

/** Declares a holding queue exactly as topo does, as an interrupted migration leaves it. */
export async function declareHoldingQueue(vhost: string, name: string, of: string): Promise<void> {
  await declareQueue(vhost, name, holdingQueueArguments(of));
}

export async function declareExchange(vhost: string, name: string, type = 'direct'): Promise<void> {
  await mgmt('PUT', `/exchanges/${enc(vhost)}/${enc(name)}`, { type, durable: true, auto_delete: false, internal: false, arguments: {} });
}

export async function bindQueue(vhost: string, exchange: string, queue: string, routingKey: string): Promise<void> {
  await mgmt('POST', `/bindings/${enc(vhost)}/e/${enc(exchange)}/q/${enc(queue)}`, { routing_key: routingKey, arguments: {} });
}

/** The routing keys of the exchange bindings to `queue`, sorted. */
export async function bindingKeysOf(vhost: string, queue: string): Promise<string[]> {
  const rows = await mgmt<{ source: string; routing_key: string }[]>('GET', `/queues/${enc(vhost)}/${enc(queue)}/bindings`, undefined, {
    expect: [200, 404],
  }).catch(() => []);
  return (rows ?? [])
    .filter((r) => r.source !== '')
    .map((r) => `${r.source}:${r.routing_key}`)
    .sort();
}

/** Names and types of the queues of a vhost, sorted by name. */
export async function queuesOf(vhost: string): Promise<{ name: string; type: string; arguments: Arguments }[]> {
  const rows = await mgmt<{ name: string; type?: string; arguments: Arguments }[]>(
    'GET',
    `/queues/${enc(vhost)}?disable_stats=true&columns=name,type,arguments`,
  );
  return rows
    .map((r) => ({ name: r.name, type: r.type ?? String(r.arguments['x-queue-type'] ?? 'classic'), arguments: r.arguments }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Publishes to `queue` through the default exchange with publisher confirms. */
export async function publishTo(model: ChannelModel, queue: string, messages: { body: string; options: Options.Publish }[]): Promise<void> {
  const channel = await model.createConfirmChannel();
  for (const m of messages) channel.sendToQueue(queue, Buffer.from(m.body), m.options);
  await channel.waitForConfirms();
  await channel.close();
}

/** Takes every message of `queue` (basic.get, acknowledged), in queue order. */
export async function takeAll(model: ChannelModel, queue: string): Promise<GetMessage[]> {
  const channel = await model.createChannel();
  const out: GetMessage[] = [];
  for (;;) {
    const m = await channel.get(queue, { noAck: true });
    if (m === false) break;
    out.push(m);
  }
  await channel.close();
  return out;
}

/** Ready messages of `queue` now (AMQP passive declare), or undefined when it does not exist. */
export async function readyCount(model: ChannelModel, queue: string): Promise<number | undefined> {
  const channel = await model.createChannel();
  channel.on('error', () => undefined);
  try {
    return (await channel.checkQueue(queue)).messageCount;
  } catch {
    return undefined;
  } finally {
    await channel.close().catch(() => undefined);
  }
}
